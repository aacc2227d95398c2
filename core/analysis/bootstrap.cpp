#include "analysis/bootstrap.h"

#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace soilscope::analysis {

double percentile(std::vector<double> values, double q) {
    std::erase_if(values, [](double v) { return std::isnan(v); });
    if (values.empty())
        return kNaN;
    std::sort(values.begin(), values.end());
    const double pos = std::clamp(q, 0.0, 100.0) / 100.0 * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    const double frac = pos - static_cast<double>(lo);
    return values[lo] + frac * (values[hi] - values[lo]);
}

std::map<std::string, Interval> bootstrapIntervals(std::span<const double> reference,
                                                   std::span<const double> candidate,
                                                   const BootstrapOptions& options) {
    if (reference.size() != candidate.size())
        throw Error("bootstrap: inputs differ in length");
    if (options.resamples < 1)
        throw Error("bootstrap: the number of resamples must be positive");
    if (!(options.alpha > 0.0 && options.alpha < 1.0))
        throw Error("bootstrap: alpha must lie in (0, 1)");
    std::vector<double> ref, cand;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        if (!std::isfinite(reference[i]) || !std::isfinite(candidate[i]))
            continue;
        ref.push_back(reference[i]);
        cand.push_back(candidate[i]);
    }
    std::vector<std::string> names;
    for (const auto& name : metricNames())
        if (name != "n" && name.rfind("p_", 0) != 0)
            names.push_back(name);
    std::map<std::string, Interval> out;
    for (const auto& name : names)
        out[name] = Interval{};
    const std::size_t n = ref.size();
    if (n < 2)
        return out;

    std::mt19937_64 rng(options.seed);
    std::uniform_int_distribution<std::size_t> pick(0, n - 1);
    std::vector<std::vector<double>> samples(names.size());
    for (auto& s : samples)
        s.reserve(static_cast<std::size_t>(options.resamples));
    std::vector<double> r(n), c(n);
    const MetricOptions metricOptions{options.rankCorrelations};
    for (int b = 0; b < options.resamples; ++b) {
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t k = pick(rng);
            r[i] = ref[k];
            c[i] = cand[k];
        }
        const Metrics m = computeMetrics(r, c, metricOptions);
        for (std::size_t k = 0; k < names.size(); ++k)
            samples[k].push_back(metricValue(m, names[k]));
        if (b % 16 == 15 || b + 1 == options.resamples)
            reportFraction(options.feedback, static_cast<double>(b + 1) / options.resamples);
    }
    for (std::size_t k = 0; k < names.size(); ++k) {
        out[names[k]] = {percentile(samples[k], 50.0 * options.alpha),
                         percentile(std::move(samples[k]), 100.0 - 50.0 * options.alpha)};
    }
    return out;
}

} // namespace soilscope::analysis
