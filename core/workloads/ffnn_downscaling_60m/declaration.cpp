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
            {"pixel_noise_dates", 8}};
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
            {"spectra", K::Spectrum, "zonal and meridional power density spectra"},
            {"spectra_fits", K::JsonDocument, "power-law slopes and effective resolutions"}};
}

} // namespace soilscope::workloads
