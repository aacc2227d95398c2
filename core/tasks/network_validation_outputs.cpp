#include "tasks/network_validation_outputs.h"

#include "analysis/csv_table.h"
#include "analysis/paired_tests.h"
#include "analysis/station_table.h"
#include "analysis/summary_statistics.h"
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/time_utils.h"
#include "base/utf8.h"
#include "geo/vector_copy.h"
#include "products/location_netcdf.h"
#include "series/scaler.h"
#include "tasks/series_sources.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

namespace soilscope::tasks {

namespace {

namespace fs = std::filesystem;
using analysis_inputs::CsvLine;
using analysis_inputs::numberOrNull;

/// Metrics of the intra-annual, yearly and bootstrap tables.
const std::vector<std::string> kShortMetrics{"n", "R", "rho", "bias", "RMSD", "ubRMSD", "Std"};
const std::vector<std::string> kIntervalMetrics{"R", "bias", "ubRMSD", "RMSD", "Std"};

std::string attr(const analysis::StationSite& site, const char* key) {
    const auto it = site.attributes.find(key);
    return it == site.attributes.end() ? std::string() : it->second;
}

std::string metricUnits(const std::string& metric, const std::string& units) {
    if (metric == "bias" || metric == "RMSD" || metric == "ubRMSD" || metric == "MAE" ||
        metric == "Std")
        return units;
    if (metric.rfind("MSE", 0) == 0)
        return units.empty() ? "" : "(" + units + ")2";
    return metric == "n" ? "1" : "1";
}

/// QA4SM's variable names: METRIC_between_0-REF_and_K-CANDIDATE.
std::string pairName(const std::string& metric, const std::string& ref, std::size_t k,
                     const std::string& cand) {
    return metric + "_between_0-" + ref + "_and_" + std::to_string(k + 1) + "-" + cand;
}

std::vector<std::string> windowNames(const analysis::NetworkValidationOptions& o,
                                     const std::vector<int>& years) {
    std::vector<std::string> out{"bulk"};
    for (const auto& w : o.windows)
        out.push_back(w.name);
    for (const int y : years)
        out.push_back(std::to_string(y));
    return out;
}

void writeNetcdf(const fs::path& path, const ParameterValues& v,
                 const analysis::NetworkValidationOptions& o, const std::vector<std::string>& names,
                 const std::vector<NetworkStation>& stations,
                 const std::vector<analysis::StationValidation>& results,
                 const std::vector<int>& years, const std::string& units) {
    const std::string ref = v.text("reference-name");
    products::LocationTable t;
    const std::size_t nLoc = stations.size();
    std::vector<std::string> network, station, sensor, landCover, climate, region;
    for (const auto& s : stations) {
        t.lon.push_back(s.input.site.lon);
        t.lat.push_back(s.input.site.lat);
        network.push_back(s.input.site.network);
        station.push_back(s.input.site.station);
        sensor.push_back(s.input.sensor);
        landCover.push_back(attr(s.input.site, "land_cover"));
        climate.push_back(attr(s.input.site, "climate"));
        region.push_back(attr(s.input.site, "region"));
    }
    t.text = {{"network", network},   {"station", station},    {"instrument_depth", sensor},
              {"lc_2010", landCover}, {"climate_KG", climate}, {"region", region}};
    t.windows = windowNames(o, years);
    const std::size_t nWin = t.windows.size();
    for (std::size_t p = 0; p < names.size(); ++p) {
        for (const auto& m : analysis::metricNames()) {
            products::LocationTable::Variable var{
                pairName(m, ref, p, names[p]), m + " of " + names[p] + " against " + ref,
                metricUnits(m, units), true, std::vector<double>(nWin * nLoc, analysis::kNaN)};
            for (std::size_t s = 0; s < nLoc; ++s) {
                const auto& r = results[s].candidates[p];
                var.values[s] = analysis::metricValue(r.bulk.metrics, m);
                for (std::size_t w = 0; w < r.windows.size(); ++w)
                    var.values[(1 + w) * nLoc + s] = analysis::metricValue(r.windows[w], m);
                for (std::size_t y = 0; y < years.size(); ++y)
                    if (const auto it = r.years.find(years[y]); it != r.years.end())
                        var.values[(1 + o.windows.size() + y) * nLoc + s] =
                            analysis::metricValue(it->second, m);
            }
            t.variables.push_back(std::move(var));
        }
        for (const auto& m : kIntervalMetrics) {
            if (o.bootstrapResamples <= 0)
                break;
            for (const char* side : {"lower", "upper"}) {
                products::LocationTable::Variable var{
                    pairName(m + "_ci_" + side, ref, p, names[p]),
                    std::string(side) + " bound of the bootstrap 95 % interval of " + m,
                    metricUnits(m, units), false, std::vector<double>(nLoc, analysis::kNaN)};
                for (std::size_t s = 0; s < nLoc; ++s) {
                    const auto& b = results[s].candidates[p].bootstrap;
                    if (const auto it = b.find(m); it != b.end())
                        var.values[s] = side[0] == 'l' ? it->second.lower : it->second.upper;
                }
                t.variables.push_back(std::move(var));
            }
        }
        if (o.stability)
            for (const auto& m : analysis::stabilityMetrics()) {
                products::LocationTable::Variable slope{
                    pairName(m + "_trend_per_decade", ref, p, names[p]),
                    "Theil-Sen slope of the yearly " + m + " per decade",
                    metricUnits(m, units) == "1" ? "decade-1" : metricUnits(m, units) + " decade-1",
                    false, std::vector<double>(nLoc, analysis::kNaN)};
                products::LocationTable::Variable pval{pairName(m + "_trend_p", ref, p, names[p]),
                                                       "Mann-Kendall p-value of the yearly " + m,
                                                       "1", false,
                                                       std::vector<double>(nLoc, analysis::kNaN)};
                for (std::size_t s = 0; s < nLoc; ++s) {
                    const auto& tr = results[s].candidates[p].trends;
                    if (const auto it = tr.find(m); it != tr.end()) {
                        slope.values[s] = it->second.slope;
                        pval.values[s] = it->second.p;
                    }
                }
                t.variables.push_back(std::move(slope));
                t.variables.push_back(std::move(pval));
            }
    }
    if (o.tripleCollocation && names.size() >= 2) {
        std::vector<std::string> who{"0-" + ref};
        std::string between = "_between_0-" + ref;
        for (std::size_t p = 0; p < names.size(); ++p) {
            who.push_back(std::to_string(p + 1) + "-" + names[p]);
            between += "_and_" + who.back();
        }
        const std::string method = names.size() == 2 ? "TC" : "EC";
        for (std::size_t d = 0; d < who.size(); ++d) {
            products::LocationTable::Variable snr{
                "snr_" + who[d] + between, method + " signal-to-noise ratio of " + who[d], "dB",
                false, std::vector<double>(nLoc, analysis::kNaN)};
            products::LocationTable::Variable err{
                "err_std_" + who[d] + between,
                method + " error standard deviation of " + who[d] + " in the reference's space",
                units, false, std::vector<double>(nLoc, analysis::kNaN)};
            for (std::size_t s = 0; s < nLoc; ++s)
                if (const auto& c = results[s].collocation; c && c->note.empty()) {
                    snr.values[s] = c->metrics.snrDb[d];
                    err.values[s] = c->metrics.errorStd[d];
                }
            t.variables.push_back(std::move(snr));
            t.variables.push_back(std::move(err));
        }
    }
    t.attributes = {
        {"title", "SoilScope validation of " + ref + " against candidates"},
        {"source", "SoilScope validate-network"},
        {"reference", ref},
        {"reference_path", v.has("stations") ? v.text("stations") : v.text("reference")},
        {"temporal_window", v.text("window")},
        {"scaling", v.text("scaling") + " (" + v.text("scale-to") + ")"},
        {"anomalies", o.anomalies},
        {"period", v.text("start") + "/" + v.text("end")},
        {"bootstrap", std::to_string(o.bootstrapResamples) + " " + v.text("bootstrap-method")}};
    for (std::size_t p = 0; p < names.size(); ++p)
        t.attributes["candidate_" + std::to_string(p + 1)] =
            names[p] + ": " + v.list("products")[p];
    products::writeLocationNetcdf(path, t);
}

/// Every station's matched pairs as the metrics saw them, station by station and product by
/// product, written as they are formatted (never the whole table in memory).
void writeMatchedPairs(const fs::path& path, const std::vector<std::string>& names,
                       const std::vector<NetworkStation>& stations,
                       const std::vector<analysis::StationValidation>& results) {
    writeAtomically(path, [&](const fs::path& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out << "network,station,product,time,candidate_time,reference,candidate\n";
        for (std::size_t s = 0; s < stations.size(); ++s) {
            const auto& site = stations[s].input.site;
            for (std::size_t p = 0; p < names.size(); ++p) {
                const auto& pairs = results[s].candidates[p].bulk.pairs;
                for (std::size_t i = 0; i < pairs.size(); ++i)
                    out << CsvLine()
                               .text(site.network)
                               .text(site.station)
                               .text(names[p])
                               .text(formatIsoTime(pairs.times[i]))
                               .text(formatIsoTime(pairs.candidateTimes[i]))
                               .number(pairs.reference[i])
                               .number(pairs.candidate[i])
                               .str();
            }
        }
        if (!out.flush())
            throw Error("cannot write the matched pairs (disk full?)", path.string());
    });
}

} // namespace

std::vector<OutputSpec> networkValidationOutputs() {
    return {{"metrics", OutputKind::StationMetrics,
             "the metrics of every candidate at every station with their intervals "
             "(station_metrics.csv)"},
            {"netcdf", OutputKind::LocationNetcdf,
             "every metric per station and temporal sub-window in QA4SM's layout (validation.nc)"},
            {"geojson", OutputKind::JsonDocument, "the metrics at the stations as GeoJSON"},
            {"gpkg", OutputKind::VectorLayer,
             "the stations (or cells) as points with their metrics as attributes "
             "(station_metrics.gpkg)"},
            {"intra_annual", OutputKind::Table,
             "with intra-annual windows or --stability: metrics per window and per year "
             "(intra_annual.csv, yearly.csv)"},
            {"stability", OutputKind::Table,
             "with --stability: Theil–Sen trends per decade of the yearly metrics "
             "(stability.csv)"},
            {"triple_collocation", OutputKind::Table,
             "triple (extended, beyond two candidates) collocation with bootstrap intervals "
             "(triple_collocation.csv)"},
            {"summary", OutputKind::JsonDocument,
             "medians, grouped summaries and the run's settings (summary.json)"},
            {"comparison", OutputKind::Table,
             "with --compare-with: differences of the metrics from the earlier run, per station "
             "or cell (comparison.csv)"}};
}

TaskResult writeNetworkValidation(const ParameterValues& v,
                                  const analysis::NetworkValidationOptions& o,
                                  const std::vector<std::string>& names,
                                  const std::vector<NetworkStation>& stations,
                                  const std::vector<analysis::StationValidation>& results,
                                  const std::vector<OutputSpec>& specs) {
    const fs::path out = v.path("out");
    fs::create_directories(out);
    const std::string units = stations.empty() ? "" : stations.front().input.series.units;
    std::set<int> yearSet;
    for (const auto& r : results)
        for (const auto& c : r.candidates)
            for (const auto& [y, m] : c.years)
                yearSet.insert(y);
    const std::vector<int> years(yearSet.begin(), yearSet.end());

    // Station table, GeoJSON and the per-window tables.
    std::string csv = "network,station,lon,lat,sensor,land_cover,climate,region,cell,product";
    for (const auto& m : analysis::metricNames())
        csv += "," + m;
    csv += ",R_lower,R_upper,bias_lower,bias_upper,ubRMSD_lower,ubRMSD_upper";
    if (o.bootstrapResamples > 0)
        for (const auto& m : kIntervalMetrics)
            csv += "," + m + "_boot_lower," + m + "_boot_upper";
    csv += ",note\n";
    std::string intra = "network,station,product,window";
    std::string yearly = "network,station,product,year";
    for (const auto& m : kShortMetrics) {
        intra += "," + m;
        yearly += "," + m;
    }
    intra += "\n";
    yearly += "\n";
    std::string stability = "network,station,product,metric,years,slope_per_decade,slope_lower,"
                            "slope_upper,mann_kendall_p\n";
    std::string tc = "network,station,n,";
    std::vector<std::string> who{v.text("reference-name")};
    who.insert(who.end(), names.begin(), names.end());
    for (const auto& w : who)
        tc += "snr_db_" + w + ",snr_lower_" + w + ",snr_upper_" + w + ",err_std_" + w +
              ",err_lower_" + w + ",err_upper_" + w + ",";
    tc += "note\n";
    nlohmann::json features = nlohmann::json::array();
    analysis::StationTable table;
    table.products = names;
    for (std::size_t s = 0; s < stations.size(); ++s) {
        const auto& st = stations[s];
        const auto& site = st.input.site;
        table.sites.push_back(site);
        table.results.emplace_back();
        nlohmann::json props = {
            {"network", site.network},          {"station", site.station},
            {"sensor", st.input.sensor},        {"land_cover", attr(site, "land_cover")},
            {"climate", attr(site, "climate")}, {"region", attr(site, "region")}};
        for (std::size_t p = 0; p < names.size(); ++p) {
            const auto& r = results[s].candidates[p];
            table.results.back().push_back(r.bulk);
            CsvLine line;
            line.text(site.network).text(site.station).number(site.lon).number(site.lat);
            line.text(st.input.sensor).text(attr(site, "land_cover")).text(attr(site, "climate"));
            line.text(attr(site, "region")).text(st.cells[p]).text(names[p]);
            for (const auto& m : analysis::metricNames()) {
                const double val = analysis::metricValue(r.bulk.metrics, m);
                line.number(val);
                props[names[p] + "_" + m] = numberOrNull(val);
            }
            for (const auto* i : {&r.bulk.rInterval, &r.bulk.biasInterval, &r.bulk.ubrmsdInterval})
                line.number(i->lower).number(i->upper);
            if (o.bootstrapResamples > 0)
                for (const auto& m : kIntervalMetrics) {
                    const auto it = r.bootstrap.find(m);
                    const analysis::Interval i =
                        it == r.bootstrap.end() ? analysis::Interval{} : it->second;
                    line.number(i.lower).number(i.upper);
                }
            line.text(r.note.empty() ? st.input.note : r.note);
            csv += line.str();
            for (std::size_t w = 0; w < r.windows.size(); ++w) {
                CsvLine l;
                l.text(site.network).text(site.station).text(names[p]).text(o.windows[w].name);
                for (const auto& m : kShortMetrics)
                    l.number(analysis::metricValue(r.windows[w], m));
                intra += l.str();
            }
            for (const auto& [year, m] : r.years) {
                CsvLine l;
                l.text(site.network).text(site.station).text(names[p]).integer(year);
                for (const auto& name : kShortMetrics)
                    l.number(analysis::metricValue(m, name));
                yearly += l.str();
            }
            for (const auto& [metric, t] : r.trends)
                stability += CsvLine()
                                 .text(site.network)
                                 .text(site.station)
                                 .text(names[p])
                                 .text(metric)
                                 .integer(static_cast<long long>(t.n))
                                 .number(t.slope)
                                 .number(t.lower)
                                 .number(t.upper)
                                 .number(t.p)
                                 .str();
        }
        if (const auto& c = results[s].collocation) {
            CsvLine l;
            l.text(site.network).text(site.station).integer(static_cast<long long>(c->metrics.n));
            const bool ok = c->note.empty();
            for (std::size_t d = 0; d < who.size(); ++d) {
                const auto at = [&](const std::vector<double>& v) {
                    return ok && d < v.size() ? v[d] : analysis::kNaN;
                };
                const auto bound = [&](const std::vector<analysis::Interval>& v) {
                    return d < v.size() ? v[d] : analysis::Interval{};
                };
                l.number(at(c->metrics.snrDb))
                    .number(bound(c->snrDb).lower)
                    .number(bound(c->snrDb).upper);
                l.number(at(c->metrics.errorStd))
                    .number(bound(c->errorStd).lower)
                    .number(bound(c->errorStd).upper);
            }
            tc += l.text(c->note).str();
        }
        features.push_back(
            {{"type", "Feature"},
             {"geometry", {{"type", "Point"}, {"coordinates", {site.lon, site.lat}}}},
             {"properties", props}});
    }
    writeTextAtomically(out / "station_metrics.csv", csv);
    writeTextAtomically(
        out / "station_metrics.geojson",
        dumpJson(nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}) + "\n");
    geo::copyToGeoPackage(out / "station_metrics.geojson", out / "station_metrics.gpkg",
                          "station_metrics");
    writeNetcdf(out / "validation.nc", v, o, names, stations, results, years, units);

    TaskResult result;
    result.outputs.push_back(
        declaredOutput(specs, "metrics", (out / "station_metrics.csv").string()));
    result.outputs.push_back(declaredOutput(specs, "netcdf", (out / "validation.nc").string()));
    result.outputs.push_back(
        declaredOutput(specs, "geojson", (out / "station_metrics.geojson").string()));
    result.outputs.push_back(
        declaredOutput(specs, "gpkg", (out / "station_metrics.gpkg").string()));
    if (!o.windows.empty()) {
        writeTextAtomically(out / "intra_annual.csv", intra);
        result.outputs.push_back(
            declaredOutput(specs, "intra_annual", (out / "intra_annual.csv").string()));
        result.json["intra_annual_csv"] = (out / "intra_annual.csv").string();
    }
    if (o.stability) {
        writeTextAtomically(out / "yearly.csv", yearly);
        writeTextAtomically(out / "stability.csv", stability);
        result.outputs.push_back(
            declaredOutput(specs, "intra_annual", (out / "yearly.csv").string(), "yearly"));
        result.outputs.push_back(
            declaredOutput(specs, "stability", (out / "stability.csv").string()));
    }
    if (std::any_of(specs.begin(), specs.end(),
                    [](const auto& o) { return o.name == "matched"; })) {
        writeMatchedPairs(out / "matched_pairs.csv", names, stations, results);
        result.outputs.push_back(
            declaredOutput(specs, "matched", (out / "matched_pairs.csv").string()));
        result.json["matched_pairs_csv"] = (out / "matched_pairs.csv").string();
    }
    if (o.tripleCollocation) {
        writeTextAtomically(out / "triple_collocation.csv", tc);
        result.outputs.push_back(
            declaredOutput(specs, "triple_collocation", (out / "triple_collocation.csv").string()));
    }

    // Summary.
    auto& j = result.json;
    j["stations"] = stations.size();
    j["reference"] = v.text("reference-name");
    if (v.has("stations"))
        j["stations_path"] = v.text("stations");
    j["units"] = units;
    nlohmann::json productsJson = nlohmann::json::array();
    std::string summary = std::to_string(stations.size()) + " stations";
    for (std::size_t p = 0; p < names.size(); ++p) {
        std::size_t valid = 0;
        for (const auto& r : results)
            valid += r.candidates[p].note.empty() ? 1 : 0;
        nlohmann::json medians = nlohmann::json::object();
        for (const auto& m : analysis::metricNames())
            if (m != "n")
                medians[m] =
                    numberOrNull(analysis::median(analysis::metricOverStations(table, p, m)));
        productsJson.push_back({{"name", names[p]},
                                {"path", v.list("products")[p]},
                                {"stations_with_metrics", valid},
                                {"median", medians},
                                {"groups", analysis_inputs::groupSummariesJson(
                                               table, p, v.list("group-by"), o.minPairs)}});
        char text[160];
        std::snprintf(
            text, sizeof text, "; %s: %zu with metrics, median R %s, ubRMSD %s", names[p].c_str(),
            valid,
            fmt(medians["R"].is_number() ? medians["R"].get<double>() : analysis::kNaN, "%.3f")
                .c_str(),
            fmt(medians["ubRMSD"].is_number() ? medians["ubRMSD"].get<double>() : analysis::kNaN,
                "%.4f")
                .c_str());
        summary += text;
    }
    j["products"] = productsJson;
    j["settings"] = {{"window", v.text("window")},
                     {"period", {v.text("start"), v.text("end")}},
                     {"anomalies", o.anomalies},
                     {"scaling", v.text("scaling")},
                     {"scale_to", v.text("scale-to")},
                     {"bootstrap", o.bootstrapResamples},
                     {"bootstrap_method", v.text("bootstrap-method")},
                     {"upscale", v.has("upscale") && v.flag("upscale")}};
    j["netcdf"] = (out / "validation.nc").string();
    j["table_csv"] = (out / "station_metrics.csv").string();
    if (v.has("compare-with") && !v.text("compare-with").empty())
        compareWithEarlierRun(v.path("compare-with"), out, specs, result);
    writeTextAtomically(out / "summary.json", dumpJson(j, 2) + "\n");
    result.outputs.push_back(declaredOutput(specs, "summary", (out / "summary.json").string()));
    result.summary = summary;
    return result;
}

void compareWithEarlierRun(const fs::path& earlier, const fs::path& out,
                           const std::vector<OutputSpec>& specs, TaskResult& result) {
    const auto earlierTable = earlier / "station_metrics.csv";
    if (!fs::exists(earlierTable))
        throw Error("the earlier run's folder holds no station_metrics.csv", earlier.string());
    const auto before = analysis::CsvTable::read(earlierTable);
    const auto now = analysis::CsvTable::read(out / "station_metrics.csv");
    for (const char* c : {"network", "station", "product"})
        if (!before.hasColumn(c))
            throw Error(std::string("the station table has no '") + c + "' column",
                        earlierTable.string());
    std::map<std::string, std::size_t> rowOf;
    const auto key = [](const analysis::CsvTable& t, std::size_t r) {
        return t.text("network")[r] + "\x1f" + t.text("station")[r] + "\x1f" + t.text("product")[r];
    };
    for (std::size_t r = 0; r < before.rows(); ++r)
        rowOf[key(before, r)] = r;
    std::string csv = "network,station,product,metric,earlier,current,difference\n";
    std::map<std::pair<std::string, std::string>,
             std::pair<std::vector<double>, std::vector<double>>>
        samples; // (product, metric) -> (earlier, current)
    std::size_t matched = 0;
    for (std::size_t r = 0; r < now.rows(); ++r) {
        const auto it = rowOf.find(key(now, r));
        if (it == rowOf.end())
            continue;
        ++matched;
        for (const auto& m : kIntervalMetrics) {
            if (!before.hasColumn(m))
                continue;
            const double a = before.numbers(m)[it->second];
            const double b = now.numbers(m)[r];
            auto& [ea, cu] = samples[{now.text("product")[r], m}];
            ea.push_back(a);
            cu.push_back(b);
            csv += CsvLine()
                       .text(now.text("network")[r])
                       .text(now.text("station")[r])
                       .text(now.text("product")[r])
                       .text(m)
                       .number(a)
                       .number(b)
                       .number(b - a)
                       .str();
        }
    }
    if (matched == 0)
        throw Error("the earlier run shares no station and product with this one",
                    earlierTable.string());
    writeTextAtomically(out / "comparison.csv", csv);
    nlohmann::json tests = nlohmann::json::array();
    for (const auto& [which, values] : samples) {
        const auto t = analysis::pairedTests(values.first, values.second);
        tests.push_back({{"product", which.first},
                         {"metric", which.second},
                         {"n", t.n},
                         {"mean_difference", numberOrNull(t.meanDifference)},
                         {"median_difference", numberOrNull(t.medianDifference)},
                         {"t", numberOrNull(t.tStatistic)},
                         {"t_p", numberOrNull(t.tP)},
                         {"wilcoxon_w", numberOrNull(t.wilcoxonW)},
                         {"wilcoxon_p", numberOrNull(t.wilcoxonP)}});
    }
    result.json["comparison"] = {{"earlier", earlier.string()},
                                 {"matched", matched},
                                 {"csv", (out / "comparison.csv").string()},
                                 {"tests", tests}};
    result.outputs.push_back(
        declaredOutput(specs, "comparison", (out / "comparison.csv").string()));
}

namespace {
/// The next cell of a CsvLine-written line from `at` on (quoted text with "" escapes, or a bare
/// number); at moves past its comma.
std::string nextCell(std::string_view line, std::size_t& at) {
    std::string cell;
    if (at < line.size() && line[at] == '"') {
        for (++at; at < line.size(); ++at) {
            if (line[at] == '"') {
                if (at + 1 < line.size() && line[at + 1] == '"') {
                    cell.push_back('"');
                    ++at;
                    continue;
                }
                ++at;
                break;
            }
            cell.push_back(line[at]);
        }
    } else {
        const std::size_t end = std::min(line.find(',', at), line.size());
        cell.assign(line.substr(at, end - at));
        at = end;
    }
    if (at < line.size() && line[at] == ',')
        ++at;
    return cell;
}
} // namespace

std::vector<StationMatchedPairs> readMatchedPairs(const fs::path& path, const std::string& network,
                                                  const std::string& station) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open the matched pairs", path.string());
    std::string line = CsvLine().text(network).text(station).str();
    const std::string prefix = line.substr(0, line.size() - 1) + ",";
    std::vector<StationMatchedPairs> out;
    std::size_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.compare(0, prefix.size(), prefix) != 0)
            continue;
        const std::string where = path.string() + ":" + std::to_string(lineNo);
        std::size_t at = prefix.size();
        const std::string product = nextCell(line, at);
        const TimePoint t = parseIsoTimeOrThrow(nextCell(line, at), where);
        const TimePoint tc = parseIsoTimeOrThrow(nextCell(line, at), where);
        const auto number = [&](std::string text) {
            if (text.empty())
                return analysis::kNaN;
            char* end = nullptr;
            const double d = std::strtod(text.c_str(), &end);
            if (*end != '\0')
                throw Error("'" + text + "' is not a number", where);
            return d;
        };
        const double reference = number(nextCell(line, at));
        const double candidate = number(nextCell(line, at));
        if (out.empty() || out.back().product != product)
            out.push_back({product, {}});
        auto& pairs = out.back().pairs;
        pairs.times.push_back(t);
        pairs.candidateTimes.push_back(tc);
        pairs.reference.push_back(reference);
        pairs.candidate.push_back(candidate);
    }
    return out;
}

} // namespace soilscope::tasks
