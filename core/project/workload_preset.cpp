#include "project/workload_preset.h"

#include "base/error.h"

#include <algorithm>
#include <map>
#include <optional>

namespace soilscope::project {

namespace {
using nlohmann::json;

/// The settings of a preset, in project-file JSON.
struct Preset {
    json predictors;
    json target;
    json samples;
    json model;
    json training;
    json split;
    json mask;                                   ///< null = none
    std::vector<std::string> roles;              ///< data roles the preset reads
    std::map<std::string, std::string> resample; ///< role → warp onto the sample grid, unless set
};

/// Station soil moisture of the top 5 cm, matched within ±12 h.
json stationTopSoilTarget() {
    return json::parse(R"({"role": "stations", "kind": "stations", "variable": "soil_moisture",
                           "depth_max": 0.05, "window": "12h", "valid_range": [0, 0.8]})");
}

Preset cnnAscat() {
    Preset p;
    p.roles = {"sigma40", "soil_temperature", "lai_high", "target"};
    p.predictors = json::parse(R"([
      {"name": "sigma40_db", "kind": "band", "role": "sigma40", "temporal": {"method": "exact"}},
      {"name": "soil_temperature", "kind": "band", "role": "soil_temperature",
       "temporal": {"method": "nearest", "max_gap": "30min"}},
      {"name": "lai", "kind": "band", "role": "lai_high", "temporal": {"method": "nearest", "max_gap": "30min"}}])");
    p.target = json::parse(
        R"({"role": "target", "kind": "grid", "window": "30min", "valid_range": [0, 1]})");
    p.samples = json::parse(R"({"layout": "image", "dates_from": "sigma40"})");
    p.model = json::parse(R"({"family": "locally_connected", "params": {"kernel": 5}})");
    p.training = json::parse(R"({"optimizer": {"name": "adam", "lr": 0.001, "eps": 1e-7},
      "batch_size": 16, "epochs": 200, "patience": 5, "restore_best": true, "seed": 42})");
    p.split =
        json::parse(R"({"scheme": "random", "test_fraction": 0.2, "validation_fraction": 0.2})");
    return p;
}

Preset sarMl() {
    Preset p;
    p.roles = {"vv",        "vh",    "incidence", "sand", "clay",    "bulk_density",
               "elevation", "slope", "aspect",    "ndvi", "stations"};
    p.predictors = json::parse(R"([
      {"name": "VV", "kind": "band", "role": "vv", "temporal": {"method": "exact"},
       "normaliser": {"kind": "fixed_minmax", "bounds": [-30, 5]}},
      {"name": "VH", "kind": "band", "role": "vh", "temporal": {"method": "exact"},
       "normaliser": {"kind": "fixed_minmax", "bounds": [-35, 0]}},
      {"name": "incidence", "kind": "band", "role": "incidence", "temporal": {"method": "exact"},
       "normaliser": {"kind": "fixed_minmax", "bounds": [29.1, 46]}},
      {"name": "doy_sin", "kind": "calendar", "quantity": "doy_sin", "normaliser": "none"},
      {"name": "doy_cos", "kind": "calendar", "quantity": "doy_cos", "normaliser": "none"},
      {"name": "sand", "kind": "band", "role": "sand", "normaliser": {"kind": "fixed_minmax", "bounds": [0, 100]}},
      {"name": "clay", "kind": "band", "role": "clay", "normaliser": {"kind": "fixed_minmax", "bounds": [0, 100]}},
      {"name": "bulk_density", "kind": "band", "role": "bulk_density", "normaliser": {"kind": "fixed_minmax", "bounds": [1, 1.8]}},
      {"name": "elevation", "kind": "band", "role": "elevation", "normaliser": {"kind": "fixed_minmax", "bounds": [0, 5500]}},
      {"name": "slope", "kind": "band", "role": "slope", "normaliser": {"kind": "fixed_minmax", "bounds": [0, 40]}},
      {"name": "aspect_sin", "kind": "band", "role": "aspect", "transforms": [{"op": "sin_deg"}], "normaliser": "none"},
      {"name": "aspect_cos", "kind": "band", "role": "aspect", "transforms": [{"op": "cos_deg"}], "normaliser": "none"},
      {"name": "lat", "kind": "location", "quantity": "lat", "normaliser": {"kind": "fixed_minmax", "bounds": [0, 90]}},
      {"name": "lon_sin", "kind": "location", "quantity": "lon_sin", "normaliser": "none"},
      {"name": "lon_cos", "kind": "location", "quantity": "lon_cos", "normaliser": "none"},
      {"name": "NDVI", "kind": "band", "role": "ndvi", "temporal": {"method": "spline", "max_gap": "16d"},
       "normaliser": {"kind": "fixed_minmax", "bounds": [-0.2, 1]}}])");
    p.target = stationTopSoilTarget();
    p.samples = json::parse(R"({"layout": "tabular", "dates_from": "vv"})");
    p.model = json::parse(R"({"family": "random_forest", "params": {"n_estimators": 100}})");
    p.training = json::parse(R"({"seed": 42})");
    p.split =
        json::parse(R"({"scheme": "random", "test_fraction": 0.5, "validation_fraction": 0.0})");
    return p;
}

Preset lstmS1S2() {
    Preset p;
    p.roles = {"vv",     "ndvi", "ndwi", "elevation",      "slope",
               "aspect", "clay", "sand", "organic_carbon", "stations"};
    p.predictors = json::parse(R"([
      {"name": "VV_linear", "kind": "band", "role": "vv", "temporal": {"method": "nearest", "max_gap": "12h"},
       "transforms": [{"op": "db_to_linear"}]},
      {"name": "NDVI", "kind": "band", "role": "ndvi", "temporal": {"method": "linear", "max_gap": "30d"}},
      {"name": "NDWI", "kind": "band", "role": "ndwi", "temporal": {"method": "linear", "max_gap": "30d"}},
      {"name": "elevation", "kind": "band", "role": "elevation"},
      {"name": "slope", "kind": "band", "role": "slope"},
      {"name": "aspect_sin", "kind": "band", "role": "aspect", "transforms": [{"op": "sin_deg"}], "normaliser": "none"},
      {"name": "aspect_cos", "kind": "band", "role": "aspect", "transforms": [{"op": "cos_deg"}], "normaliser": "none"},
      {"name": "clay", "kind": "band", "role": "clay"},
      {"name": "sand", "kind": "band", "role": "sand"},
      {"name": "organic_carbon", "kind": "band", "role": "organic_carbon"}])");
    p.target = stationTopSoilTarget();
    p.samples = json::parse(R"({"layout": "sequence", "dates_from": "vv", "sequence_length": 0})");
    p.model = json::parse(R"({"family": "lstm", "params": {}})");
    p.training = json::parse(R"({"optimizer": {"name": "adam", "lr": 0.002, "eps": 1e-7},
      "loss": {"kind": "mae"}, "batch_size": 1, "epochs": 20, "seed": 42})");
    p.split = json::parse(R"({"scheme": "leave_station_out", "validation_fraction": 0.2})");
    return p;
}
/// The 60 m FFNN trained the generic way: the 60 m predictors aggregated (block means) onto the
/// 0.25° target cells (as the workload's coarse samples), CCI soil moisture with good flags as
/// target, all 14 inputs. The four spectral indices read each Sentinel-2 band from its own layer
/// (band_layers) and are computed from the aggregated bands (the workload averages 60 m indices).
Preset ffnn60m() {
    Preset p;
    p.roles = {"s2_B02", "s2_B03", "s2_B04",        "s2_B05", "s2_B06",
               "s2_B08", "s2_B8A", "s2_B11",        "lst",    "elevation",
               "slope",  "sand",   "precipitation", "target", "target_flag"};
    p.predictors = json::parse(R"([
      {"name": "B05", "kind": "band", "role": "s2_B05", "temporal": {"method": "exact"}},
      {"name": "B06", "kind": "band", "role": "s2_B06", "temporal": {"method": "exact"}},
      {"name": "B8A", "kind": "band", "role": "s2_B8A", "temporal": {"method": "exact"}},
      {"name": "B11", "kind": "band", "role": "s2_B11", "temporal": {"method": "exact"}},
      {"name": "NDVI", "kind": "index", "index": "NDVI", "sensor": "sentinel2", "reflectance_scale": 1,
       "band_layers": {"red": "s2_B04", "nir": "s2_B08"}, "temporal": {"method": "exact"}},
      {"name": "EVI", "kind": "index", "index": "EVI", "sensor": "sentinel2", "reflectance_scale": 1,
       "band_layers": {"blue": "s2_B02", "red": "s2_B04", "nir": "s2_B08"}, "temporal": {"method": "exact"}},
      {"name": "GNDVI", "kind": "index", "index": "GNDVI", "sensor": "sentinel2", "reflectance_scale": 1,
       "band_layers": {"green": "s2_B03", "nir": "s2_B08"}, "temporal": {"method": "exact"}},
      {"name": "MSI", "kind": "index", "index": "MSI", "sensor": "sentinel2", "reflectance_scale": 1,
       "band_layers": {"nir": "s2_B08", "swir1": "s2_B11"}, "temporal": {"method": "exact"}},
      {"name": "LST", "kind": "band", "role": "lst", "temporal": {"method": "nearest", "max_gap": "12h"}},
      {"name": "elevation", "kind": "band", "role": "elevation"},
      {"name": "slope", "kind": "band", "role": "slope"},
      {"name": "precip_3d", "kind": "antecedent", "role": "precipitation", "days": 3, "statistic": "sum",
       "include_current": true},
      {"name": "precip_15d", "kind": "antecedent", "role": "precipitation", "days": 15, "statistic": "sum",
       "include_current": true},
      {"name": "sand", "kind": "band", "role": "sand"}])");
    p.target = json::parse(
        R"({"role": "target", "kind": "grid", "window": "12h", "valid_range": [0, 0.7]})");
    p.samples = json::parse(R"({"layout": "tabular", "dates_from": "s2_B05"})");
    p.mask = json::parse(R"({"quality": {"role": "target_flag", "accepted": 0}})");
    p.model = json::parse(
        R"({"family": "mlp", "params": {"layers": 2, "width": 35, "activation": "relu", "init": "glorot"}})");
    p.training = json::parse(R"({"optimizer": {"name": "adam", "lr": 0.0005, "weight_decay": 1e-5},
      "loss": {"kind": "mse"}, "epochs": 800, "batch_size": 32, "ensemble": 5, "seed": 42})");
    p.split =
        json::parse(R"({"scheme": "random", "test_fraction": 0.2, "validation_fraction": 0.0})");
    for (const char* r : {"s2_B02", "s2_B03", "s2_B04", "s2_B05", "s2_B06", "s2_B08", "s2_B8A",
                          "s2_B11", "lst", "elevation", "slope", "sand", "precipitation"})
        p.resample[r] = "aggregate";
    return p;
}

/// The WCM-guided LSTM trained the generic way: vegetation water content from NDVI by the
/// workload's quadratic (1.9134·NDVI² − 0.3215·NDVI), one learnable A, B fixed at 0.084.
Preset wcmLstm() {
    Preset p;
    p.roles = {"vh", "incidence", "ndvi", "clay", "sand", "porosity", "stations"};
    p.predictors = json::parse(R"([
      {"name": "vh_db", "kind": "band", "role": "vh", "temporal": {"method": "exact"}, "normaliser": "none"},
      {"name": "incidence_deg", "kind": "band", "role": "incidence", "temporal": {"method": "exact"}, "normaliser": "none"},
      {"name": "vwc", "kind": "band", "role": "ndvi", "temporal": {"method": "linear", "max_gap": "16d"},
       "transforms": [{"op": "polynomial", "coefficients": [0, -0.3215, 1.9134]}], "normaliser": "none"},
      {"name": "clay", "kind": "band", "role": "clay"},
      {"name": "sand", "kind": "band", "role": "sand"},
      {"name": "porosity", "kind": "band", "role": "porosity"}])");
    p.target = stationTopSoilTarget();
    p.samples = json::parse(R"({"layout": "sequence", "dates_from": "vh", "sequence_length": 0})");
    p.model = json::parse(R"({"family": "wcm_lstm", "params": {"sigma0_index": 0, "sigma0_db": true,
      "theta_index": 1, "v1_index": -1, "v2_index": 2, "b": 0.084, "a_init": 0.05}})");
    p.training = json::parse(R"({"optimizer": {"name": "adam", "lr": 0.005},
      "loss": {"kind": "mse", "bounds_weight": 0.1, "lower_bound": 0, "upper_bound": 1},
      "epochs": 150, "batch_size": 4, "patience": 20, "restore_best": true, "seed": 42})");
    p.split = json::parse(
        R"({"scheme": "group_kfold", "group_by": "station", "folds": 4, "validation_fraction": 0.2})");
    return p;
}
} // namespace

std::vector<std::string> presetWorkloads() {
    return {"cnn_ascat_intraday", "sar_ml_scenarios", "lstm_s1_s2_weather", "ffnn_downscaling_60m",
            "wcm_lstm"};
}

namespace {
std::optional<Preset> presetOf(const std::string& workload) {
    if (workload == "cnn_ascat_intraday")
        return cnnAscat();
    if (workload == "sar_ml_scenarios")
        return sarMl();
    if (workload == "lstm_s1_s2_weather")
        return lstmS1S2();
    if (workload == "ffnn_downscaling_60m")
        return ffnn60m();
    if (workload == "wcm_lstm")
        return wcmLstm();
    return std::nullopt;
}
} // namespace

std::vector<std::string> presetRoles(const std::string& workload) {
    const auto preset = presetOf(workload);
    return preset ? preset->roles : std::vector<std::string>{};
}

bool applyWorkloadPreset(ProjectFile& project) {
    const auto found = presetOf(project.workload);
    if (!found)
        return false;
    const Preset& preset = *found;
    for (const auto& role : preset.roles)
        if (!project.data.count(role))
            throw Error("the " + project.workload + " preset needs a data layer with the role '" +
                            role + "'",
                        project.file.string());
    // Re-parse the completed document so that the preset goes through the same validation.
    json j = project.toJson(project.file.parent_path());
    if (project.predictors.empty())
        j["predictors"] = preset.predictors;
    if (project.target.role.empty()) {
        j["target"] = preset.target;
        if (!j.contains("samples") || j["samples"] == json{{"layout", "tabular"}})
            j["samples"] = preset.samples;
    }
    if (project.model.empty())
        j["model"] = preset.model;
    if (project.training.empty())
        j["training"] = preset.training;
    if (project.split.empty())
        j["split"] = preset.split;
    if (project.mask.empty() && !preset.mask.is_null())
        j["mask"] = preset.mask;
    for (const auto& [role, method] : preset.resample) {
        json& layer = j["data"][role];
        if (layer.is_string())
            layer = json{{"path", layer}};
        if (!layer.contains("resample"))
            layer["resample"] = method;
    }
    project = parseProject(j, project.file);
    return true;
}

} // namespace soilscope::project
