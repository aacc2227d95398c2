#pragma once
#include "series/time_series.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace soilscope::series {

/// How the observations of one period are combined.
enum class Aggregation { Mean, Median, Min, Max, Sum, First, Last };

/// "mean", "median", "min", "max", "sum", "first", "last" → Aggregation; throws Error otherwise.
Aggregation parseAggregation(std::string_view text);

/// Options of period aggregation.
struct ResampleOptions {
    std::chrono::seconds period{86400}; ///< bin length (> 0)
    std::chrono::seconds offset{0};     ///< bins start at epoch + offset + k·period
    std::size_t minCount = 1;           ///< fewer valid values → NaN
    Aggregation aggregation = Aggregation::Mean;
    std::uint32_t acceptedFlags = ~0u; ///< observations with other flags are ignored
};

/// Aggregates a time-sorted series into regular periods from the first to the last
/// observation's bin. Each output time is the start of its bin; bins with fewer than minCount
/// finite, accepted values hold NaN. The output has no flags. Throws Error for period <= 0.
TimeSeries resample(const TimeSeries& series, const ResampleOptions& options);

/// Daily (UTC day) mean with at least `minCount` valid values per day, e.g. hourly → daily.
TimeSeries dailyMean(const TimeSeries& series, std::size_t minCount = 1,
                     std::uint32_t acceptedFlags = ~0u);

} // namespace soilscope::series
