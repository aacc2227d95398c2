#include "workloads/cnn_ascat_intraday/cnn_ascat_analysis.h"

#include "analysis/intraday.h"
#include "base/error.h"
#include "geo/geotiff_writer.h"
#include "geo/raster_series.h"
#include "training/evaluation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace soilscope::workloads {

namespace {
using nlohmann::json;

std::vector<double> pixelSeries(const std::vector<std::vector<float>>& frames, std::size_t pixel) {
    std::vector<double> v(frames.size());
    for (std::size_t t = 0; t < frames.size(); ++t)
        v[t] = frames[t][pixel];
    return v;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<float> x, y;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::isfinite(a[i]) && std::isfinite(b[i])) {
            x.push_back(float(a[i]));
            y.push_back(float(b[i]));
        }
    if (x.size() < 3)
        return NAN;
    const auto m = training::pooledMetrics(x, y);
    return m.count("r") ? m.at("r") : NAN;
}
} // namespace

json compareWithStations(WorkloadRun& run, const OverpassFrames& frames,
                         const std::filesystem::path& archive, double depthMax,
                         std::chrono::seconds window, int maxMissingDays) {
    const auto stations = readStationSeries(archive, "soil_moisture", depthMax);
    const auto& g = frames.grid;
    if (frames.times.empty())
        throw Error("no test-period predictions to compare with stations");
    const auto firstDay = std::chrono::floor<std::chrono::days>(frames.times.front());
    const auto lastDay = std::chrono::floor<std::chrono::days>(frames.times.back());
    const auto periodDays = (lastDay - firstDay).count() + 1;
    std::vector<std::vector<std::string>> rows;
    std::vector<double> rCnn, rBench, rRef, biasCnn, biasBench;
    int better = 0, used = 0, skipped = 0;
    for (const auto& st : stations) {
        const auto m = g.lonLatToMap(st.lon, st.lat);
        const auto px = g.mapToPixel(m.x, m.y);
        const int c = int(std::floor(px.col)), r = int(std::floor(px.row));
        if (c < 0 || r < 0 || c >= g.width() || r >= g.height())
            continue;
        std::set<std::int64_t> days;
        for (std::size_t i = 0; i < st.series.size(); ++i)
            if (st.series.times[i] >= TimePoint(firstDay) &&
                st.series.times[i] < TimePoint(lastDay) + std::chrono::days(1))
                days.insert(std::chrono::floor<std::chrono::days>(st.series.times[i])
                                .time_since_epoch()
                                .count());
        if (periodDays - std::int64_t(days.size()) > maxMissingDays) {
            ++skipped;
            continue;
        }
        const std::size_t pixel = std::size_t(r) * std::size_t(g.width()) + std::size_t(c);
        const auto obs = analysis::sampleAt(st.series, frames.times, window);
        const auto cnn = pixelSeries(frames.cnn, pixel),
                   bench = pixelSeries(frames.benchmark, pixel),
                   ref = pixelSeries(frames.reference, pixel);
        const double a = pearson(cnn, obs), b = pearson(bench, obs), e = pearson(ref, obs);
        auto bias = [&](const std::vector<double>& v) {
            double s = 0;
            int n = 0;
            for (std::size_t i = 0; i < v.size(); ++i)
                if (std::isfinite(v[i]) && std::isfinite(obs[i])) {
                    s += v[i] - obs[i];
                    ++n;
                }
            return n ? s / n : NAN;
        };
        rCnn.push_back(a);
        rBench.push_back(b);
        rRef.push_back(e);
        biasCnn.push_back(bias(cnn));
        biasBench.push_back(bias(bench));
        if (std::isfinite(a) && std::isfinite(b)) {
            ++used;
            better += a > b ? 1 : 0;
        }
        // one row per station and product, the layout of the station-metrics task
        const std::string lon = fmt(st.lon, 6), lat = fmt(st.lat, 6);
        rows.push_back({st.network, st.name, "cnn", lon, lat, fmt(a), fmt(biasCnn.back())});
        rows.push_back({st.network, st.name, "benchmark", lon, lat, fmt(b), fmt(biasBench.back())});
        rows.push_back({st.network, st.name, "reference_o", lon, lat, fmt(e), ""});
    }
    run.writeCsv(
        "station_metrics.csv", {"network", "station", "product", "lon", "lat", "R", "bias"}, rows,
        "per-station temporal R and bias vs station truth, one row per station and product (cnn, "
        "benchmark, reference_o)");
    return {{"stations", rows.size() / 3},
            {"skipped_missing_days", skipped},
            {"median_r_cnn", median(rCnn)},
            {"median_r_benchmark", median(rBench)},
            {"median_r_reference_o", median(rRef)},
            {"median_bias_cnn", median(biasCnn)},
            {"median_bias_benchmark", median(biasBench)},
            {"cnn_better_stations", better},
            {"compared_stations", used}};
}

/// The 5 × 3 panel (hour of max, hour of min, SM_max, SM_min, ΔSM, plus days) × (CNN,
/// reanalysis-o, reanalysis-24h) as one GeoTIFF, declared as the CNN's intraday means.
void writePixelMeans(WorkloadRun& run, const std::string& name, const geo::Grid& g,
                     const std::vector<analysis::PixelDayMeans>& means,
                     const std::string& description, const std::string& label) {
    using L = analysis::PixelDayMeans::Layer;
    const std::vector<std::string> products{"cnn", "reference_o", "reference_24h"};
    std::vector<std::vector<float>> bands;
    geo::GeoTiffOptions o;
    for (std::size_t k = 0; k < products.size(); ++k)
        for (L l : {L::HourMax, L::HourMin, L::SmMax, L::SmMin, L::DeltaSm, L::Days}) {
            bands.push_back(means[k].layer(l));
            o.bandDescriptions.push_back(products[k] + ":" + analysis::PixelDayMeans::layerName(l));
        }
    const auto tif = run.folder() / name;
    geo::writeGeoTiff(tif, g, bands, o);
    run.addOutput(tif, description, {}, label);
}

json intradayAnalysis(WorkloadRun& run, const OverpassFrames& frames,
                      const project::DataLayer& hourlyReference,
                      const project::DataLayer& hourlyPrecipitation,
                      const std::vector<std::string>& conditions,
                      const std::string& panelCondition) {
    const auto subsetCondition = analysis::PrecipitationCondition::parse(panelCondition);
    const auto& g = frames.grid;
    const std::size_t pixels = g.pixelCount();
    const TimePoint from = std::chrono::floor<std::chrono::days>(frames.times.front());
    const TimePoint to =
        std::chrono::floor<std::chrono::days>(frames.times.back()) + std::chrono::days(1);
    const auto ref = geo::RasterSeries::open(hourlyReference.path, hourlyReference.variable);
    const auto pr = geo::RasterSeries::open(hourlyPrecipitation.path, hourlyPrecipitation.variable);
    if (ref.grid().width() != g.width() || ref.grid().height() != g.height() ||
        pr.grid().width() != g.width() || pr.grid().height() != g.height())
        throw Error("the hourly reference and precipitation must be on the 0.25° sample grid",
                    hourlyReference.path.string());
    // hourly reference per pixel (24 h view) and daily precipitation sums per pixel (day index →
    // mm)
    std::vector<TimePoint> hours;
    std::vector<std::vector<double>> hourly(pixels);
    for (std::size_t i = 0; i < ref.size(); ++i) {
        const TimePoint t = ref.times()[i];
        if (t < from || t >= to)
            continue;
        if (i % 256 == 0)
            run.throwIfCanceled();
        const auto f = ref.readTime(i);
        hours.push_back(t);
        for (std::size_t p = 0; p < pixels; ++p)
            hourly[p].push_back(f[p]);
    }
    std::vector<std::map<std::int64_t, double>> rain(pixels);
    for (std::size_t i = 0; i < pr.size(); ++i) {
        const TimePoint t = pr.times()[i];
        if (t < from - std::chrono::days(1) || t >= to)
            continue;
        if (i % 256 == 0)
            run.throwIfCanceled();
        const auto f = pr.readTime(i);
        // an accumulation ending at t belongs to the day of t − 1 s (00 UTC closes the day before)
        const auto day = std::chrono::floor<std::chrono::days>(t - std::chrono::seconds(1))
                             .time_since_epoch()
                             .count();
        for (std::size_t p = 0; p < pixels; ++p)
            rain[p][day] += std::isfinite(f[p]) ? f[p] : 0.0;
    }

    analysis::IntradayOptions io;
    std::vector<analysis::PairedDay> pairs;
    // per product (CNN, reanalysis-o, reanalysis-24h): the means over all days and over the
    // days of the panel's condition
    std::vector<analysis::PixelDayMeans> means(3, analysis::PixelDayMeans(pixels)),
        subsetMeans(3, analysis::PixelDayMeans(pixels));
    const auto precipitationOf = [&](std::size_t p, std::int64_t day) {
        const auto it = rain[p].find(day);
        return it == rain[p].end() ? double(NAN) : it->second;
    };
    for (std::size_t p = 0; p < pixels; ++p) {
        const auto cnn = analysis::dailyExtremes(frames.times, pixelSeries(frames.cnn, p), io);
        const auto refO =
            analysis::dailyExtremes(frames.times, pixelSeries(frames.reference, p), io);
        const auto ref24 = analysis::dailyExtremes(hours, hourly[p], io);
        for (std::size_t k = 0; k < 3; ++k)
            for (const auto& d : k == 0 ? cnn : k == 1 ? refO : ref24) {
                means[k].add(p, d);
                if (subsetCondition.test(precipitationOf(p, d.day), precipitationOf(p, d.day - 1)))
                    subsetMeans[k].add(p, d);
            }
        auto pd = analysis::pairDays(cnn, refO, std::int64_t(p));
        for (auto& d : pd) {
            const auto a = rain[p].find(d.day), b = rain[p].find(d.day - 1);
            d.pToday = a == rain[p].end() ? NAN : a->second;
            d.pYesterday = b == rain[p].end() ? NAN : b->second;
        }
        pairs.insert(pairs.end(), pd.begin(), pd.end());
    }
    std::vector<std::vector<std::string>> rows;
    json table = json::array();
    for (const auto& text : conditions) {
        const auto c =
            analysis::correlateDays(pairs, analysis::PrecipitationCondition::parse(text));
        rows.push_back({text, std::to_string(c.n), fmt(c.rDelta), fmt(c.rMax), fmt(c.rMin),
                        fmt(c.meanDeltaA), fmt(c.meanDeltaB)});
        table.push_back({{"condition", text},
                         {"n", c.n},
                         {"r_delta", c.rDelta},
                         {"r_max", c.rMax},
                         {"r_min", c.rMin},
                         {"mean_delta_cnn", c.meanDeltaA},
                         {"mean_delta_reference_o", c.meanDeltaB}});
    }
    run.writeCsv(
        "intraday_conditions.csv",
        {"condition", "n", "r_delta", "r_max", "r_min", "mean_delta_cnn", "mean_delta_reference_o"},
        rows,
        "r(ΔSM), r(SM_max), r(SM_min) of CNN vs reanalysis-o per precipitation condition (r-vs-N)");
    // Labelled by the product whose means come first (the intraday view shows bands 1-6).
    writePixelMeans(run, "intraday_pixel_means.tif", g, means,
                    "per-pixel means (hour of max/min circular, SM_max, SM_min, ΔSM, days) × (CNN, "
                    "reanalysis-o, reanalysis-24h)",
                    "cnn");
    writePixelMeans(run, "intraday_pixel_means_subset.tif", g, subsetMeans,
                    "the same per-pixel means on the days of " + panelCondition +
                        " (the paper's rain subset)",
                    "cnn on " + panelCondition);
    json out = {{"pixel_days", pairs.size()}, {"conditions", table}};
    run.writeJson("intraday.json", out, "intraday amplitude summary");
    return out;
}

} // namespace soilscope::workloads
