#include "series/scaler.h"

#include <boost/math/special_functions/beta.hpp>

#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace soilscope::series {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> finiteValues(std::span<const double> v) {
    std::vector<double> out;
    out.reserve(v.size());
    for (const double x : v)
        if (std::isfinite(x))
            out.push_back(x);
    return out;
}

double mean(const std::vector<double>& v) {
    double s = 0.0;
    for (const double x : v)
        s += x;
    return s / static_cast<double>(v.size());
}

double populationSd(const std::vector<double>& v, double m) {
    double s = 0.0;
    for (const double x : v)
        s += (x - m) * (x - m);
    return std::sqrt(s / static_cast<double>(v.size()));
}

/// Piecewise-linear interpolation through (xs, ys), xs strictly increasing, extrapolating
/// with the first and last segments.
double interpolateExtrapolate(const std::vector<double>& xs, const std::vector<double>& ys,
                              double x) {
    const std::size_t n = xs.size();
    if (n == 1)
        return ys[0];
    std::size_t k =
        static_cast<std::size_t>(std::upper_bound(xs.begin(), xs.end(), x) - xs.begin());
    k = std::clamp<std::size_t>(k, 1, n - 1); // segment [k − 1, k]
    const double t = (x - xs[k - 1]) / (xs[k] - xs[k - 1]);
    return ys[k - 1] + t * (ys[k] - ys[k - 1]);
}

/// np.interp: clamped to the end values outside [xs.front(), xs.back()].
double interpolateClamped(std::span<const double> xs, std::span<const double> ys, double x) {
    if (x <= xs.front())
        return ys.front();
    if (x >= xs.back())
        return ys.back();
    const std::size_t k =
        static_cast<std::size_t>(std::upper_bound(xs.begin(), xs.end(), x) - xs.begin());
    const double t = (x - xs[k - 1]) / (xs[k] - xs[k - 1]);
    return ys[k - 1] + t * (ys[k] - ys[k - 1]);
}

/// Method-of-moments beta fit on the sample range widened by 1 % on both sides.
Scaler::Beta fitBeta(const std::vector<double>& values, const char* which) {
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const double range = *hi - *lo;
    if (!(range > 0.0))
        throw Error(std::string("cannot fit a beta distribution to a constant ") + which +
                    " series");
    Scaler::Beta beta;
    beta.lower = *lo - 0.01 * range;
    beta.upper = *hi + 0.01 * range;
    double m = 0.0, v = 0.0;
    for (const double x : values)
        m += (x - beta.lower) / (beta.upper - beta.lower);
    m /= static_cast<double>(values.size());
    for (const double x : values) {
        const double d = (x - beta.lower) / (beta.upper - beta.lower) - m;
        v += d * d;
    }
    v /= static_cast<double>(values.size());
    const double common = m * (1.0 - m) / v - 1.0;
    if (!(common > 0.0))
        throw Error(std::string("the ") + which + " series has no beta-shaped distribution");
    beta.a = m * common;
    beta.b = (1.0 - m) * common;
    return beta;
}

} // namespace

ScalingMethod parseScalingMethod(std::string_view text) {
    if (text == "none")
        return ScalingMethod::None;
    if (text == "mean_std")
        return ScalingMethod::MeanStd;
    if (text == "min_max")
        return ScalingMethod::MinMax;
    if (text == "linreg")
        return ScalingMethod::LinReg;
    if (text == "cdf")
        return ScalingMethod::Cdf;
    if (text == "beta_cdf")
        return ScalingMethod::BetaCdf;
    throw Error("unknown scaling method '" + std::string(text) +
                "' (expected none, mean_std, min_max, linreg, cdf or beta_cdf)");
}

std::string scalingMethodName(ScalingMethod method) {
    switch (method) {
    case ScalingMethod::None:
        return "none";
    case ScalingMethod::MeanStd:
        return "mean_std";
    case ScalingMethod::MinMax:
        return "min_max";
    case ScalingMethod::LinReg:
        return "linreg";
    case ScalingMethod::Cdf:
        return "cdf";
    case ScalingMethod::BetaCdf:
        return "beta_cdf";
    }
    return "none";
}

std::vector<double> uniquePercentiles(std::span<const double> sorted,
                                      std::span<const double> percentiles) {
    const std::size_t n = sorted.size();
    if (n == 0)
        return std::vector<double>(percentiles.size(), kNaN);
    std::vector<double> rank(n);
    for (std::size_t i = 0; i < n; ++i)
        rank[i] = 100.0 * (static_cast<double>(i) + 0.5) / static_cast<double>(n);
    std::vector<double> perc(percentiles.size());
    for (std::size_t k = 0; k < percentiles.size(); ++k)
        perc[k] = interpolateClamped(rank, sorted, percentiles[k]);
    std::vector<double> keptPct, keptPerc;
    for (std::size_t k = 0; k < perc.size(); ++k) {
        if (k > 0 && perc[k] == perc[k - 1])
            continue;
        keptPct.push_back(percentiles[k]);
        keptPerc.push_back(perc[k]);
    }
    if (keptPerc.size() != perc.size() && keptPerc.size() > 1) {
        keptPct.back() = percentiles.back();
        for (std::size_t k = 0; k < perc.size(); ++k)
            perc[k] = interpolateExtrapolate(keptPct, keptPerc, percentiles[k]);
    }
    return perc;
}

Scaler Scaler::fit(ScalingMethod method, std::span<const double> source,
                   std::span<const double> reference, const CdfMatchOptions& cdf) {
    Scaler s;
    s.m_method = method;
    if (method == ScalingMethod::None)
        return s;
    if (method == ScalingMethod::LinReg) {
        if (source.size() != reference.size())
            throw Error("linear-regression scaling needs paired samples of equal length");
        std::vector<double> x, y;
        for (std::size_t i = 0; i < source.size(); ++i) {
            if (!std::isfinite(source[i]) || !std::isfinite(reference[i]))
                continue;
            x.push_back(source[i]);
            y.push_back(reference[i]);
        }
        if (x.size() < 2)
            throw Error("linear-regression scaling needs at least 2 pairs");
        const double mx = mean(x), my = mean(y);
        double sxx = 0.0, sxy = 0.0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (!(sxx > 0.0))
            throw Error("cannot scale a constant series by linear regression");
        s.m_slope = sxy / sxx;
        s.m_intercept = my - s.m_slope * mx;
        return s;
    }
    std::vector<double> src = finiteValues(source), ref = finiteValues(reference);
    if (src.size() < 2 || ref.size() < 2)
        throw Error("scaling needs at least 2 valid source and reference values");
    if (method == ScalingMethod::MeanStd) {
        const double ms = mean(src), mr = mean(ref);
        const double ss = populationSd(src, ms), sr = populationSd(ref, mr);
        if (!(ss > 0.0))
            throw Error("cannot mean/std-scale a constant series");
        s.m_slope = sr / ss;
        s.m_intercept = mr - s.m_slope * ms;
        return s;
    }
    if (method == ScalingMethod::MinMax) {
        const auto [smin, smax] = std::minmax_element(src.begin(), src.end());
        const auto [rmin, rmax] = std::minmax_element(ref.begin(), ref.end());
        if (!(*smax > *smin))
            throw Error("cannot min/max-scale a constant series");
        s.m_slope = (*rmax - *rmin) / (*smax - *smin);
        s.m_intercept = *rmin - s.m_slope * *smin;
        return s;
    }
    if (method == ScalingMethod::BetaCdf) {
        s.m_sourceBeta = fitBeta(src, "source");
        s.m_referenceBeta = fitBeta(ref, "reference");
        return s;
    }
    // CDF matching
    if (cdf.nbins < 1)
        throw Error("CDF matching needs at least one bin");
    std::sort(src.begin(), src.end());
    std::sort(ref.begin(), ref.end());
    int nbins = cdf.nbins;
    const std::size_t samples = std::min(src.size(), ref.size());
    if (cdf.minObs > 0 && static_cast<double>(samples) / nbins < static_cast<double>(cdf.minObs))
        nbins = std::clamp(static_cast<int>(samples / cdf.minObs), 1, cdf.nbins);
    std::vector<double> pct(static_cast<std::size_t>(nbins) + 1);
    for (int k = 0; k <= nbins; ++k)
        pct[static_cast<std::size_t>(k)] = 100.0 * k / nbins;
    s.m_sourcePerc = uniquePercentiles(src, pct);
    s.m_referencePerc = uniquePercentiles(ref, pct);
    for (std::size_t k = 1; k < s.m_sourcePerc.size(); ++k)
        if (!(s.m_sourcePerc[k] > s.m_sourcePerc[k - 1]))
            throw Error("cannot CDF-match a constant source series");
    return s;
}

double Scaler::apply(double value) const {
    if (!std::isfinite(value))
        return value;
    if (m_method == ScalingMethod::None)
        return value;
    if (m_method == ScalingMethod::Cdf)
        return interpolateExtrapolate(m_sourcePerc, m_referencePerc, value);
    if (m_method == ScalingMethod::BetaCdf) {
        const auto& s = m_sourceBeta;
        const auto& r = m_referenceBeta;
        const double u = std::clamp((value - s.lower) / (s.upper - s.lower), 0.0, 1.0);
        const double p = boost::math::ibeta(s.a, s.b, u);
        return r.lower + (r.upper - r.lower) * boost::math::ibeta_inv(r.a, r.b, p);
    }
    return m_intercept + m_slope * value;
}

std::vector<double> Scaler::apply(std::span<const double> values) const {
    std::vector<double> out(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        out[i] = apply(values[i]);
    return out;
}

} // namespace soilscope::series
