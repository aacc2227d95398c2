// Task "intraday": intraday soil-moisture amplitude as in the ASCAT CNN workload. Per pixel-day
// (UTC or local solar day) with enough observations: SM_max, SM_min, delta = max - min and the
// hours of max and min, for a product (whose valid values are the observation times), the
// reference at those observation times ("reference-o") and the reference at all its hours
// ("reference-24h"); correlations per precipitation condition (the r-vs-N table), per-pixel
// means as GeoTIFF layers (circular means of hours) and the pixel-day pairs as CSV.
#include "analysis/intraday.h"
#include "analysis/intraday_stream.h"
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/utf8.h"
#include "geo/geotiff_writer.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "geo/warp.h"
#include "series/accumulation.h"
#include "tasks/analysis_inputs.h"
#include "tasks/intraday_collector.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <unordered_map>

namespace soilscope::tasks {

namespace {

namespace fs = std::filesystem;
using analysis::DayExtremes;
using intraday::kProductNames;
using intraday::kProducts;

/// Daily precipitation sums per unit (pixel or station): day index -> one value per unit.
using DailyPrecipitation = std::unordered_map<std::int64_t, std::vector<float>>;

/// Sums the precipitation values whose time falls on each day, per unit, taking the
/// precipitation pixel that contains each unit's lon/lat. `sinceDayStart`: the file stores sums
/// since 00 UTC (ERA5-Land), read back as sums per step.
DailyPrecipitation dailyPrecipitation(const geo::RasterSeries& precip,
                                      const std::vector<double>& lons,
                                      const std::vector<double>& lats,
                                      analysis::DayDefinition dayDefinition, bool sinceDayStart,
                                      Feedback& feedback) {
    const std::size_t units = lons.size();
    std::vector<long long> index(units, -1);
    const geo::Grid& pg = precip.grid();
    for (std::size_t p = 0; p < units; ++p) {
        const geo::MapPoint m = pg.lonLatToMap(lons[p], lats[p]);
        const geo::PixelPoint px = pg.mapToPixel(m.x, m.y);
        const auto c = static_cast<long long>(std::floor(px.col));
        const auto r = static_cast<long long>(std::floor(px.row));
        if (c >= 0 && r >= 0 && c < pg.width() && r < pg.height())
            index[p] = r * pg.width() + c;
    }
    DailyPrecipitation out;
    std::vector<float> previous; // the step before, as stored
    for (std::size_t i = 0; i < precip.size(); ++i) {
        feedback.throwIfCanceled();
        auto values = precip.readTime(i);
        if (sinceDayStart) {
            const TimePoint t = precip.times()[i];
            const bool hourBefore = i > 0 && precip.times()[i - 1] == t - std::chrono::hours(1);
            std::vector<float> stored = values;
            series::sumsOfStep(values, t,
                               hourBefore ? std::optional<std::span<const float>>(previous)
                                          : std::nullopt);
            previous = std::move(stored);
        }
        for (std::size_t p = 0; p < units; ++p) {
            if (index[p] < 0)
                continue;
            const float v = values[static_cast<std::size_t>(index[p])];
            const auto day = analysis::dayAndHour(precip.times()[i], dayDefinition, lons[p]).first;
            auto& row = out[day];
            if (row.empty())
                row.assign(units, std::numeric_limits<float>::quiet_NaN());
            if (std::isfinite(v))
                row[p] = std::isfinite(row[p]) ? row[p] + v : v;
        }
    }
    return out;
}

double precipitationOf(const DailyPrecipitation& p, std::int64_t day, std::size_t unit) {
    const auto it = p.find(day);
    return it == p.end() ? std::numeric_limits<double>::quiet_NaN() : it->second[unit];
}

} // namespace

class IntradayTask : public Task {
  public:
    TaskInfo info() const override {
        return {
            "intraday",
            "Intraday soil-moisture amplitude",
            "Per pixel-day (UTC day, or local mean solar day = UTC + longitude/15 h) with at least "
            "--min-observations values: SM_max, SM_min, delta_SM and the hours of max and min for "
            "the product (its valid values are the observation times), the reference sampled at "
            "those times (nearest step within --tolerance; 'reference_o') and the reference at "
            "all its steps ('reference_24h'). Daily precipitation p_t and p_t-1 (sum of the "
            "values within the day, nearest precipitation pixel) condition the correlations of "
            "delta_SM, SM_max and SM_min between product and reference_o: one row per "
            "--conditions entry and per --thresholds value (p_t > X, and p_t > X with p_t-1 = 0), "
            "with N and log10 N. Writes intraday.json, r_vs_n.csv, per-pixel means over the "
            "days passing --means-condition (hour_max, hour_min as circular means; sm_max, "
            "sm_min, delta_sm, days) as means_<product>.tif, and optionally the pixel-day "
            "pairs CSV for density scatter plots.",
            "Analysis",
            {"intraday --product cnn_asc.nc --product-variable sm --reference era5.nc "
             "--reference-variable swvl1 --precipitation era5_tp.nc --out intraday/ --json",
             "intraday --product model.nc --reference truth.nc --day local-solar "
             "--conditions all,pt>10&pt1=0 --pairs-out pairs.csv --out out/"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        std::vector<ParameterSpec> p{
            pathParam("product",
                      "raster series of the product (NetCDF with time axis, dated bands)"),
            stringParam("product-variable", "variable of the product file"),
            pathParam("reference",
                      "raster series of the reference (e.g. hourly reanalysis) on the same grid",
                      false),
            stringParam("reference-variable", "variable of the reference file"),
            pathParam("stations",
                      "ISMN folder/zip as the reference instead (product sampled at each station)",
                      false),
            pathParam("precipitation", "raster series of precipitation (mm per step)", false),
            stringParam("precipitation-variable", "variable of the precipitation file"),
            choiceParam("precipitation-accumulation",
                        "how the precipitation file stores its values: per time step (ERA5 "
                        "hourly tp) or as sums since 00 UTC (ERA5-Land tp: the 00 UTC value "
                        "closes the previous day), read back as sums per step",
                        {"per_step", "since_00utc"}, "per_step"),
            folderOutputParam("out", "output folder"),
            choiceParam("day", "day definition", {"utc", "local-solar"}, "utc"),
            intParam("min-observations", "observations a day needs", 2, 1, 1000),
            stringParam("tolerance", "reference value matched to an observation within ±this",
                        "30min"),
            listParam("conditions", "precipitation conditions (terms pt/pt1 OP mm joined by &)",
                      "all,pt>0,pt>10,pt>10&pt1=0"),
            listParam("thresholds", "r-vs-N sweep: p_t thresholds in mm", "0,1,2,5,10,20"),
            stringParam("means-condition", "condition of the days averaged in the per-pixel means",
                        "all"),
            outputParam("pairs-out",
                        "CSV of every pixel- or station-day (for density scatter plots)", false)};
        for (auto spec : analysis_inputs::stationSelectionParams()) {
            spec.advanced = true;
            spec.enabledWhen.clear();
            p.push_back(spec);
        }
        return p;
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"correlations", OutputKind::IntradayTable,
                 "correlations of delta_SM, SM_max and SM_min per precipitation condition and the "
                 "r-vs-N sweep"},
                {"means", OutputKind::IntradayMeans,
                 "per-pixel means of one product (hours of max and min, SM_max, SM_min, delta_SM, "
                 "days)"},
                {"station_means", OutputKind::Table,
                 "per-station means of every product (station mode)"},
                {"r_vs_n", OutputKind::Table,
                 "the r-vs-N table as CSV (conditions, then the threshold sweep)"},
                {"pairs", OutputKind::Table,
                 "one row per pixel- or station-day with the extremes of every product"},
                {"summary", OutputKind::JsonDocument, "the result as JSON (intraday.json)"}};
    }

    void validate(const ParameterValues& v) const override {
        const auto check = [](const std::string& text, const char* option) {
            try {
                analysis::PrecipitationCondition::parse(text);
            } catch (const UsageError&) {
                throw;
            } catch (const Error& e) {
                throw UsageError(e.message(), option);
            }
        };
        for (const auto& c : v.list("conditions"))
            check(c, "--conditions");
        check(v.text("means-condition"), "--means-condition");
        try {
            v.duration("tolerance");
        } catch (const Error& e) {
            throw UsageError(e.message(), "--tolerance");
        }
        if (v.text("reference").empty() == v.text("stations").empty())
            throw UsageError(
                "give either --reference (a raster series) or --stations (an ISMN archive)",
                "--reference");
        for (const auto& t : v.list("thresholds"))
            if (!std::isfinite(std::strtod(t.c_str(), nullptr)))
                throw UsageError("threshold '" + t + "' is not a number", "--thresholds");
    }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        m_options.minObservations = static_cast<std::size_t>(v.integer("min-observations"));
        m_options.day = v.text("day") == "local-solar" ? analysis::DayDefinition::LocalSolar
                                                       : analysis::DayDefinition::Utc;
        const fs::path outDir = v.path("out");
        TaskResult result;
        const auto product = geo::RasterSeries::open(v.path("product"), v.text("product-variable"));
        fs::create_directories(outDir);
        std::unique_ptr<intraday::Collector> collector;
        const auto withPairs = [&](const std::function<void()>& compute) {
            if (!v.has("pairs-out") || v.text("pairs-out").empty())
                return compute();
            writeAtomically(v.path("pairs-out"), [&](const fs::path& tmp) {
                std::ofstream out(tmp);
                if (!out)
                    throw Error("cannot write", tmp.string());
                collector->writePairsTo(out);
                compute();
                out.close();
                if (!out)
                    throw Error("writing failed", tmp.string());
            });
        };
        if (!v.text("stations").empty())
            runStations(v, product, collector, withPairs, result, feedback);
        else
            runGrid(v, product, collector, withPairs, result, feedback);

        writeTextAtomically(outDir / "r_vs_n.csv", collector->rVsNCsv());
        auto& j = result.json;
        j["product"] = v.path("product").string();
        j["day_definition"] = v.text("day");
        j["min_observations"] = m_options.minObservations;
        j["precipitation"] = !v.text("precipitation").empty();
        j["pixel_days"] = collector->pairedDays();
        j["conditions"] = collector->conditionsJson();
        j["r_vs_n"] = collector->sweepJson();
        j["means_condition"] = collector->meansCondition().label;
        j["r_vs_n_csv"] = (outDir / "r_vs_n.csv").string();
        if (v.has("pairs-out") && !v.text("pairs-out").empty())
            j["pairs_csv"] = v.path("pairs-out").string();
        writeTextAtomically(outDir / "intraday.json", dumpJson(j, 2) + "\n");
        const auto specs = outputs();
        OutputValue correlations = declaredOutput(specs, "correlations", "");
        correlations.data = {{"r_vs_n", j["r_vs_n"]}, {"conditions", j["conditions"]}};
        result.outputs.insert(result.outputs.begin(), std::move(correlations));
        result.outputs.push_back(declaredOutput(specs, "r_vs_n", (outDir / "r_vs_n.csv").string()));
        if (v.has("pairs-out") && !v.text("pairs-out").empty())
            result.outputs.push_back(declaredOutput(specs, "pairs", v.path("pairs-out").string()));
        result.outputs.push_back(
            declaredOutput(specs, "summary", (outDir / "intraday.json").string()));
        char buf[200];
        const auto* first = collector->firstCondition();
        std::snprintf(buf, sizeof buf,
                      "%zu unit-days; r(delta product, delta reference_o) = %.3f (%s, N = %zu)",
                      collector->pairedDays(), first ? first->delta.r() : std::nan(""),
                      first ? first->condition.label.c_str() : "-",
                      first ? first->delta.n() : std::size_t(0));
        result.summary = buf;
        feedback.setProgress(100);
        return result;
    }

  private:
    using PairsWriter = std::function<void(const std::function<void()>&)>;

    DailyPrecipitation readPrecipitation(const ParameterValues& v, const std::vector<double>& lons,
                                         const std::vector<double>& lats,
                                         Feedback& feedback) const {
        if (v.text("precipitation").empty())
            return {};
        feedback.info("reading precipitation");
        const auto p =
            geo::RasterSeries::open(v.path("precipitation"), v.text("precipitation-variable"));
        return dailyPrecipitation(p, lons, lats, m_options.day,
                                  v.text("precipitation-accumulation") == "since_00utc", feedback);
    }

    /// Stations as the reference: the product at each station's pixel; reference_o = the station
    /// at the product's observation times, reference_24h = all station values of the day.
    void runStations(const ParameterValues& v, const geo::RasterSeries& product,
                     std::unique_ptr<intraday::Collector>& collector, const PairsWriter& withPairs,
                     TaskResult& result, Feedback& feedback) {
        const auto stations = analysis_inputs::loadStations(v, "stations", feedback, 2.0, 15.0);
        std::vector<geo::LonLat> points;
        std::vector<double> lons, lats;
        for (const auto& s : stations) {
            points.push_back({s.site.lon, s.site.lat});
            lons.push_back(s.site.lon);
            lats.push_back(s.site.lat);
        }
        const auto atStations =
            analysis_inputs::seriesAtPoints(product, points, feedback, 15.0, 60.0);
        const auto precip = readPrecipitation(v, lons, lats, feedback);
        feedback.setProgress(75);
        collector = std::make_unique<intraday::Collector>(
            v, stations.size(), "network,station,lon,lat", [&](std::size_t i) {
                std::string cells = analysis_inputs::CsvLine()
                                        .text(stations[i].site.network)
                                        .text(stations[i].site.station)
                                        .number(lons[i])
                                        .number(lats[i])
                                        .str();
                cells.pop_back(); // the newline
                return cells;
            });
        const auto tolerance = v.duration("tolerance");
        withPairs([&] {
            for (std::size_t i = 0; i < stations.size(); ++i) {
                feedback.throwIfCanceled();
                const series::TimeSeries obs = atStations[i].valid();
                const auto refO = analysis::sampleAt(stations[i].series, obs.times, tolerance);
                const auto a = analysis::dailyExtremes(obs, m_options, lons[i]);
                const auto bo = analysis::dailyExtremes(obs.times, refO, m_options, lons[i]);
                const auto b24 = analysis::dailyExtremes(stations[i].series, m_options, lons[i]);
                std::map<std::int64_t, intraday::UnitDay> days;
                for (const auto& d : a)
                    days[d.day].days[0] = d;
                for (const auto& d : bo)
                    days[d.day].days[1] = d;
                for (const auto& d : b24)
                    days[d.day].days[2] = d;
                for (const auto& [day, ud] : days)
                    collector->add(i, day, ud, precipitationOf(precip, day, i),
                                   precipitationOf(precip, day - 1, i));
            }
        });
        // Per-station means as CSV (the gridded mode writes GeoTIFFs).
        std::string csv = "network,station,lon,lat";
        for (const char* name : kProductNames)
            for (int l = 0; l < analysis::PixelDayMeans::layerCount; ++l)
                csv += std::string(",") + name + "_" +
                       analysis::PixelDayMeans::layerName(
                           static_cast<analysis::PixelDayMeans::Layer>(l));
        csv += "\n";
        std::vector<std::vector<float>> layers;
        for (int k = 0; k < kProducts; ++k)
            for (int l = 0; l < analysis::PixelDayMeans::layerCount; ++l)
                layers.push_back(
                    collector->means(k).layer(static_cast<analysis::PixelDayMeans::Layer>(l)));
        for (std::size_t i = 0; i < stations.size(); ++i) {
            analysis_inputs::CsvLine line;
            line.text(stations[i].site.network)
                .text(stations[i].site.station)
                .number(lons[i])
                .number(lats[i]);
            for (const auto& layer : layers)
                line.number(layer[i]);
            csv += line.str();
        }
        const fs::path means = v.path("out") / "station_means.csv";
        writeTextAtomically(means, csv);
        result.json["stations"] = v.path("stations").string();
        result.json["station_count"] = stations.size();
        result.json["means"] = {{"stations_csv", means.string()}};
        result.outputs.push_back(declaredOutput(outputs(), "station_means", means.string()));
    }

    /// Gridded reference on the product's grid, streamed over the time steps.
    void runGrid(const ParameterValues& v, const geo::RasterSeries& product,
                 std::unique_ptr<intraday::Collector>& collector, const PairsWriter& withPairs,
                 TaskResult& result, Feedback& feedback) {
        const auto reference =
            geo::RasterSeries::open(v.path("reference"), v.text("reference-variable"));
        const geo::Grid& grid = product.grid();
        if (!grid.sameAs(reference.grid()))
            throw Error("the reference grid (" + reference.grid().describe() +
                            ") differs from the product grid (" + grid.describe() +
                            "); resample it first",
                        v.path("reference").string());
        // A product placed by 2-D latitude/longitude arrays (curvilinear netCDF): pixel
        // positions come from them, and the means are written onto a regular WGS 84 grid.
        std::optional<geo::Raster> placedBy;
        if (!grid.hasCrs()) {
            placedBy.emplace(product.sourceOf(0));
            if (placedBy->hasGeoTransform() || !placedBy->hasGeolocationArrays())
                placedBy.reset();
        }
        if (m_options.day == analysis::DayDefinition::LocalSolar && !grid.hasCrs() && !placedBy)
            throw Error("local solar days need a georeferenced grid", v.path("product").string());
        const std::size_t pixels = grid.pixelCount();
        std::vector<double> lons(pixels, 0.0), lats(pixels, 0.0);
        if (grid.hasCrs())
            for (int r = 0; r < grid.height(); ++r)
                for (int c = 0; c < grid.width(); ++c) {
                    const auto ll = grid.pixelToLonLat(c, r);
                    lons[static_cast<std::size_t>(r) * grid.width() + c] = ll.lon;
                    lats[static_cast<std::size_t>(r) * grid.width() + c] = ll.lat;
                }
        if (placedBy) {
            std::vector<geo::PixelPoint> centres(pixels);
            for (std::size_t p = 0; p < pixels; ++p)
                centres[p] = {double(p % std::size_t(grid.width())) + 0.5,
                              double(p / std::size_t(grid.width())) + 0.5};
            const auto ll = placedBy->pixelToLonLat(centres);
            for (std::size_t p = 0; p < pixels; ++p) {
                lons[p] = ll[p].lon;
                lats[p] = ll[p].lat;
            }
        }
        const auto precip = readPrecipitation(v, lons, lats, feedback);
        feedback.setProgress(10);
        collector = std::make_unique<intraday::Collector>(
            v, pixels, "pixel,col,row,lon,lat", [&](std::size_t p) {
                const auto w = static_cast<std::size_t>(grid.width());
                std::string cells = analysis_inputs::CsvLine()
                                        .integer(static_cast<long long>(p))
                                        .integer(static_cast<long long>(p % w))
                                        .integer(static_cast<long long>(p / w))
                                        .number(lons[p])
                                        .number(lats[p])
                                        .str();
                cells.pop_back(); // the newline
                return cells;
            });

        std::unordered_map<std::int64_t, intraday::UnitDay> pending;
        const auto keyOf = [&](std::size_t pixel, std::int64_t day) {
            return day * static_cast<std::int64_t>(pixels) + static_cast<std::int64_t>(pixel);
        };
        const auto sinkFor = [&](int k) {
            return [&, k](std::size_t pixel, const DayExtremes& d) {
                pending[keyOf(pixel, d.day)].days[k] = d;
            };
        };
        const auto sinkA = sinkFor(0), sinkBo = sinkFor(1), sinkB24 = sinkFor(2);
        const auto flushBefore = [&](std::int64_t lastDay) {
            std::vector<std::int64_t> keys;
            for (const auto& [key, pd] : pending)
                if (key / static_cast<std::int64_t>(pixels) < lastDay)
                    keys.push_back(key);
            std::sort(keys.begin(), keys.end());
            for (const auto key : keys) {
                const auto pixel =
                    static_cast<std::size_t>(key % static_cast<std::int64_t>(pixels));
                const auto day = key / static_cast<std::int64_t>(pixels);
                collector->add(pixel, day, pending[key], precipitationOf(precip, day, pixel),
                               precipitationOf(precip, day - 1, pixel));
                pending.erase(key);
            }
        };

        withPairs([&] {
            analysis::DailyExtremesStream streamA(pixels, m_options, lons),
                streamBo(pixels, m_options, lons), streamB24(pixels, m_options, lons);
            const auto tolerance = v.duration("tolerance");
            std::size_t ia = 0, ib = 0;
            std::optional<std::size_t> cachedIndex;
            std::vector<float> cached;
            const auto readReference = [&](std::size_t i) -> const std::vector<float>& {
                if (cachedIndex != i) {
                    cached = reference.readTime(i);
                    cachedIndex = i;
                }
                return cached;
            };
            const std::size_t total = product.size() + reference.size();
            std::int64_t flushedDay = std::numeric_limits<std::int64_t>::min();
            while (ia < product.size() || ib < reference.size()) {
                feedback.throwIfCanceled();
                feedback.setProgress(10.0 + 80.0 * static_cast<double>(ia + ib) /
                                                static_cast<double>(total));
                const bool takeProduct =
                    ib >= reference.size() ||
                    (ia < product.size() && product.times()[ia] <= reference.times()[ib]);
                const TimePoint now = takeProduct ? product.times()[ia] : reference.times()[ib];
                streamA.closeBefore(now, sinkA);
                streamBo.closeBefore(now, sinkBo);
                streamB24.closeBefore(now, sinkB24);
                // Days two UTC days back are closed in every stream, also in local solar time.
                const auto utcDay = analysis::dayAndHour(now, analysis::DayDefinition::Utc).first;
                if (utcDay - 1 > flushedDay) {
                    flushBefore(utcDay - 1);
                    flushedDay = utcDay - 1;
                }
                if (takeProduct) {
                    const auto a = product.readTime(ia++);
                    streamA.add(now, a, sinkA);
                    std::vector<float> bo(pixels, std::numeric_limits<float>::quiet_NaN());
                    if (const auto j = reference.indexOf(now, tolerance)) {
                        const auto& b = readReference(*j);
                        for (std::size_t p = 0; p < pixels; ++p)
                            if (std::isfinite(a[p]))
                                bo[p] = b[p];
                    }
                    streamBo.add(now, bo, sinkBo);
                } else {
                    streamB24.add(now, readReference(ib++), sinkB24);
                }
            }
            streamA.finish(sinkA);
            streamBo.finish(sinkBo);
            streamB24.finish(sinkB24);
            flushBefore(std::numeric_limits<std::int64_t>::max());
        });
        feedback.setProgress(92);

        // Per-pixel means as GeoTIFFs, one per product, 6 bands.
        nlohmann::json meansJson = nlohmann::json::object();
        for (int k = 0; k < kProducts; ++k) {
            std::vector<std::vector<float>> bands;
            geo::GeoTiffOptions gt;
            for (int l = 0; l < analysis::PixelDayMeans::layerCount; ++l) {
                const auto layer = static_cast<analysis::PixelDayMeans::Layer>(l);
                bands.push_back(collector->means(k).layer(layer));
                gt.bandDescriptions.push_back(analysis::PixelDayMeans::layerName(layer));
            }
            gt.bandUnits = {"hour",          "hour",          product.units(),
                            product.units(), product.units(), "days"};
            gt.metadata["SOILSCOPE_INTRADAY_PRODUCT"] = kProductNames[k];
            gt.metadata["SOILSCOPE_DAY_DEFINITION"] = v.text("day");
            gt.metadata["SOILSCOPE_MEANS_CONDITION"] = collector->meansCondition().label;
            const fs::path file =
                v.path("out") / (std::string("means_") + kProductNames[k] + ".tif");
            if (placedBy) {
                const geo::Grid regular = geo::geographicGridCovering(*placedBy);
                bands = geo::warpThroughGeolocation(bands, *placedBy, regular,
                                                    geo::Resampling::Nearest);
                gt.metadata["SOILSCOPE_RESAMPLED"] =
                    "from the product's 2-D latitude/longitude grid (nearest pixel)";
                geo::writeGeoTiff(file, regular, bands, gt);
            } else {
                geo::writeGeoTiff(file, grid, bands, gt);
            }
            meansJson[kProductNames[k]] = file.string();
            result.outputs.push_back(
                declaredOutput(outputs(), "means", file.string(), kProductNames[k]));
        }
        result.json["reference"] = v.path("reference").string();
        result.json["means"] = meansJson;
    }

    analysis::IntradayOptions m_options;
};

SOILSCOPE_REGISTER_TASK(IntradayTask, "intraday")

} // namespace soilscope::tasks
