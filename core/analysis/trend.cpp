#include "analysis/trend.h"

#include "analysis/bootstrap.h"
#include "analysis/special_functions.h"
#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace soilscope::analysis {

namespace {

/// Σ t(t − 1)(2t + 5) over groups of tied values.
double tieTerm(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    double term = 0;
    for (std::size_t i = 0; i < v.size();) {
        std::size_t j = i;
        while (j < v.size() && v[j] == v[i])
            ++j;
        const double t = static_cast<double>(j - i);
        term += t * (t - 1) * (2 * t + 5);
        i = j;
    }
    return term;
}

} // namespace

Trend theilSenTrend(std::span<const double> x, std::span<const double> y, double alpha) {
    if (x.size() != y.size())
        throw Error("trend: x and y differ in length");
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (std::isfinite(x[i]) && std::isfinite(y[i])) {
            xs.push_back(x[i]);
            ys.push_back(y[i]);
        }
    Trend t;
    t.n = xs.size();
    if (t.n < 3)
        return t;
    std::vector<double> slopes;
    double s = 0;
    for (std::size_t i = 0; i < t.n; ++i)
        for (std::size_t j = i + 1; j < t.n; ++j) {
            const double dx = xs[j] - xs[i], dy = ys[j] - ys[i];
            const double sign = (dx > 0) - (dx < 0);
            s += sign * ((dy > 0) - (dy < 0));
            if (dx != 0)
                slopes.push_back(dy / dx);
        }
    if (slopes.empty())
        return t;
    std::sort(slopes.begin(), slopes.end());
    t.slope = percentile(slopes, 50.0);
    const double n = static_cast<double>(t.n);
    const double var = (n * (n - 1) * (2 * n + 5) - tieTerm(ys)) / 18.0;
    t.s = s;
    if (var > 0) {
        t.z = s > 0 ? (s - 1) / std::sqrt(var) : s < 0 ? (s + 1) / std::sqrt(var) : 0.0;
        t.p = normalTwoSidedP(t.z);
        // Conover (1980): ranks of the slopes bounding the interval.
        const double c = normalQuantile(1.0 - alpha / 2) * std::sqrt(var);
        const double m = static_cast<double>(slopes.size());
        const double lo = std::floor((m - c) / 2.0), hi = std::ceil((m + c) / 2.0);
        if (lo >= 1 && hi <= m) {
            t.lower = slopes[static_cast<std::size_t>(lo) - 1];
            t.upper = slopes[static_cast<std::size_t>(hi) - 1];
        }
    }
    std::vector<double> offsets;
    for (std::size_t i = 0; i < t.n; ++i)
        offsets.push_back(ys[i] - t.slope * xs[i]);
    t.intercept = percentile(offsets, 50.0);
    return t;
}

} // namespace soilscope::analysis
