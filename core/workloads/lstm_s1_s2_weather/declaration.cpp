// lstm_s1_s2_weather: its options (the paper's defaults; /training/workload overrides them) and the
// outputs it writes.
#include "workloads/pipelines.h"

namespace soilscope::workloads {

nlohmann::json lstmS1S2WeatherOptions() {
    return {{"repeats", 10},
            {"validation_fraction", 0.2},
            {"max_folds", 0},
            {"weather", true},
            {"climatology_window_days", 15},
            {"inputs", "minimum"},
            {"probe_classes", nlohmann::json::array()},
            {"target_scaling", "standard"},
            {"map_dates", 10},
            {"seed", 1}};
}

std::vector<OutputSpec> lstmS1S2WeatherOutputs() {
    using K = OutputKind;
    return {
        {"predictions", K::Table, "held-out station series: observed, LSTM and climatology"},
        {"per_station", K::Table, "per-station MAE of the LSTM and of the climatology baseline"},
        {"bundle", K::Bundle, "model bundle of the first split"},
        {"sm_map", K::RasterSeries, "LSTM soil-moisture maps"},
        {"map_stations", K::Table,
         "the map at the station pixels beside the station model (sanity check)"}};
}

std::map<std::string, OptionNote> lstmS1S2WeatherOptionNotes() {
    return {
        {"repeats", {"repeats of the leave-one-station-out splits (paper: 10)", {}}},
        {"validation_fraction", {"share of the training stations held out for validation", {}}},
        {"max_folds", {"at most this many held-out stations (0 = every station)", {}}},
        {"weather",
         {"feed the weather of the station cell (air temperature, precipitation) (not in source: "
          "how the paper gets it)",
          {}}},
        {"climatology_window_days",
         {"half-width of the day-of-year window of the climatology baseline", {}}},
        {"inputs",
         {"the predictor set: minimum (the paper's DLM_minimum, the headline model) or full (the "
          "built-in set with its static layers)",
          {"minimum", "full"}}},
        {"probe_classes",
         {"the paper's agriculture preset: only the probes of these land-cover classes (their "
          "ISMN metadata) are trained and tested on, e.g. [10, 11, 12, 20, 30] for ESA CCI LC "
          "cropland (ISMN lc_2010) or [40] for ESA WorldCover cropland (the twin); empty = all "
          "probes",
          {}}},
        {"target_scaling",
         {"standard: train on (SM - mean) / sd of the training stations, folded into the bundle; "
          "none: raw m3/m3 (not in source)",
          {"standard", "none"}}},
        {"map_dates", {"daily maps computed (0 = every Sentinel-1 date)", {}}},
        {"seed", {"seed of the splits and the validation draws", {}}},
    };
}

} // namespace soilscope::workloads
