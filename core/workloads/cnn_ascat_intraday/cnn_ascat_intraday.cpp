// cnn_ascat_intraday: a locally connected CNN on ASCAT σ40 + soil temperature + LAI images, one
// model per orbit direction, trained on the reanalysis-like target; test-year total r, the
// H120-like benchmark against station truth, and the intraday amplitude analysis.
#include "base/error.h"
#include "features/predictor_spec.h"
#include "geo/geotiff_writer.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "models/bundle.h"
#include "models/output_affine.h"
#include "training/evaluation.h"
#include "training/fold.h"
#include "training/trainer.h"
#include "workloads/cnn_ascat_intraday/cnn_ascat_analysis.h"
#include "workloads/cnn_ascat_intraday/cnn_ascat_baselines.h"
#include "workloads/cnn_ascat_intraday/cnn_ascat_inputs.h"
#include "workloads/cnn_ascat_intraday/cnn_ascat_overpass.h"
#include "workloads/pipelines.h"
#include "workloads/workload_run.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <random>

namespace soilscope::workloads {

namespace {
using nlohmann::json;

json setup(const std::string& laiRole) {
    json s = json::parse(R"({
      "predictors": [
        {"name": "sigma40_db", "kind": "band", "role": "sigma40", "temporal": {"method": "exact"}},
        {"name": "soil_temperature", "kind": "band", "role": "soil_temperature", "temporal": {"method": "nearest", "max_gap": "30min"}},
        {"name": "lai", "kind": "band", "role": "LAI", "temporal": {"method": "nearest", "max_gap": "30min"}}],
      "target": {"role": "target", "kind": "grid", "window": "30min", "valid_range": [0, 1]},
      "samples": {"layout": "image", "dates_from": "sigma40"}})");
    if (laiRole == "both") {
        // both LAI roles as two channels (four inputs instead of the paper's three)
        s["predictors"][2]["role"] = "lai_high";
        s["predictors"][2]["name"] = "lai_high";
        json low = s["predictors"][2];
        low["role"] = "lai_low";
        low["name"] = "lai_low";
        s["predictors"].push_back(low);
    } else {
        s["predictors"][2]["role"] = laiRole;
    }
    return s;
}

/// Orbit direction of each sample date: the most frequent value of the orbit layer at that
/// time (0 descending, 1 ascending); without the layer, by UTC hour (morning = descending).
std::vector<int> orbitOf(const project::ProjectFile& p, const std::vector<TimePoint>& dates) {
    std::vector<int> out(dates.size(), 0);
    if (!p.data.count("orbit_direction")) {
        for (std::size_t i = 0; i < dates.size(); ++i) {
            const auto h = std::chrono::floor<std::chrono::hours>(
                dates[i] - std::chrono::floor<std::chrono::days>(dates[i]));
            out[i] = h.count() >= 12 ? 1 : 0;
        }
        return out;
    }
    const auto& l = p.layer("orbit_direction");
    const auto series = geo::RasterSeries::open(l.path, l.variable);
    for (std::size_t i = 0; i < dates.size(); ++i) {
        const auto k = series.indexOf(dates[i], std::chrono::minutes(30));
        if (!k)
            throw Error("no orbit direction at " + formatIsoTime(dates[i]), l.path.string());
        int votes[2] = {0, 0};
        for (float v : series.readTime(*k))
            if (std::isfinite(v))
                ++votes[v > 0.5f ? 1 : 0];
        out[i] = votes[1] > votes[0] ? 1 : 0;
    }
    return out;
}

/// The training target as the network sees it: (y − offset per pixel) / scale. An offset of
/// the pixel's mean is the same as starting every per-pixel bias at that mean.
struct TargetTransform {
    float scale = 1.0f;
    std::vector<float> offset; ///< per pixel
    void apply(features::Dataset& d) const {
        const std::size_t pixels = offset.size();
        for (std::size_t i = 0; i < d.y.size(); ++i)
            d.y[i] = (d.y[i] - offset[i % pixels]) / scale;
    }
};

TargetTransform fitTargetTransform(const features::Dataset& d,
                                   const std::vector<std::size_t>& train,
                                   const std::string& scaling, const std::string& biasInit) {
    if (scaling != "none" && scaling != "zscore")
        throw Error("/training/workload/target_scaling: expected none or zscore",
                    "cnn_ascat_intraday");
    if (biasInit != "zero" && biasInit != "pixel_mean")
        throw Error("/training/workload/bias_init: expected zero or pixel_mean",
                    "cnn_ascat_intraday");
    const std::size_t pixels = d.targetSize();
    TargetTransform t;
    t.offset.assign(pixels, 0.0f);
    double sum = 0.0, sq = 0.0, count = 0.0;
    for (std::size_t s : train)
        for (std::size_t j = 0; j < pixels; ++j)
            if (d.targetMask[s * pixels + j]) {
                sum += d.y[s * pixels + j];
                ++count;
            }
    const float mean = count > 0 ? float(sum / count) : 0.0f;
    if (biasInit == "pixel_mean") {
        t.offset = pixelMeanTarget(d, train);
        for (float& v : t.offset)
            if (!std::isfinite(v))
                v = mean;
    } else if (scaling == "zscore") {
        t.offset.assign(pixels, mean);
    }
    if (scaling == "zscore") {
        for (std::size_t s : train)
            for (std::size_t j = 0; j < pixels; ++j)
                if (d.targetMask[s * pixels + j])
                    sq += std::pow(d.y[s * pixels + j] - t.offset[j], 2.0);
        const double sd = count > 1 ? std::sqrt(sq / (count - 1)) : 0.0;
        t.scale = sd > 1e-9 ? float(sd) : 1.0f;
    }
    return t;
}

TimePoint testStart(const std::vector<TimePoint>& dates, int testYear) {
    if (testYear > 0)
        return makeTime(testYear, 1, 1);
    const auto [lo, hi] = std::minmax_element(dates.begin(), dates.end());
    const int y0 =
        int(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(*lo)}.year());
    const int y1 =
        int(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(*hi)}.year());
    return y1 > y0 ? makeTime(y1, 1, 1) : *lo + (*hi - *lo) * 3 / 4;
}
} // namespace

WorkloadResult runCnnAscatIntraday(const project::ProjectFile& given,
                                   const WorkloadOptions& options, Feedback& feedback) {
    const json o = workloadOptions(given, workloadOptionDefaults("cnn_ascat_intraday"));
    std::string lai = o["lai"];
    if (lai != "lai_high" && lai != "lai_low" && lai != "both" && lai != "auto")
        throw Error("/training/workload/lai: expected lai_high, lai_low, both or auto",
                    given.file.string());
    if (lai == "auto") {
        // the LAI roles the project has; with one of them there is nothing to choose
        const bool high = given.data.count("lai_high") > 0, low = given.data.count("lai_low") > 0;
        if (!high && !low)
            throw Error("/training/workload/lai auto: the project has neither a lai_high nor a "
                        "lai_low layer",
                        given.file.string());
        if (!high || !low)
            lai = high ? "lai_high" : "lai_low";
    }
    const std::vector<std::string> laiCandidates =
        lai == "auto" ? std::vector<std::string>{"lai_high", "lai_low"}
                      : std::vector<std::string>{lai};
    if (o["validation_draw"] != "random" && o["validation_draw"] != "last" &&
        o["validation_draw"] != "months")
        throw Error("/training/workload/validation_draw: expected random, last or months",
                    given.file.string());
    const std::string fill = o["missing_fill"];
    if (fill != "channel_mean" && fill != "pixel_mean")
        throw Error("/training/workload/missing_fill: expected channel_mean or pixel_mean",
                    given.file.string());
    project::ProjectFile p = withSetup(given, setup(lai == "auto" ? "both" : lai));
    if (options.quick)
        p.samples.maxSamples = o["quick_max_samples"];
    const json trainDefaults =
        json::parse(R"({"optimizer": {"name": "adam", "lr": 0.001, "eps": 1e-7},
        "loss": {"kind": "mse"}, "batch_size": 16, "epochs": 200, "patience": 5, "restore_best": true, "seed": 42})");
    training::TrainSettings settings = trainSettings(p, trainDefaults, options);
    if (options.quick)
        settings.epochs = std::min(settings.epochs, 3);
    const models::ModelSpec spec = modelSpec(
        p, json::parse(
               R"({"family": "locally_connected", "params": {"kernel": 5, "init": "glorot"}})"));

    WorkloadRun run(p, options, feedback,
                    {{"options", o},
                     {"train_settings", settings.toJson()},
                     {"model", spec.toJson()},
                     {"predictors", features::predictorsToJson(p.predictors)}});
    auto data = project::openProjectData(p);
    const features::Dataset stamps = buildDataset(p, *data, run, 0, 20);
    const std::string window = o["overpass_window"];
    const OverpassImages images =
        mergeOverpasses(stamps, orbitOf(p, stamps.groups.date),
                        window == "0" ? std::chrono::seconds(0) : parseDuration(window));
    const features::Dataset& dataset = images.data;
    const std::vector<int>& orbit = images.orbit;
    const std::size_t n = dataset.sampleCount();
    const std::size_t pixels = dataset.targetSize();
    const TimePoint testFrom = testStart(dataset.groups.date, o["test_year"]);
    run.message(std::to_string(stamps.sampleCount()) + " time stamps merged into " +
                std::to_string(n) + " overpass images");

    OverpassFrames frames;
    frames.grid = data->grid;
    std::vector<std::pair<TimePoint, std::size_t>> order; // (time, frame index)
    std::vector<float> allPred, allRef;
    std::map<std::string, std::pair<std::vector<float>, std::vector<float>>>
        baselineAll; // name → (pred, ref)
    // test pixels by their neighbourhood: complete / with σ40 gaps, interior / at the grid edge
    std::map<std::string, std::pair<std::vector<float>, std::vector<float>>> byNeighbourhood;
    const int kernel = spec.params.value("kernel", 5);
    const int gridW = int(dataset.featureShape[2]), gridH = int(dataset.featureShape[1]);
    json perOrbit = json::object();
    std::string summary;
    FeedbackSlice slice(run.feedback(), 20, 75);
    const char* names[2] = {"descending", "ascending"};
    for (int dir : {1, 0}) {
        std::vector<std::size_t> trainVal, test;
        for (std::size_t i = 0; i < n; ++i)
            if (orbit[i] == dir)
                (dataset.groups.date[i] >= testFrom ? test : trainVal).push_back(i);
        if (trainVal.size() < 2 || test.empty()) {
            run.addNote(std::string(names[dir]) + ": too few samples (" +
                        std::to_string(trainVal.size()) + " train, " + std::to_string(test.size()) +
                        " test); no model");
            continue;
        }
        std::mt19937_64 rng(o["seed"].get<unsigned long long>() + unsigned(dir));
        const std::size_t nv = std::max<std::size_t>(
            1, std::size_t(o["validation_fraction"].get<double>() * double(trainVal.size())));
        const auto [train, val] =
            drawValidation(trainVal, dataset.groups.date, nv, o["validation_draw"], rng);
        slice.setRange(dir == 1 ? 20 : 47, dir == 1 ? 47 : 75);
        // one model per LAI candidate ("auto": both roles, the lower best validation loss wins)
        struct Candidate {
            std::string lai;
            std::vector<features::PredictorSpec> predictors;
            training::NormalisedData norm;
            TargetTransform tt;
            training::TrainResult result;
            double bestVal = INFINITY;
        };
        std::optional<Candidate> chosen;
        std::map<std::string, double> laiScores;
        for (const auto& cand : laiCandidates) {
            Candidate c;
            c.lai = cand;
            std::vector<std::size_t> channels;
            for (std::size_t k = 0; k < p.predictors.size(); ++k)
                if (lai != "auto" ||
                    (p.predictors[k].name != "lai_high" && p.predictors[k].name != "lai_low") ||
                    p.predictors[k].name == cand) {
                    channels.push_back(k);
                    c.predictors.push_back(p.predictors[k]);
                }
            const features::Dataset own =
                lai == "auto" ? selectChannels(dataset, channels) : features::Dataset{};
            const features::Dataset& images = lai == "auto" ? own : dataset;
            c.norm =
                training::normaliseOnTraining(images, features::normaliserFor(c.predictors), train);
            if (fill == "pixel_mean")
                fillMissingWithPixelMean(c.norm.data, images, train);
            auto trainSet = c.norm.data.subset(train), valSet = c.norm.data.subset(val);
            c.tt = fitTargetTransform(c.norm.data, train, o["target_scaling"], o["bias_init"]);
            c.tt.apply(trainSet);
            c.tt.apply(valSet);
            run.message(std::string(names[dir]) + ", LAI " + cand + ": " +
                        std::to_string(train.size()) + " train, " + std::to_string(val.size()) +
                        " validation, " + std::to_string(test.size()) + " test images");
            c.result = training::train(spec, settings, trainSet, &valSet, slice);
            for (const auto& e : c.result.history)
                if (e.values.count("val_loss"))
                    c.bestVal = std::min(c.bestVal, e.values.at("val_loss"));
            laiScores[cand] = c.bestVal;
            if (!chosen || c.bestVal < chosen->bestVal)
                chosen = std::move(c);
        }
        if (lai == "auto") {
            laiScores["chosen_lai_low"] = chosen->lai == "lai_low" ? 1 : 0;
            run.addMetrics("lai choice (best validation loss)", names[dir], laiScores);
            run.addNote(std::string(names[dir]) + ": LAI " + chosen->lai +
                        " chosen by validation loss (lai_high " + fmt(laiScores["lai_high"]) +
                        ", lai_low " + fmt(laiScores["lai_low"]) + ")");
        }
        training::NormalisedData& norm = chosen->norm;
        const TargetTransform& tt = chosen->tt;
        auto& result = chosen->result;
        const auto gaps = missingNeighbours(dataset, test, kernel);
        const auto testSet = norm.data.subset(test);
        run.addTraining(names[dir], result, settings);
        // the bundle predicts m³/m³ whatever the training target's scaling
        models::foldOutputAffine(result.model, tt.scale, tt.offset);
        const auto pred = result.model.predict(testSet.x.data(), testSet.sampleCount());
        std::vector<float> pv, rv;
        for (std::size_t k = 0; k < test.size(); ++k) {
            // back to one frame per time stamp: each pixel at its own overpass hour
            const auto& group = images.stamps[test[k]];
            for (std::size_t q = 0; q < group.size(); ++q) {
                std::vector<float> cnn(pixels, NAN), ref(pixels, NAN);
                bool any = false;
                for (std::size_t j = 0; j < pixels; ++j)
                    if (testSet.targetMask[k * pixels + j] &&
                        images.owner[test[k]][j] == std::int32_t(q)) {
                        cnn[j] = pred[k * pixels + j];
                        ref[j] = testSet.y[k * pixels + j];
                        pv.push_back(cnn[j]);
                        rv.push_back(ref[j]);
                        const int row = int(j) / gridW, col = int(j) % gridW, half = kernel / 2;
                        const bool edge =
                            row < half || col < half || row >= gridH - half || col >= gridW - half;
                        for (const char* g : {gaps[k * pixels + j] ? "sigma40_gaps" : "complete",
                                              edge ? "edge" : "interior"}) {
                            byNeighbourhood[g].first.push_back(cnn[j]);
                            byNeighbourhood[g].second.push_back(ref[j]);
                        }
                        any = true;
                    }
                if (!any)
                    continue;
                order.emplace_back(stamps.groups.date[group[q]], frames.cnn.size());
                frames.cnn.push_back(std::move(cnn));
                frames.reference.push_back(std::move(ref));
            }
        }
        const auto m = training::pooledMetrics(pv, rv);
        run.addMetrics("test total", names[dir], m);
        for (const auto& b : o["baselines"].get<bool>()
                                 ? pixelBaselines(norm.data, train, val, test)
                                 : std::vector<PixelBaseline>{}) {
            auto& [bp, br] = baselineAll[b.name];
            std::vector<float> p1, r1;
            for (std::size_t k = 0; k < test.size(); ++k)
                for (std::size_t j = 0; j < pixels; ++j)
                    if (testSet.targetMask[k * pixels + j] &&
                        std::isfinite(b.predictions[k * pixels + j])) {
                        p1.push_back(b.predictions[k * pixels + j]);
                        r1.push_back(testSet.y[k * pixels + j]);
                    }
            auto bm = training::pooledMetrics(p1, r1);
            if (b.lambda > 0)
                bm["ridge_lambda"] = b.lambda;
            run.addMetrics("baseline " + b.name, names[dir], bm);
            bp.insert(bp.end(), p1.begin(), p1.end());
            br.insert(br.end(), r1.begin(), r1.end());
        }
        perOrbit[names[dir]] = m;
        summary += std::string(summary.empty() ? "" : "; ") + names[dir] + " total r " +
                   fmt(m.count("r") ? m.at("r") : NAN, 3);
        allPred.insert(allPred.end(), pv.begin(), pv.end());
        allRef.insert(allRef.end(), rv.begin(), rv.end());

        models::BundleInfo info;
        info.predictors = features::predictorsToJson(chosen->predictors);
        info.normalisation = norm.normaliser.toJson();
        info.trainSettings = settings.toJson();
        info.metrics = {{"test_total", m}, {"orbit", names[dir]}};
        info.featureNames = norm.data.featureNames;
        const auto bundle = run.folder() / (std::string("bundle_") + names[dir]);
        models::saveBundle(bundle, result.model, info);
        run.addOutput(bundle, std::string("locally connected CNN, ") + names[dir] + " passes",
                      "bundle", names[dir]);
    }
    if (frames.cnn.empty())
        throw Error("cnn_ascat_intraday: no orbit direction had training and test images",
                    p.file.string());
    const auto total = training::pooledMetrics(allPred, allRef);
    run.addMetrics("test total", "both", total);
    json neighbourhood = json::object();
    for (const auto& [g, pr] : byNeighbourhood) {
        neighbourhood[g] = training::pooledMetrics(pr.first, pr.second);
        run.addMetrics("test by neighbourhood", g, neighbourhood[g]);
    }
    json baselines = json::object();
    for (const auto& [name, pr] : baselineAll) {
        baselines[name] = training::pooledMetrics(pr.first, pr.second);
        run.addMetrics("baseline " + name, "both", baselines[name]);
    }

    // frames in time order, with the H120-like benchmark (SSM % saturation × porosity)
    std::sort(order.begin(), order.end());
    OverpassFrames sorted;
    sorted.grid = frames.grid;
    const auto& ssmLayer = p.layer("benchmark_ssm");
    const auto ssm = geo::RasterSeries::open(ssmLayer.path, ssmLayer.variable);
    const auto& porLayer = p.layer("porosity");
    const std::vector<float> porosity =
        geo::Raster(porLayer.path).readBand(porLayer.band > 0 ? porLayer.band : 1);
    std::vector<float> bp, br;
    for (const auto& [t, k] : order) {
        sorted.times.push_back(t);
        sorted.cnn.push_back(frames.cnn[k]);
        sorted.reference.push_back(frames.reference[k]);
        std::vector<float> bench(pixels, NAN);
        if (const auto idx = ssm.indexOf(t, std::chrono::minutes(30))) {
            const auto s = ssm.readTime(*idx);
            for (std::size_t j = 0; j < pixels; ++j) {
                bench[j] = s[j] * porosity[j] / 100.0f;
                if (std::isfinite(bench[j]) && std::isfinite(frames.reference[k][j])) {
                    bp.push_back(bench[j]);
                    br.push_back(frames.reference[k][j]);
                }
            }
        }
        sorted.benchmark.push_back(std::move(bench));
    }
    run.addMetrics("test total", "benchmark_vs_reference", training::pooledMetrics(bp, br));
    // Check only (never an input): how far the reanalysis-like target itself is from the twin's
    // truth bounds what any model of the target can reach.
    json truthCheck = json::object();
    if (p.data.count("truth")) {
        const auto& tl = p.layer("truth");
        const auto truth = geo::RasterSeries::open(tl.path, tl.variable);
        std::vector<float> ct, rt, tc, tr;
        for (std::size_t k = 0; k < sorted.times.size(); ++k) {
            const auto idx = truth.indexOf(sorted.times[k], std::chrono::minutes(30));
            if (!idx)
                continue;
            const auto tv = truth.readTime(*idx);
            for (std::size_t j = 0; j < pixels; ++j)
                if (std::isfinite(tv[j]) && std::isfinite(sorted.cnn[k][j]) &&
                    std::isfinite(sorted.reference[k][j])) {
                    ct.push_back(sorted.cnn[k][j]);
                    rt.push_back(sorted.reference[k][j]);
                    tc.push_back(tv[j]);
                }
        }
        tr = tc;
        truthCheck["cnn_vs_truth"] = training::pooledMetrics(ct, tc);
        truthCheck["reference_vs_truth"] = training::pooledMetrics(rt, tr);
        run.addMetrics("truth check", "cnn_vs_truth", truthCheck["cnn_vs_truth"]);
        run.addMetrics("truth check", "reference_vs_truth", truthCheck["reference_vs_truth"]);
    }
    run.progress(80);

    // maps of the last test overpass: reference-o, CNN, CNN − reference, benchmark − reference
    {
        const std::size_t k = sorted.times.size() - 1;
        std::vector<float> d1(pixels), d2(pixels);
        for (std::size_t j = 0; j < pixels; ++j) {
            d1[j] = sorted.cnn[k][j] - sorted.reference[k][j];
            d2[j] = sorted.benchmark[k][j] - sorted.reference[k][j];
        }
        geo::GeoTiffOptions to;
        const std::string when = formatIsoTime(sorted.times[k]);
        to.bandDescriptions = {"reference_o " + when, "cnn " + when, "cnn-reference " + when,
                               "benchmark-reference " + when};
        const auto path = run.folder() / "maps_last_test_overpass.tif";
        geo::writeGeoTiff(path, data->grid, {sorted.reference[k], sorted.cnn[k], d1, d2}, to);
        run.addOutput(path, "maps of the last test overpass (reference-o, CNN, CNN − reference, "
                            "H120-like − reference)");
    }

    const json st =
        compareWithStations(run, sorted, p.layer("stations").path, o["station_depth_max"],
                            std::chrono::duration_cast<std::chrono::seconds>(
                                parseDuration(o["station_window"].get<std::string>())),
                            o["max_missing_days"]);
    run.addMetrics("stations", "median",
                   {{"r_cnn", st["median_r_cnn"]},
                    {"r_benchmark", st["median_r_benchmark"]},
                    {"r_reference_o", st["median_r_reference_o"]},
                    {"stations", st["compared_stations"]}});
    run.progress(88);
    json intraday = json::object();
    if (p.data.count("precipitation"))
        intraday = intradayAnalysis(run, sorted, p.layer("target"), p.layer("precipitation"),
                                    o["intraday_conditions"].get<std::vector<std::string>>(),
                                    o["intraday_panel_condition"].get<std::string>());
    const double r = total.count("r") ? total.at("r") : NAN;
    const double rc = st["median_r_cnn"], rb = st["median_r_benchmark"];
    run.addNote("test-period total r vs the reanalysis-like target " + fmt(r, 3) +
                " (target ≥ 0.9: " + (r >= 0.9 ? "holds" : "does not hold") + ")");
    run.addNote("median station r: CNN " + fmt(rc, 3) + ", H120-like " + fmt(rb, 3) +
                ", reanalysis-o " + fmt(st["median_r_reference_o"].get<double>(), 3) +
                " (CNN beats H120-like: " + (rc > rb ? "holds" : "does not hold") +
                "); CNN better at " + std::to_string(st["cnn_better_stations"].get<int>()) +
                " of " + std::to_string(st["compared_stations"].get<int>()) + " stations");
    {
        auto rOf = [&](const char* name) {
            return baselines.contains(name) && baselines[name].contains("r")
                       ? fmt(baselines[name]["r"].get<double>(), 3)
                       : std::string("n/a");
        };
        run.addNote(
            "per-pixel baselines on the same test images (fitted on the same training images), "
            "total r: pixel mean " +
            rOf("pixel_mean") + ", OLS on σ40 " + rOf("pixel_ols_sigma40") +
            ", OLS on the pixel's three channels " + rOf("pixel_ols_all") +
            ", ridge on the 5 × 5 × 3 neighbourhood (the CNN's function class in closed form, "
            "penalty chosen on the validation images) " +
            rOf("pixel_ridge_5x5"));
    }
    if (truthCheck.contains("reference_vs_truth") && truthCheck["reference_vs_truth"].contains("r"))
        run.addNote("check against the twin's truth (not an input): reanalysis-like target r " +
                    fmt(truthCheck["reference_vs_truth"]["r"].get<double>(), 3) + ", CNN r " +
                    fmt(truthCheck["cnn_vs_truth"]["r"].get<double>(), 3));
    run.progress(100);
    return run.finish(summary + "; pooled total r " + fmt(r, 3) + "; median station r CNN " +
                          fmt(rc, 3) + " vs H120-like " + fmt(rb, 3),
                      {{"total", total},
                       {"orbits", perOrbit},
                       {"baselines", baselines},
                       {"truth_check", truthCheck},
                       {"neighbourhood", neighbourhood},
                       {"stations", st},
                       {"intraday", intraday},
                       {"test_from", formatIsoTime(testFrom)}});
}

} // namespace soilscope::workloads
