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

} // namespace soilscope::workloads
