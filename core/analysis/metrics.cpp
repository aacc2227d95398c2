#include "analysis/metrics.h"

#include "analysis/special_functions.h"
#include "base/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

namespace soilscope::analysis {

namespace {

double correlationP(double r, std::size_t n) {
    if (n < 3 || std::isnan(r)) return kNaN;
    if (std::fabs(r) >= 1.0) return 0.0;
    const double dof = static_cast<double>(n) - 2.0;
    const double t = r * std::sqrt(dof / ((1.0 - r) * (1.0 + r)));
    return studentTTwoSidedP(t, dof);
}

/// Pearson r of spans of equal length n >= 2 (two-pass, population moments).
double pearsonValue(std::span<const double> x, std::span<const double> y) {
    const std::size_t n = x.size();
    if (n < 2) return kNaN;
    double mx = 0.0, my = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        mx += x[i];
        my += y[i];
    }
    mx /= static_cast<double>(n);
    my /= static_cast<double>(n);
    double sxx = 0.0, syy = 0.0, sxy = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dx = x[i] - mx, dy = y[i] - my;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    if (sxx <= 0.0 || syy <= 0.0) return kNaN;
    return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

void requireSameLength(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size())
        throw Error("metric inputs differ in length (" + std::to_string(x.size()) + " vs " +
                    std::to_string(y.size()) + ")");
}

/// Counts strict inversions of v (pairs i < j with v[i] > v[j]) by merge sort; sorts v.
std::int64_t countInversions(std::vector<std::int64_t>& v) {
    const std::size_t n = v.size();
    std::vector<std::int64_t> buffer(n);
    std::int64_t inversions = 0;
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t lo = 0; lo < n; lo += 2 * width) {
            const std::size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
            std::size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi) {
                if (v[b] < v[a]) {
                    inversions += static_cast<std::int64_t>(mid - a);
                    buffer[k++] = v[b++];
                } else {
                    buffer[k++] = v[a++];
                }
            }
            while (a < mid) buffer[k++] = v[a++];
            while (b < hi) buffer[k++] = v[b++];
        }
        v.swap(buffer);
    }
    return inversions;
}

struct TieStats {
    double pairs = 0; ///< Σ t(t−1)/2
    double v0 = 0;    ///< Σ t(t−1)(t−2)
    double v1 = 0;    ///< Σ t(t−1)(2t+5)
};

/// Tie statistics of a sorted sequence.
template <class Seq> TieStats tieStats(const Seq& sorted) {
    TieStats s;
    std::size_t i = 0;
    while (i < sorted.size()) {
        std::size_t j = i + 1;
        while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
        const double t = static_cast<double>(j - i);
        s.pairs += t * (t - 1.0) / 2.0;
        s.v0 += t * (t - 1.0) * (t - 2.0);
        s.v1 += t * (t - 1.0) * (2.0 * t + 5.0);
        i = j;
    }
    return s;
}

} // namespace

std::vector<double> averageRanks(std::span<const double> values) {
    const std::size_t n = values.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> ranks(n);
    std::size_t i = 0;
    while (i < n) {
        std::size_t j = i + 1;
        while (j < n && values[order[j]] == values[order[i]]) ++j;
        const double rank = 0.5 * static_cast<double>(i + j + 1); // mean of i+1 .. j
        for (std::size_t k = i; k < j; ++k) ranks[order[k]] = rank;
        i = j;
    }
    return ranks;
}

Correlation pearson(std::span<const double> x, std::span<const double> y) {
    requireSameLength(x, y);
    Correlation c;
    c.value = pearsonValue(x, y);
    c.p = correlationP(c.value, x.size());
    return c;
}

Correlation spearman(std::span<const double> x, std::span<const double> y) {
    requireSameLength(x, y);
    const auto rx = averageRanks(x);
    const auto ry = averageRanks(y);
    Correlation c;
    c.value = pearsonValue(rx, ry);
    c.p = correlationP(c.value, x.size());
    return c;
}

Correlation kendallTau(std::span<const double> x, std::span<const double> y) {
    requireSameLength(x, y);
    const std::size_t n = x.size();
    Correlation c;
    if (n < 2) return c;
    // Dense ranks of y, then order by (x, y rank): discordant pairs are inversions of y ranks.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return y[a] < y[b]; });
    std::vector<std::int64_t> yRank(n);
    std::int64_t rank = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (k > 0 && y[order[k]] != y[order[k - 1]]) ++rank;
        yRank[order[k]] = rank;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return x[a] < x[b] || (x[a] == x[b] && yRank[a] < yRank[b]);
    });
    std::vector<double> xs(n);
    std::vector<std::int64_t> ys(n);
    for (std::size_t k = 0; k < n; ++k) {
        xs[k] = x[order[k]];
        ys[k] = yRank[order[k]];
    }
    double jointTies = 0.0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && xs[j] == xs[i] && ys[j] == ys[i]) ++j;
        const double t = static_cast<double>(j - i);
        jointTies += t * (t - 1.0) / 2.0;
        i = j;
    }
    const TieStats xt = tieStats(xs);
    const double discordant = static_cast<double>(countInversions(ys)); // ys is now sorted
    const TieStats yt = tieStats(ys);
    const double nd = static_cast<double>(n);
    const double total = nd * (nd - 1.0) / 2.0;
    const double conMinusDis = total - xt.pairs - yt.pairs + jointTies - 2.0 * discordant;
    const double denom = std::sqrt(total - xt.pairs) * std::sqrt(total - yt.pairs);
    if (!(denom > 0.0)) return c;
    c.value = std::clamp(conMinusDis / denom, -1.0, 1.0);
    if (n < 3) return c;
    const double m = nd * (nd - 1.0);
    const double var = (m * (2.0 * nd + 5.0) - xt.v1 - yt.v1) / 18.0 +
                       (2.0 * xt.pairs * yt.pairs) / m + xt.v0 * yt.v0 / (9.0 * m * (nd - 2.0));
    c.p = var > 0.0 ? normalTwoSidedP(conMinusDis / std::sqrt(var)) : kNaN;
    return c;
}

Metrics computeMetrics(std::span<const double> reference, std::span<const double> candidate,
                       const MetricOptions& options) {
    requireSameLength(reference, candidate);
    std::vector<double> refKept, candKept;
    const bool allFinite = std::all_of(reference.begin(), reference.end(),
                                       [](double v) { return std::isfinite(v); }) &&
                           std::all_of(candidate.begin(), candidate.end(),
                                       [](double v) { return std::isfinite(v); });
    if (!allFinite) {
        for (std::size_t i = 0; i < reference.size(); ++i) {
            if (!std::isfinite(reference[i]) || !std::isfinite(candidate[i])) continue;
            refKept.push_back(reference[i]);
            candKept.push_back(candidate[i]);
        }
        reference = refKept;
        candidate = candKept;
    }
    Metrics m;
    const std::size_t n = reference.size();
    m.n = n;
    if (n == 0) return m;
    const double nd = static_cast<double>(n);
    double meanR = 0.0, meanC = 0.0, sumAbs = 0.0, sumSq = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double d = candidate[i] - reference[i];
        meanR += reference[i];
        meanC += candidate[i];
        sumAbs += std::fabs(d);
        sumSq += d * d;
    }
    meanR /= nd;
    meanC /= nd;
    double varR = 0.0, varC = 0.0, cov = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dr = reference[i] - meanR, dc = candidate[i] - meanC;
        varR += dr * dr;
        varC += dc * dc;
        cov += dr * dc;
    }
    const double sdR = std::sqrt(varR / nd), sdC = std::sqrt(varC / nd);
    m.bias = meanC - meanR;
    m.mse = sumSq / nd;
    m.rmsd = std::sqrt(m.mse);
    m.mae = sumAbs / nd;
    m.ubrmsd = std::sqrt(std::max(0.0, m.mse - m.bias * m.bias));
    m.mseBias = m.bias * m.bias;
    m.mseVar = (sdR - sdC) * (sdR - sdC);
    if (n >= 2 && varR > 0.0 && varC > 0.0) {
        m.r = std::clamp(cov / std::sqrt(varR * varC), -1.0, 1.0);
        m.pR = correlationP(m.r, n);
        m.mseCorr = 2.0 * sdR * sdC * (1.0 - m.r);
        const double alpha = sdC / sdR;
        const double beta = meanR != 0.0 ? meanC / meanR : kNaN;
        m.kge = 1.0 - std::sqrt((m.r - 1.0) * (m.r - 1.0) + (alpha - 1.0) * (alpha - 1.0) +
                                (beta - 1.0) * (beta - 1.0));
    }
    if (varR > 0.0) m.nse = 1.0 - sumSq / varR;
    if (options.rankCorrelations && n >= 2) {
        const Correlation s = spearman(reference, candidate);
        m.rho = s.value;
        m.pRho = s.p;
        const Correlation k = kendallTau(reference, candidate);
        m.tau = k.value;
        m.pTau = k.p;
    }
    return m;
}

Metrics computeMetrics(const series::MatchedPairs& pairs, const MetricOptions& options) {
    return computeMetrics(pairs.reference, pairs.candidate, options);
}

const std::vector<std::string>& metricNames() {
    static const std::vector<std::string> names{
        "n",    "R",  "p_R", "rho", "p_rho",    "tau",     "p_tau",    "bias", "RMSD",
        "ubRMSD", "MAE", "MSE", "MSE_corr", "MSE_var", "MSE_bias", "NSE", "KGE"};
    return names;
}

double metricValue(const Metrics& m, std::string_view name) {
    if (name == "n") return static_cast<double>(m.n);
    if (name == "R") return m.r;
    if (name == "p_R") return m.pR;
    if (name == "rho") return m.rho;
    if (name == "p_rho") return m.pRho;
    if (name == "tau") return m.tau;
    if (name == "p_tau") return m.pTau;
    if (name == "bias") return m.bias;
    if (name == "RMSD") return m.rmsd;
    if (name == "ubRMSD") return m.ubrmsd;
    if (name == "MAE") return m.mae;
    if (name == "MSE") return m.mse;
    if (name == "MSE_corr") return m.mseCorr;
    if (name == "MSE_var") return m.mseVar;
    if (name == "MSE_bias") return m.mseBias;
    if (name == "NSE") return m.nse;
    if (name == "KGE") return m.kge;
    throw Error("unknown metric '" + std::string(name) + "'");
}

nlohmann::json metricsToJson(const Metrics& m) {
    nlohmann::json j = nlohmann::json::object();
    j["n"] = m.n;
    for (const auto& name : metricNames()) {
        if (name == "n") continue;
        const double v = metricValue(m, name);
        j[name] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
    }
    return j;
}

} // namespace soilscope::analysis
