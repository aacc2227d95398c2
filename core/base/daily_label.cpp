#include "base/daily_label.h"

#include "base/error.h"

#include <atomic>
#include <regex>

namespace soilscope {

namespace {
std::atomic<long long> g_dailySeconds{12 * 3600};
}

std::chrono::seconds dailyLabelTime() {
    return std::chrono::seconds{g_dailySeconds.load()};
}

void setDailyLabelTime(std::chrono::seconds sinceMidnight) {
    if (sinceMidnight.count() < 0 || sinceMidnight >= std::chrono::hours{24})
        throw Error("the time of day of daily labels must lie in [00:00, 24:00)");
    g_dailySeconds = sinceMidnight.count();
}

std::chrono::seconds parseTimeOfDay(const std::string& text) {
    static const std::regex form(R"(^([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?$)");
    std::smatch m;
    if (!std::regex_match(text, m, form))
        throw Error("a time of day is HH:MM or HH:MM:SS", text);
    const int h = std::stoi(m[1]), mi = std::stoi(m[2]), s = m[3].matched ? std::stoi(m[3]) : 0;
    if (h > 23 || mi > 59 || s > 59)
        throw Error("not a time of day", text);
    return std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
}

TimePoint labelDaily(TimePoint t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    return t == TimePoint{day} ? t + dailyLabelTime() : t;
}

} // namespace soilscope
