#pragma once
#include "base/feedback.h"
#include "features/layer_source.h"
#include "products/product_gridding.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace soilscope::features {

/// How a layer without a grid of its own (ASCAT cells, ASCAT Level 2 swaths, SMAP L3) reaches
/// the sample grid: the "gridding" entry of a project layer and of a bundle's inputs.
struct LayerGridding {
    std::string method = "nearest"; ///< nearest, idw or mean (products::GriddingMethod)
    double radiusKm = 0.0;          ///< 0: the product's own spacing
    std::string mask;               ///< observations to keep, e.g. "ssf == 1 and proc_flag == 0"

    /// Reads {"method", "radius_km", "mask"}; errors name `jsonPath` and the key.
    static LayerGridding fromJson(const nlohmann::json& j, const std::string& jsonPath);
    nlohmann::json toJson() const;
};

/// Whether `path` is a product that reaches a grid only by gridding (see products::gridProduct).
bool needsGridding(const std::filesystem::path& path);

/// The product at `path` (its `variable`, default its soil moisture) gridded onto `grid` as the
/// layer's gridding says; errors name the role.
products::GriddedProduct gridLayerProduct(const std::string& role,
                                          const std::filesystem::path& path,
                                          const std::string& variable, const geo::Grid& grid,
                                          const LayerGridding& how, Feedback& feedback);

/// The product at `path` (its `variable`, default its soil moisture) gridded onto `grid`: a
/// raster series held in memory, one band per day (point products), overpass (swaths) or pass
/// (SMAP).
std::shared_ptr<LayerSource> openGriddedProduct(const std::string& role,
                                                const std::filesystem::path& path,
                                                const std::string& variable, const geo::Grid& grid,
                                                const LayerGridding& how, Feedback& feedback);

} // namespace soilscope::features
