#include "features/product_layer.h"

#include "base/error.h"
#include "features/json_reader.h"
#include "products/observation_mask.h"

namespace soilscope::features {

LayerGridding LayerGridding::fromJson(const nlohmann::json& j, const std::string& jsonPath) {
    if (!j.is_object())
        throw Error(jsonPath + ": expected an object {\"method\", \"radius_km\", \"mask\"}");
    const JsonReader r(j, jsonPath);
    r.allowOnly({"method", "radius_km", "mask"});
    LayerGridding g;
    g.method = r.string("method", g.method);
    try {
        products::parseGriddingMethod(g.method);
    } catch (const Error&) {
        r.fail("method", "expected nearest, idw or mean");
    }
    g.radiusKm = r.number("radius_km", 0.0);
    if (!(g.radiusKm >= 0.0 && g.radiusKm <= 500.0))
        r.fail("radius_km", "expected 0 (the product's spacing) to 500 km");
    g.mask = r.string("mask", std::string());
    try {
        products::ObservationMask::parse(g.mask);
    } catch (const Error& e) {
        r.fail("mask", e.message());
    }
    return g;
}

nlohmann::json LayerGridding::toJson() const {
    nlohmann::json j{{"method", method}};
    if (radiusKm > 0.0)
        j["radius_km"] = radiusKm;
    if (!mask.empty())
        j["mask"] = mask;
    return j;
}

bool needsGridding(const std::filesystem::path& path) {
    return products::needsGridding(products::recogniseProduct(path));
}

products::GriddedProduct gridLayerProduct(const std::string& role,
                                          const std::filesystem::path& path,
                                          const std::string& variable, const geo::Grid& grid,
                                          const LayerGridding& how, Feedback& feedback) {
    products::ProductGridding request;
    request.variable = variable;
    request.mask = how.mask;
    request.method = products::parseGriddingMethod(how.method);
    request.radiusKm = how.radiusKm;
    try {
        return products::gridProduct(path, grid, request, feedback);
    } catch (const Error& e) {
        throw Error("layer '" + role + "': " + e.message(), e.context());
    }
}

std::shared_ptr<LayerSource> openGriddedProduct(const std::string& role,
                                                const std::filesystem::path& path,
                                                const std::string& variable, const geo::Grid& grid,
                                                const LayerGridding& how, Feedback& feedback) {
    auto gridded = gridLayerProduct(role, path, variable, grid, how, feedback);
    return LayerSource::inMemory(role, path.string(), grid, std::move(gridded.times),
                                 std::move(gridded.bands));
}

} // namespace soilscope::features
