#include "demo/weather.h"

#include "demo/twin_random.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace soilscope::demo {

namespace {
constexpr double kTwoPi = 6.283185307179586;
constexpr std::uint64_t kStormStream = 901;
constexpr std::uint64_t kSynStream = 902;
constexpr double kCloudMargin_h = 4.0;
} // namespace

Weather::Weather(std::uint64_t seed, TimePoint origin, int hours, double lonMin, double lonMax,
                 double latMin, double latMax)
    : m_seed(seed), m_origin(origin), m_hours(hours) {
    m_doyTable.resize(static_cast<std::size_t>(hours) + 1);
    for (int h = 0; h <= hours; ++h)
        m_doyTable[static_cast<std::size_t>(h)] = computeDayOfYear(h);
    TwinRng rng(hashKey(seed, kStormStream));
    const double margin = 1.0;
    const double area = (lonMax - lonMin + 2 * margin) * (latMax - latMin + 2 * margin);
    // Storm arrivals: a Poisson process whose rate follows a Mediterranean-temperate seasonal
    // cycle (wet autumn and spring); convective cells dominate in summer.
    double hour = 0.0;
    int id = 0;
    const double baseRate = 0.0055 * area; // storms per hour over the extended box
    while (true) {
        hour += rng.exponential(1.0 / baseRate);
        if (hour >= hours)
            break;
        const double doy = dayOfYear(hour);
        const double season = 1.0 + 0.45 * std::cos(kTwoPi * (doy - 300.0) / 365.25) +
                              0.25 * std::cos(2.0 * kTwoPi * (doy - 105.0) / 365.25);
        if (rng.uniform() * 1.7 > season)
            continue;
        Storm s;
        s.id = ++id;
        s.startHour = hour;
        const double summer = 0.5 - 0.5 * std::cos(kTwoPi * (doy - 20.0) / 365.25);
        s.convective = rng.uniform() < 0.15 + 0.6 * summer;
        s.lon0 = rng.uniform(lonMin - margin, lonMax + margin);
        s.lat0 = rng.uniform(latMin - margin, latMax + margin);
        if (s.convective) {
            s.radius_km = 6.0 + rng.exponential(10.0);
            s.duration_h = 1.0 + rng.exponential(3.0);
            s.peak_mm_h = 4.0 + rng.exponential(9.0);
        } else {
            s.radius_km = 25.0 + rng.exponential(45.0);
            s.duration_h = 4.0 + rng.exponential(12.0);
            s.peak_mm_h = 0.6 + rng.exponential(2.4);
        }
        s.u_kmh = 18.0 + 14.0 * rng.normal();
        s.v_kmh = 4.0 + 10.0 * rng.normal();
        m_storms.push_back(s);
    }
    m_activeByHour.assign(static_cast<std::size_t>(hours) + 1, {});
    for (std::size_t k = 0; k < m_storms.size(); ++k) {
        const Storm& s = m_storms[k];
        const int h0 = std::max(0, static_cast<int>(std::floor(s.startHour - kCloudMargin_h)));
        const int h1 = std::min(
            hours, static_cast<int>(std::ceil(s.startHour + s.duration_h + kCloudMargin_h)) + 1);
        for (int h = h0; h <= h1; ++h)
            m_activeByHour[static_cast<std::size_t>(h)].push_back(static_cast<int>(k));
    }
    TwinRng syn(hashKey(seed, kSynStream));
    for (int k = 0; k < 8; ++k) {
        m_synPeriods.push_back(syn.uniform(60.0, 600.0));
        m_synPhases.push_back(syn.uniform(0.0, kTwoPi));
    }
}

double Weather::dayOfYear(double hour) const {
    const double clamped = std::clamp(hour, 0.0, static_cast<double>(m_hours));
    const auto h0 = static_cast<std::size_t>(std::floor(clamped));
    return m_doyTable[h0] + (clamped - static_cast<double>(h0)) / 24.0;
}

double Weather::computeDayOfYear(double hour) const {
    const TimePoint t =
        m_origin + std::chrono::seconds(static_cast<long long>(std::floor(hour * 3600.0)));
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const auto jan1 = std::chrono::sys_days{ymd.year() / std::chrono::January / 1};
    const double secondsIntoYear =
        static_cast<double>((t - std::chrono::time_point_cast<std::chrono::seconds>(jan1)).count());
    return 1.0 + secondsIntoYear / 86400.0;
}

double Weather::solarHour(double lon, double hour) const {
    const double utc =
        std::fmod(static_cast<double>(m_origin.time_since_epoch().count()) / 3600.0 + hour, 24.0);
    double s = utc + lon / 15.0;
    s = std::fmod(s + 48.0, 24.0);
    return s;
}

double Weather::precipitation(double lon, double lat, int h) const {
    if (h < 1 || h > m_hours)
        return 0.0;
    double total = 0.0;
    const double coslat = std::cos(lat * M_PI / 180.0);
    // Integrate the hour ending at h with four sub-steps.
    for (int k : m_activeByHour[static_cast<std::size_t>(h)]) {
        const Storm& s = m_storms[static_cast<std::size_t>(k)];
        for (int q = 0; q < 4; ++q) {
            const double t = h - 1 + (q + 0.5) / 4.0;
            const double age = t - s.startHour;
            if (age < 0.0 || age > s.duration_h)
                continue;
            const double cx = s.lon0 + s.u_kmh * age / (kKmPerDegree * coslat);
            const double cy = s.lat0 + s.v_kmh * age / kKmPerDegree;
            const double dx = (lon - cx) * kKmPerDegree * coslat, dy = (lat - cy) * kKmPerDegree;
            const double d2 = (dx * dx + dy * dy) / (s.radius_km * s.radius_km);
            if (d2 > 16.0)
                continue;
            total += 0.25 * s.peak_mm_h * std::sin(M_PI * age / s.duration_h) * std::exp(-0.5 * d2);
        }
    }
    return total < 0.01 ? 0.0 : total;
}

double Weather::cloudiness(double lon, double lat, double hour) const {
    const int h = std::clamp(static_cast<int>(std::floor(hour)), 0, m_hours);
    const double coslat = std::cos(lat * M_PI / 180.0);
    double clear = 1.0;
    for (int k : m_activeByHour[static_cast<std::size_t>(h)]) {
        const Storm& s = m_storms[static_cast<std::size_t>(k)];
        const double age = hour - s.startHour;
        if (age < -kCloudMargin_h || age > s.duration_h + kCloudMargin_h)
            continue;
        const double life = std::clamp(
            std::min(age + kCloudMargin_h, s.duration_h + kCloudMargin_h - age) / kCloudMargin_h,
            0.0, 1.0);
        const double cx = s.lon0 + s.u_kmh * age / (kKmPerDegree * coslat);
        const double cy = s.lat0 + s.v_kmh * age / kKmPerDegree;
        const double dx = (lon - cx) * kKmPerDegree * coslat, dy = (lat - cy) * kKmPerDegree;
        const double r = 2.5 * s.radius_km + 15.0;
        clear *= 1.0 - 0.95 * life * std::exp(-0.5 * (dx * dx + dy * dy) / (r * r));
    }
    const double background = 0.25 + 0.2 * synoptic(hour, 3);
    return std::clamp(1.0 - clear * (1.0 - std::clamp(background, 0.0, 0.6)), 0.0, 1.0);
}

double Weather::synoptic(double hour, std::uint64_t stream) const {
    double v = 0.0;
    for (std::size_t k = 0; k < m_synPeriods.size(); ++k)
        v += std::sin(kTwoPi * hour / m_synPeriods[k] + m_synPhases[k] +
                      1.3 * static_cast<double>(stream));
    return v / std::sqrt(0.5 * static_cast<double>(m_synPeriods.size()));
}

double Weather::airTemperature(double lon, double lat, double elevation_m, double hour) const {
    const double doy = dayOfYear(hour);
    const double seasonal =
        12.8 - 8.8 * std::cos(kTwoPi * (doy - 22.0) / 365.25) - 0.6 * (lat - 44.0);
    const double amp = 4.5 + 2.5 * (0.5 - 0.5 * std::cos(kTwoPi * (doy - 20.0) / 365.25));
    const double sh = solarHour(lon, hour);
    const double cloud = cloudiness(lon, lat, hour);
    const double diurnal = amp * (1.0 - 0.6 * cloud) * std::cos(kTwoPi * (sh - 15.0) / 24.0);
    return seasonal + diurnal - 6.5 * (elevation_m - 300.0) / 1000.0 + 2.2 * synoptic(hour, 1) -
           1.5 * cloud;
}

double Weather::soilTemperature(double lon, double lat, double elevation_m, double hour) const {
    const double doy = dayOfYear(hour - 72.0);
    const double seasonal =
        13.5 - 9.5 * std::cos(kTwoPi * (doy - 22.0) / 365.25) - 0.6 * (lat - 44.0);
    const double amp = 4.0 + 5.0 * (0.5 - 0.5 * std::cos(kTwoPi * (doy - 20.0) / 365.25));
    const double sh = solarHour(lon, hour);
    const double cloud = cloudiness(lon, lat, hour - 2.0);
    const double diurnal = amp * (1.0 - 0.6 * cloud) * std::cos(kTwoPi * (sh - 16.0) / 24.0);
    return seasonal + diurnal - 6.0 * (elevation_m - 300.0) / 1000.0 +
           1.5 * synoptic(hour - 24.0, 1);
}

double Weather::shortwave(double lon, double lat, double hour) const {
    const double doy = dayOfYear(hour);
    const double decl = 23.44 * M_PI / 180.0 * std::sin(kTwoPi * (284.0 + doy) / 365.0);
    const double phi = lat * M_PI / 180.0;
    const double ha = (solarHour(lon, hour) - 12.0) * 15.0 * M_PI / 180.0;
    const double sinElev =
        std::sin(phi) * std::sin(decl) + std::cos(phi) * std::cos(decl) * std::cos(ha);
    if (sinElev <= 0.0)
        return 0.0;
    const double clearSky = 1361.0 * 0.75 * sinElev;
    return clearSky * (1.0 - 0.72 * cloudiness(lon, lat, hour));
}

double Weather::potentialEvaporation(double lon, double lat, double elevation_m, int h) const {
    const double t = h - 0.5;
    const double sw = shortwave(lon, lat, t);
    const double ta = airTemperature(lon, lat, elevation_m, t);
    const double rn = 0.62 * sw - 25.0;
    if (rn <= 0.0)
        return 0.0;
    const double es = 0.6108 * std::exp(17.27 * ta / (ta + 237.3));
    const double delta = 4098.0 * es / ((ta + 237.3) * (ta + 237.3));
    const double gamma = 0.066;
    return 1.26 * delta / (delta + gamma) * rn * 3600.0 / 2.45e6;
}

std::string Weather::stormsCsv() const {
    std::string out = "id,start_utc,duration_h,lon0,lat0,radius_km,peak_mm_h,u_kmh,v_kmh,type\n";
    char line[256];
    for (const Storm& s : m_storms) {
        const TimePoint t =
            m_origin +
            std::chrono::seconds(static_cast<long long>(std::llround(s.startHour * 3600.0)));
        std::snprintf(line, sizeof line, "%d,%s,%.3f,%.5f,%.5f,%.3f,%.3f,%.3f,%.3f,%s\n", s.id,
                      formatIsoTime(t).c_str(), s.duration_h, s.lon0, s.lat0, s.radius_km,
                      s.peak_mm_h, s.u_kmh, s.v_kmh, s.convective ? "convective" : "frontal");
        out += line;
    }
    return out;
}

} // namespace soilscope::demo
