#pragma once
#include "series/time_series.h"

#include <vector>

namespace soilscope::series {

/// The mean of several series at each time any of them has a valid value (pytesmo's upscaling
/// by averaging, on the union of the time stamps): the value is the mean of the members'
/// finite values at exactly that time. Units are the first member's. Members must be sorted.
TimeSeries averageSeries(const std::vector<const TimeSeries*>& members);

} // namespace soilscope::series
