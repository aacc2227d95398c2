#include "stations/header_values_writer.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "series/quality_flags.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace soilscope::stations {

namespace {

std::string noSpaces(std::string s, char replacement) {
    for (char& c : s)
        if (c == ' ' || c == '\t' || c == '_')
            c = replacement;
    return s.empty() ? std::string("n.s") : s;
}

std::string depthText(double d) {
    char buf[32];
    const bool twoDecimals = std::abs(d * 100 - std::round(d * 100)) < 1e-9;
    std::snprintf(buf, sizeof buf, twoDecimals ? "%7.2f" : "%7.4f", d);
    return buf;
}

std::string yyyymmdd(TimePoint t) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return buf;
}

} // namespace

std::string headerValuesFileName(const Sensor& sensor, const Station& station) {
    char depths[64];
    std::snprintf(depths, sizeof depths, "%.6f_%.6f", sensor.depthFrom_m, sensor.depthTo_m);
    const std::string net = noSpaces(station.network, '-');
    std::string name;
    for (const std::string& part :
         {net, net, noSpaces(station.name, '-'), variableShortCode(sensor.variable),
          std::string(depths), noSpaces(sensor.instrument, '-')}) {
        name.append(part);
        name.push_back('_');
    }
    if (!sensor.series.empty()) {
        name.append(yyyymmdd(sensor.series.times.front()));
        name.push_back('_');
        name.append(yyyymmdd(sensor.series.times.back()));
    } else {
        name.append("00000000_00000000");
    }
    name.append(".stm");
    return name;
}

std::string formatHeaderValues(const Sensor& sensor, const Station& station) {
    const std::size_t n = sensor.series.size();
    if (sensor.series.values.size() != n ||
        (!sensor.series.flags.empty() && sensor.series.flags.size() != n))
        throw Error("inconsistent series: times, values and flags differ in length",
                    station.network + "/" + station.name + "/" + sensor.variable);
    std::string out;
    out.reserve(128 + n * 32);
    char buf[256];
    const std::string net = noSpaces(station.network, '-');
    std::snprintf(buf, sizeof buf, "%-10s %-15s %-17s %9.5f %11.5f %7.2f %s %s %s\n", net.c_str(),
                  net.c_str(), noSpaces(station.name, '-').c_str(), station.lat, station.lon,
                  station.elevation_m, depthText(sensor.depthFrom_m).c_str(),
                  depthText(sensor.depthTo_m).c_str(), noSpaces(sensor.instrument, '-').c_str());
    out += buf;
    std::string lastFlagText;
    std::uint32_t lastMask = ~0u;
    for (std::size_t i = 0; i < n; ++i) {
        const TimePoint t = sensor.series.times[i];
        const auto day = std::chrono::floor<std::chrono::days>(t);
        const std::chrono::year_month_day ymd{day};
        const long secs = static_cast<long>((t - day).count());
        const double v = sensor.series.values[i];
        int len = 0;
        if (secs % 60 == 0)
            len = std::snprintf(buf, sizeof buf, "%04d/%02u/%02u %02ld:%02ld ", int(ymd.year()),
                                unsigned(ymd.month()), unsigned(ymd.day()), secs / 3600,
                                secs / 60 % 60);
        else
            len = std::snprintf(buf, sizeof buf, "%04d/%02u/%02u %02ld:%02ld:%02ld ",
                                int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()),
                                secs / 3600, secs / 60 % 60, secs % 60);
        out.append(buf, static_cast<std::size_t>(len));
        len = std::isfinite(v) ? std::snprintf(buf, sizeof buf, "%8.4f", v)
                               : std::snprintf(buf, sizeof buf, "%8s", "NaN");
        out.append(buf, static_cast<std::size_t>(len));
        const std::uint32_t mask = sensor.series.flags.empty() ? 0u : sensor.series.flags[i];
        if (mask != lastMask) {
            // An observation without flags is written as U (the ISMN format needs a flag).
            lastFlagText = mask == 0 ? std::string("U") : series::formatFlags(mask);
            lastMask = mask;
        }
        out += ' ';
        out += lastFlagText;
        if (i < sensor.providerFlags.size() && !sensor.providerFlags.at(i).empty()) {
            out += ' ';
            out += sensor.providerFlags.at(i);
        }
        out += '\n';
    }
    return out;
}

void writeHeaderValuesFile(const Sensor& sensor, const Station& station,
                           const std::filesystem::path& path) {
    const std::string content = formatHeaderValues(sensor, station);
    std::error_code ec;
    if (path.has_parent_path())
        std::filesystem::create_directories(path.parent_path(), ec);
    if (ec)
        throw Error("cannot create the folder: " + ec.message(), path.parent_path().string());
    writeTextAtomically(path, content);
}

} // namespace soilscope::stations
