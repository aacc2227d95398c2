#pragma once
// The time of day given to daily data that carry only a date: band labels "2019-06-01" or
// "20190601", dated file names without an hour, daily image files without an observation time.
// They are daily means, centred at 12:00 UTC by default (so a ±12 h matching window takes the
// day they describe); `--daily-time HH:MM` (every task) sets another convention.
#include "base/time_utils.h"

#include <chrono>
#include <string>

namespace soilscope {

/// Seconds after 00:00 UTC (default 12 h).
std::chrono::seconds dailyLabelTime();
/// Throws soilscope::Error outside [0, 24 h).
void setDailyLabelTime(std::chrono::seconds sinceMidnight);
/// "HH:MM" or "HH:MM:SS" → seconds since midnight; throws soilscope::Error naming the text.
std::chrono::seconds parseTimeOfDay(const std::string& text);
/// A date-only time (00:00 UTC) moved to the daily label time; any other time unchanged.
TimePoint labelDaily(TimePoint t);

} // namespace soilscope
