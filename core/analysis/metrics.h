#pragma once
#include "series/temporal_matching.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace soilscope::analysis {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A correlation coefficient with its two-sided p-value (NaN when undefined).
struct Correlation {
    double value = kNaN;
    double p = kNaN;
};

/// Agreement metrics of a candidate against a reference, as pytesmo defines them.
/// Undefined values (too few pairs, constant series) are NaN.
struct Metrics {
    std::size_t n = 0;
    double r = kNaN;       ///< Pearson correlation
    double pR = kNaN;      ///< two-sided p-value of r (t distribution, n − 2 dof)
    double rho = kNaN;     ///< Spearman rank correlation (average ranks for ties)
    double pRho = kNaN;    ///< two-sided p-value of rho (t distribution, n − 2 dof)
    double tau = kNaN;     ///< Kendall tau-b
    double pTau = kNaN;    ///< two-sided p-value of tau (normal approximation, as scipy)
    double bias = kNaN;    ///< mean(candidate − reference)
    double rmsd = kNaN;    ///< sqrt(mean((candidate − reference)²))
    double ubrmsd = kNaN;  ///< sqrt(rmsd² − bias²), population moments
    double mae = kNaN;     ///< mean |candidate − reference|
    double stdDiff = kNaN; ///< standard deviation of the differences with N − 1 (the "Std" of
                           ///< the CNN paper): RMSD² = bias² + Std²·(N − 1)/N
    double mse = kNaN;     ///< rmsd²
    double mseCorr = kNaN; ///< 2 σr σc (1 − r)
    double mseVar = kNaN;  ///< (σr − σc)²
    double mseBias = kNaN; ///< bias²
    double nse = kNaN;     ///< Nash–Sutcliffe efficiency, reference as observation
    double kge = kNaN;     ///< Kling–Gupta efficiency (2009), reference as observation
};

/// What computeMetrics evaluates.
struct MetricOptions {
    bool rankCorrelations = true; ///< Spearman and Kendall (O(n log n)); false leaves them NaN
};

/// All metrics of candidate against reference; pairs where either value is not finite are
/// ignored. Throws soilscope::Error when the spans differ in length.
Metrics computeMetrics(std::span<const double> reference, std::span<const double> candidate,
                       const MetricOptions& options = {});

/// All metrics of matched pairs (see series::matchTemporal).
Metrics computeMetrics(const series::MatchedPairs& pairs, const MetricOptions& options = {});

/// Metric names in output order: "n", "R", "p_R", "rho", ..., "KGE" (the JSON keys).
const std::vector<std::string>& metricNames();

/// The value of a metric by its JSON key; throws soilscope::Error for an unknown name.
double metricValue(const Metrics& metrics, std::string_view name);

/// {"n":..,"R":..,...}; NaN values become null.
nlohmann::json metricsToJson(const Metrics& metrics);

/// Pearson correlation with a two-sided p-value; inputs finite and of equal length.
Correlation pearson(std::span<const double> x, std::span<const double> y);

/// Spearman rank correlation (average ranks for ties) with a two-sided p-value.
Correlation spearman(std::span<const double> x, std::span<const double> y);

/// Kendall tau-b in O(n log n) (Knight's algorithm: order by (x, y), count the discordant pairs
/// as inversions of y) with scipy's asymptotic p-value.
Correlation kendallTau(std::span<const double> x, std::span<const double> y);

/// Ranks 1..n with ties given their average rank.
std::vector<double> averageRanks(std::span<const double> values);

} // namespace soilscope::analysis
