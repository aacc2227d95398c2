#pragma once
#include "analysis/metrics.h"

#include <cstddef>
#include <span>

namespace soilscope::analysis {

/// A paired comparison of two samples (b − a for each pair with both finite).
struct PairedTest {
    std::size_t n = 0; ///< pairs with both values finite
    double meanDifference = kNaN;
    double medianDifference = kNaN;
    double tStatistic = kNaN; ///< paired t test, n − 1 degrees of freedom
    double tP = kNaN;         ///< its two-sided p-value
    double wilcoxonW = kNaN;  ///< Wilcoxon signed-rank statistic: the smaller rank sum
    double wilcoxonP = kNaN;  ///< two-sided p-value, normal approximation with tie correction
                              ///< (zero differences dropped, as scipy's default "wilcox")
};

/// Paired t and Wilcoxon signed-rank tests of b against a.
PairedTest pairedTests(std::span<const double> a, std::span<const double> b);

} // namespace soilscope::analysis
