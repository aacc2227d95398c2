#include "analysis/bootstrap.h"

#include "analysis/special_functions.h"
#include "base/error.h"

#include <algorithm>
#include <array>
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

BootstrapMethod parseBootstrapMethod(const std::string& text) {
    if (text == "percentile")
        return BootstrapMethod::Percentile;
    if (text == "bca")
        return BootstrapMethod::BCa;
    throw Error("unknown bootstrap method '" + text + "' (percentile, bca)");
}

namespace {

/// The metrics that follow from the first and second moments of the pairs (and Σ|d|).
const std::array<const char*, 12> kMomentMetrics{"R",        "bias", "RMSD",     "ubRMSD",
                                                 "MAE",      "MSE",  "MSE_corr", "MSE_var",
                                                 "MSE_bias", "NSE",  "KGE",      "Std"};

/// Sums of reference and candidate values centred on the full sample's means.
struct PairSums {
    double n = 0, x = 0, y = 0, xx = 0, yy = 0, xy = 0, absDiff = 0;
    void add(double cx, double cy, double ad) {
        n += 1;
        x += cx;
        y += cy;
        xx += cx * cx;
        yy += cy * cy;
        xy += cx * cy;
        absDiff += ad;
    }
    PairSums without(double cx, double cy, double ad) const {
        return {n - 1, x - cx, y - cy, xx - cx * cx, yy - cy * cy, xy - cx * cy, absDiff - ad};
    }
};

/// The moment metrics (kMomentMetrics order) from the sums; the same definitions as
/// computeMetrics, which the tests compare against.
std::array<double, 12> momentMetrics(const PairSums& s, double meanRef, double meanCand) {
    std::array<double, 12> m;
    m.fill(kNaN);
    if (s.n < 1)
        return m;
    const double mx = s.x / s.n, my = s.y / s.n;
    const double varR = std::max(0.0, s.xx / s.n - mx * mx);
    const double varC = std::max(0.0, s.yy / s.n - my * my);
    const double cov = s.xy / s.n - mx * my;
    const double k = meanCand - meanRef;
    const double bias = my - mx + k;
    const double mse =
        std::max(0.0, (s.yy - 2.0 * s.xy + s.xx) / s.n + 2.0 * k * (my - mx) + k * k);
    const double sdR = std::sqrt(varR), sdC = std::sqrt(varC);
    m[1] = bias;
    m[2] = std::sqrt(mse);
    m[3] = std::sqrt(std::max(0.0, mse - bias * bias));
    m[4] = s.absDiff / s.n;
    m[5] = mse;
    m[7] = (sdR - sdC) * (sdR - sdC);
    m[8] = bias * bias;
    if (s.n >= 2 && varR > 0.0 && varC > 0.0) {
        const double r = std::clamp(cov / (sdR * sdC), -1.0, 1.0);
        m[0] = r;
        m[6] = 2.0 * sdR * sdC * (1.0 - r);
        const double alpha = sdC / sdR;
        const double mr = meanRef + mx;
        const double beta = mr != 0.0 ? (meanCand + my) / mr : kNaN;
        m[10] = 1.0 -
                std::sqrt((r - 1) * (r - 1) + (alpha - 1) * (alpha - 1) + (beta - 1) * (beta - 1));
    }
    if (varR > 0.0)
        m[9] = 1.0 - mse / varR;
    if (s.n >= 2)
        m[11] = std::sqrt(std::max(0.0, mse - bias * bias) * s.n / (s.n - 1));
    return m;
}

/// Efron's acceleration from jackknife estimates.
double acceleration(const std::vector<double>& jack) {
    double mean = 0;
    std::size_t n = 0;
    for (const double v : jack)
        if (std::isfinite(v)) {
            mean += v;
            ++n;
        }
    if (n < 2)
        return kNaN;
    mean /= static_cast<double>(n);
    double num = 0, den = 0;
    for (const double v : jack)
        if (std::isfinite(v)) {
            const double d = mean - v;
            num += d * d * d;
            den += d * d;
        }
    return den > 0 ? num / (6.0 * std::pow(den, 1.5)) : 0.0;
}

Interval percentileInterval(std::vector<double> samples, double alpha) {
    return {percentile(samples, 50.0 * alpha),
            percentile(std::move(samples), 100.0 - 50.0 * alpha)};
}

Interval bcaInterval(std::vector<double> samples, double estimate, double accel, double alpha) {
    std::erase_if(samples, [](double v) { return std::isnan(v); });
    if (samples.empty() || !std::isfinite(estimate) || !std::isfinite(accel))
        return {};
    const double b = static_cast<double>(samples.size());
    const double below = static_cast<double>(
        std::count_if(samples.begin(), samples.end(), [&](double v) { return v < estimate; }));
    const double fraction = std::clamp(below / b, 0.5 / b, 1.0 - 0.5 / b);
    const double z0 = normalQuantile(fraction);
    const auto adjusted = [&](double p) {
        const double z = z0 + normalQuantile(p);
        return 100.0 * normalCdf(z0 + z / (1.0 - accel * z));
    };
    const double lo = adjusted(alpha / 2), hi = adjusted(1.0 - alpha / 2);
    return {percentile(samples, lo), percentile(std::move(samples), hi)};
}

} // namespace

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
    std::map<std::string, Interval> out;
    for (const auto& name : metricNames())
        if (name != "n" && name.rfind("p_", 0) != 0)
            out[name] = Interval{};
    const std::size_t n = ref.size();
    if (n < 2)
        return out;

    double meanRef = 0, meanCand = 0;
    for (std::size_t i = 0; i < n; ++i) {
        meanRef += ref[i];
        meanCand += cand[i];
    }
    meanRef /= static_cast<double>(n);
    meanCand /= static_cast<double>(n);
    std::vector<double> cx(n), cy(n), ad(n);
    PairSums total;
    for (std::size_t i = 0; i < n; ++i) {
        cx[i] = ref[i] - meanRef;
        cy[i] = cand[i] - meanCand;
        ad[i] = std::fabs(cand[i] - ref[i]);
        total.add(cx[i], cy[i], ad[i]);
    }

    const std::size_t nMoment = kMomentMetrics.size();
    const auto resamples = static_cast<std::size_t>(options.resamples);
    std::vector<std::vector<double>> moment(nMoment, std::vector<double>(resamples));
    std::vector<double> rho, tau;
    std::vector<double> r, c;
    if (options.rankCorrelations) {
        rho.resize(resamples);
        tau.resize(resamples);
        r.resize(n);
        c.resize(n);
    }
    std::mt19937_64 rng(options.seed);
    std::uniform_int_distribution<std::size_t> pick(0, n - 1);
    for (std::size_t b = 0; b < resamples; ++b) {
        PairSums s;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t k = pick(rng);
            s.add(cx[k], cy[k], ad[k]);
            if (options.rankCorrelations) {
                r[i] = ref[k];
                c[i] = cand[k];
            }
        }
        const auto m = momentMetrics(s, meanRef, meanCand);
        for (std::size_t k = 0; k < nMoment; ++k)
            moment[k][b] = m[k];
        if (options.rankCorrelations) {
            rho[b] = spearman(r, c).value;
            tau[b] = kendallTau(r, c).value;
        }
        if (b % 16 == 15 || b + 1 == resamples) {
            if (options.feedback)
                options.feedback->throwIfCanceled();
            reportFraction(options.feedback, static_cast<double>(b + 1) / options.resamples);
        }
    }

    if (options.method == BootstrapMethod::Percentile) {
        for (std::size_t k = 0; k < nMoment; ++k)
            out[kMomentMetrics[k]] = percentileInterval(std::move(moment[k]), options.alpha);
        if (options.rankCorrelations) {
            out["rho"] = percentileInterval(std::move(rho), options.alpha);
            out["tau"] = percentileInterval(std::move(tau), options.alpha);
        }
        return out;
    }

    const auto estimate = momentMetrics(total, meanRef, meanCand);
    std::vector<std::vector<double>> jack(nMoment, std::vector<double>(n));
    for (std::size_t i = 0; i < n; ++i) {
        const auto m = momentMetrics(total.without(cx[i], cy[i], ad[i]), meanRef, meanCand);
        for (std::size_t k = 0; k < nMoment; ++k)
            jack[k][i] = m[k];
    }
    for (std::size_t k = 0; k < nMoment; ++k)
        out[kMomentMetrics[k]] =
            bcaInterval(std::move(moment[k]), estimate[k], acceleration(jack[k]), options.alpha);
    if (options.rankCorrelations) {
        const std::size_t groups = std::min<std::size_t>(50, n);
        std::vector<double> jackRho, jackTau;
        for (std::size_t g = 0; g < groups; ++g) {
            const std::size_t from = g * n / groups, to = (g + 1) * n / groups;
            std::vector<double> gr, gc;
            for (std::size_t i = 0; i < n; ++i)
                if (i < from || i >= to) {
                    gr.push_back(ref[i]);
                    gc.push_back(cand[i]);
                }
            jackRho.push_back(gr.size() >= 2 ? spearman(gr, gc).value : kNaN);
            jackTau.push_back(gr.size() >= 2 ? kendallTau(gr, gc).value : kNaN);
        }
        out["rho"] = bcaInterval(std::move(rho), spearman(ref, cand).value, acceleration(jackRho),
                                 options.alpha);
        out["tau"] = bcaInterval(std::move(tau), kendallTau(ref, cand).value, acceleration(jackTau),
                                 options.alpha);
    }
    return out;
}

} // namespace soilscope::analysis
