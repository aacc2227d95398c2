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

/// How the bootstrap distribution becomes an interval.
enum class BootstrapMethod {
    Percentile, ///< the α/2 and 1 − α/2 percentiles of the resampled metric
    BCa,        ///< bias-corrected and accelerated (Efron 1987): percentiles moved by the median
                ///< bias z0 and the jackknife acceleration a
};

/// "percentile" / "bca" → method; throws soilscope::Error otherwise.
BootstrapMethod parseBootstrapMethod(const std::string& text);

/// Settings of the pair bootstrap.
struct BootstrapOptions {
    BootstrapMethod method = BootstrapMethod::Percentile;
    int resamples = 1000;
    std::uint64_t seed = 42;
    double alpha = 0.05;          ///< two-sided: percentiles α/2 and 1 − α/2
    bool rankCorrelations = true; ///< also resample rho and tau (the costly part)
    Feedback* feedback = nullptr; ///< progress and cancellation (optional)
};

/// Linear-interpolated percentile (as numpy's default) of values, q in [0, 100]; NaN values
/// are ignored; NaN when none is left. Sorts a copy.
double percentile(std::vector<double> values, double q);

/// Bootstrap intervals of every metric except n and the p-values, keyed by the JSON names of
/// metricNames(). Resamples pairs with replacement from a seeded generator, so the same input
/// and seed give the same intervals. The moment metrics of a resample come from its sums of
/// centred values (O(n) per resample, no copy); BCa's acceleration comes from the delete-one
/// jackknife for them and from a delete-group jackknife (50 groups in time order) for rho and
/// tau. rho and tau stay NaN unless options.rankCorrelations.
std::map<std::string, Interval> bootstrapIntervals(std::span<const double> reference,
                                                   std::span<const double> candidate,
                                                   const BootstrapOptions& options = {});

} // namespace soilscope::analysis
