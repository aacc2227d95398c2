// lstm_s1_s2_weather: sequence-to-sequence LSTM over each station's whole series of Sentinel-1
// dates (S1 VV linear, S2-like NDVI/NDWI, weather, statics), leave-one-station-out with
// repeats, against a station-climatology baseline built from the training stations only.
#include "base/error.h"
#include "base/json_text.h"
#include "features/dataset_builder.h"
#include "features/layer_source.h"
#include "features/predictor_spec.h"
#include "features/product_layer.h"
#include "geo/raster_series.h"
#include "models/bundle.h"
#include "project/workload_preset.h"
#include "training/evaluation.h"
#include "training/fold.h"
#include "training/split_scheme.h"
#include "training/trainer.h"
#include "workloads/gridded_at_stations.h"
#include "workloads/lstm_s1_s2_weather/station_weather.h"
#include "workloads/pipelines.h"
#include "workloads/sequence_map.h"
#include "workloads/target_standardisation.h"
#include "workloads/workload_run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace soilscope::workloads {

namespace {
using nlohmann::json;

int dayOfYear(TimePoint t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const auto jan1 = std::chrono::sys_days{ymd.year() / std::chrono::January / 1};
    return int((day - jan1).count());
}

/// Appends the weather channels to [n, T, p] sequences whose step t is dates[t]; rowsOf(i) is
/// the weather series of sample i (its station's or its pixel's 0.25° cell).
void appendWeather(features::Dataset& d,
                   const std::function<const std::vector<WeatherRow>&(std::size_t)>& rowsOf) {
    const std::size_t n = d.sampleCount(), T = std::size_t(d.featureShape[0]),
                      p = std::size_t(d.featureShape[1]);
    const std::size_t q = p + weatherNames().size();
    std::vector<float> x(n * T * q);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& rows = rowsOf(i);
        for (std::size_t t = 0; t < T; ++t) {
            const float* src = d.x.data() + (i * T + t) * p;
            float* dst = x.data() + (i * T + t) * q;
            std::copy(src, src + p, dst);
            const WeatherRow& w = rows.at(t);
            const float extra[] = {w.taMin, w.taMean, w.taMax, w.precip1d, w.precip7d, w.dryDays};
            std::copy(std::begin(extra), std::end(extra), dst + p);
        }
    }
    d.x = std::move(x);
    d.featureShape[1] = std::int64_t(q);
    for (const auto& name : weatherNames())
        d.featureNames.push_back(name);
}

/// The land-cover classes of the stations, ascending.
std::vector<int> stationClasses(const features::Dataset& d) {
    std::vector<int> classes;
    for (const int c : d.groups.landCover)
        if (c >= 0 && std::find(classes.begin(), classes.end(), c) == classes.end())
            classes.push_back(c);
    std::sort(classes.begin(), classes.end());
    return classes;
}

/// Appends one 0/1 channel per land-cover class (the class is static along each sequence).
void appendLandCover(features::Dataset& d, const std::vector<int>& classes) {
    const std::size_t n = d.sampleCount(), T = std::size_t(d.featureShape[0]),
                      p = std::size_t(d.featureShape[1]);
    const std::size_t q = p + classes.size();
    std::vector<float> x(n * T * q);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t t = 0; t < T; ++t) {
            const float* src = d.x.data() + (i * T + t) * p;
            float* dst = x.data() + (i * T + t) * q;
            std::copy(src, src + p, dst);
            for (std::size_t k = 0; k < classes.size(); ++k)
                dst[p + k] =
                    d.groups.landCover.empty() || d.groups.landCover[i] != classes[k] ? 0.0f : 1.0f;
        }
    d.x = std::move(x);
    d.featureShape[1] = std::int64_t(q);
    for (const int c : classes)
        d.featureNames.push_back("land_cover_" + std::to_string(c));
}

/// The pixels of the sample grid grouped by their cells on the two weather grids: one site
/// (the lon/lat of the group's first pixel centre) per group and the site of every pixel.
struct PixelSites {
    std::vector<std::pair<double, double>> sites;
    std::vector<std::size_t> siteOf;
};

PixelSites pixelWeatherSites(const geo::Grid& grid, const geo::Grid& temperature,
                             const geo::Grid& precipitation) {
    const std::size_t n = grid.pixelCount(), W = std::size_t(grid.width());
    std::vector<double> lon(n), lat(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto m = grid.pixelCenter(int(i % W), int(i / W));
        lon[i] = m.x;
        lat[i] = m.y;
    }
    grid.mapToLonLat(lon, lat);
    // the cell of each pixel on a weather grid, as stationWeather finds a site's cell
    auto cellsOn = [&](const geo::Grid& g) {
        std::vector<double> x = lon, y = lat;
        g.lonLatToMap(x, y);
        std::vector<std::int64_t> cells(n);
        for (std::size_t i = 0; i < n; ++i) {
            const auto px = g.mapToPixel(x[i], y[i]);
            const int c = int(std::floor(px.col)), r = int(std::floor(px.row));
            cells[i] = c < 0 || r < 0 || c >= g.width() || r >= g.height()
                           ? -1
                           : std::int64_t(r) * g.width() + c;
        }
        return cells;
    };
    const auto ta = cellsOn(temperature), tp = cellsOn(precipitation);
    PixelSites out;
    out.siteOf.resize(n);
    std::map<std::pair<std::int64_t, std::int64_t>, std::size_t> index;
    for (std::size_t i = 0; i < n; ++i) {
        const auto [it, added] = index.try_emplace({ta[i], tp[i]}, out.sites.size());
        if (added)
            out.sites.emplace_back(lon[i], lat[i]);
        out.siteOf[i] = it->second;
    }
    return out;
}
/// The land-cover codes of the probe_classes option: numbers, or numbers written as text (as a
/// comma-separated --set value gives them).
std::vector<int> probeClasses(const json& option, const project::ProjectFile& p) {
    std::vector<int> codes;
    for (const auto& v : option) {
        if (v.is_number_integer()) {
            codes.push_back(v.get<int>());
            continue;
        }
        const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
        std::size_t used = 0;
        int code = 0;
        try {
            code = std::stoi(text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != text.size())
            throw Error("/training/workload/probe_classes: '" + text + "' is not a land-cover code",
                        p.file.string());
        codes.push_back(code);
    }
    return codes;
}

/// The agriculture preset: only the probes whose land cover is one of `classes` (none: all).
void keepProbeClasses(features::Dataset& dataset, const std::vector<int>& classes,
                      WorkloadRun& run) {
    if (classes.empty())
        return;
    std::vector<std::size_t> keep;
    std::set<std::string> kept, all;
    for (std::size_t i = 0; i < dataset.sampleCount(); ++i) {
        all.insert(dataset.groups.station[i]);
        const int lc = dataset.groups.landCover.empty() ? -1 : dataset.groups.landCover[i];
        if (std::find(classes.begin(), classes.end(), lc) != classes.end()) {
            keep.push_back(i);
            kept.insert(dataset.groups.station[i]);
        }
    }
    std::string list;
    for (const int c : classes)
        list += (list.empty() ? "" : ", ") + std::to_string(c);
    if (kept.size() < 3)
        throw Error("probe_classes [" + list + "]: " + std::to_string(kept.size()) + " of " +
                        std::to_string(all.size()) +
                        " probes have these land-cover classes; leave-one-out needs at least 3",
                    run.project().file.string());
    dataset = dataset.subset(keep);
    run.addNote("agriculture preset (probe_classes " + list + "): " + std::to_string(kept.size()) +
                " of " + std::to_string(all.size()) + " probes trained and tested on");
}

} // namespace

WorkloadResult runLstmS1S2Weather(const project::ProjectFile& given, const WorkloadOptions& options,
                                  Feedback& feedback) {
    project::ProjectFile p = given;
    if (!p.hasLearningSetup())
        project::applyWorkloadPreset(p);
    const json o = workloadOptions(p, workloadOptionDefaults("lstm_s1_s2_weather"));
    const std::string inputs = o["inputs"], targetScaling = o["target_scaling"];
    if (targetScaling != "none" && targetScaling != "standard")
        throw Error("/training/workload/target_scaling: expected none or standard",
                    p.file.string());
    if (inputs != "full" && inputs != "minimum")
        throw Error("/training/workload/inputs: expected full or minimum", p.file.string());
    if (inputs == "minimum") { // the paper's minimum set: the time series inputs and the land cover
        auto fromSeries = [&](const features::PredictorSpec& s) {
            if (!s.dynamic())
                return false;
            for (const auto& role : s.roles()) {
                const auto& l = p.layer(role);
                if (features::needsGridding(l.path) || // gridded products are series
                    features::LayerSource::open(role, l.path, l.variable, l.kind, l.band)
                        ->isSeries())
                    return true;
            }
            return false;
        };
        p.predictors.erase(
            std::remove_if(p.predictors.begin(), p.predictors.end(),
                           [&](const features::PredictorSpec& s) { return !fromSeries(s); }),
            p.predictors.end());
    }
    const json trainDefaults = json::parse(R"({
      "optimizer": {"name": "adam", "lr": 0.002, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7},
      "scheduler": {"kind": "cyclic", "min_lr": 1e-6, "max_lr": 0.002, "step_size": 250},
      "loss": {"kind": "mae"}, "epochs": 20, "batch_size": 1, "patience": 0, "seed": 42})");
    training::TrainSettings settings = trainSettings(p, trainDefaults, options);
    if (options.quick)
        settings.epochs = std::min(settings.epochs, 3);
    const models::ModelSpec spec = modelSpec(
        p, json::parse(R"({"family": "lstm", "params": {"layers": 2, "hidden": 16, "dropout": 0.1,
                           "recurrent_l2": 1e-4, "init": "keras"}})"));
    if (models::expectedLayout(spec.family) != "sequence")
        throw Error("/model: lstm_s1_s2_weather needs a sequence family (lstm, gru)",
                    p.file.string());

    WorkloadRun run(p, options, feedback,
                    {{"options", o},
                     {"train_settings", settings.toJson()},
                     {"model", spec.toJson()},
                     {"predictors", features::predictorsToJson(p.predictors)}});
    auto data = project::openProjectData(p);
    features::Dataset dataset = buildDataset(p, *data, run, 0, 15);
    if (dataset.featureShape.size() != 2 ||
        std::size_t(dataset.featureShape[0]) != data->dates.size())
        throw Error("lstm_s1_s2_weather needs whole-series sequences (samples/sequence_length 0)",
                    p.file.string());
    const std::size_t T = data->dates.size();
    keepProbeClasses(dataset, probeClasses(o["probe_classes"], p), run);

    std::size_t extra = 0;
    const bool weather = o["weather"].get<bool>() && p.data.count("air_temperature") &&
                         p.data.count("precipitation");
    // the weather of the stations and of every weather cell under the map, in one pass over the
    // hourly files: rows [0, stations) are the stations', the rest the map's cells
    std::vector<std::vector<WeatherRow>> w;
    std::vector<std::size_t> pixelSite; // per grid pixel: its row of w
    if (weather) {
        const auto where = stationLocations(p.layer(p.target.role).path);
        std::vector<std::pair<double, double>> sites;
        std::map<std::string, std::size_t> siteOf;
        for (const auto& st : dataset.groups.station)
            if (!siteOf.count(st)) {
                if (!where.count(st))
                    throw Error("station '" + st + "' not in the archive", p.file.string());
                siteOf[st] = sites.size();
                sites.push_back(where.at(st));
            }
        const auto& ta = p.layer("air_temperature");
        const auto& tp = p.layer("precipitation");
        auto cells =
            pixelWeatherSites(data->grid, geo::RasterSeries::open(ta.path, ta.variable).grid(),
                              geo::RasterSeries::open(tp.path, tp.variable).grid());
        pixelSite = std::move(cells.siteOf);
        for (std::size_t& k : pixelSite)
            k += sites.size();
        run.message("weather at " + std::to_string(sites.size()) + " stations and " +
                    std::to_string(cells.sites.size()) + " cells of the map");
        sites.insert(sites.end(), cells.sites.begin(), cells.sites.end());
        w = stationWeather(ta.path, ta.variable, tp.path, tp.variable, sites, data->dates,
                           run.feedback());
        appendWeather(dataset, [&](std::size_t i) -> const std::vector<WeatherRow>& {
            return w.at(siteOf.at(dataset.groups.station[i]));
        });
        extra = weatherNames().size();
    }
    const std::vector<int> classes =
        inputs == "minimum" ? stationClasses(dataset) : std::vector<int>{};
    if (inputs == "minimum") {
        appendLandCover(dataset, classes);
        extra += classes.size();
    }
    run.progress(20);

    training::SplitSettings ss;
    ss.scheme = "leave_station_out";
    ss.validationFraction = o["validation_fraction"];
    ss.repeats = options.quick ? 1 : o["repeats"].get<int>();
    ss.maxFolds = options.quick ? 2 : o["max_folds"].get<int>();
    ss.seed = o["seed"];
    auto splits = training::makeSplits(dataset.groups, dataset.sampleCount(), ss);
    const int window = o["climatology_window_days"];
    std::vector<int> doy(T), year(T);
    for (std::size_t t = 0; t < T; ++t) {
        doy[t] = dayOfYear(data->dates[t]);
        year[t] =
            int(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(data->dates[t])}
                    .year());
    }

    std::vector<float> pred, obs, clim, climOther, obsOther;
    std::map<std::string, std::vector<float>> stPred, stObs, stClim;
    std::map<int, std::vector<float>> lcPred, lcObs;
    std::vector<std::vector<std::string>> rows;
    FeedbackSlice slice(run.feedback(), 20, 85);
    std::map<std::pair<std::string, std::size_t>, std::pair<double, int>>
        heldOutSum; // (station, step)
    models::TrainedModel firstModel;
    TargetStandardisation firstScaling;
    features::Normaliser firstNorm;
    // One unit per split: its training and held-out predictions. Under mpirun the splits are
    // spread over the processes; split 1 (whose model becomes the bundle) stays on process 0.
    std::vector<training::EpochReport> firstHistory;
    const auto folds = run.units(
        splits.size(),
        [&](std::size_t s, Feedback& foldFeedback) {
            const auto& split = splits[s];
            training::NormalisedData norm =
                training::normaliseOnTraining(dataset, normaliserWithExtra(p, extra), split.train);
            // optional target standardisation with the training stations' mean and deviation;
            // the MAE is then minimised in those units and the predictions are mapped back
            TargetStandardisation scaling;
            if (targetScaling == "standard") {
                scaling = fitTargetStandardisation(dataset, split.train);
                standardiseTargets(norm.data, scaling);
            }
            const auto result =
                training::trainFold(spec, settings, norm.data, split, foldFeedback).training;
            if (s == 0) {
                firstModel = result.model;
                firstScaling = scaling;
                firstNorm = norm.normaliser;
                firstHistory = result.history;
            }
            return heldOutFold(result, norm.data.subset(split.test), scaling);
        },
        slice, true);
    if (!run.isRoot())
        return run.workerResult();
    // the ECV-like product at the stations (optional role ecv_sm): the paper's ECV_SM baseline
    std::map<std::string, std::vector<float>> ecv;
    if (p.data.count("ecv_sm"))
        ecv = griddedAtStations(p.layer("ecv_sm"), stationLocations(p.layer(p.target.role).path),
                                data->dates, std::chrono::hours(12));
    std::vector<float> ecvPred, ecvObs, lstmOnEcv;
    for (std::size_t s = 0; s < splits.size(); ++s) {
        const auto& split = splits[s];
        run.addTraining(
            split.name,
            heldOutTraining(folds[s], s == 0 ? firstHistory : std::vector<training::EpochReport>{}),
            settings);
        // climatology of the training and validation stations (never the test station)
        std::vector<double> sum(T, 0.0), count(T, 0.0);
        for (const auto& part : {split.train, split.validation})
            for (std::size_t i : part)
                for (std::size_t t = 0; t < T; ++t)
                    if (dataset.targetMask[i * T + t]) {
                        sum[t] += dataset.y[i * T + t];
                        count[t] += 1;
                    }
        // the default uses every year (so also the test date's own year); the second baseline
        // leaves that year out, a climatology that knows nothing of the concurrent weather
        std::vector<float> climatology(T, NAN), otherYears(T, NAN);
        for (std::size_t t = 0; t < T; ++t) {
            double a = 0, c = 0, ao = 0, co = 0;
            for (std::size_t u = 0; u < T; ++u) {
                const int dd = std::abs(doy[t] - doy[u]);
                if (std::min(dd, 365 - dd) <= window) {
                    a += sum[u];
                    c += count[u];
                    if (year[u] != year[t]) {
                        ao += sum[u];
                        co += count[u];
                    }
                }
            }
            if (c > 0)
                climatology[t] = float(a / c);
            if (co > 0)
                otherYears[t] = float(ao / co);
        }
        const auto yhat = heldOutPredictions(folds[s]);
        for (std::size_t k = 0; k < split.test.size(); ++k) {
            const std::size_t i = split.test[k];
            const std::string& st = dataset.groups.station[i];
            for (std::size_t t = 0; t < T; ++t) {
                if (std::isfinite(yhat[k * T + t])) {
                    auto& [sum, count] = heldOutSum[{st, t}];
                    sum += yhat[k * T + t];
                    ++count;
                }
                if (!dataset.targetMask[i * T + t] || !std::isfinite(climatology[t]))
                    continue;
                const float yo = dataset.y[i * T + t], yp = yhat[k * T + t];
                if (const auto e = ecv.find(st);
                    e != ecv.end() && std::isfinite(e->second[t]) && std::isfinite(yp)) {
                    ecvPred.push_back(e->second[t]);
                    ecvObs.push_back(yo);
                    lstmOnEcv.push_back(yp);
                }
                pred.push_back(yp);
                obs.push_back(yo);
                clim.push_back(climatology[t]);
                if (std::isfinite(otherYears[t])) {
                    climOther.push_back(otherYears[t]);
                    obsOther.push_back(yo);
                }
                stPred[st].push_back(yp);
                stObs[st].push_back(yo);
                stClim[st].push_back(climatology[t]);
                lcPred[dataset.groups.landCover.empty() ? -1 : dataset.groups.landCover[i]]
                    .push_back(yp);
                lcObs[dataset.groups.landCover.empty() ? -1 : dataset.groups.landCover[i]]
                    .push_back(yo);
                rows.push_back({std::to_string(s + 1), st, formatIsoTime(data->dates[t]), fmt(yo),
                                fmt(yp), fmt(climatology[t]), fmt(otherYears[t])});
            }
        }
    }
    if (pred.empty())
        throw Error("lstm_s1_s2_weather: no valid test step in any split", p.file.string());

    const auto model = training::pooledMetrics(pred, obs);
    const auto base = training::pooledMetrics(clim, obs);
    run.addMetrics("pooled", "lstm", model);
    run.addMetrics("pooled", "climatology", base);
    if (climOther.size() > 1)
        run.addMetrics("pooled", "climatology_other_years",
                       training::pooledMetrics(climOther, obsOther));
    std::vector<std::vector<std::string>> stationRows;
    for (const auto& [st, v] : stPred) {
        const auto m = training::pooledMetrics(v, stObs[st]);
        const auto c = training::pooledMetrics(stClim[st], stObs[st]);
        run.store().addMetrics(run.id(), "station", st,
                               {{"mae", m.at("mae")}, {"mae_climatology", c.at("mae")}});
        stationRows.push_back({st, fmt(m.at("n")), fmt(m.at("mae")),
                               fmt(m.count("r") ? m.at("r") : NAN), fmt(c.at("mae"))});
    }
    for (const auto& [lc, v] : lcPred)
        run.addMetrics("land_cover", std::to_string(lc), training::pooledMetrics(v, lcObs[lc]));
    run.writeCsv("predictions.csv",
                 {"split", "station", "date", "observed", "predicted", "climatology",
                  "climatology_other_years"},
                 rows,
                 "held-out station series: observed, LSTM and climatology (scatter, series, error "
                 "histograms)");
    run.writeCsv("per_station.csv", {"station", "n", "mae", "r", "mae_climatology"}, stationRows,
                 "per-station MAE of the LSTM and of the climatology baseline");

    models::BundleInfo info;
    info.predictors = features::predictorsToJson(p.predictors);
    info.inputs = project::inputPreparationToJson(p);
    info.normalisation = firstNorm.toJson();
    info.trainSettings = settings.toJson();
    info.metrics = {{"pooled", model}, {"climatology", base}};
    if (targetScaling == "standard")
        foldIntoBundle(firstModel, firstScaling, info, run);
    info.featureNames = dataset.featureNames;
    const auto bundle = run.folder() / "bundle";
    models::saveBundle(bundle, firstModel, info);
    run.addOutput(bundle, "model bundle of the first split (with its normaliser)");

    // the paper's spatial mode: every pixel's series through the bundle's model
    const std::size_t mapDates = o["map_dates"].get<std::size_t>();
    const auto steps = lastSteps(lastCompleteStep(dataset), mapDates);
    run.message("map: every pixel's sequence, " + std::to_string(steps.size()) + " dates written");
    const bool coverLayer = p.data.count("land_cover") > 0;
    std::size_t unseenCover = 0;
    const SequenceChannels channels = [&](features::Dataset& block) {
        if (weather)
            appendWeather(block, [&](std::size_t i) -> const std::vector<WeatherRow>& {
                return w[pixelSite[std::size_t(block.groups.cell[i])]];
            });
        std::vector<std::uint8_t> keep;
        if (inputs != "minimum")
            return keep;
        appendLandCover(block, classes);
        if (!coverLayer)
            return keep;
        // a class no station has: the model has no land-cover channel for it
        for (const int c : block.groups.landCover) {
            keep.push_back(std::find(classes.begin(), classes.end(), c) != classes.end() ? 1 : 0);
            unseenCover += keep.back() ? 0 : 1;
        }
        return keep;
    };
    SequenceMapSettings ms;
    ms.steps = steps;
    ms.extraChannels = extra;
    ms.progressFrom = 85;
    ms.progressTo = 99;
    const SequenceMap map = predictSequenceMap(p, *data, firstModel, firstNorm, channels, ms, run);
    writeSequenceMap(run, "sm_map.tif", data->grid, map, "lstm_sm",
                     "soil moisture maps of the last " + std::to_string(steps.size()) +
                         " Sentinel-1 dates with complete inputs at most stations (bundle model, "
                         "one band per date)");
    run.addMetrics("map", "lstm",
                   {{"dates", double(steps.size())},
                    {"sequences", double(map.sequences)},
                    {"seconds", map.seconds},
                    {"seconds_inputs", map.inputSeconds},
                    {"seconds_network", map.modelSeconds},
                    {"excluded", double(map.excluded)}});
    run.addNote("map: " + std::to_string(map.sequences) + " pixel sequences of " +
                std::to_string(T) + " steps in " + fmt(map.seconds, 3) + " s (inputs " +
                fmt(map.inputSeconds, 3) + " s, network " + fmt(map.modelSeconds, 3) + " s on " +
                map.forward + "), " + std::to_string(steps.size()) + " dates written" +
                (unseenCover ? "; " + std::to_string(unseenCover) +
                                   " pixels of a land-cover class no station has left as nodata"
                             : "") +
                (inputs == "minimum" && !coverLayer
                     ? "; no land_cover layer: every pixel has 0 in the land-cover channels"
                     : ""));
    const auto odd = inputs == "minimum" && coverLayer
                         ? coverMismatches(dataset, landCoverPlane(p, *data))
                         : std::vector<CoverMismatch>{};
    if (!odd.empty())
        run.addNote("stations whose ISMN land cover differs from the land_cover layer at their "
                    "pixel (station vs "
                    "layer; the map uses the layer's class, so it differs from the station's "
                    "prediction there): " +
                    describeMismatches(odd));
    features::Dataset stationInput = dataset;
    firstNorm.apply(stationInput);
    features::fillMissing(stationInput, 0.0f);
    const auto atStations = firstModel.predict(stationInput.x.data(), stationInput.sampleCount());
    std::map<std::pair<std::string, std::size_t>, float> heldOut;
    for (const auto& [key, v] : heldOutSum)
        heldOut[key] = float(v.first / v.second);
    compareMapWithTruth(run, p, *data, map, "lstm");
    const double mapDiff =
        checkMapAtStations(run, "map_stations.csv", map, steps, dataset, atStations, heldOut, odd);

    const bool beats = model.at("mae") < base.at("mae");
    run.addNote("MAE " + fmt(100 * model.at("mae"), 3) + " % vol vs station climatology " +
                fmt(100 * base.at("mae"), 3) + " % vol: the target (MAE below climatology) " +
                (beats ? "holds" : "does not hold"));
    if (ecvPred.size() > 1) {
        const auto e = training::pooledMetrics(ecvPred, ecvObs);
        const auto l = training::pooledMetrics(lstmOnEcv, ecvObs);
        run.addMetrics("pooled", "ecv_like", e);
        run.addMetrics("pooled", "lstm_on_ecv_pairs", l);
        run.addNote("MAE " + fmt(100 * l.at("mae"), 3) + " % vol vs the ECV-like product " +
                    fmt(100 * e.at("mae"), 3) + " % vol on the " + std::to_string(ecvPred.size()) +
                    " held-out samples where it has a value: the claim (MAE below the ECV-like "
                    "product) " +
                    (l.at("mae") < e.at("mae") ? "holds" : "does not hold"));
    } else if (p.data.count("ecv_sm")) {
        run.addNote("the ECV-like product (ecv_sm) has no value at the held-out samples: no "
                    "comparison");
    }
    if (climOther.size() > 1)
        run.addNote("climatology without the test date's year (no concurrent weather): MAE " +
                    fmt(100 * training::pooledMetrics(climOther, obsOther).at("mae"), 3) +
                    " % vol over " + std::to_string(climOther.size()) + " samples");
    run.addNote("inputs " + inputs + ", target scaling " + targetScaling);
    run.addNote(std::to_string(splits.size()) +
                " leave-one-station-out splits (folds × repeats); weather channels " +
                (weather ? "included" : "not available"));
    run.progress(100);
    return run.finish("seq2seq LSTM, leave-one-station-out: MAE " + fmt(model.at("mae"), 3) +
                          " vs climatology " + fmt(base.at("mae"), 3),
                      {{"mae", model.at("mae")},
                       {"mae_climatology", base.at("mae")},
                       {"r", model.count("r") ? model.at("r") : NAN},
                       {"splits", splits.size()},
                       {"map", (run.folder() / "sm_map.tif").string()},
                       {"map_max_abs_diff_at_stations", mapDiff},
                       {"bundle", bundle.string()}});
}

} // namespace soilscope::workloads
