#include "workloads/workload_options.h"

#include "base/error.h"

namespace soilscope::workloads {

using nlohmann::json;

json workloadOptionDefaults(const std::string& id) {
    if (id == "cnn_ascat_intraday")
        return {{"lai", "auto"}, {"test_year", 0}, {"validation_fraction", 0.2},
                                           {"station_depth_max", 0.07}, {"station_window", "30min"},
                                           {"max_missing_days", 100}, {"quick_max_samples", 120},
                                           {"intraday_conditions", {"all", "pt>0", "pt>10", "pt>10&pt1=0"}},
                                           {"seed", 42}, {"target_scaling", "zscore"}, {"bias_init", "zero"},
                                           {"overpass_window", "6h"}, {"baselines", true},
                                           {"missing_fill", "channel_mean"}, {"validation_draw", "last"}};
    if (id == "sar_ml_scenarios")
        return {{"methods", {"random_forest", "xgboost", "svr", "mlp"}},
            {"repeats", 3},
            {"draws", 8},
            {"match_sizes", true},
            {"dependent_fractions", {0.01, 0.03, 0.05}},
            {"temporal_samples_per_cell", {1, 11, 21}},
            {"spatial_cells", {1, 9, 25}},
            {"min_train_samples", 10},
            {"validation_fraction", 0.25},
            {"map", true},
            {"seed", 1}};
    if (id == "ffnn_downscaling_60m")
        return {{"min_coverage", 0.7}, {"quick_min_coverage", 0.0}, {"max_sm", 0.7},
                                       {"test_fraction", 0.2}, {"map_dates", 0}, {"quick_map_dates", 2},
                                       {"accepted_flags", {0}}, {"seed", 1},
                                       {"clip_to_training_range", true}, {"target_scaling", "standard"},
                                       {"training_pixels", "auto"}, {"subcell_attribution", false},
                                       {"pixel_noise_copies", 4}, {"pixel_noise_dates", 8}};
    if (id == "wcm_lstm")
        return {{"folds", 4}, {"a_init", 0.05}, {"bounds_weight", 0.1},
                                       {"validation_fraction", 0.2}, {"seed", 1}, {"min_valid_share", 0.95},
                                       {"target_scaling", "standard"}, {"map_dates", 1}};
    if (id == "lstm_s1_s2_weather")
        return {{"repeats", 10},
                                       {"validation_fraction", 0.2},
                                       {"max_folds", 0},
                                       {"weather", true},
                                       {"climatology_window_days", 15},
                                       {"inputs", "minimum"},
                                       {"target_scaling", "standard"},
                                       {"map_dates", 10},
                                       {"seed", 1}};
    throw Error("'" + id + "' is not one of the five workloads");
}

} // namespace soilscope::workloads

namespace soilscope::workloads {

namespace {
std::string listText(const nlohmann::json& list) {
    std::string out;
    for (const auto& v : list) out += (out.empty() ? "" : ",") + (v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}
} // namespace

std::vector<ParameterSpec> workloadOptionSpecs(const std::string& id) {
    std::vector<ParameterSpec> specs;
    const nlohmann::json defaults = workloadOptionDefaults(id);
    for (const auto& [key, value] : defaults.items()) {
        const std::string name = "workload." + id + "." + key;
        const std::string what = "option of the " + id + " pipeline (docs/workloads.md)";
        ParameterSpec s;
        if (value.is_boolean()) s = boolParam(name, what, value.get<bool>());
        else if (value.is_number_integer()) s = intParam(name, what, value.get<long long>());
        else if (value.is_number()) s = doubleParam(name, what, value.get<double>());
        else if (value.is_array()) s = listParam(name, what, listText(value));
        else s = stringParam(name, what, value.is_string() ? value.get<std::string>() : value.dump());
        specs.push_back(std::move(s));
    }
    return specs;
}

} // namespace soilscope::workloads
