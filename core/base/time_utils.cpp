#include "base/time_utils.h"
#include "base/text.h"

#include "base/error.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace soilscope {

using namespace std::chrono;

TimePoint makeTime(int year, unsigned month, unsigned day, int hour, int minute, int second) {
    const sys_days d = std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day};
    return TimePoint{d} + hours{hour} + minutes{minute} + seconds{second};
}

namespace {

class Scanner {
  public:
    explicit Scanner(std::string_view s) : m_s(s) {}
    bool digits(int count, int& out) {
        if (m_pos + count > m_s.size())
            return false;
        int v = 0;
        for (int i = 0; i < count; ++i) {
            const char c = m_s[m_pos + i];
            if (!std::isdigit(static_cast<unsigned char>(c)))
                return false;
            v = v * 10 + (c - '0');
        }
        m_pos += count;
        out = v;
        return true;
    }
    bool accept(std::string_view chars) {
        if (m_pos < m_s.size() && chars.find(m_s[m_pos]) != std::string_view::npos) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s[m_pos]; }
    void skip() { ++m_pos; }

  private:
    std::string_view m_s;
    std::size_t m_pos = 0;
};

} // namespace

std::optional<TimePoint> parseIsoTime(std::string_view text) {
    Scanner sc(trimSpace(text));
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!sc.digits(4, y) || !sc.accept("-/") || !sc.digits(2, mo) || !sc.accept("-/") ||
        !sc.digits(2, d))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return std::nullopt;
    double fraction = 0.0;
    int offsetSeconds = 0;
    if (sc.accept("T ")) {
        if (!sc.digits(2, h) || !sc.accept(":") || !sc.digits(2, mi))
            return std::nullopt;
        if (sc.accept(":")) {
            if (!sc.digits(2, s))
                return std::nullopt;
            if (sc.accept(".,")) {
                double scale = 0.1;
                while (std::isdigit(static_cast<unsigned char>(sc.peek()))) {
                    fraction += (sc.peek() - '0') * scale;
                    scale /= 10;
                    sc.skip();
                }
            }
        }
        if (h > 24 || mi > 59 || s > 60)
            return std::nullopt;
        if (sc.accept("Z")) {
        } else if (sc.peek() == '+' || sc.peek() == '-') {
            const int sign = sc.peek() == '-' ? -1 : 1;
            sc.skip();
            int oh = 0, om = 0;
            if (!sc.digits(2, oh))
                return std::nullopt;
            sc.accept(":");
            sc.digits(2, om);
            offsetSeconds = sign * (oh * 3600 + om * 60);
        }
    }
    if (!sc.atEnd())
        return std::nullopt;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                             day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    return TimePoint{sys_days{ymd}} + hours{h} + minutes{mi} + seconds{s} +
           seconds{static_cast<long>(std::lround(fraction))} - seconds{offsetSeconds};
}

TimePoint parseIsoTimeOrThrow(std::string_view text, const std::string& context) {
    if (auto t = parseIsoTime(text))
        return *t;
    throw Error("not an ISO 8601 time: '" + std::string(text) + "'", context);
}

std::string formatIsoTime(TimePoint t) {
    const sys_days d = floor<days>(t);
    const year_month_day ymd{d};
    const hh_mm_ss hms{t - d};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                  long(hms.minutes().count()), long(hms.seconds().count()));
    return buf;
}

std::string formatIsoDate(TimePoint t) {
    const year_month_day ymd{floor<days>(t)};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return buf;
}

std::chrono::seconds parseDuration(std::string_view text) {
    const std::string_view t = trimSpace(text);
    std::size_t i = 0;
    while (i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == '.'))
        ++i;
    double value = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + i, value);
    if (i == 0 || ec != std::errc{} || ptr != t.data() + i)
        throw UsageError("not a duration: '" + std::string(text) + "' (use e.g. 1h, 30min, 2d)");
    const std::string_view unit = trimSpace(t.substr(i));
    double factor = 0;
    if (unit == "s" || unit == "sec" || unit.empty())
        factor = 1;
    else if (unit == "m" || unit == "min")
        factor = 60;
    else if (unit == "h" || unit == "hour" || unit == "hours")
        factor = 3600;
    else if (unit == "d" || unit == "day" || unit == "days")
        factor = 86400;
    else
        throw UsageError("unknown duration unit '" + std::string(unit) + "' in '" +
                         std::string(text) + "' (use s, min, h or d)");
    return std::chrono::seconds{std::llround(value * factor)};
}

} // namespace soilscope
