#include "tasks/series_sources.h"

#include "base/error.h"
#include "base/time_utils.h"
#include "base/units.h"
#include "geo/raster_series.h"
#include "products/observation_mask.h"
#include "products/point_source.h"
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

constexpr const char* kIsmnSoilMoisture = "soil_moisture";

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
    out.lon = station.lon;
    out.lat = station.lat;
    return out;
}

products::PointQuery pointQuery(const SourceSpec& spec) {
    products::PointQuery q;
    q.lon = spec.lon;
    q.lat = spec.lat;
    q.id = spec.location;
    q.variable = spec.variable == kIsmnSoilMoisture ? std::string() : spec.variable;
    q.mask = spec.mask;
    q.porosity = spec.porosity;
    q.maxDistanceKm = spec.maxDistanceKm;
    return q;
}

LoadedSeries loadProduct(const SourceSpec& spec, Feedback& feedback) {
    if (!spec.hasPlace())
        throw UsageError("a series from a product needs a place: --" + spec.role + "-lon and --" +
                             spec.role + "-lat, --" + spec.role + "-location, or an ISMN " +
                             "station as the other source",
                         spec.path.string());
    auto p = products::readPointSeries(spec.path, pointQuery(spec), feedback);
    LoadedSeries out;
    out.series = std::move(p.series);
    out.description = p.description;
    out.lon = p.lon;
    out.lat = p.lat;
    if (p.masked > 0)
        feedback.info(spec.role + ": the mask removed " + std::to_string(p.masked) + " of " +
                      std::to_string(p.observations) + " observations (" + spec.mask + ")");
    if (p.duplicates > 0)
        feedback.warning(spec.role + ": " + std::to_string(p.duplicates) +
                         " observations repeat an earlier time; the first of each is kept (" +
                         spec.path.string() + ")");
    return out;
}

LoadedSeries loadRasterPixel(const SourceSpec& spec, Feedback& feedback) {
    if (!(spec.lon && spec.lat))
        throw UsageError("a series from a raster needs --" + spec.role + "-lon and --" + spec.role +
                             "-lat (or an ISMN station as the other source)",
                         spec.path.string());
    const auto rs = geo::RasterSeries::open(
        spec.path, spec.variable == kIsmnSoilMoisture ? std::string() : spec.variable);
    const auto px = rs.lonLatToPixel({{*spec.lon, *spec.lat}}).front();
    const int col = static_cast<int>(std::floor(px.col));
    const int row = static_cast<int>(std::floor(px.row));
    if (col < 0 || row < 0 || col >= rs.grid().width() || row >= rs.grid().height())
        throw Error("the point " + fmt(*spec.lon, "%.4f") + " E, " + fmt(*spec.lat, "%.4f") +
                        " N lies outside the raster",
                    spec.path.string());
    LoadedSeries out;
    out.series.name = rs.variable();
    out.series.units = rs.units();
    const auto values = rs.readPixelSeries(col, row);
    for (std::size_t i = 0; i < values.size(); ++i) {
        feedback.throwIfCanceled();
        out.series.push(rs.times()[i], values[i]);
    }
    out.description = spec.path.filename().string() + ":" + rs.variable() + " pixel (" +
                      std::to_string(col) + ", " + std::to_string(row) + ")";
    out.lon = *spec.lon;
    out.lat = *spec.lat;
    return out;
}

} // namespace

namespace {
/// A product or raster source without its own place, which takes another source's location.
bool needsPlace(const SourceSpec& s) {
    if (s.hasPlace())
        return false;
    if (products::recogniseProduct(s.path) != products::ProductKind::None)
        return true;
    return !(isIsmnPath(s.path) || isCsvPath(s.path) || !s.column.empty());
}
} // namespace

std::vector<LoadedSeries> loadSources(std::vector<SourceSpec>& specs, Feedback& feedback,
                                      double from, double to) {
    std::vector<LoadedSeries> out(specs.size());
    std::vector<std::size_t> order;
    for (const bool later : {false, true})
        for (std::size_t i = 0; i < specs.size(); ++i)
            if (needsPlace(specs[i]) == later)
                order.push_back(i);
    const LoadedSeries* located = nullptr;
    for (std::size_t k = 0; k < order.size(); ++k) {
        feedback.throwIfCanceled();
        feedback.setProgress(from + (to - from) * static_cast<double>(k) /
                                        static_cast<double>(order.size()));
        SourceSpec& spec = specs[order[k]];
        if (needsPlace(spec) && located) {
            spec.lon = located->lon;
            spec.lat = located->lat;
            feedback.info(spec.role + ": taken at " + fmt(located->lon, "%.4f") + " E, " +
                          fmt(located->lat, "%.4f") + " N (" + located->description + ")");
        }
        out[order[k]] = loadSeries(spec, feedback);
        if (!located && std::isfinite(out[order[k]].lon) && std::isfinite(out[order[k]].lat))
            located = &out[order[k]];
    }
    return out;
}

UnitNote harmoniseUnits(const std::string& to, series::TimeSeries& candidate) {
    const std::string from = candidate.units;
    if (to.empty() || from.empty() || to == from)
        return {};
    const bool percentVsFraction = (units::isPercent(from) && units::isVolumetric(to)) ||
                                   (units::isPercent(to) && units::isVolumetric(from));
    if (percentVsFraction)
        return {true, "the reference is in '" + to + "' and the candidate in '" + from +
                          "': a percentage of soil moisture may be a degree of saturation, so it "
                          "is not converted to a volumetric fraction (give a porosity, or scale)"};
    if (!units::convertible(from, to))
        return {true, "the reference is in '" + to + "' and the candidate in '" + from +
                          "': these units do not convert into each other"};
    const auto c = units::conversion(from, to);
    candidate.units = to;
    if (c.identity())
        return {};
    for (auto& v : candidate.values)
        v = c.apply(v);
    return {false, "candidate converted from '" + from + "' to '" + to + "'"};
}

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

bool isCsvPath(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return ext == ".csv" || ext == ".txt" || ext == ".tsv";
}

LoadedSeries loadSeries(const SourceSpec& spec, Feedback& feedback) {
    LoadedSeries out;
    if (products::recogniseProduct(spec.path) != products::ProductKind::None) {
        out = loadProduct(spec, feedback);
    } else if (isIsmnPath(spec.path)) {
        out = loadIsmn(spec, feedback);
    } else if (isCsvPath(spec.path) || !spec.column.empty()) {
        out.series = stations::readCsvSeries(spec.path, spec.column, spec.flagColumn);
        out.description = spec.path.string() + ":" + spec.column;
    } else {
        out = loadRasterPixel(spec, feedback);
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
    s.lon = v.optionalReal(role + "-lon") ? v.optionalReal(role + "-lon") : v.optionalReal("lon");
    s.lat = v.optionalReal(role + "-lat") ? v.optionalReal(role + "-lat") : v.optionalReal("lat");
    if (v.text(role + "-location") != "")
        s.location = std::stoll(v.text(role + "-location"));
    s.mask = v.text(role + "-mask");
    s.porosity = v.text(role + "-porosity");
    s.maxDistanceKm = v.real("max-distance");
    return s;
}

std::vector<ParameterSpec> sourceParams(const std::string& role, const std::string& nounIn) {
    const std::string noun = nounIn.empty() ? role : nounIn;
    auto path = pathParam(role, noun + " time series: CSV file (first column ISO time), ISMN "
                                       "folder, zip archive or .stm file, a product (ASCAT/ERS "
                                       "cell file or folder, ESA CCI SM image folder) or a "
                                       "raster series (netCDF, GRIB) at a point");
    path.fileFilter = "Time series (*.csv *.txt *.zip *.stm *.nc *.grib *.grb)";
    std::vector<ParameterSpec> p{
        path,
        stringParam(role + "-column", "value column of a CSV " + noun),
        stringParam(role + "-flag-column",
                    "flag column of a CSV " + noun + " (ISMN flags, e.g. \"G\")"),
        stringParam(role + "-station", "ISMN station of the " + noun + " (default: --station)"),
        stringParam(role + "-network", "ISMN network of the " + noun),
        stringParam(role + "-variable",
                    "variable of the " + noun +
                        ": ISMN (soil_moisture), or of a product (its soil "
                        "moisture by default; Sentinel-1: VV, VH:db, ...)",
                    "soil_moisture"),
        optionalDoubleParam(role + "-depth-min",
                            "ISMN " + noun + ": keep sensors with depth_from >= this (m)"),
        optionalDoubleParam(role + "-depth-max",
                            "ISMN " + noun + ": keep sensors with depth_to <= this (m)"),
        optionalDoubleParam(role + "-lon", "product/raster " + noun +
                                               ": longitude of the point (default: --lon, "
                                               "else the other source's station)"),
        optionalDoubleParam(role + "-lat",
                            "product/raster " + noun + ": latitude of the point (default: --lat)"),
        stringParam(role + "-location", "product " + noun +
                                            ": location id instead of a point (ASCAT: grid point "
                                            "index, gpi)"),
        stringParam(role + "-mask", "product " + noun +
                                        ": observations to keep, from the product's variables, "
                                        "e.g. \"ssf == 1 and proc_flag == 0 and frozen < 50\" "
                                        "(ASCAT) or \"flag == 0\" (CCI)"),
        stringParam(role + "-porosity", "product " + noun +
                                            ": porosity variable (ASCAT: por_gldas, por_hwsd) that "
                                            "turns a degree of saturation in % into m3 m-3")};
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
        optionalDoubleParam("lon", "products and rasters: longitude of the point"),
        optionalDoubleParam("lat", "products and rasters: latitude of the point"),
        doubleParam("max-distance", "products: farthest grid point accepted from the point (km)",
                    25.0, 0.0, 20040.0),
        choiceParam("anomalies", "compare anomalies instead of absolute values",
                    {"none", "moving", "climatology"}, "none"),
        anomalyWindow};
}

void validateComparison(const ParameterValues& v) {
    if (v.duration("window").count() < 0)
        throw UsageError("--window must not be negative");
    stations::parseAcceptedFlags(v.text("flags"));
}

void validateSource(const ParameterValues& v, const std::string& role) {
    if (isCsvPath(v.path(role)) && v.text(role + "-column").empty())
        throw UsageError("--" + role + "-column is required for a CSV " + role,
                         v.path(role).string());
    const std::string location = v.text(role + "-location");
    if (!location.empty() && location.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError("--" + role + "-location must be a whole number (a grid point index)",
                         location);
    products::ObservationMask::parse(v.text(role + "-mask"));
}

} // namespace soilscope::tasks
