#pragma once
#include "base/time_utils.h"

#include <string>

namespace soilscope::geo {

/// The CF calendars (CF conventions §4.4.1) that GDAL passes through from NetCDF/HDF.
enum class CfCalendar { Standard, ProlepticGregorian, Julian, NoLeap, AllLeap, Day360 };

/// Parses a CF calendar attribute ("standard", "gregorian", "proleptic_gregorian", "julian",
/// "noleap", "365_day", "all_leap", "366_day", "360_day"; empty = standard); throws
/// soilscope::Error for others.
CfCalendar parseCfCalendar(const std::string& name);

/// The canonical CF name of a calendar.
const char* cfCalendarName(CfCalendar calendar);

/// Decoded "UNIT since REFERENCE" time units with their calendar.
struct CfTimeUnits {
    double secondsPerUnit = 1.0;
    int year = 1970;
    int month = 1;
    int day = 1;
    double secondsOfDay = 0.0; ///< reference time of day in UTC (time-zone offset applied)
    CfCalendar calendar = CfCalendar::Standard;
};

/// Parses CF time units such as "hours since 1970-01-01 00:00:00", "days since 1-1-1",
/// "Hour since 2001-12-31T23:00:00Z", "seconds since 2000-01-01 00:00:00 +2:00".
/// Throws soilscope::Error naming the units when they are not CF time units.
CfTimeUnits parseCfTimeUnits(const std::string& units, const std::string& calendar = {});

/// parseCfTimeUnits for the time variable `variable` of `file`: errors name the file, the
/// variable and its units.
CfTimeUnits parseCfTimeUnitsOf(const std::string& file, const std::string& variable,
                               const std::string& units, const std::string& calendar);

/// Converts a CF time value to UTC, rounded to the second. Dates of the model calendars
/// (noleap, all_leap, 360_day) keep their year/month/day/time; a day that does not exist in
/// the Gregorian calendar (30 February, 29 February of a common year) maps to the month's
/// last day.
TimePoint cfToTime(double value, const CfTimeUnits& units);
/// cfToTime for a value of the time variable `variable` of `file`: errors name both.
TimePoint cfToTimeOf(const std::string& file, const std::string& variable, double value,
                     const CfTimeUnits& units);

} // namespace soilscope::geo
