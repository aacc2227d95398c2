// Task "station-metrics": per-station validation of gridded products against an ISMN network
// (each station -> the product pixel containing it), with medians, distributions over the
// stations, per-station differences between products ("better at N of M sites"), grouped
// summaries and a GeoJSON of the metrics at the station points.
#include "analysis/csv_table.h"
#include "analysis/station_table.h"
#include "analysis/summary_statistics.h"
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/process_group.h"
#include "base/time_utils.h"
#include "base/utf8.h"
#include "geo/raster_series.h"
#include "geo/vector_copy.h"
#include "products/observation_mask.h"
#include "products/point_source.h"
#include "series/temporal_matching.h"
#include "tasks/analysis_inputs.h"
#include "tasks/product_at_points_shared.h"
#include "tasks/series_sources.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <cmath>
#include <cstdio>
#include <set>

namespace soilscope::tasks {

namespace {

namespace fs = std::filesystem;
using analysis_inputs::numberOrNull;

const std::vector<std::string> kTableMetrics{"n",    "R",      "p_R", "rho", "bias",
                                             "RMSD", "ubRMSD", "MAE", "NSE", "KGE"};
const std::vector<std::string> kDistributionMetrics{"R", "bias", "ubRMSD", "RMSD"};

using StationSeries = analysis_inputs::StationInput;

/// Adds the columns of a site table to the stations it names (by station, and network when
/// the table has that column).
void addSiteAttributes(const fs::path& path, std::vector<StationSeries>& stations) {
    const auto table = analysis::CsvTable::read(path);
    if (!table.hasColumn("station"))
        throw Error("the site table needs a 'station' column", path.string());
    const bool byNetwork = table.hasColumn("network");
    std::size_t matched = 0;
    for (std::size_t r = 0; r < table.rows(); ++r) {
        for (auto& s : stations) {
            if (s.site.station != table.text("station")[r])
                continue;
            if (byNetwork && s.site.network != table.text("network")[r])
                continue;
            for (const auto& c : table.columns())
                if (c != "station" && c != "network")
                    s.site.attributes[c] = table.text(c)[r];
            ++matched;
        }
    }
    if (matched == 0)
        throw Error("no station of the archive is named in the site table", path.string());
}

} // namespace

class StationMetricsTask : public Task {
  public:
    TaskInfo info() const override {
        return {
            "station-metrics",
            "Validate products at every station of a network",
            "Samples each gridded product at the pixel containing each station (the shallowest "
            "sensor matching the selection), matches it to the station series (station as "
            "reference, nearest product value within ±window) and computes the metrics with 95 % "
            "intervals per station. Reports medians over stations, Gaussian KDEs (Scott's "
            "bandwidth) of R, bias, ubRMSD and RMSD over stations, per-station differences of "
            "every product against the first (\"better at N of M sites\"), grouped summaries "
            "(pooled and per-station medians) and writes station_metrics.csv, "
            "station_metrics.geojson (for maps), distributions.csv and summary.json.",
            "Validation",
            {"station-metrics --stations ismn.zip --products cnn.nc,h120.nc --variables sm,sm "
             "--names CNN,H120 --depth-max 0.07 --out stations/ --json"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto st = pathParam("stations", "ISMN folder or zip archive");
        st.fileFilter = "ISMN (*.zip *.stm)";
        std::vector<ParameterSpec> p{
            st,
            pathListParam("products",
                          "the products: raster series files (netCDF, GRIB, dated GeoTIFF), "
                          "ASCAT/ERS cell files or folders, ESA CCI SM image folders"),
            listParam("variables", "variable of each product file (empty: the only one)"),
            listParam("names", "product names (default: file stems)"),
            folderOutputParam("out", "output folder"),
            listParam("masks", "point and image products: observations to keep, one per product "
                               "(e.g. \"ssf == 1 and proc_flag == 0\"; empty: all)"),
            doubleParam("max-distance",
                        "point products: farthest grid point accepted from a station (km)", 25.0,
                        0.0, 20040.0)};
        for (auto& s : analysis_inputs::stationSelectionParams())
            p.push_back(s);
        for (auto& s : std::vector<ParameterSpec>{
                 stringParam("window", "matching window ±", "1h"),
                 intParam("min-pairs", "pairs a station needs for metrics", 10, 3),
                 listParam("group-by",
                           "grouped summaries: all, network, station, season, month, land_cover, "
                           "climate, "
                           "or a --site-attributes column",
                           "all,network,season"),
                 choiceParam("compare-metric", "metric of the per-station product comparison",
                             {"R", "rho", "bias", "RMSD", "ubRMSD", "MAE", "NSE", "KGE"}, "R"),
                 pathParam("site-attributes",
                           "CSV with a 'station' column (and optionally 'network') whose other "
                           "columns (e.g. region) become grouping attributes",
                           false)})
            p.push_back(s);
        return p;
    }

    std::vector<OutputSpec> outputs() const override {
        return {
            {"metrics", OutputKind::StationMetrics,
             "the metrics of every product at every station with their 95 % intervals "
             "(station_metrics.csv)"},
            {"geojson", OutputKind::JsonDocument,
             "the metrics at the station points as GeoJSON, for maps"},
            {"gpkg", OutputKind::VectorLayer,
             "the stations as points with their metrics as attributes (station_metrics.gpkg)"},
            {"distributions", OutputKind::Table,
             "the Gaussian KDEs of R, bias, ubRMSD and RMSD over the stations"},
            {"summary", OutputKind::JsonDocument,
             "medians, distributions, product comparisons and grouped summaries (summary.json)"}};
    }

    void validate(const ParameterValues& v) const override {
        if (v.list("products").empty())
            throw UsageError("give at least one product", "--products");
        const auto n = v.list("products").size();
        if (!v.list("variables").empty() && v.list("variables").size() != n)
            throw UsageError("give one variable per product", "--variables");
        if (!v.list("names").empty() && v.list("names").size() != n)
            throw UsageError("give one name per product", "--names");
        if (!v.list("masks").empty() && v.list("masks").size() != n)
            throw UsageError("give one mask per product (an empty one keeps all)", "--masks");
        for (const auto& m : v.list("masks"))
            products::ObservationMask::parse(m);
        v.duration("window");
    }

    /// Under mpirun each process reads its share of every product (time steps or stations).
    bool sharesUnits() const override { return true; }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        const auto products = v.list("products");
        const auto variables = v.list("variables");
        auto names = v.list("names");
        if (names.empty())
            for (const auto& p : products)
                names.push_back(fs::path(p).stem().string());
        auto stationSeries = analysis_inputs::loadStations(v, "stations", feedback, 2.0, 20.0);
        if (!v.text("site-attributes").empty())
            addSiteAttributes(v.path("site-attributes"), stationSeries);
        std::vector<geo::LonLat> points;
        for (const auto& s : stationSeries)
            points.push_back({s.site.lon, s.site.lat});
        const fs::path outDir = v.path("out");
        const bool root = processGroup().isRoot();
        if (root)
            fs::create_directories(outDir);
        series::MatchOptions match;
        match.window = v.duration("window");
        const auto minPairs = static_cast<std::size_t>(v.integer("min-pairs"));

        analysis::StationTable table;
        table.products = names;
        for (const auto& s : stationSeries)
            table.sites.push_back(s.site);
        table.results.assign(stationSeries.size(),
                             std::vector<analysis::StationProductResult>(products.size()));
        std::vector<ProductAtPoints> requests;
        for (std::size_t p = 0; p < products.size(); ++p)
            requests.push_back({products[p], variables.empty() ? std::string() : variables[p],
                                v.list("masks").empty() ? std::string() : v.list("masks")[p]});
        auto read =
            productsAtPointsShared(requests, v.real("max-distance"), points, feedback, 20, 90);
        for (std::size_t p = 0; root && p < products.size(); ++p) {
            analysis_inputs::warnAboutPointsWithoutData(products[p], read[p], feedback);
            auto& atStations = read[p].series;
            std::set<std::string> notes;
            for (std::size_t s = 0; s < stationSeries.size(); ++s)
                if (const auto note = harmoniseUnits(stationSeries[s].series.units, atStations[s]);
                    note.warning && notes.insert(note.text).second)
                    feedback.warning(names[p] + ": " + note.text);
            reportEmptyPairs(names[p], products[p], stationSeries, atStations, match, minPairs,
                             feedback);
            for (std::size_t s = 0; s < stationSeries.size(); ++s)
                table.results[s][p] = analysis::validateAtStation(stationSeries[s].series,
                                                                  atStations[s], match, minPairs);
        }
        if (!root) {
            TaskResult worker;
            worker.summary = "process " + std::to_string(processGroup().rank()) +
                             ": its share of the products read for process 0";
            return worker;
        }
        feedback.setProgress(92);
        return writeOutputs(v, table, stationSeries, outDir, minPairs);
    }

  private:
    /// Names, per station, why a product gets no metrics there: the station's series is empty
    /// (and why), the product has no data there, the periods do not overlap, or too few pairs.
    static void reportEmptyPairs(const std::string& name, const std::string& product,
                                 const std::vector<StationSeries>& stations,
                                 const std::vector<series::TimeSeries>& atStations,
                                 const series::MatchOptions& match, std::size_t minPairs,
                                 Feedback& feedback) {
        constexpr std::size_t kListed = 10;
        std::size_t listed = 0, empty = 0;
        for (std::size_t s = 0; s < stations.size(); ++s) {
            const auto& st = stations[s];
            const auto ref = st.series.valid();
            const auto prod = atStations[s].valid();
            std::string cause;
            if (ref.empty())
                cause = st.note.empty() ? "the station has no valid observation" : st.note;
            else if (prod.empty())
                cause = atStations[s].empty() ? "no product data at the station (outside it)"
                                              : "the product's values there are all missing";
            else if (ref.times.back() + match.window < prod.times.front() ||
                     prod.times.back() + match.window < ref.times.front())
                cause = "no time overlap (station " + formatIsoDate(ref.times.front()) + " to " +
                        formatIsoDate(ref.times.back()) + ", product " +
                        formatIsoDate(prod.times.front()) + " to " +
                        formatIsoDate(prod.times.back()) + ")";
            else if (series::matchTemporal(ref, prod, match).size() < minPairs)
                cause = "fewer than " + std::to_string(minPairs) + " pairs within the window";
            if (cause.empty())
                continue;
            ++empty;
            if (listed++ < kListed)
                feedback.warning(name + " at " + st.site.network + "/" + st.site.station +
                                 ": no metrics: " + cause);
        }
        if (empty > kListed)
            feedback.warning(name + ": " + std::to_string(empty - kListed) +
                             " more stations without metrics (" + product + ")");
    }

    TaskResult writeOutputs(const ParameterValues& v, const analysis::StationTable& table,
                            const std::vector<StationSeries>& stationSeries, const fs::path& outDir,
                            std::size_t minPairs) {
        // Table CSV and GeoJSON.
        std::string csv = "network,station,lon,lat,sensor,land_cover,climate,product";
        for (const auto& m : kTableMetrics)
            csv += "," + m;
        csv += ",R_lower,R_upper,bias_lower,bias_upper,ubRMSD_lower,ubRMSD_upper\n";
        nlohmann::json features = nlohmann::json::array();
        for (std::size_t s = 0; s < table.sites.size(); ++s) {
            const auto& site = table.sites[s];
            const auto attr = [&](const char* k) {
                const auto it = site.attributes.find(k);
                return it == site.attributes.end() ? std::string() : it->second;
            };
            nlohmann::json props = {{"network", site.network},
                                    {"station", site.station},
                                    {"sensor", stationSeries[s].sensor},
                                    {"land_cover", attr("land_cover")},
                                    {"climate", attr("climate")}};
            for (std::size_t p = 0; p < table.products.size(); ++p) {
                const auto& r = table.results[s][p];
                analysis_inputs::CsvLine line;
                line.text(site.network).text(site.station).number(site.lon).number(site.lat);
                line.text(stationSeries[s].sensor).text(attr("land_cover")).text(attr("climate"));
                line.text(table.products[p]);
                for (const auto& m : kTableMetrics) {
                    const double val = analysis::metricValue(r.metrics, m);
                    line.number(val);
                    props[table.products[p] + "_" + m] = numberOrNull(val);
                }
                for (const auto* i : {&r.rInterval, &r.biasInterval, &r.ubrmsdInterval})
                    line.number(i->lower).number(i->upper);
                csv += line.str();
            }
            features.push_back(
                {{"type", "Feature"},
                 {"geometry", {{"type", "Point"}, {"coordinates", {site.lon, site.lat}}}},
                 {"properties", props}});
        }
        writeTextAtomically(outDir / "station_metrics.csv", csv);
        writeTextAtomically(
            outDir / "station_metrics.geojson",
            dumpJson(nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}) + "\n");
        geo::copyToGeoPackage(outDir / "station_metrics.geojson", outDir / "station_metrics.gpkg",
                              "station_metrics");

        // Medians, distributions, comparisons, groups.
        nlohmann::json productsJson = nlohmann::json::array();
        std::string dist = "product,metric,x,density\n";
        for (std::size_t p = 0; p < table.products.size(); ++p) {
            nlohmann::json medians = nlohmann::json::object(), kdes = nlohmann::json::object();
            std::size_t valid = 0;
            for (const auto& row : table.results)
                valid += std::isfinite(row[p].metrics.r) ? 1 : 0;
            for (const auto& m : kTableMetrics) {
                if (m == "n")
                    continue;
                medians[m] =
                    numberOrNull(analysis::median(analysis::metricOverStations(table, p, m)));
            }
            for (const auto& m : kDistributionMetrics) {
                const auto values = analysis::metricOverStations(table, p, m);
                try {
                    const auto kde = analysis::gaussianKde(values, 128);
                    kdes[m] = {{"bandwidth", kde.bandwidth},
                               {"box", boxJson(analysis::boxStatistics(values))}};
                    for (std::size_t i = 0; i < kde.x.size(); ++i)
                        dist += analysis_inputs::CsvLine()
                                    .text(table.products[p])
                                    .text(m)
                                    .number(kde.x[i])
                                    .number(kde.density[i])
                                    .str();
                } catch (const Error&) {
                    kdes[m] = nullptr; // fewer than 2 stations with a value
                }
            }
            const auto groups =
                analysis_inputs::groupSummariesJson(table, p, v.list("group-by"), minPairs);
            productsJson.push_back({{"name", table.products[p]},
                                    {"stations_with_metrics", valid},
                                    {"median", medians},
                                    {"distributions", kdes},
                                    {"groups", groups}});
        }
        writeTextAtomically(outDir / "distributions.csv", dist);
        nlohmann::json comparisons = nlohmann::json::array();
        const std::string metric = v.text("compare-metric");
        for (std::size_t p = 1; p < table.products.size(); ++p) {
            const auto c = analysis::compareProducts(table, 0, p, metric);
            char text[160];
            std::snprintf(text, sizeof text, "%s better than %s at %zu of %zu sites",
                          c.candidate.c_str(), c.baseline.c_str(), c.improved, c.compared);
            comparisons.push_back({{"metric", metric},
                                   {"baseline", c.baseline},
                                   {"candidate", c.candidate},
                                   {"improved", c.improved},
                                   {"compared", c.compared},
                                   {"median_delta", numberOrNull(c.medianDelta)},
                                   {"text", text}});
        }
        TaskResult result;
        auto& j = result.json;
        j["stations"] = table.sites.size();
        j["products"] = productsJson;
        j["comparisons"] = comparisons;
        j["table_csv"] = (outDir / "station_metrics.csv").string();
        j["geojson"] = (outDir / "station_metrics.geojson").string();
        j["distributions_csv"] = (outDir / "distributions.csv").string();
        writeTextAtomically(outDir / "summary.json", dumpJson(j, 2) + "\n");
        const auto specs = outputs();
        result.outputs.push_back(
            declaredOutput(specs, "metrics", (outDir / "station_metrics.csv").string()));
        result.outputs.push_back(
            declaredOutput(specs, "geojson", (outDir / "station_metrics.geojson").string()));
        result.outputs.push_back(
            declaredOutput(specs, "gpkg", (outDir / "station_metrics.gpkg").string()));
        result.outputs.push_back(
            declaredOutput(specs, "distributions", (outDir / "distributions.csv").string()));
        result.outputs.push_back(
            declaredOutput(specs, "summary", (outDir / "summary.json").string()));
        std::string summary = std::to_string(table.sites.size()) + " stations";
        for (const auto& p : productsJson)
            summary +=
                "; " + p["name"].get<std::string>() + " median R " +
                (p["median"]["R"].is_number() ? csvNumber(p["median"]["R"].get<double>()) : "n/a");
        for (const auto& c : comparisons)
            summary += "; " + c["text"].get<std::string>();
        result.summary = summary;
        return result;
    }

    static nlohmann::json boxJson(const analysis::BoxStatistics& b) {
        return {{"n", b.n},
                {"q1", numberOrNull(b.q1)},
                {"median", numberOrNull(b.median)},
                {"q3", numberOrNull(b.q3)},
                {"whisker_low", numberOrNull(b.whiskerLow)},
                {"whisker_high", numberOrNull(b.whiskerHigh)}};
    }
};

SOILSCOPE_REGISTER_TASK(StationMetricsTask, "station-metrics")

} // namespace soilscope::tasks
