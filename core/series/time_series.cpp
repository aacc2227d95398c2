#include "series/time_series.h"

#include "series/quality_flags.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace soilscope::series {

void TimeSeries::reserve(std::size_t n) {
    times.reserve(n);
    values.reserve(n);
}

void TimeSeries::push(TimePoint t, double value, std::uint32_t flagMask) {
    if (flagMask != 0 && flags.size() < times.size())
        flags.resize(times.size(), 0);
    times.push_back(t);
    values.push_back(value);
    if (!flags.empty() || flagMask != 0)
        flags.push_back(flagMask);
}

void TimeSeries::sortAndDeduplicate() {
    if (!flags.empty())
        flags.resize(times.size(), 0);
    std::vector<std::size_t> order(times.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return times[a] < times[b]; });
    TimeSeries out;
    out.name = name;
    out.units = units;
    out.reserve(order.size());
    for (const std::size_t i : order) {
        if (!out.times.empty() && out.times.back() == times[i])
            continue;
        out.times.push_back(times[i]);
        out.values.push_back(values[i]);
        if (!flags.empty())
            out.flags.push_back(flags[i]);
    }
    *this = std::move(out);
}

TimeSeries TimeSeries::filtered(std::uint32_t acceptedFlags) const {
    TimeSeries out;
    out.name = name;
    out.units = units;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) {
        if (!std::isfinite(values[i]))
            continue;
        const std::uint32_t f = flags.empty() ? 0 : flags[i];
        if (!flagsAccepted(f, acceptedFlags))
            continue;
        out.times.push_back(times[i]);
        out.values.push_back(values[i]);
        if (!flags.empty())
            out.flags.push_back(f);
    }
    return out;
}

TimeSeries TimeSeries::valid() const {
    return filtered(~0u);
}

TimeSeries TimeSeries::slice(TimePoint from, TimePoint to) const {
    const auto b = std::lower_bound(times.begin(), times.end(), from) - times.begin();
    const auto e = std::lower_bound(times.begin(), times.end(), to) - times.begin();
    TimeSeries out;
    out.name = name;
    out.units = units;
    out.times.assign(times.begin() + b, times.begin() + e);
    out.values.assign(values.begin() + b, values.begin() + e);
    if (!flags.empty())
        out.flags.assign(flags.begin() + b, flags.begin() + e);
    return out;
}

} // namespace soilscope::series
