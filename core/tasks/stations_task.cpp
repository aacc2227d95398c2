// Task "stations": lists the sensors of an ISMN archive (folder, zip or single file) with
// their location, depth, instrument and a summary of their observations.
#include "base/error.h"
#include "base/time_utils.h"
#include "products/point_series_file.h"
#include "series/quality_flags.h"
#include "stations/ismn_archive.h"
#include "stations/sensor_summary.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>

namespace soilscope::tasks {

namespace {

nlohmann::json numberOrNull(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}

std::string fixed(double v, int decimals) {
    if (!std::isfinite(v))
        return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

/// Characters of UTF-8 text (continuation bytes not counted).
std::size_t displayWidth(const std::string& s) {
    std::size_t n = 0;
    for (const unsigned char c : s)
        n += (c & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

/// Rows as aligned columns, each as wide as its widest cell plus two spaces (the last unpadded).
std::string alignedTable(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (widths.size() <= c)
                widths.push_back(0);
            widths[c] = std::max(widths[c], displayWidth(row[c]));
        }
    std::string out;
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            out += row[c];
            if (c + 1 < row.size())
                out.append(widths[c] - displayWidth(row[c]) + 2, ' ');
        }
        out += "\n";
    }
    return out;
}

} // namespace

class StationsTask : public Task {
  public:
    TaskInfo info() const override {
        return {
            "stations",
            "List in situ stations",
            "Reads an ISMN archive (a folder of network/station folders, a zip archive read in "
            "place, or a single .stm file in the header_values, ceop_sep or ceop format) and "
            "lists the selected sensors with location, depth, instrument and a summary of their "
            "observations: n (records), n_good (flagged G), first/last time and mean value.",
            "Data",
            {"stations --input Data_separate_files_header_20170810_20180809.zip --json",
             "stations --input ismn/ --variable soil_moisture --depth-min 0 --depth-max 0.1"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto input = pathParam("input", "ISMN folder, zip archive or .stm file");
        input.fileFilter = "ISMN data (*.zip *.stm)";
        return {input,
                stringParam("variable", "variable to keep, e.g. soil_moisture (empty: all)"),
                optionalDoubleParam("depth-min", "keep sensors with depth_from >= this (m)"),
                optionalDoubleParam("depth-max", "keep sensors with depth_to <= this (m)"),
                stringParam("network", "network to keep (empty: all)"),
                stringParam("station", "station to keep (empty: all)"),
                listParam("flags",
                          "ISMN flags of the observations to summarise, e.g. G,U (all: every one)",
                          "all"),
                listParam("near", "LON,LAT: list the stations nearest to this point first, with "
                                  "their distance (km)"),
                intParam("count", "with --near: the nearest stations kept (0: all)", 0, 0)};
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"stations", OutputKind::JsonDocument,
                 "the selected sensors with location, depth, instrument and a summary of their "
                 "observations"}};
    }

    void validate(const ParameterValues& v) const override {
        const auto lo = v.optionalReal("depth-min");
        const auto hi = v.optionalReal("depth-max");
        if (lo && hi && *lo > *hi)
            throw UsageError("--depth-min is greater than --depth-max");
        stations::parseAcceptedFlags(v.text("flags"));
        if (const auto near = v.list("near"); !near.empty()) {
            if (near.size() != 2)
                throw UsageError("--near needs LON,LAT", "--near");
            for (std::size_t i = 0; i < near.size(); ++i) {
                const std::string& x = near[i];
                char* end = nullptr;
                const double d = std::strtod(x.c_str(), &end);
                if (x.empty() || *end != '\0' || !std::isfinite(d))
                    throw UsageError("--near: '" + x + "' is not a number", "--near");
                const double limit = i == 0 ? 360.0 : 90.0;
                if (d < (i == 0 ? -180.0 : -90.0) || d > limit)
                    throw UsageError(std::string("--near: ") + (i == 0 ? "longitude" : "latitude") +
                                         " '" + x + "' lies outside " +
                                         (i == 0 ? "-180 .. 360" : "-90 .. 90") + " degrees",
                                     "--near");
            }
        }
    }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        const std::filesystem::path input = v.path("input");
        stations::SensorSelection selection;
        selection.variable = v.text("variable");
        selection.depthMin_m = v.optionalReal("depth-min");
        selection.depthMax_m = v.optionalReal("depth-max");
        selection.network = v.text("network");
        selection.station = v.text("station");
        selection.acceptedFlags = stations::parseAcceptedFlags(v.text("flags"));

        stations::ScanOptions scan;
        FeedbackSlice scanning(feedback, 0, 20);
        scan.feedback = &scanning;
        stations::IsmnArchive archive = stations::IsmnArchive::open(input, scan);
        std::vector<std::string> warnings = archive.warnings();
        const bool singleFile = !std::filesystem::is_directory(input) &&
                                input.extension() != ".zip" && input.extension() != ".ZIP";

        auto refs = archive.select(selection);
        // --near: the nearest stations first (all sensors of a kept station stay).
        std::map<std::pair<std::size_t, std::size_t>, double> distance;
        const auto near = v.list("near");
        if (!near.empty()) {
            const double lon = std::stod(near[0]), lat = std::stod(near[1]);
            for (const auto& r : refs) {
                const auto& st = archive.station(r);
                distance[{r.network, r.station}] = products::distanceKm(lon, lat, st.lon, st.lat);
            }
            std::stable_sort(refs.begin(), refs.end(), [&](const auto& a, const auto& b) {
                return distance[{a.network, a.station}] < distance[{b.network, b.station}];
            });
            if (const auto count = static_cast<std::size_t>(v.integer("count")); count > 0) {
                std::vector<std::pair<std::size_t, std::size_t>> kept;
                std::erase_if(refs, [&](const auto& r) {
                    const std::pair<std::size_t, std::size_t> key{r.network, r.station};
                    if (std::find(kept.begin(), kept.end(), key) != kept.end())
                        return false;
                    if (kept.size() >= count)
                        return true;
                    kept.push_back(key);
                    return false;
                });
            }
        }
        TaskResult result;
        result.json["input"] = input.string();
        auto& list = result.json["sensors"] = nlohmann::json::array();
        std::vector<std::vector<std::string>> rows{{"network", "station", "variable", "depth [m]",
                                                    "instrument", "n", "n_good", "first", "last",
                                                    "mean"}};
        for (std::size_t i = 0; i < refs.size(); ++i) {
            feedback.throwIfCanceled();
            feedback.setProgress(20.0 + 80.0 * i / refs.size());
            const auto& ref = refs[i];
            const stations::Sensor& sensor = archive.sensor(ref);
            stations::SensorSummary obs;
            try {
                obs = stations::summarizeSensor(sensor, selection.acceptedFlags, &feedback);
            } catch (const Error& e) {
                if (singleFile)
                    throw;
                warnings.push_back("skipped " + sensor.sourceFile + ": " + e.message() + " (" +
                                   e.context() + ")");
                continue;
            }
            const auto& st = archive.station(ref);
            nlohmann::json j;
            j["network"] = st.network;
            j["station"] = st.name;
            j["lat"] = numberOrNull(st.lat);
            j["lon"] = numberOrNull(st.lon);
            j["elevation"] = numberOrNull(st.elevation_m);
            j["depth_from"] = sensor.depthFrom_m;
            j["depth_to"] = sensor.depthTo_m;
            j["instrument"] = sensor.instrument;
            j["variable"] = sensor.variable;
            j["units"] = stations::variableUnits(sensor.variable);
            j["format"] = stations::formatName(sensor.format);
            j["file"] = sensor.sourceFile;
            j["n"] = obs.n;
            j["n_valid"] = obs.nValid;
            j["n_good"] = obs.nGood;
            j["first"] = obs.first ? nlohmann::json(formatIsoTime(*obs.first)) : nlohmann::json();
            j["last"] = obs.last ? nlohmann::json(formatIsoTime(*obs.last)) : nlohmann::json();
            j["mean"] = numberOrNull(obs.mean);
            if (!near.empty())
                j["distance_km"] = numberOrNull(distance[{ref.network, ref.station}]);
            if (const auto* lc = st.landCover())
                j["land_cover"] = lc->value + " " + lc->description;
            if (const auto* cl = st.climate())
                j["climate"] = cl->value;
            list.push_back(std::move(j));
            rows.push_back({st.network, st.name, sensor.variable,
                            fixed(sensor.depthFrom_m, 2) + "-" + fixed(sensor.depthTo_m, 2),
                            sensor.instrument, std::to_string(obs.n), std::to_string(obs.nGood),
                            obs.first ? formatIsoTime(*obs.first) : "-",
                            obs.last ? formatIsoTime(*obs.last) : "-", fixed(obs.mean, 4)});
        }
        for (const auto& w : warnings)
            feedback.warning(w);
        result.json["warnings"] = warnings;
        OutputValue stationsOutput = declaredOutput(outputs(), "stations", "");
        result.outputs.push_back(std::move(stationsOutput));
        result.summary = alignedTable(rows) + std::to_string(list.size()) +
                         " sensor(s) selected of " + std::to_string(archive.sensorCount()) +
                         " in " + input.string();
        if (!warnings.empty())
            result.summary += "; " + std::to_string(warnings.size()) + " file(s) skipped";
        feedback.setProgress(100.0);
        return result;
    }
};

SOILSCOPE_REGISTER_TASK(StationsTask, "stations")

} // namespace soilscope::tasks
