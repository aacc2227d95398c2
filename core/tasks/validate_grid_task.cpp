// Task "validate-grid": candidates against a gridded reference (a reanalysis, a land-surface
// model, another product) over a period and a region: per-cell metrics as GeoTIFF maps (one band
// per metric), per-time-step spatial metrics as a table, and the same per-cell tables, netCDF and
// summaries as validate-network.
#include "analysis/network_validation.h"
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/parallel_rows.h"
#include "base/time_utils.h"
#include "geo/geotiff_writer.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "geo/warp.h"
#include "tasks/analysis_inputs.h"
#include "tasks/network_validation_outputs.h"
#include "tasks/series_sources.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"
#include "tasks/validation_settings.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <set>

namespace soilscope::tasks {

namespace {

namespace fs = std::filesystem;

/// Values held at most (cells × time steps × data sets) before a run is refused.
constexpr double kMaxValues = 2.5e8;

/// The steps of a series inside the period.
std::vector<std::size_t> stepsInPeriod(const geo::RasterSeries& rs,
                                       const analysis::NetworkValidationOptions& o) {
    std::vector<std::size_t> steps;
    for (std::size_t i = 0; i < rs.size(); ++i) {
        const auto t = rs.times()[i];
        if ((!o.start || t >= *o.start) && (!o.end || t < *o.end))
            steps.push_back(i);
    }
    return steps;
}

/// One series per region cell: every step of the period (NaN kept, so index k is step k).
std::vector<series::TimeSeries> cellSeries(const geo::RasterSeries& rs,
                                           const std::vector<std::size_t>& steps,
                                           const std::vector<std::size_t>& cells,
                                           const geo::Grid& target, geo::Resampling resampling,
                                           Feedback& feedback, double from, double to) {
    std::vector<series::TimeSeries> out(cells.size());
    for (auto& s : out) {
        s.units = rs.units();
        s.reserve(steps.size());
    }
    const bool warp = !rs.grid().sameAs(target);
    for (std::size_t k = 0; k < steps.size(); ++k) {
        feedback.throwIfCanceled();
        feedback.setProgress(from + (to - from) * static_cast<double>(k) /
                                        static_cast<double>(steps.size()));
        auto values = rs.readTime(steps[k]);
        if (warp)
            values = geo::warpValues(values, rs.grid(), target, resampling);
        for (std::size_t c = 0; c < cells.size(); ++c)
            out[c].push(rs.times()[steps[k]], values[cells[c]]);
    }
    return out;
}

} // namespace

class ValidateGridTask : public Task {
  public:
    TaskInfo info() const override {
        return {
            "validate-grid",
            "Validate products against a gridded reference",
            "Validates one or more candidate raster series (netCDF, GRIB, dated GeoTIFFs) "
            "against a gridded reference over a period and a region (bounding box or polygons; "
            "a cell belongs to the region its centre lies in). Candidates on another grid are "
            "resampled onto the reference's grid at every time step. Every cell is validated "
            "as validate-network validates a station (matching within ±window, anomalies, "
            "scaling, intervals, intra-annual windows, stability); per-cell metrics are written "
            "as one GeoTIFF per candidate with one band per metric, the spatial agreement at "
            "each time step of the sparser data set (R, bias, RMSD, ubRMSD over the region's "
            "cells, of the values as read) as spatial_metrics.csv, and the per-cell tables, "
            "validation.nc "
            "(QA4SM layout) and summary.json as validate-network.",
            "Validation",
            {"validate-grid --reference era5_swvl1.nc --reference-variable swvl1 "
             "--products cci.nc --variables sm --names CCI --bbox 5,45,15,55 "
             "--intra-annual seasons --out grid_val/"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        std::vector<ParameterSpec> p{
            pathParam("reference", "the gridded reference: a raster series (netCDF, GRIB, dated "
                                   "GeoTIFFs)"),
            stringParam("reference-variable", "variable of the reference (empty: the only one)"),
            pathListParam("products", "the candidates: raster series on any grid"),
            listParam("variables", "variable of each candidate (empty: the only one)"),
            listParam("names", "candidate names (default: file stems)"),
            stringParam("reference-name", "name of the reference in outputs", "reference"),
            folderOutputParam("out", "output folder")};
        const auto shared = validationRunParams();
        p.insert(p.end(), shared.begin(), shared.end());
        p.push_back(choiceParam("resampling", "how candidates on another grid are resampled",
                                {"nearest", "bilinear", "average"}, "average"));
        p.push_back(listParam("map-metrics", "metrics written as map bands",
                              "n,R,rho,bias,RMSD,ubRMSD,Std"));
        p.push_back(
            listParam("group-by", "grouped summaries: all, region, season, month", "all,region"));
        return p;
    }

    std::vector<OutputSpec> outputs() const override {
        auto o = networkValidationOutputs();
        o.push_back({"maps", OutputKind::Raster,
                     "per-cell metrics of each candidate, one band per metric (metrics_NAME.tif)"});
        o.push_back({"spatial", OutputKind::Table,
                     "spatial R, bias, RMSD and ubRMSD at every time step of the sparser data set "
                     "(spatial_metrics.csv)"});
        return o;
    }

    void validate(const ParameterValues& v) const override {
        checkCandidates(v, {"variables", "names"});
        for (const auto& m : v.list("map-metrics"))
            if (std::find(analysis::metricNames().begin(), analysis::metricNames().end(), m) ==
                analysis::metricNames().end())
                throw UsageError("unknown metric '" + m + "'", "--map-metrics");
        checkValidationRun(v);
    }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        const auto options = validationOptions(v);
        const auto products = v.list("products");
        const auto names = candidateNames(v);
        const auto reference =
            geo::RasterSeries::open(v.path("reference"), v.text("reference-variable"));
        const geo::Grid& grid = reference.grid();
        const auto regions = regionsOf(v);

        std::vector<std::size_t> cells;
        std::vector<NetworkStation> stations;
        for (int row = 0; row < grid.height(); ++row)
            for (int col = 0; col < grid.width(); ++col) {
                const auto ll = grid.pixelToLonLat(col, row);
                std::optional<std::string> region;
                if (regions && !(region = regions->regionAt(ll.lon, ll.lat)))
                    continue;
                NetworkStation cell;
                cell.input.site.network = "grid";
                cell.input.site.station =
                    "row " + std::to_string(row) + " col " + std::to_string(col);
                cell.input.site.lon = ll.lon;
                cell.input.site.lat = ll.lat;
                if (region)
                    cell.input.site.attributes["region"] = *region;
                cell.input.sensor = reference.variable();
                cells.push_back(static_cast<std::size_t>(row) * grid.width() + col);
                stations.push_back(std::move(cell));
            }
        if (cells.empty())
            throw Error("no cell of the reference grid lies in the region (" +
                            (regions ? regions->source() : std::string()) + "; grid " +
                            grid.describe() + ")",
                        v.text("reference"));
        const auto refSteps = stepsInPeriod(reference, options);
        if (refSteps.empty())
            throw Error("the period holds no time step of the reference (" +
                            formatIsoDate(reference.times().front()) + " to " +
                            formatIsoDate(reference.times().back()) + ")",
                        v.text("reference"));
        std::vector<geo::RasterSeries> candidates;
        double values = static_cast<double>(cells.size()) * static_cast<double>(refSteps.size());
        for (std::size_t p = 0; p < products.size(); ++p) {
            candidates.push_back(geo::RasterSeries::open(
                products[p], v.list("variables").empty() ? "" : v.list("variables")[p]));
            values += static_cast<double>(cells.size()) *
                      static_cast<double>(stepsInPeriod(candidates.back(), options).size());
        }
        if (values > kMaxValues)
            throw Error("the run would hold " + std::to_string(static_cast<long long>(values)) +
                        " values (cells × time steps × data sets), more than " +
                        std::to_string(static_cast<long long>(kMaxValues)) +
                        "; narrow the region (--bbox, --regions) or the period (--start, --end)");
        feedback.info(std::to_string(cells.size()) + " cells × " + std::to_string(refSteps.size()) +
                      " reference time steps");

        const auto resampling = geo::parseResampling(v.text("resampling"));
        auto refCells = cellSeries(reference, refSteps, cells, grid, resampling, feedback, 0, 20);
        std::vector<std::vector<series::TimeSeries>> candCells;
        for (std::size_t p = 0; p < candidates.size(); ++p) {
            const double from = 20.0 + 40.0 * static_cast<double>(p) / candidates.size();
            const double to = 20.0 + 40.0 * static_cast<double>(p + 1) / candidates.size();
            auto series = cellSeries(candidates[p], stepsInPeriod(candidates[p], options), cells,
                                     grid, resampling, feedback, from, to);
            std::set<std::string> notes;
            for (auto& s : series)
                if (const auto note = harmoniseUnits(reference.units(), s);
                    note.warning && notes.insert(note.text).second)
                    feedback.warning(names[p] + ": " + note.text);
            candCells.push_back(std::move(series));
        }
        const auto spatial = spatialMetrics(refCells, candCells, names, options.window);

        std::vector<analysis::StationValidation> results(cells.size());
        std::atomic<std::size_t> done{0};
        parallelRows(static_cast<int>(cells.size()), [&](int begin, int end) {
            for (int c = begin; c < end; ++c) {
                feedback.throwIfCanceled();
                const auto i = static_cast<std::size_t>(c);
                const auto ref = analysis::prepareSeries(refCells[i], options);
                std::vector<series::TimeSeries> prepared;
                for (const auto& cand : candCells)
                    prepared.push_back(analysis::prepareSeries(cand[i], options));
                std::vector<const series::TimeSeries*> ptrs;
                for (const auto& s : prepared)
                    ptrs.push_back(&s);
                results[i] = analysis::validateStation(ref, ptrs, options, i);
                feedback.setProgress(60.0 + 30.0 * static_cast<double>(++done) /
                                                static_cast<double>(cells.size()));
            }
        });
        for (std::size_t c = 0; c < cells.size(); ++c) {
            stations[c].input.series = std::move(refCells[c]);
            for (std::size_t p = 0; p < candidates.size(); ++p)
                stations[c].cells.push_back(stations[c].input.site.station);
        }
        std::size_t withMetrics = 0;
        for (const auto& r : results)
            for (const auto& c : r.candidates)
                withMetrics += c.note.empty() ? 1 : 0;
        if (withMetrics == 0)
            throw Error("no cell has metrics for any candidate (e.g. " +
                        results.front().candidates.front().note + ")");
        feedback.setProgress(92);
        auto result = writeNetworkValidation(v, options, names, stations, results, outputs());
        const fs::path out = v.path("out");
        writeMaps(v, options, names, grid, cells, results, reference.units(), out, result,
                  feedback);
        writeTextAtomically(out / "spatial_metrics.csv", spatial);
        result.outputs.push_back(
            declaredOutput(outputs(), "spatial", (out / "spatial_metrics.csv").string()));
        result.json["cells"] = cells.size();
        result.summary = std::to_string(cells.size()) + " cells" +
                         result.summary.substr(result.summary.find(';'));
        return result;
    }

  private:
    /// time,product,n,R,bias,RMSD,ubRMSD of every step of the sparser time axis that has a step
    /// of the other within ±window (the values as read: no anomalies or scaling).
    static std::string spatialMetrics(const std::vector<series::TimeSeries>& ref,
                                      const std::vector<std::vector<series::TimeSeries>>& cands,
                                      const std::vector<std::string>& names,
                                      std::chrono::seconds window) {
        std::string csv = "time,product,n,R,bias,RMSD,ubRMSD\n";
        if (ref.empty())
            return csv;
        const auto& refTimes = ref.front().times;
        for (std::size_t p = 0; p < cands.size(); ++p) {
            const auto& candTimes = cands[p].front().times;
            const bool byCandidate = candTimes.size() < refTimes.size();
            const auto& driver = byCandidate ? candTimes : refTimes;
            const auto& other = byCandidate ? refTimes : candTimes;
            for (std::size_t i = 0; i < driver.size(); ++i) {
                const auto j = nearestStep(other, driver[i], window);
                if (!j)
                    continue;
                const std::size_t ri = byCandidate ? *j : i, ci = byCandidate ? i : *j;
                std::vector<double> r, c;
                for (std::size_t k = 0; k < ref.size(); ++k) {
                    r.push_back(ref[k].values[ri]);
                    c.push_back(cands[p][k].values[ci]);
                }
                const auto m = analysis::computeMetrics(r, c, analysis::MetricOptions{false});
                if (m.n == 0)
                    continue;
                csv += analysis_inputs::CsvLine()
                           .text(formatIsoTime(refTimes[ri]))
                           .text(names[p])
                           .integer(static_cast<long long>(m.n))
                           .number(m.r)
                           .number(m.bias)
                           .number(m.rmsd)
                           .number(m.ubrmsd)
                           .str();
            }
        }
        return csv;
    }

    /// The index of the time nearest to t within ±window in sorted times (the later on a tie).
    static std::optional<std::size_t> nearestStep(const std::vector<TimePoint>& times, TimePoint t,
                                                  std::chrono::seconds window) {
        const auto it = std::lower_bound(times.begin(), times.end(), t);
        std::optional<std::size_t> best;
        std::chrono::seconds bestDistance{};
        const auto consider = [&](std::vector<TimePoint>::const_iterator c) {
            const auto d = *c > t ? *c - t : t - *c;
            if (d <= window && (!best || d < bestDistance)) {
                best = static_cast<std::size_t>(c - times.begin());
                bestDistance = d;
            }
        };
        if (it != times.end())
            consider(it);
        if (it != times.begin())
            consider(std::prev(it));
        return best;
    }

    /// current − earlier for every band of the earlier map with the same description, when the
    /// earlier run wrote that map on the same grid (else a warning says why there is none).
    void writeDifferenceMap(const fs::path& earlierPath, const geo::Grid& grid,
                            const std::vector<std::vector<float>>& bands,
                            const geo::GeoTiffOptions& options, const fs::path& path,
                            const std::string& name, TaskResult& result, Feedback& feedback) const {
        if (!fs::exists(earlierPath)) {
            feedback.warning("no difference map of " + name + ": the earlier run has no " +
                             earlierPath.filename().string());
            return;
        }
        const geo::Raster earlier(earlierPath);
        if (!earlier.grid().sameAs(grid))
            throw Error("the earlier run's map is on another grid (" +
                            earlier.grid().differenceFrom(grid) + ")",
                        earlierPath.string());
        std::vector<std::vector<float>> diff;
        geo::GeoTiffOptions o = options;
        o.bandDescriptions.clear();
        o.bandUnits.clear();
        for (int b = 1; b <= earlier.bandCount(); ++b) {
            const auto info = earlier.band(b);
            const auto it = std::find(options.bandDescriptions.begin(),
                                      options.bandDescriptions.end(), info.description);
            if (it == options.bandDescriptions.end())
                continue;
            const auto k = static_cast<std::size_t>(it - options.bandDescriptions.begin());
            auto values = earlier.readBand(b);
            for (std::size_t i = 0; i < values.size(); ++i)
                values[i] = bands[k][i] - values[i];
            diff.push_back(std::move(values));
            o.bandDescriptions.push_back(info.description + " difference");
            o.bandUnits.push_back(k < options.bandUnits.size() ? options.bandUnits[k] : "");
        }
        if (diff.empty())
            throw Error("the earlier run's map shares no metric band with this one",
                        earlierPath.string());
        geo::writeGeoTiff(path, grid, diff, o);
        result.outputs.push_back(
            declaredOutput(outputs(), "maps", path.string(), name + " difference"));
    }

    void writeMaps(const ParameterValues& v, const analysis::NetworkValidationOptions& o,
                   const std::vector<std::string>& names, const geo::Grid& grid,
                   const std::vector<std::size_t>& cells,
                   const std::vector<analysis::StationValidation>& results,
                   const std::string& units, const fs::path& out, TaskResult& result,
                   Feedback& feedback) const {
        const auto metrics = v.list("map-metrics");
        const auto size = static_cast<std::size_t>(grid.width()) * grid.height();
        for (std::size_t p = 0; p < names.size(); ++p) {
            std::vector<std::vector<float>> bands;
            geo::GeoTiffOptions options;
            const auto band =
                [&](const std::string& description, const std::string& bandUnits,
                    const std::function<double(const analysis::CandidateResult&)>& value) {
                    std::vector<float> b(size, std::numeric_limits<float>::quiet_NaN());
                    for (std::size_t c = 0; c < cells.size(); ++c)
                        b[cells[c]] = static_cast<float>(value(results[c].candidates[p]));
                    bands.push_back(std::move(b));
                    options.bandDescriptions.push_back(description);
                    options.bandUnits.push_back(bandUnits);
                };
            const auto unitsOf = [&](const std::string& m) {
                return m == "bias" || m == "RMSD" || m == "ubRMSD" || m == "MAE" || m == "Std"
                           ? units
                           : std::string();
            };
            for (const auto& m : metrics)
                band(m, unitsOf(m), [&](const analysis::CandidateResult& r) {
                    return analysis::metricValue(r.bulk.metrics, m);
                });
            for (std::size_t w = 0; w < o.windows.size(); ++w)
                for (const auto& m : metrics)
                    band(m + " " + o.windows[w].name, unitsOf(m),
                         [&](const analysis::CandidateResult& r) {
                             return analysis::metricValue(r.windows[w], m);
                         });
            if (o.stability)
                for (const auto& m : analysis::stabilityMetrics()) {
                    band(m + " trend per decade", unitsOf(m),
                         [&](const analysis::CandidateResult& r) {
                             const auto it = r.trends.find(m);
                             return it == r.trends.end() ? NAN : it->second.slope;
                         });
                    band(m + " trend p", "", [&](const analysis::CandidateResult& r) {
                        const auto it = r.trends.find(m);
                        return it == r.trends.end() ? NAN : it->second.p;
                    });
                }
            if (o.bootstrapResamples > 0)
                for (const auto& m : metrics)
                    for (const bool lower : {true, false})
                        band(m + (lower ? " CI lower" : " CI upper"), unitsOf(m),
                             [&](const analysis::CandidateResult& r) {
                                 const auto it = r.bootstrap.find(m);
                                 if (it == r.bootstrap.end())
                                     return static_cast<double>(NAN);
                                 return lower ? it->second.lower : it->second.upper;
                             });
            options.metadata["reference"] = v.text("reference");
            options.metadata["candidate"] = v.list("products")[p];
            const auto path = out / ("metrics_" + names[p] + ".tif");
            geo::writeGeoTiff(path, grid, bands, options);
            result.outputs.push_back(declaredOutput(outputs(), "maps", path.string(), names[p]));
            if (v.has("compare-with") && !v.text("compare-with").empty())
                writeDifferenceMap(v.path("compare-with") / path.filename(), grid, bands, options,
                                   out / ("difference_" + names[p] + ".tif"), names[p], result,
                                   feedback);
        }
    }
};

SOILSCOPE_REGISTER_TASK(ValidateGridTask, "validate-grid")

} // namespace soilscope::tasks
