// Task "predict": applies a model bundle to input rasters, tile by tile, and writes a map
// (one band per date) as a tiled compressed GeoTIFF with a QGIS style sidecar.
#include "base/error.h"
#include "base/time_utils.h"
#include "features/layer_source.h"
#include "features/predictor_engine.h"
#include "features/predictor_spec.h"
#include "features/product_layer.h"
#include "geo/qml_style.h"
#include "geo/raster.h"
#include "inference/tiled_inference.h"
#include "models/bundle.h"
#include "project/project_dataset.h"
#include "project/project_file.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace soilscope::tasks {

class PredictTask : public Task {
  public:
    TaskInfo info() const override {
        return {
            "predict",
            "Predict a map with a trained model",
            "Loads a model bundle, computes its predictors from the input layers (each given as "
            "role=path, or role=path#variable for a NetCDF variable) block by block, applies the "
            "model with the bundle's normalisation and writes soil moisture for each date as a "
            "tiled, compressed GeoTIFF (Cloud Optimized layout) with nodata, band descriptions and "
            "a QGIS style (.qml) beside it.",
            "Learning",
            {"predict --model runs/bundles/run-1 --inputs s2=s2.nc#reflectance,dem=dem.tif "
             "--date 2020-07-01 --out sm_20200701.tif"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto model = pathParam("model", "model bundle folder (written by train)");
        model.isFolder = true;
        auto out = outputParam("out", "output GeoTIFF");
        out.fileFilter = "GeoTIFF (*.tif)";
        return {
            model,
            listParam("inputs", "input layers: role=path[#variable], comma-separated"),
            listParam("date",
                      "ISO date(s) to predict, comma-separated (none for static predictors)"),
            out,
            intParam("tile", "tile size in pixels", 512, 16, 16384),
            stringParam("grid-role", "the role whose grid the map uses (default: the first input)"),
            deviceParam("where the model runs", "cpu"),
            boolParam("masks",
                      "apply the masks saved in the bundle (land cover, value ranges, quality "
                      "flags); their layers are needed in --inputs",
                      true),
            boolParam("cog", "Cloud Optimized GeoTIFF layout with overviews", true)};
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"map", OutputKind::Raster,
                 "the predicted soil-moisture map of one date (or of static predictors)"},
                {"maps", OutputKind::RasterSeries,
                 "the predicted soil-moisture maps, one band per date"}};
    }

    bool sharesUnits() const override { return true; }

    TaskResult run(const ParameterValues& values, Feedback& feedback) override {
        const auto bundlePath = values.path("model");
        const models::Predictor predictor =
            models::Predictor::load(bundlePath, values.text("device"));
        const std::string ctx = (bundlePath / "bundle.json").string();
        std::vector<features::PredictorSpec> specs;
        try {
            specs = features::parsePredictors(predictor.info().predictors, "/predictors");
        } catch (const Error& e) {
            throw Error("the bundle's predictor definitions are invalid: " + e.message(), ctx);
        }
        const inference::BundleModel bundle = inference::bundleModel(predictor, ctx);
        if (bundle.normaliser.channels() != specs.size())
            throw Error("the bundle has " + std::to_string(specs.size()) + " predictors but " +
                            std::to_string(bundle.normaliser.channels()) + " normalised channels",
                        ctx);

        project::MaskSpec masks;
        if (values.flag("masks")) {
            try {
                masks = project::parseMaskSpec(predictor.info().masks, "/masks");
            } catch (const Error& e) {
                throw Error("the bundle's masks are invalid: " + e.message(), ctx);
            }
        }
        std::vector<std::string> predictorNames;
        for (const auto& s : specs)
            predictorNames.push_back(s.name);
        for (const auto& r : masks.ranges)
            if (std::find(predictorNames.begin(), predictorNames.end(), r.predictor) ==
                predictorNames.end())
                throw Error("the bundle's mask names an unknown predictor '" + r.predictor + "'",
                            ctx);
        std::set<std::string> needed;
        for (const auto& s : specs)
            for (const auto& r : s.roles())
                needed.insert(r);

        // Each layer is prepared as training prepared it (the bundle's "inputs"): its
        // accumulation convention here, its resampling onto the map's grid below.
        const nlohmann::json& prepared = predictor.info().inputs;
        const auto preparedOf = [&](const std::string& role) {
            return prepared.is_object() && prepared.contains(role) && prepared[role].is_object()
                       ? prepared[role]
                       : nlohmann::json::object();
        };
        features::LayerCatalog catalog;
        std::vector<std::string> order;
        // Point, swath and SMAP products: gridded onto the map's grid once it is known.
        std::map<std::string, std::pair<std::string, std::string>> toGrid; // role → path, variable
        for (const std::string& item : values.list("inputs")) {
            const auto eq = item.find('=');
            if (eq == std::string::npos || eq == 0)
                throw UsageError("--inputs: '" + item + "' is not role=path");
            const std::string role = item.substr(0, eq);
            const nlohmann::json how = preparedOf(role);
            std::string path = item.substr(eq + 1), variable;
            if (const auto hash = path.rfind('#'); hash != std::string::npos) {
                variable = path.substr(hash + 1);
                path = path.substr(0, hash);
            }
            if (features::needsGridding(path)) {
                toGrid[role] = {path, variable};
                order.push_back(role);
                continue;
            }
            auto layer = features::LayerSource::open(role, path, variable, "auto");
            if (how.value("accumulation", std::string()) == "since_00utc")
                layer->setAccumulation(features::Accumulation::SinceDayStart);
            catalog.add(role, std::move(layer));
            order.push_back(role);
        }
        for (const auto& role : needed)
            if (!catalog.has(role) && !toGrid.count(role))
                throw UsageError("--inputs: the model needs a layer for the role '" + role + "'");
        for (const auto& role : masks.roles())
            if (!catalog.has(role) && !toGrid.count(role))
                throw UsageError("--inputs: the model's mask needs a layer for the role '" + role +
                                 "' (or give --masks false)");
        std::string gridRole = values.text("grid-role");
        if (gridRole.empty()) {
            for (const auto& role : order)
                if (gridRole.empty() && !toGrid.count(role))
                    gridRole = role;
            if (gridRole.empty())
                throw UsageError("--inputs: at least one raster layer is needed for the map's "
                                 "grid (point, swath and SMAP products have none of their own)");
        }
        if (toGrid.count(gridRole))
            throw UsageError("--grid-role: '" + gridRole +
                             "' is a point, swath or SMAP product and has no grid of its own");
        const geo::Grid grid = catalog.get(gridRole).grid();
        for (const auto& [role, source] : toGrid) {
            const nlohmann::json how = preparedOf(role);
            const auto gridding = how.contains("gridding")
                                      ? features::LayerGridding::fromJson(
                                            how["gridding"], "bundle inputs/" + role + "/gridding")
                                      : features::LayerGridding{};
            const std::string variable =
                source.second.empty() ? how.value("variable", std::string()) : source.second;
            catalog.add(role, features::openGriddedProduct(role, source.first, variable, grid,
                                                           gridding, feedback));
        }
        for (const auto& role : order) {
            if (toGrid.count(role))
                continue;
            const auto& layer = catalog.get(role);
            const std::string resample = preparedOf(role).value("resample", std::string());
            if (layer.grid().sameAs(grid) || resample.empty())
                continue;
            catalog.add(role, resample == "aggregate"
                                  ? layer.aggregatedTo(grid)
                                  : layer.resampledTo(grid, geo::parseResampling(resample)));
        }
        const features::PredictorEngine engine(specs, catalog, grid, gridRole);
        for (const auto& role : masks.roles())
            features::requireSameGrid(catalog.get(role), grid, gridRole);

        std::vector<TimePoint> dates;
        for (const auto& d : values.list("date"))
            dates.push_back(parseIsoTimeOrThrow(d, "--date"));
        bool dynamic = false;
        for (const auto& s : specs)
            dynamic = dynamic || s.dynamic();
        if (dates.empty()) {
            if (dynamic)
                throw UsageError("--date: the model has time-dependent predictors; give a date");
            dates.push_back(TimePoint{});
        }

        inference::TiledInferenceOptions o;
        o.units = predictor.info().targetUnits; // "" for bundles that did not record it
        o.tileSize = int(values.integer("tile"));
        o.tiff.cog = values.flag("cog");
        o.feedback = &feedback;
        if (!masks.empty())
            o.mask = [&](const std::vector<std::vector<float>>& planes, const geo::Window& w,
                         TimePoint t) {
                return project::maskFrame(masks, predictorNames, catalog, planes, w, t);
            };
        const auto out = values.path("out");
        const auto stats = inference::predictToGeoTiff(engine, bundle.normaliser, bundle.model,
                                                       bundle.layout, dates, out, o);
        TaskResult r;
        r.json = {{"out", out.string()},
                  {"style", geo::styleSidecarPath(out).string()},
                  {"width", grid.width()},
                  {"height", grid.height()},
                  {"dates", values.list("date")},
                  {"pixels", stats.pixels},
                  {"predicted", stats.predicted},
                  {"tiles", stats.tiles},
                  {"masks", project::maskToJson(masks)},
                  {"seconds", stats.seconds}};
        const std::vector<std::string> dateTexts = values.list("date");
        if (dates.size() > 1)
            r.outputs.push_back(declaredOutput(outputs(), "maps", out.string()));
        else
            r.outputs.push_back(
                declaredOutput(outputs(), "map", out.string(),
                               dateTexts.empty() ? std::string() : dateTexts.front()));
        std::ostringstream s;
        s << "wrote " << out.string() << " (" << grid.width() << " x " << grid.height() << ", "
          << dates.size() << " date(s), " << stats.predicted << " of " << stats.pixels
          << " pixels predicted in " << stats.seconds << " s)";
        r.summary = s.str();
        return r;
    }
};

SOILSCOPE_REGISTER_TASK(PredictTask, "predict")

} // namespace soilscope::tasks
