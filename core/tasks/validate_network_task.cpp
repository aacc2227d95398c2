// Task "validate-network": a validation framework run (QA4SM / pytesmo's validation framework):
// one ISMN network as reference against one or more candidate products, over a period and a
// region (box or polygons), with anomalies, scaling, upscaling, masks, metrics with analytic and
// bootstrap intervals, intra-annual windows, stability trends and triple collocation.
#include "analysis/network_validation.h"
#include "analysis/temporal_stability.h"
#include "base/error.h"
#include "base/parallel_rows.h"
#include "base/time_utils.h"
#include "base/units.h"
#include "geo/raster_series.h"
#include "geo/regions.h"
#include "products/observation_mask.h"
#include "series/exponential_filter.h"
#include "series/series_average.h"
#include "tasks/analysis_inputs.h"
#include "tasks/network_validation_outputs.h"
#include "tasks/series_sources.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"
#include "tasks/validation_settings.h"

#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace soilscope::tasks {

namespace {

namespace fs = std::filesystem;

/// Stations sharing the first candidate's cell, averaged into one (pytesmo's upscaling); with
/// stability thresholds, members that are not temporally stable (|MRD| or SDRD above them, see
/// analysis/temporal_stability.h) are left out of the mean first. Returns what was done.
nlohmann::json upscale(std::vector<NetworkStation>& stations, std::optional<double> maxAbsMrd,
                       std::optional<double> maxSdrd, Feedback& feedback) {
    std::map<std::string, std::vector<std::size_t>> byCell;
    for (std::size_t s = 0; s < stations.size(); ++s)
        byCell[stations[s].cells.empty() ? std::to_string(s) : stations[s].cells.front()].push_back(
            s);
    const bool filter = maxAbsMrd || maxSdrd;
    nlohmann::json leftOut = nlohmann::json::array();
    std::vector<NetworkStation> out;
    std::size_t merged = 0, cells = 0;
    for (const auto& [cell, all] : byCell) {
        std::vector<std::size_t> members = all;
        if (filter && all.size() > 1) {
            std::vector<const series::TimeSeries*> series;
            for (const auto m : all)
                series.push_back(&stations[m].input.series);
            const auto stability = analysis::temporalStability(series);
            const auto keep = analysis::stableMembers(
                stability, maxAbsMrd.value_or(std::numeric_limits<double>::infinity()),
                maxSdrd.value_or(std::numeric_limits<double>::infinity()));
            members.clear();
            for (std::size_t k = 0; k < all.size(); ++k) {
                if (keep[k]) {
                    members.push_back(all[k]);
                    continue;
                }
                const auto& site = stations[all[k]].input.site;
                leftOut.push_back({{"network", site.network},
                                   {"station", site.station},
                                   {"cell", cell},
                                   {"mrd", stability[k].meanRelativeDifference},
                                   {"sdrd", stability[k].sdRelativeDifference},
                                   {"n", stability[k].n}});
            }
        }
        NetworkStation up = stations[members.front()];
        if (members.size() > 1) {
            std::vector<const series::TimeSeries*> series;
            double lon = 0, lat = 0;
            std::string names;
            for (const auto m : members) {
                series.push_back(&stations[m].input.series);
                lon += stations[m].input.site.lon;
                lat += stations[m].input.site.lat;
                names += (names.empty() ? "" : "+") + stations[m].input.site.station;
            }
            up.input.series = series::averageSeries(series);
            up.input.site.station = names;
            up.input.site.lon = lon / static_cast<double>(members.size());
            up.input.site.lat = lat / static_cast<double>(members.size());
            up.input.sensor += " (mean of " + std::to_string(members.size()) + " stations)";
            up.members = members.size();
            merged += members.size();
            ++cells;
        }
        out.push_back(std::move(up));
    }
    if (merged > 0)
        feedback.info("upscaling: " + std::to_string(merged) + " stations averaged into " +
                      std::to_string(cells) + " cells of the first candidate");
    if (!leftOut.empty())
        feedback.info("upscaling: " + std::to_string(leftOut.size()) +
                      " station(s) left out as not temporally stable");
    stations = std::move(out);
    nlohmann::json summary{{"cells_averaged", cells}, {"stations_averaged", merged}};
    if (filter) {
        summary["max_abs_mrd"] = maxAbsMrd ? nlohmann::json(*maxAbsMrd) : nlohmann::json();
        summary["max_sdrd"] = maxSdrd ? nlohmann::json(*maxSdrd) : nlohmann::json();
        summary["left_out"] = leftOut;
    }
    return summary;
}

} // namespace

class ValidateNetworkTask : public Task {
  public:
    TaskInfo info() const override {
        return {"validate-network",
                "Validate products against a station network (validation framework run)",
                "Validates one or more candidate products against an ISMN network over a period "
                "and a region (bounding box, or polygons from a Shapefile/GeoPackage/GeoJSON with "
                "an attribute to group by): stations selected by network, station, depth, "
                "instrument, land cover (ESA CCI 2010 codes), Köppen–Geiger climate and soil "
                "properties; optional anomalies (moving average, or climatology from a baseline "
                "period), scaling (mean/std, min/max, linreg, CDF, beta CDF) to the reference or "
                "to each candidate, the SWI exponential filter on the candidates, upscaling of "
                "the stations in one product cell. Each observation of the sparser series takes "
                "the nearest one of the other within ±window (12 h by default, as QA4SM). "
                "Metrics with analytic and bootstrap (percentile or BCa) intervals, the standard "
                "deviation of the differences (N − 1), intra-annual windows (seasons, months or "
                "custom, with overlap), per-year stability metrics with their Theil–Sen trend per "
                "decade and Mann–Kendall p, and triple collocation of the reference with two "
                "candidates (extended collocation with more) with bootstrap intervals. Writes "
                "validation.nc (QA4SM "
                "layout), station_metrics.csv and .geojson, intra_annual.csv, yearly.csv, "
                "stability.csv, triple_collocation.csv and summary.json with grouped summaries.",
                "Validation",
                {"validate-network --stations ismn.zip --products cci/,ascat/ --names CCI,ASCAT "
                 "--start 2015-01-01 --end 2020-01-01 --regions basins.gpkg "
                 "--region-attribute name --intra-annual seasons --bootstrap 1000 --out val/"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto st = pathParam("stations", "the reference: an ISMN folder or zip archive");
        st.fileFilter = "ISMN (*.zip *.stm)";
        std::vector<ParameterSpec> p{
            st,
            pathListParam("products",
                          "the candidates: raster series files (netCDF, GRIB, dated "
                          "GeoTIFF), ASCAT/ERS cell files or folders, CCI image folders, "
                          "swaths, SMAP L3, Sentinel-1 folders"),
            listParam("variables", "variable of each candidate (empty: the only one)"),
            listParam("names", "candidate names (default: file stems)"),
            stringParam("reference-name", "name of the reference in outputs", "ISMN"),
            folderOutputParam("out", "output folder"),
            optionalDoubleParam("swi-time", "apply the SWI exponential filter with this "
                                            "characteristic time T (days) to the candidates"),
            boolParam("upscale", "average the stations in one cell of the first candidate"),
            optionalDoubleParam("upscale-max-mrd",
                                "upscaling: leave out members whose mean relative difference "
                                "from the cell's mean exceeds this in magnitude (temporal "
                                "stability, e.g. 0.1)"),
            optionalDoubleParam("upscale-max-sdrd",
                                "upscaling: leave out members whose standard deviation of the "
                                "relative difference exceeds this (e.g. 0.2)"),
            pathParam("soil-temperature",
                      "a temperature layer (raster series or product) masking frozen soil: station "
                      "observations whose nearest temperature within ±window is below "
                      "--frozen-below are left out",
                      false),
            stringParam("soil-temperature-variable", "variable of the temperature layer"),
            boolParam("station-soil-temperature",
                      "mask frozen soil with each station's own soil temperature sensor (the "
                      "one nearest in depth to its soil-moisture sensor); stations without one "
                      "use --soil-temperature when given, else keep their observations"),
            doubleParam("frozen-below",
                        "frozen-soil threshold (°C; the layer's units are "
                        "converted)",
                        0.0, -50.0, 50.0),
            listParam("masks", "point and image candidates: observations to keep, one per "
                               "candidate (e.g. \"ssf == 1 and proc_flag == 0\"; empty: all)"),
            doubleParam("max-distance", "point candidates: farthest grid point from a station (km)",
                        25.0, 0.0, 20040.0),
            boolParam("triple-collocation", "triple collocation of the reference and two "
                                            "candidates, extended collocation with more"),
            listParam("group-by",
                      "grouped summaries: all, network, region, land_cover, climate, season, "
                      "month",
                      "all,network,region,land_cover,climate")};
        const auto shared = validationRunParams(); // after --out, before the options of a network
        p.insert(p.begin() + 6, shared.begin(), shared.end());
        for (auto& s : analysis_inputs::stationSelectionParams())
            p.push_back(s);
        for (auto& s : std::vector<ParameterSpec>{
                 listParam("station-names", "ISMN: only these stations"),
                 stringParam("instrument", "ISMN: part of the instrument name"),
                 listParam("land-cover", "ISMN: ESA CCI land cover codes of 2010 (60 takes 61, "
                                         "62)"),
                 listParam("climate", "ISMN: Köppen–Geiger classes as prefixes (Cf: Cfa, Cfb)"),
                 listParam("site-conditions",
                           "ISMN: static-variable conditions, e.g. \"clay fraction >= 20\"")}) {
            s.advanced = true;
            p.push_back(s);
        }
        return p;
    }

    std::vector<OutputSpec> outputs() const override {
        auto o = networkValidationOutputs();
        o.push_back({"matched", OutputKind::Table,
                     "every station's matched pairs of the reference and each candidate as the "
                     "metrics saw them, after the period, anomalies and scaling "
                     "(matched_pairs.csv)"});
        return o;
    }

    void validate(const ParameterValues& v) const override {
        checkCandidates(v, {"variables", "names", "masks"});
        for (const auto& m : v.list("masks"))
            products::ObservationMask::parse(m);
        checkValidationRun(v);
        const auto o = validationOptions(v);
        if (o.tripleCollocation && v.list("products").size() < 2)
            throw UsageError("triple collocation needs two candidates besides the reference",
                             "--triple-collocation");
        if (const auto t = v.optionalReal("swi-time"); t && !(*t > 0))
            throw UsageError("--swi-time must be positive", "--swi-time");
        for (const char* name : {"upscale-max-mrd", "upscale-max-sdrd"})
            if (const auto t = v.optionalReal(name)) {
                if (!(*t >= 0))
                    throw UsageError("must be 0 or more", std::string("--") + name);
                if (!v.flag("upscale"))
                    throw UsageError("only with --upscale", std::string("--") + name);
            }
    }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        const auto options = validationOptions(v);
        const auto products = v.list("products");
        const auto names = candidateNames(v);
        const auto regions = regionsOf(v);

        std::vector<NetworkStation> stations;
        for (auto& s : analysis_inputs::loadStations(v, "stations", feedback, 0.0, 12.0,
                                                     v.flag("station-soil-temperature")))
            stations.push_back({std::move(s), {}, {}, 1});
        if (regions) {
            const std::size_t before = stations.size();
            std::erase_if(stations, [&](NetworkStation& s) {
                const auto r = regions->regionAt(s.input.site.lon, s.input.site.lat);
                if (r)
                    s.input.site.attributes["region"] = *r;
                return !r;
            });
            if (stations.empty())
                throw Error("none of the " + std::to_string(before) +
                                " selected stations lies in the region (" + regions->source() + ")",
                            v.text("stations"));
            feedback.info(std::to_string(stations.size()) + " of " + std::to_string(before) +
                          " stations lie in the region");
        }
        requireDataInPeriod(stations, options, v.text("stations"));

        std::vector<geo::LonLat> points;
        for (const auto& s : stations)
            points.push_back({s.input.site.lon, s.input.site.lat});
        const nlohmann::json frozen = maskFrozenSoil(v, points, options.window, stations, feedback);
        const auto swi = v.optionalReal("swi-time");
        for (std::size_t p = 0; p < products.size(); ++p) {
            const double from = 12.0 + 48.0 * static_cast<double>(p) / products.size();
            const double to = 12.0 + 48.0 * static_cast<double>(p + 1) / products.size();
            auto at = analysis_inputs::productAtPoints(
                products[p], v.list("variables").empty() ? "" : v.list("variables")[p],
                v.list("masks").empty() ? "" : v.list("masks")[p], v.real("max-distance"), points,
                feedback, from, to);
            std::set<std::string> notes;
            for (std::size_t s = 0; s < stations.size(); ++s) {
                auto& series = at.series[s];
                if (const auto note = harmoniseUnits(stations[s].input.series.units, series);
                    note.warning && notes.insert(note.text).second)
                    feedback.warning(names[p] + ": " + note.text);
                if (swi)
                    series = series::exponentialFilter(series, *swi);
                stations[s].candidates.push_back(std::move(series));
                stations[s].cells.push_back(at.cells[s]);
            }
        }
        nlohmann::json upscaling;
        if (v.flag("upscale"))
            upscaling = upscale(stations, v.optionalReal("upscale-max-mrd"),
                                v.optionalReal("upscale-max-sdrd"), feedback);

        std::vector<analysis::StationValidation> results(stations.size());
        std::atomic<std::size_t> done{0};
        parallelRows(static_cast<int>(stations.size()), [&](int begin, int end) {
            for (int s = begin; s < end; ++s) {
                feedback.throwIfCanceled();
                const auto& st = stations[static_cast<std::size_t>(s)];
                const auto reference = analysis::prepareSeries(st.input.series, options);
                std::vector<series::TimeSeries> prepared;
                for (const auto& c : st.candidates)
                    prepared.push_back(analysis::prepareSeries(c, options));
                std::vector<const series::TimeSeries*> cands;
                for (const auto& c : prepared)
                    cands.push_back(&c);
                results[static_cast<std::size_t>(s)] = analysis::validateStation(
                    reference, cands, options, static_cast<std::uint64_t>(s));
                feedback.setProgress(60.0 + 32.0 * static_cast<double>(++done) /
                                                static_cast<double>(stations.size()));
            }
        });
        reportStationsWithoutMetrics(stations, results, names, feedback);
        feedback.setProgress(93);
        TaskResult result = writeNetworkValidation(v, options, names, stations, results, outputs());
        if (!frozen.is_null())
            result.json["frozen_soil"] = frozen;
        if (!upscaling.is_null())
            result.json["upscaling"] = upscaling;
        return result;
    }

  private:
    /// Frozen soil: the station observations whose nearest soil temperature within ±window is
    /// below the threshold (°C) are left out. The temperature comes from the station's own
    /// sensor (--station-soil-temperature) where it has one, else from the layer
    /// (--soil-temperature) at the station. Returns what was masked per source (null when no
    /// temperature was given).
    static nlohmann::json maskFrozenSoil(const ParameterValues& v,
                                         const std::vector<geo::LonLat>& points,
                                         std::chrono::seconds window,
                                         std::vector<NetworkStation>& stations,
                                         Feedback& feedback) {
        const bool own = v.flag("station-soil-temperature");
        const std::string path = v.text("soil-temperature");
        if (!own && path.empty())
            return nullptr;
        std::vector<series::TimeSeries> temps(stations.size());
        std::vector<std::string> sources(stations.size());
        std::size_t withoutSensor = 0;
        for (std::size_t s = 0; s < stations.size(); ++s)
            if (own && !stations[s].input.soilTemperature.empty()) {
                temps[s] = stations[s].input.soilTemperature;
                sources[s] = "sensor";
            } else if (own) {
                ++withoutSensor;
            }
        if (!path.empty()) {
            auto layer = analysis_inputs::productAtPoints(path, v.text("soil-temperature-variable"),
                                                          "", v.real("max-distance"), points,
                                                          feedback, 8.0, 12.0)
                             .series;
            for (std::size_t s = 0; s < stations.size(); ++s)
                if (sources[s].empty() && !layer[s].empty()) {
                    if (layer[s].units.empty())
                        throw Error("the temperature layer has no units (K or degC expected)",
                                    path);
                    temps[s] = std::move(layer[s]);
                    sources[s] = "layer";
                }
        }
        const double threshold = v.real("frozen-below");
        std::map<std::string, std::pair<std::size_t, std::size_t>> counts; // masked, checked
        for (std::size_t s = 0; s < stations.size(); ++s) {
            if (sources[s].empty())
                continue;
            auto& c = counts[sources[s]];
            const auto [masked, checked] =
                maskBelow(stations[s].input.series, temps[s], window, threshold);
            c.first += masked;
            c.second += checked;
        }
        for (const auto& [source, c] : counts)
            feedback.info("frozen soil (" +
                          (source == "sensor" ? std::string("the stations' own sensors")
                                              : "the layer " + path) +
                          "): " + std::to_string(c.first) + " of " + std::to_string(c.second) +
                          " station observations with a temperature below " + csvNumber(threshold) +
                          " °C left out");
        if (withoutSensor > 0)
            feedback.info(std::to_string(withoutSensor) +
                          " station(s) have no soil temperature sensor: " +
                          (path.empty() ? std::string("their observations are kept")
                                        : "the layer masks them"));
        nlohmann::json summary{{"threshold_degC", threshold},
                               {"stations_without_sensor", withoutSensor}};
        for (const auto& [source, c] : counts)
            summary[source == "sensor" ? "station_sensors" : "layer"] = {{"masked", c.first},
                                                                         {"checked", c.second}};
        return summary;
    }

    /// NaN for the observations of `ref` whose nearest temperature within ±window (converted to
    /// °C) is below the threshold; returns (masked, checked).
    static std::pair<std::size_t, std::size_t> maskBelow(series::TimeSeries& ref,
                                                         series::TimeSeries temperature,
                                                         std::chrono::seconds window,
                                                         double threshold) {
        const auto toCelsius = units::conversion(temperature.units, "degC");
        for (auto& x : temperature.values)
            x = toCelsius.apply(x);
        series::MatchOptions match;
        match.window = window;
        const auto pairs = series::matchTemporal(ref, temperature, match);
        std::size_t masked = 0, checked = 0, k = 0;
        for (std::size_t i = 0; i < ref.size() && k < pairs.size(); ++i) {
            if (ref.times[i] != pairs.times[k])
                continue;
            ++checked;
            if (pairs.candidate[k] < threshold) {
                ref.values[i] = std::numeric_limits<double>::quiet_NaN();
                ++masked;
            }
            ++k;
        }
        return {masked, checked};
    }

    static void requireDataInPeriod(const std::vector<NetworkStation>& stations,
                                    const analysis::NetworkValidationOptions& o,
                                    const std::string& archive) {
        if (!o.start && !o.end)
            return;
        TimePoint first = TimePoint::max(), last = TimePoint::min();
        for (const auto& s : stations) {
            const auto valid = s.input.series.valid();
            if (valid.empty())
                continue;
            first = std::min(first, valid.times.front());
            last = std::max(last, valid.times.back());
            if (valid.slice(o.start.value_or(TimePoint::min()), o.end.value_or(TimePoint::max()))
                    .size() > 0)
                return;
        }
        if (first == TimePoint::max())
            throw Error("no selected station has a valid observation", archive);
        throw Error("the period " + (o.start ? formatIsoDate(*o.start) : std::string("…")) +
                        " to " + (o.end ? formatIsoDate(*o.end) : std::string("…")) +
                        " holds no station observation (the stations have data from " +
                        formatIsoDate(first) + " to " + formatIsoDate(last) + ")",
                    archive);
    }

    /// Names the stations (up to 10 per candidate) without metrics and why; throws when no
    /// station has metrics for any candidate.
    static void
    reportStationsWithoutMetrics(const std::vector<NetworkStation>& stations,
                                 const std::vector<analysis::StationValidation>& results,
                                 const std::vector<std::string>& names, Feedback& feedback) {
        std::size_t withMetrics = 0;
        std::map<std::string, std::size_t> causes;
        for (std::size_t p = 0; p < names.size(); ++p) {
            std::size_t listed = 0, without = 0;
            for (std::size_t s = 0; s < stations.size(); ++s) {
                const auto& r = results[s].candidates[p];
                if (r.note.empty()) {
                    ++withMetrics;
                    continue;
                }
                ++without;
                ++causes[r.note.substr(0, r.note.find(" ("))];
                const auto& site = stations[s].input.site;
                if (listed++ < 10)
                    feedback.warning(
                        names[p] + " at " + site.network + "/" + site.station + ": no metrics: " +
                        (stations[s].input.note.empty() ? r.note : stations[s].input.note));
            }
            if (without > 10)
                feedback.warning(names[p] + ": " + std::to_string(without - 10) +
                                 " more stations without metrics");
        }
        if (withMetrics == 0) {
            std::string text;
            for (const auto& [cause, n] : causes)
                text += (text.empty() ? "" : "; ") + cause + " (" + std::to_string(n) + ")";
            throw Error("no station has metrics for any candidate: " + text);
        }
    }
};

SOILSCOPE_REGISTER_TASK(ValidateNetworkTask, "validate-network")

} // namespace soilscope::tasks
