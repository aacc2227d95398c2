// cnn_ascat_intraday: its options (the paper's defaults; /training/workload overrides them) and the
// outputs it writes.
#include "workloads/pipelines.h"

namespace soilscope::workloads {

nlohmann::json cnnAscatIntradayOptions() {
    return {{"lai", "auto"},
            {"test_year", 0},
            {"validation_fraction", 0.2},
            {"station_depth_max", 0.07},
            {"station_window", "30min"},
            {"max_missing_days", 100},
            {"quick_max_samples", 120},
            {"intraday_conditions", {"all", "pt>0", "pt>10", "pt>10&pt1=0"}},
            {"seed", 42},
            {"target_scaling", "zscore"},
            {"bias_init", "zero"},
            {"overpass_window", "6h"},
            {"baselines", true},
            {"missing_fill", "channel_mean"},
            {"validation_draw", "last"}};
}

std::vector<OutputSpec> cnnAscatIntradayOutputs() {
    using K = OutputKind;
    return {{"station_metrics", K::StationMetrics,
             "per-station temporal R and bias of the CNN, the H120-like benchmark and reanalysis-o "
             "vs the stations"},
            {"intraday_conditions", K::Table,
             "r(ΔSM), r(SM_max), r(SM_min) of CNN vs reanalysis-o per precipitation condition"},
            {"intraday_pixel_means", K::IntradayMeans,
             "per-pixel intraday means (hour of max/min, SM_max, SM_min, ΔSM, days) of CNN, "
             "reanalysis-o, reanalysis-24h"},
            {"intraday", K::IntradayTable,
             "intraday amplitude summary: r(ΔSM) and N per precipitation condition"},
            {"bundle", K::Bundle, "locally connected CNN bundle, one per orbit direction"},
            {"maps_last_test_overpass", K::Raster,
             "maps of the last test overpass (reference-o, CNN, differences)"}};
}

} // namespace soilscope::workloads
