#pragma once
#include "base/time_utils.h"

#include <cstdint>
#include <string>
#include <vector>

namespace soilscope::series {

/// A univariate time series in UTC: strictly increasing times, values (NaN = missing) and,
/// optionally, one quality-flag mask per value (see quality_flags.h).
struct TimeSeries {
    std::string name;
    std::string units;
    std::vector<TimePoint> times;
    std::vector<double> values;
    std::vector<std::uint32_t> flags; ///< empty, or one per value

    std::size_t size() const { return times.size(); }
    bool empty() const { return times.empty(); }
    bool hasFlags() const { return !flags.empty(); }
    void reserve(std::size_t n);
    /// Appends an observation; flags are only stored when the series has (or starts) them.
    void push(TimePoint t, double value, std::uint32_t flagMask = 0);
    /// Sorts by time and keeps the first of duplicated times.
    void sortAndDeduplicate();
    /// Observations whose flags are accepted and whose value is finite.
    TimeSeries filtered(std::uint32_t acceptedFlags) const;
    /// Observations with finite values only.
    TimeSeries valid() const;
    /// Observations in [from, to).
    TimeSeries slice(TimePoint from, TimePoint to) const;
};

} // namespace soilscope::series
