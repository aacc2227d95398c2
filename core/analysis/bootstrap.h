#pragma once
#include "analysis/confidence_intervals.h"
#include "analysis/metrics.h"
#include "base/feedback.h"

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace soilscope::analysis {

/// Settings of the pair bootstrap.
struct BootstrapOptions {
    int resamples = 1000;
    std::uint64_t seed = 42;
    double alpha = 0.05;          ///< two-sided: percentiles α/2 and 1 − α/2
    bool rankCorrelations = true; ///< also resample rho and tau (the costly part)
    Feedback* feedback = nullptr; ///< progress and cancellation (optional)
};

/// Linear-interpolated percentile (as numpy's default) of values, q in [0, 100]; NaN values
/// are ignored; NaN when none is left. Sorts a copy.
double percentile(std::vector<double> values, double q);

/// Percentile bootstrap intervals of every metric except n and the p-values, keyed by the JSON
/// names of metricNames(). Resamples pairs with replacement from a seeded generator, so the
/// same input and seed give the same intervals.
std::map<std::string, Interval> bootstrapIntervals(std::span<const double> reference,
                                                   std::span<const double> candidate,
                                                   const BootstrapOptions& options = {});

} // namespace soilscope::analysis
