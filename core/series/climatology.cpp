#include "series/climatology.h"

#include "base/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <vector>

namespace soilscope::series {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kDays = 366;

void checkSorted(const TimeSeries& s) {
    if (!std::is_sorted(s.times.begin(), s.times.end()))
        throw Error("the time series must be sorted by time", s.name);
}

double median(std::vector<double>& v) {
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
    const double upper = v[mid];
    if (v.size() % 2 == 1)
        return upper;
    return 0.5 *
           (upper + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid)));
}

} // namespace

Climatology::Climatology() {
    m_values.fill(kNaN);
}

int Climatology::dayOfYear(TimePoint t) {
    using namespace std::chrono;
    const year_month_day ymd{floor<days>(t)};
    static constexpr int cumulative[12] = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};
    return cumulative[static_cast<unsigned>(ymd.month()) - 1] +
           static_cast<int>(static_cast<unsigned>(ymd.day()));
}

double Climatology::atDay(int dayOfYear) const {
    if (dayOfYear < 1 || dayOfYear > kDays)
        return kNaN;
    return m_values[static_cast<std::size_t>(dayOfYear - 1)];
}

TimeSeries movingAverage(const TimeSeries& series, double windowDays, std::size_t minObs,
                         bool fillMissing) {
    checkSorted(series);
    if (!(windowDays >= 0.0))
        throw Error("moving-average window must not be negative", series.name);
    const auto half = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::duration<double>(windowDays * 86400.0 / 2.0));
    TimeSeries out = series;
    const std::size_t n = series.size();
    std::size_t lo = 0, hi = 0; // window [lo, hi) of indices within ±half
    double sum = 0.0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const TimePoint t = series.times[i];
        while (hi < n && series.times[hi] - t <= half) {
            if (std::isfinite(series.values[hi])) {
                sum += series.values[hi];
                ++count;
            }
            ++hi;
        }
        while (lo < hi && t - series.times[lo] > half) {
            if (std::isfinite(series.values[lo])) {
                sum -= series.values[lo];
                --count;
            }
            ++lo;
        }
        if (!std::isfinite(series.values[i]) && !fillMissing) {
            out.values[i] = kNaN;
            continue;
        }
        out.values[i] = count > 0 && count >= minObs ? sum / static_cast<double>(count) : kNaN;
    }
    return out;
}

TimeSeries movingAverageAnomalies(const TimeSeries& series, double windowDays, std::size_t minObs) {
    TimeSeries out = movingAverage(series, windowDays, minObs, false);
    for (std::size_t i = 0; i < out.size(); ++i)
        out.values[i] = series.values[i] - out.values[i];
    return out;
}

Climatology computeClimatology(const TimeSeries& series, const ClimatologyOptions& options) {
    const TimeSeries smoothed =
        options.movingAverageOriginalDays > 0.0
            ? movingAverage(series, options.movingAverageOriginalDays, options.minObsOriginal, true)
            : series;
    std::vector<std::vector<double>> byDay(kDays);
    for (std::size_t i = 0; i < smoothed.size(); ++i) {
        if (!std::isfinite(smoothed.values[i]))
            continue;
        byDay[static_cast<std::size_t>(Climatology::dayOfYear(smoothed.times[i]) - 1)].push_back(
            smoothed.values[i]);
    }
    std::array<double, kDays> raw;
    for (int d = 0; d < kDays; ++d) {
        auto& v = byDay[static_cast<std::size_t>(d)];
        if (v.empty()) {
            raw[static_cast<std::size_t>(d)] = kNaN;
        } else if (options.median) {
            raw[static_cast<std::size_t>(d)] = median(v);
        } else {
            double s = 0.0;
            for (const double x : v)
                s += x;
            raw[static_cast<std::size_t>(d)] = s / static_cast<double>(v.size());
        }
    }
    if (!(options.movingAverageClimDays > 0.0))
        return Climatology(raw);

    // Box filter over days of year: ±window/2 days, circular with period 366 when wrapping.
    int half = static_cast<int>(std::floor(options.movingAverageClimDays / 2.0));
    if (options.wraparound)
        half = std::min(half, kDays / 2 - 1); // never count a day twice
    std::array<double, kDays> smooth;
    for (int d = 0; d < kDays; ++d) {
        double sum = 0.0;
        std::size_t count = 0;
        for (int k = d - half; k <= d + half; ++k) {
            int idx = k;
            if (options.wraparound)
                idx = ((k % kDays) + kDays) % kDays;
            else if (k < 0 || k >= kDays)
                continue;
            const double v = raw[static_cast<std::size_t>(idx)];
            if (std::isnan(v))
                continue;
            sum += v;
            ++count;
        }
        smooth[static_cast<std::size_t>(d)] =
            count > 0 && count >= options.minObsClim ? sum / static_cast<double>(count) : kNaN;
    }
    return Climatology(smooth);
}

TimeSeries climatologyAnomalies(const TimeSeries& series, const Climatology& climatology) {
    TimeSeries out = series;
    for (std::size_t i = 0; i < out.size(); ++i)
        out.values[i] = series.values[i] - climatology.at(series.times[i]);
    return out;
}

} // namespace soilscope::series
