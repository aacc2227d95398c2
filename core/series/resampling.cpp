#include "series/resampling.h"

#include "base/error.h"
#include "series/quality_flags.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace soilscope::series {

namespace {

long long floorDiv(long long a, long long b) {
    const long long q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

double aggregate(std::vector<double>& v, Aggregation how) {
    switch (how) {
    case Aggregation::Mean: {
        double s = 0.0;
        for (const double x : v)
            s += x;
        return s / static_cast<double>(v.size());
    }
    case Aggregation::Median: {
        const std::size_t mid = v.size() / 2;
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
        const double upper = v[mid];
        if (v.size() % 2 == 1)
            return upper;
        const double lower =
            *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
        return 0.5 * (lower + upper);
    }
    case Aggregation::Min:
        return *std::min_element(v.begin(), v.end());
    case Aggregation::Max:
        return *std::max_element(v.begin(), v.end());
    case Aggregation::Sum: {
        double s = 0.0;
        for (const double x : v)
            s += x;
        return s;
    }
    case Aggregation::First:
        return v.front();
    case Aggregation::Last:
        return v.back();
    }
    return std::numeric_limits<double>::quiet_NaN();
}

} // namespace

Aggregation parseAggregation(std::string_view text) {
    if (text == "mean")
        return Aggregation::Mean;
    if (text == "median")
        return Aggregation::Median;
    if (text == "min")
        return Aggregation::Min;
    if (text == "max")
        return Aggregation::Max;
    if (text == "sum")
        return Aggregation::Sum;
    if (text == "first")
        return Aggregation::First;
    if (text == "last")
        return Aggregation::Last;
    throw Error("unknown aggregation '" + std::string(text) +
                "' (expected mean, median, min, max, sum, first or last)");
}

TimeSeries resample(const TimeSeries& series, const ResampleOptions& options) {
    const long long period = options.period.count();
    if (period <= 0)
        throw Error("resampling period must be positive");
    TimeSeries out;
    out.name = series.name;
    out.units = series.units;
    if (series.empty())
        return out;
    const long long offset = options.offset.count();
    auto binOf = [&](TimePoint t) {
        return floorDiv(t.time_since_epoch().count() - offset, period);
    };
    const long long firstBin = binOf(series.times.front());
    const long long lastBin = binOf(series.times.back());
    if (lastBin < firstBin)
        throw Error("resampling needs a time-sorted series", series.name);
    out.reserve(static_cast<std::size_t>(lastBin - firstBin + 1));
    std::vector<double> bucket;
    std::size_t i = 0;
    const std::size_t n = series.size();
    for (long long bin = firstBin; bin <= lastBin; ++bin) {
        bucket.clear();
        while (i < n && binOf(series.times[i]) == bin) {
            const double v = series.values[i];
            const std::uint32_t f = series.flags.empty() ? 0u : series.flags[i];
            if (std::isfinite(v) && flagsAccepted(f, options.acceptedFlags))
                bucket.push_back(v);
            ++i;
        }
        if (i < n && binOf(series.times[i]) < bin)
            throw Error("resampling needs a time-sorted series", series.name);
        const double value = !bucket.empty() && bucket.size() >= options.minCount
                                 ? aggregate(bucket, options.aggregation)
                                 : std::numeric_limits<double>::quiet_NaN();
        out.times.push_back(TimePoint{std::chrono::seconds{bin * period + offset}});
        out.values.push_back(value);
    }
    return out;
}

TimeSeries dailyMean(const TimeSeries& series, std::size_t minCount, std::uint32_t acceptedFlags) {
    ResampleOptions o;
    o.minCount = minCount;
    o.acceptedFlags = acceptedFlags;
    return resample(series, o);
}

} // namespace soilscope::series
