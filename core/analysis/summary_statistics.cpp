#include "analysis/summary_statistics.h"

#include "base/error.h"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>

namespace soilscope::analysis {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

std::vector<double> finiteValues(std::span<const double> values) {
    std::vector<double> out;
    out.reserve(values.size());
    for (double v : values)
        if (std::isfinite(v))
            out.push_back(v);
    return out;
}

double twoSidedP(double t, double df) {
    if (!std::isfinite(t) || !(df > 0.0))
        return kNan;
    const boost::math::students_t dist(df);
    return 2.0 * boost::math::cdf(boost::math::complement(dist, std::abs(t)));
}

void meanVariance(const std::vector<double>& v, double& mean, double& variance) {
    mean = 0.0;
    for (double x : v)
        mean += x;
    mean /= static_cast<double>(v.size());
    variance = 0.0;
    for (double x : v)
        variance += (x - mean) * (x - mean);
    variance = v.size() > 1 ? variance / static_cast<double>(v.size() - 1) : kNan;
}

} // namespace

double quantileSorted(std::span<const double> sorted, double q) {
    if (sorted.empty())
        return kNan;
    const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double median(std::span<const double> values) {
    std::vector<double> v = finiteValues(values);
    std::sort(v.begin(), v.end());
    return quantileSorted(v, 0.5);
}

BoxStatistics boxStatistics(std::span<const double> values) {
    std::vector<double> v = finiteValues(values);
    BoxStatistics b;
    b.n = v.size();
    if (v.empty())
        return b;
    std::sort(v.begin(), v.end());
    b.min = v.front();
    b.max = v.back();
    b.q1 = quantileSorted(v, 0.25);
    b.median = quantileSorted(v, 0.5);
    b.q3 = quantileSorted(v, 0.75);
    const double iqr = b.q3 - b.q1;
    const double lowFence = b.q1 - 1.5 * iqr;
    const double highFence = b.q3 + 1.5 * iqr;
    b.whiskerLow = *std::lower_bound(v.begin(), v.end(), lowFence);
    b.whiskerHigh = *(std::upper_bound(v.begin(), v.end(), highFence) - 1);
    b.outliers = static_cast<std::size_t>(
        std::count_if(v.begin(), v.end(), [&](double x) { return x < lowFence || x > highFence; }));
    double variance = 0.0;
    meanVariance(v, b.mean, variance);
    b.stddev = std::sqrt(variance);
    return b;
}

KernelDensity gaussianKde(std::span<const double> values, std::size_t points, double bandwidth) {
    const std::vector<double> v = finiteValues(values);
    if (v.size() < 2)
        throw Error("a kernel density needs at least 2 finite values");
    if (points < 2)
        throw Error("a kernel density needs at least 2 evaluation points");
    double mean = 0.0, variance = 0.0;
    meanVariance(v, mean, variance);
    KernelDensity kde;
    kde.bandwidth = bandwidth > 0.0
                        ? bandwidth
                        : std::sqrt(variance) * std::pow(static_cast<double>(v.size()), -0.2);
    if (!(kde.bandwidth > 0.0))
        throw Error("a kernel density of identical values needs an explicit bandwidth");
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    const double from = *lo - 3.0 * kde.bandwidth;
    const double to = *hi + 3.0 * kde.bandwidth;
    const double norm =
        1.0 / (static_cast<double>(v.size()) * kde.bandwidth * std::sqrt(2.0 * std::numbers::pi));
    kde.x.resize(points);
    kde.density.assign(points, 0.0);
    for (std::size_t i = 0; i < points; ++i) {
        const double x =
            from + (to - from) * static_cast<double>(i) / static_cast<double>(points - 1);
        kde.x[i] = x;
        double s = 0.0;
        for (double xi : v) {
            const double z = (x - xi) / kde.bandwidth;
            if (std::abs(z) < 8.0)
                s += std::exp(-0.5 * z * z);
        }
        kde.density[i] = s * norm;
    }
    return kde;
}

TTest pairedTTest(std::span<const double> a, std::span<const double> b) {
    if (a.size() != b.size())
        throw Error("a paired t-test needs samples of equal length");
    std::vector<double> d;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::isfinite(a[i]) && std::isfinite(b[i]))
            d.push_back(a[i] - b[i]);
    TTest t;
    t.n = d.size();
    if (d.size() < 2)
        return t;
    double mean = 0.0, variance = 0.0;
    meanVariance(d, mean, variance);
    t.meanDifference = mean;
    t.df = static_cast<double>(d.size() - 1);
    if (!(variance > 0.0))
        return t;
    t.t = mean / std::sqrt(variance / static_cast<double>(d.size()));
    t.p = twoSidedP(t.t, t.df);
    return t;
}

TTest welchTTest(std::span<const double> a, std::span<const double> b) {
    const std::vector<double> x = finiteValues(a);
    const std::vector<double> y = finiteValues(b);
    TTest t;
    t.n = x.size() + y.size();
    if (x.size() < 2 || y.size() < 2)
        return t;
    double mx = 0, vx = 0, my = 0, vy = 0;
    meanVariance(x, mx, vx);
    meanVariance(y, my, vy);
    t.meanDifference = mx - my;
    const double sx = vx / static_cast<double>(x.size());
    const double sy = vy / static_cast<double>(y.size());
    if (!(sx + sy > 0.0))
        return t;
    t.t = (mx - my) / std::sqrt(sx + sy);
    t.df =
        (sx + sy) * (sx + sy) /
        (sx * sx / static_cast<double>(x.size() - 1) + sy * sy / static_cast<double>(y.size() - 1));
    t.p = twoSidedP(t.t, t.df);
    return t;
}

Season seasonOfMonth(unsigned month) {
    if (month < 1 || month > 12)
        throw Error("month " + std::to_string(month) + " is not 1..12");
    if (month == 12 || month <= 2)
        return Season::DJF;
    if (month <= 5)
        return Season::MAM;
    if (month <= 8)
        return Season::JJA;
    return Season::SON;
}

unsigned monthOf(TimePoint t) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
    return static_cast<unsigned>(ymd.month());
}

Season seasonOf(TimePoint t) {
    return seasonOfMonth(monthOf(t));
}

const char* seasonName(Season season) {
    switch (season) {
    case Season::DJF:
        return "DJF";
    case Season::MAM:
        return "MAM";
    case Season::JJA:
        return "JJA";
    case Season::SON:
        return "SON";
    }
    return "?";
}

Histogram2D histogram2D(std::span<const double> x, std::span<const double> y, double xMin,
                        double xMax, std::size_t xBins, double yMin, double yMax,
                        std::size_t yBins) {
    if (x.size() != y.size())
        throw Error("a 2-D histogram needs as many x as y values");
    if (xBins == 0 || yBins == 0)
        throw Error("a 2-D histogram needs at least one bin each way");
    if (!(xMax > xMin) || !(yMax > yMin))
        throw Error("a 2-D histogram needs non-empty ranges");
    Histogram2D h{xMin, xMax, yMin, yMax, xBins, yBins, std::vector<std::size_t>(xBins * yBins, 0),
                  0};
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
            continue;
        if (x[i] < xMin || x[i] > xMax || y[i] < yMin || y[i] > yMax) {
            ++h.outside;
            continue;
        }
        const auto bx = std::min(
            static_cast<std::size_t>((x[i] - xMin) / (xMax - xMin) * static_cast<double>(xBins)),
            xBins - 1);
        const auto by = std::min(
            static_cast<std::size_t>((y[i] - yMin) / (yMax - yMin) * static_cast<double>(yBins)),
            yBins - 1);
        ++h.counts[by * xBins + bx];
    }
    return h;
}

} // namespace soilscope::analysis
