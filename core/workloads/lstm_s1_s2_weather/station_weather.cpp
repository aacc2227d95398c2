#include "workloads/lstm_s1_s2_weather/station_weather.h"

#include "base/error.h"
#include "geo/raster_series.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace soilscope::workloads {

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct SiteHours {
    std::vector<TimePoint> times;
    std::vector<std::vector<float>> values; ///< per site
};

/// Hourly values at the sites' cells for the steps within [from, to].
SiteHours readAtSites(const std::filesystem::path& file, const std::string& variable,
                      const std::vector<std::pair<double, double>>& sites, TimePoint from,
                      TimePoint to, const Feedback& feedback) {
    const auto series = geo::RasterSeries::open(file, variable);
    const geo::Grid& g = series.grid();
    std::vector<std::ptrdiff_t> pixel;
    for (const auto& [lon, lat] : sites) {
        const auto m = g.lonLatToMap(lon, lat);
        const auto px = g.mapToPixel(m.x, m.y);
        const int c = int(std::floor(px.col)), r = int(std::floor(px.row));
        pixel.push_back(c < 0 || r < 0 || c >= g.width() || r >= g.height()
                            ? -1
                            : std::ptrdiff_t(r) * g.width() + c);
    }
    SiteHours out;
    out.values.resize(sites.size());
    const auto& times = series.times();
    for (std::size_t i = 0; i < times.size(); ++i) {
        if (times[i] < from || times[i] > to)
            continue;
        if (i % 256 == 0)
            feedback.throwIfCanceled();
        const auto frame = series.readTime(i);
        out.times.push_back(times[i]);
        for (std::size_t s = 0; s < sites.size(); ++s)
            out.values[s].push_back(pixel[s] < 0 ? kNaN : frame[std::size_t(pixel[s])]);
    }
    return out;
}
} // namespace

std::vector<std::string> weatherNames() {
    return {"ta_min_c", "ta_mean_c", "ta_max_c", "precip_1d_mm", "precip_7d_mm", "dry_days"};
}

std::vector<std::vector<WeatherRow>>
stationWeather(const std::filesystem::path& temperatureFile, const std::string& temperatureVariable,
               const std::filesystem::path& precipitationFile,
               const std::string& precipitationVariable,
               const std::vector<std::pair<double, double>>& sites,
               const std::vector<TimePoint>& dates, const Feedback& feedback) {
    if (dates.empty())
        return std::vector<std::vector<WeatherRow>>(sites.size());
    const TimePoint from =
        *std::min_element(dates.begin(), dates.end()) - std::chrono::hours(24 * 30);
    const TimePoint to = *std::max_element(dates.begin(), dates.end());
    const SiteHours ta =
        readAtSites(temperatureFile, temperatureVariable, sites, from, to, feedback);
    const SiteHours tp =
        readAtSites(precipitationFile, precipitationVariable, sites, from, to, feedback);
    const float kelvin = 273.15f;
    std::vector<std::vector<WeatherRow>> out(sites.size(), std::vector<WeatherRow>(dates.size()));
    for (std::size_t s = 0; s < sites.size(); ++s)
        for (std::size_t d = 0; d < dates.size(); ++d) {
            const TimePoint t = dates[d];
            WeatherRow& w = out[s][d];
            // air temperature over the 24 h before t
            double sum = 0;
            std::size_t n = 0;
            float lo = std::numeric_limits<float>::infinity(), hi = -lo;
            const auto a0 =
                std::lower_bound(ta.times.begin(), ta.times.end(), t - std::chrono::hours(24));
            const auto a1 = std::upper_bound(ta.times.begin(), ta.times.end(), t);
            for (auto it = a0; it != a1; ++it) {
                const float v = ta.values[s][std::size_t(it - ta.times.begin())];
                if (!std::isfinite(v))
                    continue;
                sum += v;
                ++n;
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
            w.taMean = n ? float(sum / double(n)) - kelvin : kNaN;
            w.taMin = n ? lo - kelvin : kNaN;
            w.taMax = n ? hi - kelvin : kNaN;
            // daily precipitation sums of the 30 days before t (day 0 = the last 24 h)
            std::vector<double> daily(30, 0.0);
            std::vector<int> hours(30, 0);
            const auto p0 =
                std::lower_bound(tp.times.begin(), tp.times.end(), t - std::chrono::hours(24 * 30));
            const auto p1 = std::upper_bound(tp.times.begin(), tp.times.end(), t);
            for (auto it = p0; it != p1; ++it) {
                const float v = tp.values[s][std::size_t(it - tp.times.begin())];
                const auto age = std::chrono::duration_cast<std::chrono::hours>(t - *it).count();
                const std::size_t day = std::size_t(std::max<std::int64_t>(0, (age - 1) / 24));
                if (day >= daily.size() || !std::isfinite(v))
                    continue;
                daily[day] += v;
                ++hours[day];
            }
            w.precip1d = hours[0] ? float(daily[0]) : kNaN;
            double week = 0;
            int weekHours = 0;
            for (int k = 0; k < 7; ++k) {
                week += daily[std::size_t(k)];
                weekHours += hours[std::size_t(k)];
            }
            w.precip7d = weekHours ? float(week) : kNaN;
            int dry = 0;
            while (dry < 30 && hours[std::size_t(dry)] > 0 && daily[std::size_t(dry)] < 0.1)
                ++dry;
            w.dryDays = hours[0] ? float(dry) : kNaN;
        }
    return out;
}

} // namespace soilscope::workloads
