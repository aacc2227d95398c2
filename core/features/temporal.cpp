#include "features/temporal.h"

#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace soilscope::features {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using std::chrono::days;
using std::chrono::floor;
using std::chrono::sys_days;

/// Per-day sums and counts of the finite observations, keyed by UTC day.
struct DailyValues {
    std::map<sys_days, std::vector<double>> values;
};

DailyValues byDay(const series::TimeSeries& s) {
    DailyValues d;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (std::isfinite(s.values[i]))
            d.values[floor<days>(s.times[i])].push_back(s.values[i]);
    return d;
}

void checkSorted(const series::TimeSeries& s) {
    if (!std::is_sorted(s.times.begin(), s.times.end()))
        throw Error("series '" + s.name + "' is not sorted by time");
}

struct Valid {
    std::vector<double> t;
    std::vector<double> v;
};

Valid validPoints(const series::TimeSeries& s) {
    Valid out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!std::isfinite(s.values[i]))
            continue;
        out.t.push_back(double(s.times[i].time_since_epoch().count()));
        out.v.push_back(s.values[i]);
    }
    return out;
}

/// Second derivatives of the natural cubic spline through (t, v) (tridiagonal solve).
std::vector<double> splineSecondDerivatives(const std::vector<double>& t,
                                            const std::vector<double>& v) {
    const std::size_t n = t.size();
    std::vector<double> m(n, 0.0);
    if (n < 3)
        return m;
    std::vector<double> a(n, 0.0), b(n, 0.0), c(n, 0.0), d(n, 0.0);
    for (std::size_t i = 1; i + 1 < n; ++i) {
        const double h0 = t[i] - t[i - 1], h1 = t[i + 1] - t[i];
        a[i] = h0;
        b[i] = 2.0 * (h0 + h1);
        c[i] = h1;
        d[i] = 6.0 * ((v[i + 1] - v[i]) / h1 - (v[i] - v[i - 1]) / h0);
    }
    // Thomas algorithm over the interior unknowns 1..n-2 (m[0] = m[n-1] = 0)
    for (std::size_t i = 2; i + 1 < n; ++i) {
        const double w = a[i] / b[i - 1];
        b[i] -= w * c[i - 1];
        d[i] -= w * d[i - 1];
    }
    m[n - 2] = d[n - 2] / b[n - 2];
    for (std::size_t i = n - 2; i-- > 1;)
        m[i] = (d[i] - c[i] * m[i + 1]) / b[i];
    return m;
}
} // namespace

std::vector<double> antecedentStatistic(const series::TimeSeries& source,
                                        const std::vector<TimePoint>& targets,
                                        const AntecedentWindow& window) {
    if (window.days < 1)
        throw Error("an antecedent window needs at least one day");
    checkSorted(source);
    const DailyValues daily = byDay(source);
    std::vector<double> out;
    out.reserve(targets.size());
    for (const TimePoint t : targets) {
        const sys_days day = floor<days>(t);
        const sys_days last = window.includeCurrent ? day : day - days(1);
        const sys_days first = last - days(window.days - 1);
        std::vector<double> values;
        int missing = 0;
        for (sys_days d = first; d <= last; d += days(1)) {
            const auto it = daily.values.find(d);
            if (it == daily.values.end()) {
                ++missing;
                continue;
            }
            values.insert(values.end(), it->second.begin(), it->second.end());
        }
        if (missing > window.maxMissingDays || values.empty()) {
            out.push_back(kNaN);
            continue;
        }
        double sum = 0.0, mn = values[0], mx = values[0];
        for (const double v : values) {
            sum += v;
            mn = std::min(mn, v);
            mx = std::max(mx, v);
        }
        const double mean = sum / double(values.size());
        switch (window.statistic) {
        case AntecedentStatistic::Sum:
            out.push_back(sum);
            break;
        case AntecedentStatistic::Mean:
            out.push_back(mean);
            break;
        case AntecedentStatistic::Min:
            out.push_back(mn);
            break;
        case AntecedentStatistic::Max:
            out.push_back(mx);
            break;
        case AntecedentStatistic::Std: {
            double ss = 0.0;
            for (const double v : values)
                ss += (v - mean) * (v - mean);
            out.push_back(std::sqrt(ss / double(values.size())));
            break;
        }
        }
    }
    return out;
}

std::vector<double> consecutiveDryDays(const series::TimeSeries& precipitation,
                                       const std::vector<TimePoint>& targets, double thresholdMm,
                                       bool includeCurrent, int maxDays) {
    checkSorted(precipitation);
    const DailyValues daily = byDay(precipitation);
    std::vector<double> out;
    out.reserve(targets.size());
    for (const TimePoint t : targets) {
        sys_days d = floor<days>(t) - (includeCurrent ? days(0) : days(1));
        int count = 0;
        bool known = false;
        while (count < maxDays) {
            const auto it = daily.values.find(d);
            if (it == daily.values.end())
                break;
            known = true;
            double total = 0.0;
            for (const double v : it->second)
                total += v;
            if (total >= thresholdMm)
                break;
            ++count;
            d -= days(1);
        }
        out.push_back(known ? double(count) : kNaN);
    }
    return out;
}

std::vector<double> interpolateToDates(const series::TimeSeries& source,
                                       const std::vector<TimePoint>& targets,
                                       const InterpolationOptions& options) {
    checkSorted(source);
    const Valid p = validPoints(source);
    const double maxGap =
        options.maxGap ? double(options.maxGap->count()) : std::numeric_limits<double>::infinity();
    std::vector<double> m;
    if (options.method == InterpolationMethod::NaturalSpline)
        m = splineSecondDerivatives(p.t, p.v);
    std::vector<double> out;
    out.reserve(targets.size());
    for (const TimePoint target : targets) {
        const double t = double(target.time_since_epoch().count());
        if (p.t.empty()) {
            out.push_back(kNaN);
            continue;
        }
        const auto hi = std::lower_bound(p.t.begin(), p.t.end(), t);
        const std::size_t j = std::size_t(hi - p.t.begin());
        if (j < p.t.size() && p.t[j] == t) {
            out.push_back(p.v[j]);
            continue;
        }
        if (options.method == InterpolationMethod::Nearest) {
            double best = std::numeric_limits<double>::infinity();
            double value = kNaN;
            if (j < p.t.size() && p.t[j] - t <= best) {
                best = p.t[j] - t;
                value = p.v[j];
            }
            if (j > 0 && t - p.t[j - 1] < best) {
                best = t - p.t[j - 1];
                value = p.v[j - 1];
            }
            out.push_back(best <= maxGap ? value : kNaN);
            continue;
        }
        if (j == 0 || j == p.t.size()) {
            out.push_back(kNaN);
            continue;
        }
        const std::size_t i = j - 1;
        const double h = p.t[j] - p.t[i];
        if (h > maxGap) {
            out.push_back(kNaN);
            continue;
        }
        const double a = (p.t[j] - t) / h, b = (t - p.t[i]) / h;
        double v = a * p.v[i] + b * p.v[j];
        if (options.method == InterpolationMethod::NaturalSpline && p.t.size() >= 3)
            v += ((a * a * a - a) * m[i] + (b * b * b - b) * m[j]) * h * h / 6.0;
        out.push_back(v);
    }
    return out;
}

} // namespace soilscope::features
