#pragma once
#include "base/feedback.h"

#include <cstddef>
#include <memory>
#include <vector>

namespace soilscope::analysis {

/// Pooled autocovariance of the forward-difference derivative along the lines (rows) of maps:
/// for each lag L, the sum over lines and maps of d[i] d[i+L] over pairs valid in both
/// positions, and the number of such pairs. Products are summed with zero-padded FFTs; pair
/// counts come from FFTs of the validity mask, or, for lines with few holes, from the hole
/// positions directly. Lines are split over worker threads. Internal to spatial_spectrum.
class LineAutocovariance {
  public:
    /// Maps of `lines` contiguous lines of `samples` values each.
    LineAutocovariance(int samples, int lines);
    ~LineAutocovariance();
    LineAutocovariance(const LineAutocovariance&) = delete;
    LineAutocovariance& operator=(const LineAutocovariance&) = delete;

    /// Number of lags (derivative length = samples - 1).
    int lags() const { return m_lags; }
    /// Sum of products per lag, over everything added.
    const std::vector<double>& sums() const { return m_sum; }
    /// Valid pairs per lag, over everything added.
    const std::vector<double>& pairs() const { return m_pairs; }

    /// Adds one map (NaN = missing); `spacing` in metres divides the differences. The mean of
    /// the map's valid derivatives is removed first. Returns the valid derivatives at lag 0.
    /// Throws CanceledError (adding nothing) when feedback is canceled or Ctrl-C was pressed.
    std::size_t add(const float* data, double spacing, const Feedback* feedback = nullptr);

  private:
    struct Worker;
    void runLines(Worker& worker, const float* data, double spacing, double mean, int first,
                  int last, const Feedback* feedback);
    int m_samples = 0;
    int m_lines = 0;
    int m_lags = 0;
    int m_padded = 0;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::vector<double> m_sum;
    std::vector<double> m_pairs;
};

} // namespace soilscope::analysis
