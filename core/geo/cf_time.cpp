#include "geo/cf_time.h"

#include "base/error.h"
#include "base/text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <tuple>

namespace soilscope::geo {

namespace {

long long floorDiv(long long a, long long b) {
    long long q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

/// Julian day number of a civil date in the Gregorian or Julian calendar.
long long julianDayNumber(int y, int m, int d, bool gregorian) {
    const long long a = (14 - m) / 12;
    const long long yy = static_cast<long long>(y) + 4800 - a;
    const long long mm = m + 12 * a - 3;
    long long jdn = d + (153 * mm + 2) / 5 + 365 * yy + floorDiv(yy, 4);
    return gregorian ? jdn - floorDiv(yy, 100) + floorDiv(yy, 400) - 32045 : jdn - 32083;
}

constexpr long long kUnixEpochJdn = 2440588; // 1970-01-01

struct ModelCalendar {
    int daysPerYear;
    std::array<int, 12> monthDays;
};

ModelCalendar modelCalendar(CfCalendar c) {
    switch (c) {
    case CfCalendar::NoLeap:
        return {365, {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};
    case CfCalendar::AllLeap:
        return {366, {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};
    default:
        return {360, {30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30}};
    }
}

bool isModelCalendar(CfCalendar c) {
    return c == CfCalendar::NoLeap || c == CfCalendar::AllLeap || c == CfCalendar::Day360;
}

/// Reads an unsigned integer at pos; returns false when there is none.
bool readInt(const std::string& s, std::size_t& pos, int& out) {
    const std::size_t start = pos;
    long long v = 0;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) && pos - start < 9)
        v = v * 10 + (s[pos++] - '0');
    out = static_cast<int>(v);
    return pos > start;
}

} // namespace

CfCalendar parseCfCalendar(const std::string& name) {
    const std::string n = lowerAscii(std::string(trimSpace(name)));
    if (n.empty() || n == "standard" || n == "gregorian")
        return CfCalendar::Standard;
    if (n == "proleptic_gregorian")
        return CfCalendar::ProlepticGregorian;
    if (n == "julian")
        return CfCalendar::Julian;
    if (n == "noleap" || n == "365_day")
        return CfCalendar::NoLeap;
    if (n == "all_leap" || n == "366_day")
        return CfCalendar::AllLeap;
    if (n == "360_day")
        return CfCalendar::Day360;
    throw Error("unsupported CF calendar '" + name + "'");
}

const char* cfCalendarName(CfCalendar calendar) {
    switch (calendar) {
    case CfCalendar::Standard:
        return "standard";
    case CfCalendar::ProlepticGregorian:
        return "proleptic_gregorian";
    case CfCalendar::Julian:
        return "julian";
    case CfCalendar::NoLeap:
        return "noleap";
    case CfCalendar::AllLeap:
        return "all_leap";
    case CfCalendar::Day360:
        return "360_day";
    }
    return "standard";
}

CfTimeUnits parseCfTimeUnits(const std::string& units, const std::string& calendar) {
    const std::string text = std::string(trimSpace(units));
    const std::string low = lowerAscii(text);
    const auto since = low.find(" since ");
    if (since == std::string::npos)
        throw Error("not CF time units (expected 'UNIT since DATE')", units);
    CfTimeUnits out;
    out.calendar = parseCfCalendar(calendar);
    const std::string unit = std::string(trimSpace(low.substr(0, since)));
    if (unit == "seconds" || unit == "second" || unit == "secs" || unit == "sec" || unit == "s")
        out.secondsPerUnit = 1.0;
    else if (unit == "minutes" || unit == "minute" || unit == "mins" || unit == "min")
        out.secondsPerUnit = 60.0;
    else if (unit == "hours" || unit == "hour" || unit == "hrs" || unit == "hr" || unit == "h")
        out.secondsPerUnit = 3600.0;
    else if (unit == "days" || unit == "day" || unit == "d")
        out.secondsPerUnit = 86400.0;
    else
        throw Error("unsupported CF time unit '" + unit + "'", units);

    const std::string ref = std::string(trimSpace(text.substr(since + 7)));
    std::size_t pos = 0;
    const bool negativeYear = !ref.empty() && ref[0] == '-';
    if (negativeYear)
        ++pos;
    int h = 0, mi = 0;
    double sec = 0.0;
    if (!readInt(ref, pos, out.year) || pos >= ref.size() || ref[pos++] != '-' ||
        !readInt(ref, pos, out.month) || pos >= ref.size() || ref[pos++] != '-' ||
        !readInt(ref, pos, out.day))
        throw Error("cannot read the reference date of the time units", units);
    if (negativeYear)
        out.year = -out.year;
    if (out.month < 1 || out.month > 12 || out.day < 1 || out.day > 31)
        throw Error("invalid reference date in the time units", units);
    if (pos < ref.size() && (ref[pos] == 'T' || ref[pos] == ' ')) {
        std::size_t p = pos + 1;
        while (p < ref.size() && ref[p] == ' ')
            ++p;
        if (p < ref.size() && std::isdigit(static_cast<unsigned char>(ref[p]))) {
            pos = p;
            if (!readInt(ref, pos, h) || pos >= ref.size() || ref[pos++] != ':' ||
                !readInt(ref, pos, mi))
                throw Error("cannot read the reference time of the time units", units);
            if (pos < ref.size() && ref[pos] == ':') {
                ++pos;
                const char* begin = ref.c_str() + pos;
                char* end = nullptr;
                sec = std::strtod(begin, &end);
                pos += static_cast<std::size_t>(end - begin);
            }
        }
    }
    double offsetSeconds = 0.0;
    while (pos < ref.size() && ref[pos] == ' ')
        ++pos;
    const std::string zone = lowerAscii(ref.substr(pos));
    if (!zone.empty() && zone != "z" && zone != "utc" && zone != "gmt") {
        std::size_t zp = 0;
        if (zone.rfind("utc", 0) == 0)
            zp = 3;
        const int sign = zone[zp] == '-' ? -1 : 1;
        if (zone[zp] != '+' && zone[zp] != '-')
            throw Error("cannot read the time zone of the time units", units);
        ++zp;
        int zh = 0, zm = 0;
        const std::size_t digitsStart = zp;
        if (!readInt(zone, zp, zh))
            throw Error("cannot read the time zone of the time units", units);
        if (zp - digitsStart == 4) { // +0530
            zm = zh % 100;
            zh /= 100;
        } else if (zp < zone.size() && zone[zp] == ':') {
            ++zp;
            readInt(zone, zp, zm);
        }
        offsetSeconds = sign * (zh * 3600.0 + zm * 60.0);
    }
    out.secondsOfDay = h * 3600.0 + mi * 60.0 + sec - offsetSeconds;
    return out;
}

CfTimeUnits parseCfTimeUnitsOf(const std::string& file, const std::string& variable,
                               const std::string& units, const std::string& calendar) {
    try {
        return parseCfTimeUnits(units, calendar);
    } catch (const Error& e) {
        throw Error("time variable '" + variable + "' (units '" + units + "'" +
                        (calendar.empty() ? "" : ", calendar '" + calendar + "'") +
                        "): " + e.message(),
                    file);
    }
}

TimePoint cfToTime(double value, const CfTimeUnits& u) {
    using namespace std::chrono;
    if (!std::isfinite(value))
        throw Error("time value is not a finite number");
    // Beyond ten millennia from the reference a value is a fill or a broken unit, not a date
    // (and would overflow into years such as -19749).
    constexpr double kMaxOffsetSeconds = 10000.0 * 366.0 * 86400.0;
    if (std::abs(value * u.secondsPerUnit + u.secondsOfDay) > kMaxOffsetSeconds) {
        char buf[96];
        std::snprintf(buf, sizeof buf,
                      "time value %.10g lies more than 10 000 years from the "
                      "reference date",
                      value);
        throw Error(buf);
    }
    const long long offset = std::llround(value * u.secondsPerUnit + u.secondsOfDay);
    if (!isModelCalendar(u.calendar)) {
        bool gregorian = true;
        if (u.calendar == CfCalendar::Julian)
            gregorian = false;
        if (u.calendar == CfCalendar::Standard)
            gregorian = std::tuple(u.year, u.month, u.day) >= std::tuple(1582, 10, 15);
        const long long days = julianDayNumber(u.year, u.month, u.day, gregorian) - kUnixEpochJdn;
        return TimePoint{seconds{days * 86400 + offset}};
    }
    const ModelCalendar cal = modelCalendar(u.calendar);
    std::array<int, 13> cumulative{};
    for (int m = 0; m < 12; ++m)
        cumulative[m + 1] = cumulative[m] + cal.monthDays[m];
    const long long refDay = static_cast<long long>(u.year) * cal.daysPerYear +
                             cumulative[u.month - 1] + std::min(u.day, cal.monthDays[u.month - 1]) -
                             1;
    const long long day = refDay + floorDiv(offset, 86400);
    const long long secondsOfDay = offset - floorDiv(offset, 86400) * 86400;
    const long long year = floorDiv(day, cal.daysPerYear);
    const int dayOfYear = static_cast<int>(day - year * cal.daysPerYear);
    int month = 0;
    while (month < 11 && dayOfYear >= cumulative[month + 1])
        ++month;
    const int dom = dayOfYear - cumulative[month] + 1;
    const std::chrono::year_month_day_last last{
        std::chrono::year{static_cast<int>(year)},
        std::chrono::month_day_last{std::chrono::month{static_cast<unsigned>(month + 1)}}};
    const unsigned dayNumber =
        std::min(static_cast<unsigned>(dom), static_cast<unsigned>(last.day()));
    const sys_days date = std::chrono::year{static_cast<int>(year)} /
                          std::chrono::month{static_cast<unsigned>(month + 1)} /
                          std::chrono::day{dayNumber};
    return TimePoint{date} + seconds{secondsOfDay};
}

TimePoint cfToTimeOf(const std::string& file, const std::string& variable, double value,
                     const CfTimeUnits& units) {
    try {
        return cfToTime(value, units);
    } catch (const Error& e) {
        throw Error("time variable '" + variable + "': " + e.message(), file);
    }
}

} // namespace soilscope::geo
