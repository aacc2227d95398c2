#pragma once
#include "analysis/metrics.h"

#include <cstddef>
#include <span>

namespace soilscope::analysis {

/// A monotonic trend of y over x: the Theil–Sen slope (median of the pairwise slopes) with
/// Conover's 1 − α interval, and the Mann–Kendall test (S with the tie-corrected variance and
/// continuity correction, two-sided normal p-value).
struct Trend {
    std::size_t n = 0;   ///< points with finite x and y
    double slope = kNaN; ///< Theil–Sen slope, y units per x unit
    double lower = kNaN; ///< interval of the slope
    double upper = kNaN;
    double intercept = kNaN; ///< median(y − slope·x)
    double s = kNaN;         ///< Mann–Kendall S
    double z = kNaN;
    double p = kNaN; ///< two-sided p-value of "no trend"
};

/// The trend of y over x (non-finite points ignored; NaN results below 3 points).
Trend theilSenTrend(std::span<const double> x, std::span<const double> y, double alpha = 0.05);

} // namespace soilscope::analysis
