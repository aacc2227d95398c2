// wcm_lstm: its options (the paper's defaults; /training/workload overrides them) and the outputs
// it writes.
#include "workloads/pipelines.h"

namespace soilscope::workloads {

nlohmann::json wcmLstmOptions() {
    return {{"folds", 4},
            {"a_init", 0.05},
            {"bounds_weight", 0.1},
            {"validation_fraction", 0.2},
            {"seed", 1},
            {"min_valid_share", 0.95},
            {"target_scaling", "standard"},
            {"map_dates", 1}};
}

std::vector<OutputSpec> wcmLstmOutputs() {
    using K = OutputKind;
    return {{"folds", K::Table, "RMSE, R and A per fold (WCM baseline vs WCM-LSTM)"},
            {"scatter", K::Table, "per-fold inputs, observed, WCM and WCM-LSTM values"},
            {"bundle", K::Bundle, "WCM-LSTM bundle of fold 1"},
            {"wcm_baseline_map", K::RasterSeries, "WCM baseline soil-moisture maps"},
            {"wcm_lstm_map", K::RasterSeries, "WCM-LSTM soil-moisture maps"},
            {"map_stations", K::Table,
             "the map at the station pixels beside the station model (sanity check)"}};
}

std::map<std::string, OptionNote> wcmLstmOptionNotes() {
    return {
        {"folds", {"spatial folds over the stations", {}}},
        {"a_init", {"initial vegetation parameter A of the learned WCM layer", {}}},
        {"bounds_weight", {"weight lambda of the physical-bounds penalty", {}}},
        {"validation_fraction", {"share of the training stations held out for validation", {}}},
        {"seed", {"seed of the folds and of the validation draw", {}}},
        {"min_valid_share",
         {"baseline calibration: share of the points that must not need the log guard", {}}},
        {"target_scaling",
         {"standard: train on (SM - mean) / sd of the training part; none: raw m3/m3 (not in "
          "source)",
          {"standard", "none"}}},
        {"map_dates",
         {"maps up to the baseline's date: 1 = that date only, 0 = every date up to it", {}}},
    };
}

} // namespace soilscope::workloads
