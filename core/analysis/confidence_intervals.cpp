#include "analysis/confidence_intervals.h"

#include "analysis/special_functions.h"
#include "base/error.h"

#include <algorithm>
#include <cmath>

namespace soilscope::analysis {

namespace {

Interval fisherInterval(double r, double standardError, double alpha) {
    if (std::isnan(r) || !(standardError > 0.0) || !std::isfinite(standardError))
        return {};
    const double z = std::atanh(std::clamp(r, -1.0 + 1e-15, 1.0 - 1e-15));
    const double half = normalQuantile(1.0 - alpha / 2.0) * standardError;
    return {std::tanh(z - half), std::tanh(z + half)};
}

void checkAlpha(double alpha) {
    if (!(alpha > 0.0 && alpha < 1.0))
        throw Error("confidence level alpha must lie in (0, 1), got " + std::to_string(alpha));
}

} // namespace

Interval biasInterval(std::span<const double> reference, std::span<const double> candidate,
                      double alpha) {
    checkAlpha(alpha);
    if (reference.size() != candidate.size())
        throw Error("bias interval: inputs differ in length");
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const double d = candidate[i] - reference[i];
        if (!std::isfinite(d))
            continue;
        sum += d;
        ++n;
    }
    if (n < 2)
        return {};
    const double mean = sum / static_cast<double>(n);
    double ss = 0.0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const double d = candidate[i] - reference[i];
        if (std::isfinite(d))
            ss += (d - mean) * (d - mean);
    }
    const double nd = static_cast<double>(n);
    const double se = std::sqrt(ss / (nd - 1.0)) / std::sqrt(nd);
    const double half = studentTQuantile(1.0 - alpha / 2.0, nd - 1.0) * se;
    return {mean - half, mean + half};
}

Interval ubrmsdInterval(double ubrmsd, std::size_t n, double alpha) {
    checkAlpha(alpha);
    if (n < 2 || std::isnan(ubrmsd))
        return {};
    const double nd = static_cast<double>(n);
    const double msd = ubrmsd * ubrmsd;
    return {std::sqrt(nd * msd / chiSquaredQuantile(1.0 - alpha / 2.0, nd - 1.0)),
            std::sqrt(nd * msd / chiSquaredQuantile(alpha / 2.0, nd - 1.0))};
}

Interval pearsonInterval(double r, std::size_t n, double alpha) {
    checkAlpha(alpha);
    if (n < 4)
        return {};
    return fisherInterval(r, 1.0 / std::sqrt(static_cast<double>(n) - 3.0), alpha);
}

Interval spearmanInterval(double rho, std::size_t n, double alpha) {
    checkAlpha(alpha);
    if (n < 4)
        return {};
    return fisherInterval(rho, std::sqrt((1.0 + rho * rho / 2.0) / (static_cast<double>(n) - 3.0)),
                          alpha);
}

Interval kendallInterval(double tau, std::size_t n, double alpha) {
    checkAlpha(alpha);
    if (n < 5)
        return {};
    return fisherInterval(tau, std::sqrt(0.437 / (static_cast<double>(n) - 4.0)), alpha);
}

std::map<std::string, Interval> analyticIntervals(std::span<const double> reference,
                                                  std::span<const double> candidate,
                                                  const Metrics& metrics, double alpha) {
    std::map<std::string, Interval> out;
    out["bias"] = biasInterval(reference, candidate, alpha);
    out["ubRMSD"] = ubrmsdInterval(metrics.ubrmsd, metrics.n, alpha);
    out["R"] = pearsonInterval(metrics.r, metrics.n, alpha);
    out["rho"] = spearmanInterval(metrics.rho, metrics.n, alpha);
    out["tau"] = kendallInterval(metrics.tau, metrics.n, alpha);
    return out;
}

} // namespace soilscope::analysis
