#pragma once
// The per-pixel noise of per-date predictor planes, estimated from the images themselves
// (Immerkær 1996): the 3 × 3 Laplacian difference [1 −2 1; −2 4 −2; 1 −2 1], the product of the
// row and column second differences, has variance 36 σ² on white noise and cancels planes,
// ramps and straight edges along rows or columns. Other edges (land cover boundaries) are
// left out robustly: a block counts only where every predictor's difference lies within 4
// robust standard deviations (median absolute deviation) of that date.

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace soilscope::analysis {

class PixelNoiseEstimator {
  public:
    /// noisy[k]: whether predictor k is estimated; the others get no noise (static layers).
    explicit PixelNoiseEstimator(std::vector<bool> noisy);

    /// One date: planes (predictors × width·height, row-major), valid the joint mask.
    void add(const std::vector<std::vector<float>>& planes, const std::vector<std::uint8_t>& valid,
             int width, int height);

    /// The noise covariance (predictors × predictors, row-major); zero rows and columns for
    /// the predictors not estimated. Empty when no triple was usable.
    std::vector<double> covariance() const;
    std::size_t blocks() const { return m_count; }

  private:
    std::vector<bool> m_noisy;
    std::vector<double> m_sum; ///< Σ d dᵀ of the accepted Laplacian differences
    std::size_t m_count = 0;
};

/// Adds a draw of zero-mean Gaussian noise with covariance cov (k × k, row-major, positive
/// semi-definite) to each of the n rows of k values at `rows`.
void addCorrelatedNoise(float* rows, std::size_t n, const std::vector<double>& cov,
                        std::mt19937_64& rng);

} // namespace soilscope::analysis
