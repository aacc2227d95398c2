#include "tasks/analysis_inputs.h"

#include "base/error.h"
#include "base/time_utils.h"
#include "products/point_source.h"
#include "series/quality_flags.h"
#include "stations/csv_time_series.h"
#include "stations/ismn_archive.h"
#include "tasks/series_sources.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>

namespace soilscope::tasks::analysis_inputs {

namespace fs = std::filesystem;

namespace {
std::string lowerExtension(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}
} // namespace

bool isStationPath(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return true;
    const std::string ext = lowerExtension(path);
    return ext == ".zip" || ext == ".stm";
}

bool isTablePath(const fs::path& path) {
    const std::string ext = lowerExtension(path);
    return ext == ".csv" || ext == ".txt" || ext == ".tsv";
}

nlohmann::json numberOrNull(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}

void CsvLine::separator() {
    if (!m_first)
        m_line.push_back(',');
    m_first = false;
}

CsvLine& CsvLine::text(const std::string& cell) {
    separator();
    m_line += csvQuote(cell);
    return *this;
}

CsvLine& CsvLine::number(double value) {
    separator();
    m_line.append(csvNumber(value));
    return *this;
}

CsvLine& CsvLine::integer(long long value) {
    separator();
    m_line.append(std::to_string(value));
    return *this;
}

std::vector<ParameterSpec> seriesSelectionParams() {
    std::vector<ParameterSpec> p{
        stringParam("column", "value column of a CSV time series"),
        stringParam("station", "ISMN station (default: the first matching sensor)"),
        stringParam("network", "ISMN network"),
        stringParam("sm-variable", "ISMN variable", "soil_moisture"),
        optionalDoubleParam("depth-min", "ISMN: keep sensors with depth_from >= this (m)"),
        optionalDoubleParam("depth-max", "ISMN: keep sensors with depth_to <= this (m)"),
        listParam("flags", "ISMN flags to accept, e.g. G (all: every observation)", "G"),
        optionalDoubleParam("lon", "product or raster series: longitude of the point (the nearest "
                                   "grid point, the pixel containing it)"),
        optionalDoubleParam("lat", "product or raster series: latitude of the point"),
        stringParam("location", "product: location id instead of a point (ASCAT: gpi)"),
        stringParam("mask", "product: observations to keep, e.g. \"ssf == 1 and proc_flag == "
                            "0\" (ASCAT) or \"flag == 0\" (CCI)"),
        stringParam("porosity", "product: porosity variable turning % saturation into m3 m-3 "
                                "(ASCAT: por_gldas)"),
        doubleParam("max-distance", "product: farthest grid point accepted from the point (km)",
                    25.0, 0.0, 20040.0)};
    for (auto& spec : p)
        spec.advanced = true;
    return p;
}

std::vector<ParameterSpec> stationSelectionParams() {
    return {stringParam("sm-variable", "ISMN variable", "soil_moisture"),
            optionalDoubleParam("depth-min", "ISMN: keep sensors with depth_from >= this (m)"),
            optionalDoubleParam("depth-max", "ISMN: keep sensors with depth_to <= this (m)"),
            stringParam("network", "ISMN: only this network"),
            listParam("flags", "ISMN flags accepted, e.g. G (all: every observation)", "G")};
}

namespace {
int parseLandCoverCode(const std::string& text) {
    char* end = nullptr;
    const long code = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || code < 0 || code > 255)
        throw UsageError("a land cover class is an ESA CCI LC code such as 10, 60 or 130 (got '" +
                             text + "')",
                         "--land-cover");
    return static_cast<int>(code);
}

stations::SensorSelection sensorSelection(const ParameterValues& v) {
    stations::SensorSelection sel;
    sel.variable = v.text("sm-variable");
    sel.depthMin_m = v.optionalReal("depth-min");
    sel.depthMax_m = v.optionalReal("depth-max");
    sel.network = v.text("network");
    sel.station = v.text("station");
    std::string flagText;
    for (const auto& f : v.list("flags"))
        flagText += (flagText.empty() ? "" : ",") + f;
    sel.acceptedFlags = stations::parseAcceptedFlags(flagText.empty() ? "all" : flagText);
    if (v.has("station-names"))
        sel.stations = v.list("station-names");
    if (v.has("instrument"))
        sel.instrument = v.text("instrument");
    if (v.has("land-cover"))
        for (const auto& code : v.list("land-cover"))
            sel.landCover.push_back(parseLandCoverCode(code));
    if (v.has("climate"))
        sel.climate = v.list("climate");
    if (v.has("site-conditions"))
        for (const auto& c : v.list("site-conditions"))
            sel.staticConditions.push_back(stations::StaticCondition::parse(c));
    return sel;
}
} // namespace

namespace {
std::string sensorLabel(const stations::Sensor& sensor) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " %.2f-%.2f m", sensor.depthFrom_m, sensor.depthTo_m);
    return sensor.variable + buf;
}
} // namespace

std::vector<StationInput> loadStations(const ParameterValues& v, const std::string& pathParameter,
                                       Feedback& feedback, double from, double to,
                                       bool withSoilTemperature) {
    const fs::path path = v.path(pathParameter);
    auto archive = stations::IsmnArchive::open(path);
    const auto sel = sensorSelection(v);
    const auto refs = archive.select(sel);
    if (refs.empty())
        throw Error("no sensor matches the selection (variable '" + sel.variable + "')",
                    path.string());
    std::map<std::pair<std::size_t, std::size_t>, stations::SensorRef>
        chosen; // shallowest per station
    for (const auto& r : refs) {
        const auto key = std::make_pair(r.network, r.station);
        const auto it = chosen.find(key);
        if (it == chosen.end() ||
            archive.sensor(r).depthTo_m < archive.sensor(it->second).depthTo_m)
            chosen[key] = r;
    }
    std::vector<StationInput> out;
    std::size_t i = 0;
    for (const auto& [key, ref] : chosen) {
        feedback.throwIfCanceled();
        feedback.setProgress(from + (to - from) * static_cast<double>(i++) /
                                        static_cast<double>(chosen.size()));
        const auto& sensor = archive.load(ref);
        const auto& st = archive.station(ref);
        StationInput s;
        s.site.network = st.network;
        s.site.station = st.name;
        s.site.lon = st.lon;
        s.site.lat = st.lat;
        if (const auto* lc = stations::landCover2010(st))
            s.site.attributes["land_cover"] = lc->description.empty() ? lc->value : lc->description;
        if (const auto* cl = st.climate())
            s.site.attributes["climate"] = cl->value;
        s.series = sel.applyFlags(sensor);
        if (s.series.empty() && !sensor.series.empty()) {
            std::map<std::string, std::size_t> present;
            for (const auto f : sensor.series.flags)
                ++present[series::formatFlags(f)];
            std::string text;
            for (const auto& [flag, n] : present)
                text += (text.empty() ? "" : ", ") + (flag.empty() ? "none" : flag) + " ×" +
                        std::to_string(n);
            s.note = "all " + std::to_string(sensor.series.size()) +
                     " observations removed by the flag filter (--flags " +
                     series::formatFlags(sel.acceptedFlags) + "; the data carry " + text + ")";
        }
        s.sensor = sensorLabel(sensor);
        if (withSoilTemperature)
            if (const auto t = stations::soilTemperatureSensor(archive, ref)) {
                const auto& temperature = archive.load(*t);
                s.soilTemperature = sel.applyFlags(temperature);
                if (s.soilTemperature.units.empty())
                    s.soilTemperature.units = "degC"; // ISMN's unit of soil temperature
                s.soilTemperatureSensor = sensorLabel(temperature);
            }
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<series::TimeSeries> seriesAtPoints(const geo::RasterSeries& rs,
                                               const std::vector<geo::LonLat>& points,
                                               Feedback& feedback, double from, double to,
                                               StepShare share) {
    const geo::Grid& g = rs.grid();
    std::vector<long long> index;
    for (const auto& p : points) {
        const auto m = g.lonLatToMap(p.lon, p.lat);
        const auto px = g.mapToPixel(m.x, m.y);
        const auto c = static_cast<long long>(std::floor(px.col));
        const auto r = static_cast<long long>(std::floor(px.row));
        index.push_back(c >= 0 && r >= 0 && c < g.width() && r < g.height() ? r * g.width() + c
                                                                            : -1);
    }
    std::vector<series::TimeSeries> out(points.size());
    for (auto& s : out)
        s.units = rs.units();
    const std::size_t first = share.part * rs.size() / share.parts;
    const std::size_t last = (share.part + 1) * rs.size() / share.parts;
    for (std::size_t i = first; i < last; ++i) {
        feedback.throwIfCanceled();
        feedback.setProgress(from + (to - from) * static_cast<double>(i - first) /
                                        static_cast<double>(last - first));
        const auto values = rs.readTime(i);
        for (std::size_t s = 0; s < points.size(); ++s)
            if (index[s] >= 0)
                out[s].push(rs.times()[i], values[static_cast<std::size_t>(index[s])]);
    }
    return out;
}

nlohmann::json groupSummariesJson(const analysis::StationTable& table, std::size_t product,
                                  const std::vector<std::string>& groupBy, std::size_t minPairs) {
    nlohmann::json groups = nlohmann::json::object();
    for (const auto& by : groupBy) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& g : analysis::groupSummary(table, product, by, minPairs)) {
            nlohmann::json med = nlohmann::json::object();
            for (const auto& [k, val] : g.medians)
                med[k] = numberOrNull(val);
            rows.push_back({{"group", g.group},
                            {"stations", g.stations},
                            {"pairs", g.pairs},
                            {"pooled", analysis::metricsToJson(g.pooled)},
                            {"median", med}});
        }
        groups[by] = rows;
    }
    return groups;
}

SeriesAtPoints readProductAtPoints(const std::string& path, const std::string& variable,
                                   const std::string& mask, double maxDistanceKm,
                                   const std::vector<geo::LonLat>& points, Feedback& feedback,
                                   double from, double to, StepShare share) {
    SeriesAtPoints out;
    if (products::recogniseProduct(path) == products::ProductKind::None) {
        const auto rs = geo::RasterSeries::open(path, variable);
        out.series = seriesAtPoints(rs, points, feedback, from, to, share);
        const geo::Grid& g = rs.grid();
        for (const auto& p : points) {
            const auto m = g.lonLatToMap(p.lon, p.lat);
            const auto px = g.mapToPixel(m.x, m.y);
            out.cells.push_back(
                "row " + std::to_string(static_cast<long long>(std::floor(px.row))) + " col " +
                std::to_string(static_cast<long long>(std::floor(px.col))));
        }
        return out;
    }
    products::PointQuery q;
    q.variable = variable;
    q.mask = mask;
    q.maxDistanceKm = maxDistanceKm;
    std::vector<std::pair<double, double>> lonLat;
    for (const auto& pt : points)
        lonLat.emplace_back(pt.lon, pt.lat);
    FeedbackSlice slice(feedback, from, to);
    auto found = products::readPointSeriesAt(path, lonLat, q, slice);
    out.recognised = true;
    for (auto& f : found) {
        char cell[64];
        std::snprintf(cell, sizeof cell, "lon %.5f lat %.5f", f.lon, f.lat);
        out.cells.push_back(cell);
        out.whyEmpty.push_back(f.series.empty() ? f.description : std::string());
        out.series.push_back(std::move(f.series));
    }
    return out;
}

void warnAboutPointsWithoutData(const std::string& path, const SeriesAtPoints& read,
                                Feedback& feedback) {
    if (!read.recognised)
        return;
    std::size_t missing = 0;
    std::string example;
    for (std::size_t i = 0; i < read.series.size(); ++i)
        if (read.series[i].empty()) {
            ++missing;
            if (example.empty())
                example = read.whyEmpty[i];
        }
    if (missing > 0)
        feedback.warning(std::to_string(missing) + " of " + std::to_string(read.series.size()) +
                         " stations have no data in " + path + " (e.g. " + example + ")");
}

SeriesAtPoints productAtPoints(const std::string& path, const std::string& variable,
                               const std::string& mask, double maxDistanceKm,
                               const std::vector<geo::LonLat>& points, Feedback& feedback,
                               double from, double to) {
    SeriesAtPoints out =
        readProductAtPoints(path, variable, mask, maxDistanceKm, points, feedback, from, to);
    warnAboutPointsWithoutData(path, out, feedback);
    return out;
}

SeriesInput loadSeries(const ParameterValues& v, const std::string& pathParameter,
                       Feedback& feedback) {
    SourceSpec spec;
    spec.role = pathParameter;
    spec.path = v.path(pathParameter);
    spec.column = v.text("column");
    spec.station = v.text("station");
    spec.network = v.text("network");
    const bool product = products::recogniseProduct(spec.path) != products::ProductKind::None;
    const bool ismn = !product && isStationPath(spec.path);
    spec.variable = ismn ? v.text("sm-variable") : v.has("variable") ? v.text("variable") : "";
    spec.depthMin = v.optionalReal("depth-min");
    spec.depthMax = v.optionalReal("depth-max");
    spec.lon = v.optionalReal("lon");
    spec.lat = v.optionalReal("lat");
    if (!v.text("location").empty())
        spec.location = std::stoll(v.text("location"));
    spec.mask = v.text("mask");
    spec.porosity = v.text("porosity");
    spec.maxDistanceKm = v.real("max-distance");
    if (isTablePath(spec.path) && spec.column.empty())
        throw UsageError("a CSV time series needs --column", spec.path.string());
    LoadedSeries loaded = tasks::loadSeries(spec, feedback);
    SeriesInput out;
    out.series =
        ismn ? loaded.series.filtered(sensorSelection(v).acceptedFlags) : std::move(loaded.series);
    out.description = loaded.description;
    out.lon = loaded.lon;
    out.lat = loaded.lat;
    return out;
}

geo::GroundSpacing meanGroundSpacing(const geo::Grid& grid) {
    if (!grid.isGeographic())
        return grid.groundSpacing(grid.height() / 2);
    double dx = 0.0;
    for (int row = 0; row < grid.height(); ++row)
        dx += grid.groundSpacing(row).dxMetres;
    geo::GroundSpacing s = grid.groundSpacing(grid.height() / 2);
    s.dxMetres = dx / grid.height();
    return s;
}

std::vector<std::size_t> selectSteps(const geo::RasterSeries& rs,
                                     const std::vector<std::string>& dates) {
    std::vector<std::size_t> steps;
    if (dates.empty()) {
        for (std::size_t i = 0; i < rs.size(); ++i)
            steps.push_back(i);
        return steps;
    }
    for (const auto& text : dates) {
        const TimePoint t = parseIsoTimeOrThrow(text, "--date");
        const bool dateOnly = text.size() <= 10;
        bool found = false;
        for (std::size_t i = 0; i < rs.size(); ++i) {
            const bool match =
                dateOnly ? formatIsoDate(rs.times()[i]) == formatIsoDate(t)
                         : std::chrono::abs(rs.times()[i] - t) <= std::chrono::minutes(30);
            if (match && std::find(steps.begin(), steps.end(), i) == steps.end()) {
                steps.push_back(i);
                found = true;
            }
        }
        if (!found)
            throw Error("no time step on " + text + " (the series spans " +
                            formatIsoTime(rs.times().front()) + " to " +
                            formatIsoTime(rs.times().back()) + ")",
                        rs.sourceOf(0));
    }
    std::sort(steps.begin(), steps.end());
    return steps;
}

} // namespace soilscope::tasks::analysis_inputs
