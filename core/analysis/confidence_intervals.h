#pragma once
#include "analysis/metrics.h"

#include <cstddef>
#include <map>
#include <span>
#include <string>

namespace soilscope::analysis {

/// A two-sided interval [lower, upper]; NaN bounds when it cannot be computed.
struct Interval {
    double lower = kNaN;
    double upper = kNaN;
    bool contains(double v) const { return v >= lower && v <= upper; }
};

/// CI of bias = mean(candidate − reference): mean ± t(1 − α/2, n − 1) · s/√n (s with ddof 1).
Interval biasInterval(std::span<const double> reference, std::span<const double> candidate,
                      double alpha = 0.05);

/// CI of ubRMSD from the χ² distribution with n − 1 dof, as pytesmo's ubrmsd_ci.
Interval ubrmsdInterval(double ubrmsd, std::size_t n, double alpha = 0.05);

/// CI of Pearson's r by the Fisher z-transform (standard error 1/√(n − 3)).
Interval pearsonInterval(double r, std::size_t n, double alpha = 0.05);

/// CI of Spearman's rho by the Fisher z-transform with Bonett–Wright's standard error
/// √((1 + rho²/2)/(n − 3)).
Interval spearmanInterval(double rho, std::size_t n, double alpha = 0.05);

/// CI of Kendall's tau by the Fisher z-transform with Fieller's standard error √(0.437/(n − 4)).
Interval kendallInterval(double tau, std::size_t n, double alpha = 0.05);

/// The analytical intervals of the metrics: "bias", "ubRMSD", "R", "rho", "tau".
std::map<std::string, Interval> analyticIntervals(std::span<const double> reference,
                                                  std::span<const double> candidate,
                                                  const Metrics& metrics, double alpha = 0.05);

} // namespace soilscope::analysis
