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
#include "geo/geotiff_writer.h"
#include "geo/raster_series.h"
#include "tasks/analysis_inputs.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <unordered_map>

namespace soilscope::tasks {

namespace {

namespace fs = std::filesystem;
using analysis::DayExtremes;
using analysis_inputs::csvNumber;
using analysis_inputs::numberOrNull;

constexpr int kProducts = 3; // product, reference-o, reference-24h
const char* const kProductNames[kProducts] = {"product", "reference_o", "reference_24h"};

/// The three products' days of one pixel-day, completed as the streams close them.
struct PendingDay {
    std::optional<DayExtremes> days[kProducts];
};

/// Correlations of one precipitation condition.
struct ConditionStats {
    analysis::PrecipitationCondition condition;
    analysis::RunningCorrelation delta, max, min, delta24;
    double threshold = std::numeric_limits<double>::quiet_NaN(); ///< for the r-vs-N sweep rows
};

/// Daily precipitation sums per SM pixel: day index -> one value per pixel.
using DailyPrecipitation = std::unordered_map<std::int64_t, std::vector<float>>;

DailyPrecipitation dailyPrecipitation(const geo::RasterSeries& precip, const geo::Grid& smGrid,
                                      const std::vector<double>& lons, const std::vector<double>& lats,
                                      analysis::DayDefinition dayDefinition, Feedback& feedback) {
    const std::size_t pixels = smGrid.pixelCount();
    std::vector<long long> index(pixels, -1);
    const geo::Grid& pg = precip.grid();
    for (std::size_t p = 0; p < pixels; ++p) {
        const geo::MapPoint m = pg.lonLatToMap(lons[p], lats[p]);
        const geo::PixelPoint px = pg.mapToPixel(m.x, m.y);
        const auto c = static_cast<long long>(std::floor(px.col));
        const auto r = static_cast<long long>(std::floor(px.row));
        if (c >= 0 && r >= 0 && c < pg.width() && r < pg.height()) index[p] = r * pg.width() + c;
    }
    DailyPrecipitation out;
    for (std::size_t i = 0; i < precip.size(); ++i) {
        feedback.throwIfCanceled();
        const auto values = precip.readTime(i);
        for (std::size_t p = 0; p < pixels; ++p) {
            if (index[p] < 0) continue;
            const float v = values[static_cast<std::size_t>(index[p])];
            const auto day = analysis::dayAndHour(precip.times()[i], dayDefinition, lons[p]).first;
            auto& row = out[day];
            if (row.empty()) row.assign(pixels, std::numeric_limits<float>::quiet_NaN());
            if (std::isfinite(v)) row[p] = std::isfinite(row[p]) ? row[p] + v : v;
        }
    }
    return out;
}

double precipitationOf(const DailyPrecipitation& p, std::int64_t day, std::size_t pixel) {
    const auto it = p.find(day);
    return it == p.end() ? std::numeric_limits<double>::quiet_NaN() : it->second[pixel];
}

nlohmann::json conditionJson(const ConditionStats& c) {
    return {{"condition", c.condition.label},
            {"threshold_mm", numberOrNull(c.threshold)},
            {"n", c.delta.n()},
            {"log10_n", c.delta.n() ? nlohmann::json(std::log10(static_cast<double>(c.delta.n()))) : nlohmann::json()},
            {"r_delta", numberOrNull(c.delta.r())},
            {"r_max", numberOrNull(c.max.r())},
            {"r_min", numberOrNull(c.min.r())},
            {"n_24h", c.delta24.n()},
            {"r_delta_24h", numberOrNull(c.delta24.r())},
            {"mean_delta_product", numberOrNull(c.delta.meanX())},
            {"mean_delta_reference_o", numberOrNull(c.delta.meanY())},
            {"mean_delta_reference_24h", numberOrNull(c.delta24.meanY())}};
}

std::string dayText(std::int64_t day) {
    return formatIsoDate(TimePoint(std::chrono::seconds(day * 86400)));
}

} // namespace

class IntradayTask : public Task {
public:
    TaskInfo info() const override {
        return {"intraday",
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
        return {pathParam("product", "raster series of the product (NetCDF with time axis, dated bands)"),
                stringParam("product-variable", "variable of the product file"),
                pathParam("reference", "raster series of the reference (e.g. hourly reanalysis) on the same grid"),
                stringParam("reference-variable", "variable of the reference file"),
                pathParam("precipitation", "raster series of precipitation (mm per step)", false),
                stringParam("precipitation-variable", "variable of the precipitation file"),
                outputParam("out", "output folder"),
                choiceParam("day", "day definition", {"utc", "local-solar"}, "utc"),
                intParam("min-observations", "observations a day needs", 2, 1, 1000),
                stringParam("tolerance", "reference step matched to an observation within ±this", "30min"),
                listParam("conditions", "precipitation conditions (terms pt/pt1 OP mm joined by &)",
                          "all,pt>0,pt>10,pt>10&pt1=0"),
                listParam("thresholds", "r-vs-N sweep: p_t thresholds in mm", "0,1,2,5,10,20"),
                stringParam("means-condition", "condition of the days averaged in the per-pixel means", "all"),
                outputParam("pairs-out", "CSV of every pixel-day (for density scatter plots)", false)};
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
        for (const auto& c : v.list("conditions")) check(c, "--conditions");
        check(v.text("means-condition"), "--means-condition");
        try {
            parseDuration(v.text("tolerance"));
        } catch (const Error& e) {
            throw UsageError(e.message(), "--tolerance");
        }
        for (const auto& t : v.list("thresholds"))
            if (!std::isfinite(std::strtod(t.c_str(), nullptr)))
                throw UsageError("threshold '" + t + "' is not a number", "--thresholds");
    }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        const auto product = geo::RasterSeries::open(v.path("product"), v.text("product-variable"));
        const auto reference = geo::RasterSeries::open(v.path("reference"), v.text("reference-variable"));
        const geo::Grid& grid = product.grid();
        if (!grid.sameAs(reference.grid()))
            throw Error("the reference grid (" + reference.grid().describe() + ") differs from the product grid (" +
                            grid.describe() + "); resample it first",
                        v.path("reference").string());
        const std::size_t pixels = grid.pixelCount();
        const fs::path outDir = v.path("out");
        fs::create_directories(outDir);

        analysis::IntradayOptions options;
        options.minObservations = static_cast<std::size_t>(v.integer("min-observations"));
        options.day = v.text("day") == "local-solar" ? analysis::DayDefinition::LocalSolar
                                                     : analysis::DayDefinition::Utc;
        std::vector<double> lons(pixels), lats(pixels);
        for (int r = 0; r < grid.height(); ++r)
            for (int c = 0; c < grid.width(); ++c) {
                const auto ll = grid.hasCrs() ? grid.pixelToLonLat(c, r) : geo::LonLat{0.0, 0.0};
                lons[static_cast<std::size_t>(r) * grid.width() + c] = ll.lon;
                lats[static_cast<std::size_t>(r) * grid.width() + c] = ll.lat;
            }
        if (options.day == analysis::DayDefinition::LocalSolar && !grid.hasCrs())
            throw Error("local solar days need a georeferenced grid", v.path("product").string());

        DailyPrecipitation precip;
        const bool hasPrecip = v.has("precipitation") && !v.text("precipitation").empty();
        if (hasPrecip) {
            feedback.info("reading precipitation");
            const auto p = geo::RasterSeries::open(v.path("precipitation"), v.text("precipitation-variable"));
            precip = dailyPrecipitation(p, grid, lons, lats, options.day, feedback);
        }
        feedback.setProgress(10);

        std::vector<ConditionStats> conditions;
        for (const auto& c : v.list("conditions"))
            conditions.push_back({analysis::PrecipitationCondition::parse(c), {}, {}, {}, {}});
        std::vector<ConditionStats> sweep;
        for (const auto& t : v.list("thresholds")) {
            for (const bool dryBefore : {false, true}) {
                ConditionStats s;
                s.condition = analysis::PrecipitationCondition::parse("pt>" + t + (dryBefore ? "&pt1=0" : ""));
                s.threshold = std::strtod(t.c_str(), nullptr);
                sweep.push_back(std::move(s));
            }
        }
        const auto meansCondition = analysis::PrecipitationCondition::parse(v.text("means-condition"));
        std::vector<analysis::PixelDayMeans> means(kProducts, analysis::PixelDayMeans(pixels));
        std::size_t pixelDays = 0;
        const bool writePairs = v.has("pairs-out") && !v.text("pairs-out").empty();
        std::ofstream pairsStream;

        std::unordered_map<std::int64_t, PendingDay> pending;
        const auto keyOf = [&](std::size_t pixel, std::int64_t day) {
            return day * static_cast<std::int64_t>(pixels) + static_cast<std::int64_t>(pixel);
        };
        const auto process = [&](std::size_t pixel, std::int64_t day, const PendingDay& pd) {
            const double pt = precipitationOf(precip, day, pixel);
            const double pt1 = precipitationOf(precip, day - 1, pixel);
            const auto& a = pd.days[0];
            const auto& bo = pd.days[1];
            const auto& b24 = pd.days[2];
            if (a && bo) ++pixelDays;
            for (auto* list : {&conditions, &sweep})
                for (auto& c : *list) {
                    if (!a || !c.condition.test(pt, pt1)) continue;
                    if (bo) {
                        c.delta.add(a->delta, bo->delta);
                        c.max.add(a->smMax, bo->smMax);
                        c.min.add(a->smMin, bo->smMin);
                    }
                    if (b24) c.delta24.add(a->delta, b24->delta);
                }
            if (a && meansCondition.test(pt, pt1))
                for (int k = 0; k < kProducts; ++k)
                    if (pd.days[k]) means[static_cast<std::size_t>(k)].add(pixel, *pd.days[k]);
            if (writePairs && a) {
                const int col = static_cast<int>(pixel % static_cast<std::size_t>(grid.width()));
                const int row = static_cast<int>(pixel / static_cast<std::size_t>(grid.width()));
                std::string line = std::to_string(pixel) + "," + std::to_string(col) + "," + std::to_string(row) + "," +
                                   csvNumber(lons[pixel]) + "," + csvNumber(lats[pixel]) + "," + dayText(day) + "," +
                                   csvNumber(pt) + "," + csvNumber(pt1);
                for (const auto& d : pd.days) {
                    if (d)
                        line += "," + csvNumber(d->smMax) + "," + csvNumber(d->smMin) + "," + csvNumber(d->delta) + "," +
                                csvNumber(d->hourMax) + "," + csvNumber(d->hourMin) + "," + std::to_string(d->count);
                    else
                        line += ",,,,,,0";
                }
                pairsStream << line << '\n';
            }
        };
        const auto sinkFor = [&](int k) {
            return [&, k](std::size_t pixel, const DayExtremes& d) {
                const auto key = keyOf(pixel, d.day);
                PendingDay& pd = pending[key];
                pd.days[k] = d;
                if (pd.days[0] && pd.days[1] && pd.days[2]) {
                    process(pixel, d.day, pd);
                    pending.erase(key);
                }
            };
        };
        const auto sinkA = sinkFor(0), sinkBo = sinkFor(1), sinkB24 = sinkFor(2);

        const auto compute = [&] {
            analysis::DailyExtremesStream streamA(pixels, options, lons), streamBo(pixels, options, lons),
                streamB24(pixels, options, lons);
            const auto tolerance = parseDuration(v.text("tolerance"));
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
            const auto flushBefore = [&](std::int64_t lastDay) {
                std::vector<std::int64_t> keys;
                for (const auto& [key, pd] : pending)
                    if (key / static_cast<std::int64_t>(pixels) < lastDay) keys.push_back(key);
                std::sort(keys.begin(), keys.end());
                for (const auto key : keys) {
                    const auto pixel = static_cast<std::size_t>(key % static_cast<std::int64_t>(pixels));
                    process(pixel, key / static_cast<std::int64_t>(pixels), pending[key]);
                    pending.erase(key);
                }
            };
            while (ia < product.size() || ib < reference.size()) {
                feedback.throwIfCanceled();
                feedback.setProgress(10.0 + 80.0 * static_cast<double>(ia + ib) / static_cast<double>(total));
                const bool takeProduct =
                    ib >= reference.size() || (ia < product.size() && product.times()[ia] <= reference.times()[ib]);
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
                    const TimePoint t = product.times()[ia];
                    const auto a = product.readTime(ia++);
                    streamA.add(t, a, sinkA);
                    std::vector<float> bo(pixels, std::numeric_limits<float>::quiet_NaN());
                    if (const auto j = reference.indexOf(t, tolerance)) {
                        const auto& b = readReference(*j);
                        for (std::size_t p = 0; p < pixels; ++p)
                            if (std::isfinite(a[p])) bo[p] = b[p];
                    }
                    streamBo.add(t, bo, sinkBo);
                } else {
                    const TimePoint t = reference.times()[ib];
                    streamB24.add(t, readReference(ib++), sinkB24);
                }
            }
            streamA.finish(sinkA);
            streamBo.finish(sinkBo);
            streamB24.finish(sinkB24);
            flushBefore(std::numeric_limits<std::int64_t>::max());
        };

        if (writePairs) {
            writeAtomically(v.path("pairs-out"), [&](const fs::path& tmp) {
                pairsStream.open(tmp);
                if (!pairsStream) throw Error("cannot write", tmp.string());
                pairsStream << "pixel,col,row,lon,lat,date,p_t,p_t1";
                for (const char* name : kProductNames)
                    for (const char* f : {"max", "min", "delta", "hour_max", "hour_min", "count"})
                        pairsStream << ',' << name << '_' << f;
                pairsStream << '\n';
                compute();
                pairsStream.close();
                if (!pairsStream) throw Error("writing failed", tmp.string());
            });
        } else {
            compute();
        }
        feedback.setProgress(92);

        // Per-pixel means as GeoTIFFs, one per product, 6 bands.
        nlohmann::json meansJson = nlohmann::json::object();
        for (int k = 0; k < kProducts; ++k) {
            std::vector<std::vector<float>> bands;
            geo::GeoTiffOptions gt;
            for (int l = 0; l < analysis::PixelDayMeans::layerCount; ++l) {
                const auto layer = static_cast<analysis::PixelDayMeans::Layer>(l);
                bands.push_back(means[static_cast<std::size_t>(k)].layer(layer));
                gt.bandDescriptions.push_back(analysis::PixelDayMeans::layerName(layer));
            }
            gt.bandUnits = {"hour", "hour", product.units(), product.units(), product.units(), "days"};
            gt.metadata["SOILSCOPE_INTRADAY_PRODUCT"] = kProductNames[k];
            gt.metadata["SOILSCOPE_DAY_DEFINITION"] = v.text("day");
            gt.metadata["SOILSCOPE_MEANS_CONDITION"] = meansCondition.label;
            const fs::path file = outDir / (std::string("means_") + kProductNames[k] + ".tif");
            geo::writeGeoTiff(file, grid, bands, gt);
            meansJson[kProductNames[k]] = file.string();
        }

        std::string csv = "condition,threshold_mm,n,log10_n,r_delta,r_max,r_min,n_24h,r_delta_24h,"
                          "mean_delta_product,mean_delta_reference_o,mean_delta_reference_24h\n";
        nlohmann::json condJson = nlohmann::json::array(), sweepJson = nlohmann::json::array();
        for (auto* list : {&conditions, &sweep})
            for (const auto& c : *list) {
                const auto j = conditionJson(c);
                (list == &conditions ? condJson : sweepJson).push_back(j);
                csv += "\"" + c.condition.label + "\"," + csvNumber(c.threshold) + "," + std::to_string(c.delta.n()) +
                       "," + (c.delta.n() ? csvNumber(std::log10(static_cast<double>(c.delta.n()))) : "") + "," +
                       csvNumber(c.delta.r()) + "," + csvNumber(c.max.r()) + "," + csvNumber(c.min.r()) + "," +
                       std::to_string(c.delta24.n()) + "," + csvNumber(c.delta24.r()) + "," +
                       csvNumber(c.delta.meanX()) + "," + csvNumber(c.delta.meanY()) + "," +
                       csvNumber(c.delta24.meanY()) + "\n";
            }
        writeTextAtomically(outDir / "r_vs_n.csv", csv);

        TaskResult result;
        auto& j = result.json;
        j["product"] = v.path("product").string();
        j["reference"] = v.path("reference").string();
        j["day_definition"] = v.text("day");
        j["min_observations"] = options.minObservations;
        j["precipitation"] = hasPrecip;
        j["pixel_days"] = pixelDays;
        j["conditions"] = condJson;
        j["r_vs_n"] = sweepJson;
        j["means"] = meansJson;
        j["means_condition"] = meansCondition.label;
        j["r_vs_n_csv"] = (outDir / "r_vs_n.csv").string();
        if (writePairs) j["pairs_csv"] = v.path("pairs-out").string();
        writeTextAtomically(outDir / "intraday.json", j.dump(2) + "\n");
        char buf[200];
        const auto& all = conditions.empty() ? ConditionStats{} : conditions.front();
        std::snprintf(buf, sizeof buf, "%zu pixel-days; r(delta product, delta reference_o) = %.3f (%s, N = %zu)",
                      pixelDays, all.delta.r(), all.condition.label.c_str(), all.delta.n());
        result.summary = buf;
        feedback.setProgress(100);
        return result;
    }
};

SOILSCOPE_REGISTER_TASK(IntradayTask, "intraday")

} // namespace soilscope::tasks
