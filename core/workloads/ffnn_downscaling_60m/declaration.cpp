// ffnn_downscaling_60m: its options (the paper's defaults; /training/workload overrides them) and
// the outputs it writes.
#include "workloads/pipelines.h"

namespace soilscope::workloads {

nlohmann::json ffnnDownscalingOptions() {
    return {{"min_coverage", 0.7},
            {"quick_min_coverage", 0.0},
            {"max_sm", 0.7},
            {"test_fraction", 0.2},
            {"map_dates", 0},
            {"quick_map_dates", 2},
            {"accepted_flags", {0}},
            {"seed", 1},
            {"clip_to_training_range", true},
            {"target_scaling", "standard"},
            {"training_pixels", "auto"},
            {"subcell_attribution", false},
            {"pixel_noise_copies", 4},
            {"pixel_noise_dates", 8},
            {"insitu_depth_max", 0.05},
            {"insitu_min_days", 10}};
}

std::vector<OutputSpec> ffnnDownscalingOutputs() {
    using K = OutputKind;
    return {{"coarse_test", K::Table, "coarse test samples: target and estimate"},
            {"bundle", K::Bundle, "FFNN ensemble bundle"},
            {"fine_dates", K::Table,
             "60 m estimate and coarse product against the fine truth, per date"},
            {"subcell_attribution", K::Table,
             "within-cell skill with each predictor held at its cell mean"},
            {"map_60m", K::Raster,
             "60 m estimate, fine truth, coarse product, error and per-pixel MAE"},
            {"insitu_stations", K::Table,
             "per station: daily G means against the 60 m estimate, the coarse product and the "
             "estimate's cell mean (R, uRMSE, bias)"},
            {"spectra", K::Spectrum, "zonal and meridional power density spectra"},
            {"spectra_fits", K::JsonDocument, "power-law slopes and effective resolutions"}};
}

std::map<std::string, OptionNote> ffnnDownscalingOptionNotes() {
    return {
        {"min_coverage",
         {"valid 60 m share a 0.25 degree cell needs to become a sample (paper)", {}}},
        {"quick_min_coverage",
         {"the same in --quick (the tiny twin's fine area is 4 km wide)", {}}},
        {"max_sm", {"target values above are dropped, m3/m3 (paper)", {}}},
        {"test_fraction", {"share of the coarse samples in the test part (paper)", {}}},
        {"map_dates", {"60 m maps computed; 0 = every date", {}}},
        {"quick_map_dates", {"60 m maps computed in --quick", {}}},
        {"accepted_flags", {"target quality flags kept (\"best quality\")", {}}},
        {"seed", {"seed of the 80/20 split and of the noise draws", {}}},
        {"clip_to_training_range",
         {"limit the z-scored 60 m inputs to the coarse training range (not in source)", {}}},
        {"target_scaling",
         {"standard: train on (SM - mean) / sd of the training part, folded back into the output "
          "layer; none: raw m3/m3 (not in source)",
          {"standard", "none"}}},
        {"training_pixels",
         {"samples: the sampled 60 m pixels; fine_grid: the 60 m grid; auto: samples when the "
          "project has them",
          {"auto", "samples", "fine_grid"}}},
        {"subcell_attribution",
         {"also write subcell_attribution.csv (each predictor in turn held at its cell mean)", {}}},
        {"pixel_noise_copies",
         {"noisy copies of each training sample, with the 60 m pixel noise estimated from the "
          "images (not in source; 0 = the paper's training)",
          {}}},
        {"pixel_noise_dates", {"mostly clear 60 m dates the pixel noise is estimated from", {}}},
        {"insitu_depth_max",
         {"in situ check: soil-moisture sensors reaching no deeper than this, m (paper: 5 cm)",
          {}}},
        {"insitu_min_days",
         {"in situ check: mapped days a station needs to count in the mean R (not in source)", {}}},
    };
}

} // namespace soilscope::workloads
