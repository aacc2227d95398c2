#include "analysis/metrics.h"

#include "analysis/rank_order.h"
#include "analysis/special_functions.h"
#include "base/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace soilscope::analysis {

namespace {

double correlationP(double r, std::size_t n) {
    if (n < 3 || std::isnan(r))
        return kNaN;
    if (std::fabs(r) >= 1.0)
        return 0.0;
    const double dof = static_cast<double>(n) - 2.0;
    const double t = r * std::sqrt(dof / ((1.0 - r) * (1.0 + r)));
    return studentTTwoSidedP(t, dof);
}

/// Pearson r of spans of equal length n >= 2 (two-pass, population moments).
double pearsonValue(std::span<const double> x, std::span<const double> y) {
    const std::size_t n = x.size();
    if (n < 2)
        return kNaN;
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
    if (sxx <= 0.0 || syy <= 0.0)
        return kNaN;
    return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

void requireSameLength(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size())
        throw Error("metric inputs differ in length (" + std::to_string(x.size()) + " vs " +
                    std::to_string(y.size()) + ")");
}

struct TieStats {
    double pairs = 0; ///< Σ t(t−1)/2
    double v0 = 0;    ///< Σ t(t−1)(t−2)
    double v1 = 0;    ///< Σ t(t−1)(2t+5)
    void add(std::size_t count) {
        const double t = static_cast<double>(count);
        pairs += t * (t - 1.0) / 2.0;
        v0 += t * (t - 1.0) * (t - 2.0);
        v1 += t * (t - 1.0) * (2.0 * t + 5.0);
    }
};

/// Walks `order` (indices sorted by values) in groups of equal values: average ranks, dense
/// ranks and tie statistics.
TieStats rankGroups(std::span<const double> values, const std::vector<std::uint32_t>& order,
                    std::vector<double>* averageRank, std::vector<std::int32_t>* denseRank) {
    TieStats stats;
    const std::size_t n = order.size();
    std::int32_t dense = 0;
    std::size_t i = 0;
    while (i < n) {
        std::size_t j = i + 1;
        while (j < n && values[order[j]] == values[order[i]])
            ++j;
        const double rank = 0.5 * static_cast<double>(i + j + 1); // mean of i+1 .. j
        for (std::size_t k = i; k < j; ++k) {
            if (averageRank)
                (*averageRank)[order[k]] = rank;
            if (denseRank)
                (*denseRank)[order[k]] = dense;
        }
        stats.add(j - i);
        ++dense;
        i = j;
    }
    return stats;
}

/// Spearman's rho and Kendall's tau-b from one pair of radix sorts: by y, then stably by x,
/// which yields the (x, y) order that Knight's algorithm counts inversions in.
void rankCorrelations(std::span<const double> x, std::span<const double> y, Correlation* rho,
                      Correlation* tau) {
    const std::size_t n = x.size();
    if (n < 2)
        return;
    std::vector<std::uint32_t> order = sortedOrder(y);
    std::vector<double> yRank(n), xRank(n);
    std::vector<std::int32_t> yDense(n);
    const TieStats yt = rankGroups(y, order, &yRank, &yDense);
    stableSortBy(x, order);
    const TieStats xt = rankGroups(x, order, rho ? &xRank : nullptr, nullptr);
    if (rho) {
        rho->value = pearsonValue(xRank, yRank);
        rho->p = correlationP(rho->value, n);
    }
    if (!tau)
        return;
    std::vector<std::int32_t> seq(n);
    double jointTies = 0.0;
    std::size_t run = 1;
    for (std::size_t k = 0; k < n; ++k) {
        seq[k] = yDense[order[k]];
        if (k > 0 && x[order[k]] == x[order[k - 1]] && seq[k] == seq[k - 1]) {
            ++run;
        } else {
            jointTies += static_cast<double>(run) * static_cast<double>(run - 1) / 2.0;
            run = 1;
        }
    }
    jointTies += static_cast<double>(run) * static_cast<double>(run - 1) / 2.0;
    const std::int32_t yRanks = n ? *std::max_element(yDense.begin(), yDense.end()) + 1 : 0;
    const double discordant = static_cast<double>(countInversions(seq, yRanks));
    const double nd = static_cast<double>(n);
    const double total = nd * (nd - 1.0) / 2.0;
    const double conMinusDis = total - xt.pairs - yt.pairs + jointTies - 2.0 * discordant;
    const double denom = std::sqrt(total - xt.pairs) * std::sqrt(total - yt.pairs);
    if (!(denom > 0.0))
        return;
    tau->value = std::clamp(conMinusDis / denom, -1.0, 1.0);
    if (n < 3)
        return;
    const double m = nd * (nd - 1.0);
    const double var = (m * (2.0 * nd + 5.0) - xt.v1 - yt.v1) / 18.0 +
                       (2.0 * xt.pairs * yt.pairs) / m + xt.v0 * yt.v0 / (9.0 * m * (nd - 2.0));
    tau->p = var > 0.0 ? normalTwoSidedP(conMinusDis / std::sqrt(var)) : kNaN;
}

} // namespace

std::vector<double> averageRanks(std::span<const double> values) {
    std::vector<double> ranks(values.size());
    rankGroups(values, sortedOrder(values), &ranks, nullptr);
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
    Correlation c;
    rankCorrelations(x, y, &c, nullptr);
    return c;
}

Correlation kendallTau(std::span<const double> x, std::span<const double> y) {
    requireSameLength(x, y);
    Correlation c;
    rankCorrelations(x, y, nullptr, &c);
    return c;
}

Metrics computeMetrics(std::span<const double> reference, std::span<const double> candidate,
                       const MetricOptions& options) {
    requireSameLength(reference, candidate);
    std::vector<double> refKept, candKept;
    const bool allFinite =
        std::all_of(reference.begin(), reference.end(),
                    [](double v) { return std::isfinite(v); }) &&
        std::all_of(candidate.begin(), candidate.end(), [](double v) { return std::isfinite(v); });
    if (!allFinite) {
        for (std::size_t i = 0; i < reference.size(); ++i) {
            if (!std::isfinite(reference[i]) || !std::isfinite(candidate[i]))
                continue;
            refKept.push_back(reference[i]);
            candKept.push_back(candidate[i]);
        }
        reference = refKept;
        candidate = candKept;
    }
    Metrics m;
    const std::size_t n = reference.size();
    m.n = n;
    if (n == 0)
        return m;
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
    if (n >= 2) {
        double ssd = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const double e = candidate[i] - reference[i] - m.bias;
            ssd += e * e;
        }
        m.stdDiff = std::sqrt(ssd / (nd - 1.0));
    }
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
    if (varR > 0.0)
        m.nse = 1.0 - sumSq / varR;
    if (options.rankCorrelations && n >= 2) {
        Correlation rho, tau;
        rankCorrelations(reference, candidate, &rho, &tau);
        m.rho = rho.value;
        m.pRho = rho.p;
        m.tau = tau.value;
        m.pTau = tau.p;
    }
    return m;
}

Metrics computeMetrics(const series::MatchedPairs& pairs, const MetricOptions& options) {
    return computeMetrics(pairs.reference, pairs.candidate, options);
}

const std::vector<std::string>& metricNames() {
    static const std::vector<std::string> names{
        "n",      "R",   "p_R", "rho",      "p_rho",   "tau",      "p_tau", "bias", "RMSD",
        "ubRMSD", "MAE", "MSE", "MSE_corr", "MSE_var", "MSE_bias", "NSE",   "KGE",  "Std"};
    return names;
}

double metricValue(const Metrics& m, std::string_view name) {
    if (name == "n")
        return static_cast<double>(m.n);
    if (name == "R")
        return m.r;
    if (name == "p_R")
        return m.pR;
    if (name == "rho")
        return m.rho;
    if (name == "p_rho")
        return m.pRho;
    if (name == "tau")
        return m.tau;
    if (name == "p_tau")
        return m.pTau;
    if (name == "bias")
        return m.bias;
    if (name == "RMSD")
        return m.rmsd;
    if (name == "ubRMSD")
        return m.ubrmsd;
    if (name == "MAE")
        return m.mae;
    if (name == "MSE")
        return m.mse;
    if (name == "MSE_corr")
        return m.mseCorr;
    if (name == "MSE_var")
        return m.mseVar;
    if (name == "MSE_bias")
        return m.mseBias;
    if (name == "NSE")
        return m.nse;
    if (name == "KGE")
        return m.kge;
    if (name == "Std")
        return m.stdDiff;
    throw Error("unknown metric '" + std::string(name) + "'");
}

nlohmann::json metricsToJson(const Metrics& m) {
    nlohmann::json j = nlohmann::json::object();
    j["n"] = m.n;
    for (const auto& name : metricNames()) {
        if (name == "n")
            continue;
        const double v = metricValue(m, name);
        j[name] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
    }
    return j;
}

} // namespace soilscope::analysis
