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
            {"intraday_panel_condition", "pt>10&pt1=0"},
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
            {"intraday_pixel_means_subset", K::IntradayMeans,
             "the same per-pixel means on the days of intraday_panel_condition (the paper's "
             "rain subset)"},
            {"intraday", K::IntradayTable,
             "intraday amplitude summary: r(ΔSM) and N per precipitation condition"},
            {"bundle", K::Bundle, "locally connected CNN bundle, one per orbit direction"},
            {"maps_last_test_overpass", K::Raster,
             "maps of the last test overpass (reference-o, CNN, differences)"}};
}

std::map<std::string, OptionNote> cnnAscatIntradayOptionNotes() {
    return {
        {"lai",
         {"which LAI role: lai_high, lai_low, auto (both tried, the lower validation loss per "
          "orbit wins) or both (two LAI channels: four inputs, not the paper's three) (not in "
          "source)",
          {"auto", "lai_high", "lai_low", "both"}}},
        {"test_year",
         {"test year; 0 = the last year of the data (its last quarter when there is one year)",
          {}}},
        {"validation_fraction", {"share of the non-test images held out for validation", {}}},
        {"station_depth_max", {"deepest top sensor used for the station checks, m", {}}},
        {"station_window",
         {"matching window of the stations to the overpass hour (e.g. 30min)", {}}},
        {"max_missing_days", {"stations missing more days of the test period are left out", {}}},
        {"quick_max_samples", {"images kept in --quick", {}}},
        {"intraday_conditions",
         {"precipitation conditions of the intraday analysis (mm/day; pt today, pt1 yesterday)",
          {}}},
        {"intraday_panel_condition",
         {"the days of the second 5 x 3 panel of per-pixel means (paper: pt > 10 mm and no rain "
          "the day before)",
          {}}},
        {"seed", {"seed of the train/validation draw (random and months)", {}}},
        {"target_scaling",
         {"zscore: train on (y - mean) / sd of the training pixels, folded back; none: raw m3/m3 "
          "(not in source)",
          {"zscore", "none"}}},
        {"bias_init",
         {"zero (as Keras) or pixel_mean: every per-pixel bias starts at the pixel's mean training "
          "target (not in source)",
          {"zero", "pixel_mean"}}},
        {"overpass_window",
         {"stamps of one orbit direction within this span form one overpass image; 0 = one image "
          "per time stamp",
          {}}},
        {"baselines",
         {"fit the per-pixel reference models (the 5 x 5 ridge costs ~n k^2 per pixel)", {}}},
        {"missing_fill",
         {"an input an overpass did not observe: channel_mean (0 after z-scoring) or pixel_mean "
          "(not in source)",
          {"channel_mean", "pixel_mean"}}},
        {"validation_draw",
         {"last (the latest non-test images, as Keras validation_split), random images, or whole "
          "random calendar months (the paper says 80/20 only)",
          {"last", "random", "months"}}},
    };
}

} // namespace soilscope::workloads
