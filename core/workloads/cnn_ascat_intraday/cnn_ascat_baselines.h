#pragma once
// Internal to core/workloads: per-pixel reference models for cnn_ascat_intraday, fitted on the
// same training images as the CNN and applied to the same test images, so that the CNN's
// test figures can be read against what a pixel-wise regression already achieves.
#include "features/dataset.h"

#include <string>
#include <vector>

namespace soilscope::workloads {

/// Predictions [apply.size() × pixels] of one baseline; NaN where the test pixel is masked
/// or the pixel had too few training values.
struct PixelBaseline {
    std::string name; ///< "pixel_mean", "pixel_ols_sigma40", "pixel_ols_all", "pixel_ridge_5x5"
    std::vector<float> predictions;
    double lambda = 0.0; ///< ridge penalty (relative to the mean diagonal) where chosen
};

/// Per-pixel baselines of an image dataset (features [C, H, W], targets [H, W]) fitted on the
/// samples `fit` and predicted for the samples `apply`, masked by the target mask:
/// the pixel's mean target; OLS of the target on channel `sigmaChannel` of the same pixel;
/// OLS on every channel of the same pixel (a locally connected 1 × 1 layer, fitted exactly);
/// ridge on the 5 × 5 × C neighbourhood (the CNN's function class in closed form), its
/// penalty chosen on the samples `validation`.
std::vector<PixelBaseline> pixelBaselines(const features::Dataset& data,
                                          const std::vector<std::size_t>& fit,
                                          const std::vector<std::size_t>& validation,
                                          const std::vector<std::size_t>& apply,
                                          std::size_t sigmaChannel = 0);

/// Per-pixel mean target over the samples `fit` (NaN where a pixel has no valid target).
std::vector<float> pixelMeanTarget(const features::Dataset& data,
                                   const std::vector<std::size_t>& fit);

} // namespace soilscope::workloads
