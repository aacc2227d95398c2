#include "tasks/series_sources.h"

#include "base/error.h"
#include "base/time_utils.h"
#include "series/climatology.h"
#include "series/quality_flags.h"
#include "stations/csv_time_series.h"
#include "stations/ismn_archive.h"
#include "stations/sensor_selection.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace soilscope::tasks {

namespace {

LoadedSeries loadIsmn(const SourceSpec& spec, Feedback& feedback) {
    stations::IsmnArchive archive = stations::IsmnArchive::open(spec.path);
    stations::SensorSelection selection;
    selection.variable = spec.variable;
    selection.depthMin_m = spec.depthMin;
    selection.depthMax_m = spec.depthMax;
    selection.network = spec.network;
    selection.station = spec.station;
    auto refs = archive.select(selection);
    if (refs.empty())
        throw Error("no " + spec.role + " sensor matches (variable '" + spec.variable + "'" +
                        (spec.station.empty() ? "" : ", station '" + spec.station + "'") +
                        (spec.depthMax ? ", depth to <= " + fmt(*spec.depthMax, "%g") + " m" : "") +
                        ")",
                    spec.path.string());
    std::stable_sort(refs.begin(), refs.end(), [&](const auto& a, const auto& b) {
        return archive.sensor(a).depthTo_m < archive.sensor(b).depthTo_m;
    });
    const stations::Sensor& sensor = archive.load(refs.front());
    const stations::Station& station = archive.station(refs.front());
    LoadedSeries out;
    out.series = sensor.series;
    out.description = station.network + "/" + station.name + " " + sensor.variable + " " +
                      fmt(sensor.depthFrom_m, "%.2f") + "-" + fmt(sensor.depthTo_m, "%.2f") +
                      " m (" + sensor.instrument + ")";
    if (refs.size() > 1)
        feedback.warning(std::to_string(refs.size()) + " " + spec.role + " sensors match in " +
                         spec.path.string() + "; using the shallowest: " + out.description);
    return out;
}

} // namespace

bool isIsmnPath(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return true;
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return ext == ".zip" || ext == ".stm";
}

std::string fmt(double v, const char* format) {
    if (!std::isfinite(v))
        return "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

LoadedSeries loadSeries(const SourceSpec& spec, Feedback& feedback) {
    LoadedSeries out;
    if (isIsmnPath(spec.path)) {
        out = loadIsmn(spec, feedback);
    } else {
        out.series = stations::readCsvSeries(spec.path, spec.column, spec.flagColumn);
        out.description = spec.path.string() + ":" + spec.column;
    }
    if (!std::is_sorted(out.series.times.begin(), out.series.times.end()))
        out.series.sortAndDeduplicate();
    return out;
}

void applyFlags(LoadedSeries& s, std::uint32_t accepted) {
    auto& ts = s.series;
    for (std::size_t i = 0; i < ts.size(); ++i) {
        const std::uint32_t f = ts.flags.empty() ? 0u : ts.flags[i];
        if (!series::flagsAccepted(f, accepted))
            ts.values[i] = std::nan("");
        if (std::isfinite(ts.values[i]))
            ++s.valid;
    }
}

void toAnomalies(series::TimeSeries& ts, const std::string& method, double windowDays) {
    if (method == "moving")
        ts = series::movingAverageAnomalies(ts, windowDays);
    else if (method == "climatology")
        ts = series::climatologyAnomalies(ts, series::computeClimatology(ts));
}

std::string span(const LoadedSeries& s) {
    const auto& v = s.series.valid();
    if (v.empty())
        return "no valid observations";
    return std::to_string(v.size()) + " valid observations, " + formatIsoTime(v.times.front()) +
           " to " + formatIsoTime(v.times.back());
}

SourceSpec sourceSpec(const ParameterValues& v, const std::string& role) {
    SourceSpec s;
    s.role = role;
    s.path = v.path(role);
    s.column = v.text(role + "-column");
    s.flagColumn = v.text(role + "-flag-column");
    s.station = v.text(role + "-station").empty() ? v.text("station") : v.text(role + "-station");
    s.network = v.text(role + "-network");
    s.variable = v.text(role + "-variable");
    s.depthMin = v.optionalReal(role + "-depth-min") ? v.optionalReal(role + "-depth-min")
                                                     : v.optionalReal("depth-min");
    s.depthMax = v.optionalReal(role + "-depth-max") ? v.optionalReal(role + "-depth-max")
                                                     : v.optionalReal("depth-max");
    return s;
}

std::vector<ParameterSpec> sourceParams(const std::string& role, const std::string& nounIn) {
    const std::string noun = nounIn.empty() ? role : nounIn;
    auto path = pathParam(role, noun + " time series: CSV file (first column ISO time) or ISMN "
                                       "folder, zip archive or .stm file");
    path.fileFilter = "Time series (*.csv *.txt *.zip *.stm)";
    std::vector<ParameterSpec> p{
        path,
        stringParam(role + "-column", "value column of a CSV " + noun),
        stringParam(role + "-flag-column",
                    "flag column of a CSV " + noun + " (ISMN flags, e.g. \"G\")"),
        stringParam(role + "-station", "ISMN station of the " + noun + " (default: --station)"),
        stringParam(role + "-network", "ISMN network of the " + noun),
        stringParam(role + "-variable", "ISMN variable of the " + noun, "soil_moisture"),
        optionalDoubleParam(role + "-depth-min",
                            "ISMN " + noun + ": keep sensors with depth_from >= this (m)"),
        optionalDoubleParam(role + "-depth-max",
                            "ISMN " + noun + ": keep sensors with depth_to <= this (m)")};
    for (std::size_t i = 3; i < p.size(); ++i)
        p[i].advanced = true;
    return p;
}

std::vector<ParameterSpec> comparisonParams() {
    auto anomalyWindow = doubleParam("anomaly-window", "window of moving-average anomalies (days)",
                                     35.0, 1.0, 3650.0);
    anomalyWindow.enabledWhen = "anomalies=moving";
    return {
        stringParam("station", "ISMN station for ISMN inputs without their own --*-station"),
        optionalDoubleParam("depth-min", "ISMN inputs: keep sensors with depth_from >= this (m)"),
        optionalDoubleParam("depth-max", "ISMN inputs: keep sensors with depth_to <= this (m)"),
        listParam("flags", "accepted ISMN flags, e.g. G or G,U (all: every observation)", "all"),
        stringParam("window", "matching window ±, e.g. 1h, 30min, 1d", "1h"),
        choiceParam("anomalies", "compare anomalies instead of absolute values",
                    {"none", "moving", "climatology"}, "none"),
        anomalyWindow};
}

void validateComparison(const ParameterValues& v) {
    if (parseDuration(v.text("window")).count() < 0)
        throw UsageError("--window must not be negative");
    stations::parseAcceptedFlags(v.text("flags"));
}

void validateSource(const ParameterValues& v, const std::string& role) {
    if (!isIsmnPath(v.path(role)) && v.text(role + "-column").empty())
        throw UsageError("--" + role + "-column is required for a CSV " + role,
                         v.path(role).string());
}

} // namespace soilscope::tasks
