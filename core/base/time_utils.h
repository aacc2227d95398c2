#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace soilscope {

using TimePoint = std::chrono::sys_seconds;

/// Parses ISO 8601 date/time in UTC: "2017-08-10", "2017-08-10T12:00", "2017-08-10 12:00:00",
/// "2017/08/10 12:00", with optional fractional seconds (rounded) and a trailing "Z" or
/// "+hh:mm" offset. Returns nullopt when the text is not such a time.
std::optional<TimePoint> parseIsoTime(std::string_view text);

/// Like parseIsoTime but throws soilscope::Error naming the text and the context.
TimePoint parseIsoTimeOrThrow(std::string_view text, const std::string& context = {});

/// "2017-08-10T12:00:00Z"
std::string formatIsoTime(TimePoint t);

/// "2017-08-10"
std::string formatIsoDate(TimePoint t);

/// Parses durations such as "1h", "30min", "90s", "2d", "1.5h" into seconds.
std::chrono::seconds parseDuration(std::string_view text);

/// Seconds since 1970-01-01 for a civil date-time (proleptic Gregorian, UTC).
TimePoint makeTime(int year, unsigned month, unsigned day, int hour = 0, int minute = 0,
                   int second = 0);

} // namespace soilscope
