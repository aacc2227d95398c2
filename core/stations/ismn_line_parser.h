#pragma once
// Building blocks of the ISMN parsers: a line cursor over a memory buffer that accepts "\n",
// "\r\n" and bare "\r" endings, a whitespace tokenizer and a record parser with caches for the
// date and the flags (consecutive records nearly always share them). Internal to stations.
#include "base/error.h"
#include "base/time_utils.h"
#include "series/quality_flags.h"
#include "stations/sensor.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace soilscope::stations::detail {

using Tokens = std::vector<std::string_view>;

inline bool isDigits(std::string_view t) {
    if (t.empty())
        return false;
    for (const char c : t)
        if (c < '0' || c > '9')
            return false;
    return true;
}

/// Equality of short byte ranges without a library call (tokens here are a few bytes long).
inline bool sameBytes(const char* a, const char* b, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i])
            return false;
    return true;
}

/// Plain decimals such as "-0.1410" with at most 15 digits: the digits form an exact integer
/// m < 2^53 and the value is m / 10^k, one correctly rounded division (Clinger's fast path),
/// so the result is the same double std::from_chars gives. Returns false for anything else.
inline bool parsePlainDecimal(const char* p, const char* e, double& out) {
    static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const bool negative = p < e && *p == '-';
    if (negative || (p < e && *p == '+'))
        ++p;
    std::uint64_t m = 0;
    int digits = 0;
    int fraction = 0;
    bool dot = false;
    for (; p < e; ++p) {
        const char c = *p;
        if (c >= '0' && c <= '9') {
            m = m * 10 + static_cast<std::uint64_t>(c - '0');
            ++digits;
            fraction += dot;
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    if (digits == 0 || digits > 15)
        return false;
    const double v = static_cast<double>(m) / kPow10[fraction];
    out = negative ? -v : v;
    return true;
}

/// Parses the whole token as a double (a leading '+' is allowed; "nan" gives NaN).
inline bool parseDouble(std::string_view t, double& out) {
    if (parsePlainDecimal(t.data(), t.data() + t.size(), out))
        return true;
    if (!t.empty() && t.front() == '+')
        t.remove_prefix(1);
    if (t.empty())
        return false;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    return ec == std::errc{} && ptr == t.data() + t.size();
}

inline bool isNumber(std::string_view t) {
    double v = 0;
    return parseDouble(t, v);
}

inline bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

/// Splits on spaces and tabs.
inline void tokenize(std::string_view line, Tokens& tokens) {
    tokens.clear();
    std::size_t i = 0;
    const std::size_t n = line.size();
    while (i < n) {
        while (i < n && isBlank(line[i]))
            ++i;
        const std::size_t start = i;
        while (i < n && !isBlank(line[i]))
            ++i;
        if (i > start)
            tokens.push_back(line.substr(start, i - start));
    }
}

/// Offset of the first '\n' or '\r' at or after pos (n when none), eight bytes at a time.
inline std::size_t findLineBreak(const char* d, std::size_t pos, std::size_t n) {
    static_assert(std::endian::native == std::endian::little,
                  "the byte scan assumes little-endian");
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    while (pos + 8 <= n) {
        std::uint64_t v = 0;
        std::memcpy(&v, d + pos, 8);
        const std::uint64_t a = v ^ (ones * '\n');
        const std::uint64_t b = v ^ (ones * '\r');
        // The lowest flagged byte of the zero-byte test is exact (little-endian order).
        const std::uint64_t z = ((a - ones) & ~a & highs) | ((b - ones) & ~b & highs);
        if (z)
            return pos + static_cast<std::size_t>(__builtin_ctzll(z) >> 3);
        pos += 8;
    }
    while (pos < n && d[pos] != '\n' && d[pos] != '\r')
        ++pos;
    return pos;
}

/// Walks the non-blank lines of a buffer. "\r\n" and "\n\r" count as one line break.
class LineCursor {
  public:
    explicit LineCursor(std::string_view content, std::size_t position = 0, std::size_t line = 0)
        : m_s(content), m_pos(position), m_line(line) {}

    bool next(std::string_view& line) {
        const char* const data = m_s.data();
        const std::size_t n = m_s.size();
        while (m_pos < n) {
            const std::size_t start = m_pos;
            const std::size_t end = findLineBreak(data, start, n);
            ++m_line;
            m_pos = end;
            if (m_pos < n) {
                const char c = data[m_pos++];
                if (m_pos < n && (data[m_pos] == '\n' || data[m_pos] == '\r') && data[m_pos] != c)
                    ++m_pos;
            }
            std::size_t e = end;
            while (e > start && isBlank(data[e - 1]))
                --e;
            std::size_t b = start;
            while (b < e && isBlank(data[b]))
                ++b;
            if (e > b) {
                line = m_s.substr(b, e - b);
                return true;
            }
        }
        return false;
    }
    /// 1-based number of the line last returned.
    std::size_t lineNumber() const { return m_line; }
    /// Offset just after the line last returned (and its line break).
    std::size_t position() const { return m_pos; }

  private:
    std::string_view m_s;
    std::size_t m_pos;
    std::size_t m_line;
};

/// Parses the fields of ISMN records, naming file and line in its errors.
class RecordParser {
  public:
    explicit RecordParser(const std::string& path) : m_path(path) {}

    [[noreturn]] void fail(const std::string& message, std::size_t line) const {
        throw Error(message, m_path + ":" + std::to_string(line));
    }

    /// "YYYY/MM/DD" + "HH:MM" (or "HH:MM:SS") → UTC time.
    TimePoint time(std::string_view date, std::string_view clock, std::size_t line) {
        if (date.size() != 10 || !sameBytes(date.data(), m_lastDate, 10)) {
            if (date.size() != 10 || (date[4] != '/' && date[4] != '-') || date[7] != date[4] ||
                !isDigits(date.substr(0, 4)) || !isDigits(date.substr(5, 2)) ||
                !isDigits(date.substr(8, 2)))
                fail("'" + std::string(date) + "' is not a date YYYY/MM/DD", line);
            const int y = digits(date, 0, 4);
            const unsigned m = static_cast<unsigned>(digits(date, 5, 2));
            const unsigned d = static_cast<unsigned>(digits(date, 8, 2));
            const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                                  std::chrono::day{d}};
            if (!ymd.ok())
                fail("'" + std::string(date) + "' is not a valid calendar date", line);
            m_lastDay = TimePoint{std::chrono::sys_days{ymd}};
            std::copy(date.begin(), date.end(), m_lastDate);
        }
        const bool withSeconds =
            clock.size() == 8 && clock[5] == ':' && isDigits(clock.substr(6, 2));
        if ((clock.size() != 5 && !withSeconds) || clock[2] != ':' ||
            !isDigits(clock.substr(0, 2)) || !isDigits(clock.substr(3, 2)))
            fail("'" + std::string(clock) + "' is not a time HH:MM", line);
        const int h = digits(clock, 0, 2);
        const int mi = digits(clock, 3, 2);
        const int s = withSeconds ? digits(clock, 6, 2) : 0;
        if (h > 24 || mi > 59 || s > 60)
            fail("'" + std::string(clock) + "' is not a valid time", line);
        return m_lastDay + std::chrono::seconds{h * 3600 + mi * 60 + s};
    }

    double value(std::string_view t, std::size_t line) const {
        double v = 0;
        if (!parseDouble(t, v))
            fail("'" + std::string(t) + "' is not a number (expected the observed value)", line);
        return v;
    }

    std::uint32_t flags(std::string_view t) {
        if (t.size() != m_lastFlagText.size() ||
            !sameBytes(t.data(), m_lastFlagText.data(), t.size())) {
            m_lastFlagText.assign(t);
            m_lastFlags = series::parseFlags(t);
        }
        return m_lastFlags;
    }

    /// "YYYY/MM/DD HH:MM value flags [provider flag]".
    IsmnRecord headerValuesRecord(std::string_view line, std::size_t lineNo) {
        std::size_t i = 0;
        const std::string_view date = field(line, i);
        const std::string_view clock = field(line, i);
        const std::string_view valueText = field(line, i);
        const std::string_view flagText = field(line, i);
        if (flagText.empty())
            fail("truncated record '" + std::string(line) +
                     "' (expected: YYYY/MM/DD HH:MM value flags [provider flag])",
                 lineNo);
        while (i < line.size() && isBlank(line[i]))
            ++i;
        const TimePoint t = time(date, clock, lineNo);
        return {t, value(valueText, lineNo), flags(flagText), line.substr(i)};
    }

  private:
    std::string m_path;
    char m_lastDate[10] = {};
    TimePoint m_lastDay{};
    std::string m_lastFlagText = "\x01";
    std::uint32_t m_lastFlags = 0;

    static int digits(std::string_view t, std::size_t at, std::size_t count) {
        int v = 0;
        for (std::size_t k = 0; k < count; ++k)
            v = v * 10 + (t[at + k] - '0');
        return v;
    }
    static std::string_view field(std::string_view line, std::size_t& i) {
        while (i < line.size() && isBlank(line[i]))
            ++i;
        const std::size_t start = i;
        while (i < line.size() && !isBlank(line[i]))
            ++i;
        return line.substr(start, i - start);
    }
};

} // namespace soilscope::stations::detail
