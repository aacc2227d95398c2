// wcm_lstm: a Water Cloud Model baseline calibrated per fold (A, C, D by least squares, B
// fixed) against a WCM-LSTM whose physics layer learns A = exp(logA) jointly with the LSTM,
// under four-fold spatial cross-validation over clustered station sites.
#include "base/error.h"
#include "base/json_text.h"
#include "features/dataset_builder.h"
#include "features/predictor_engine.h"
#include "features/predictor_spec.h"
#include "geo/geotiff_writer.h"
#include "models/bundle.h"
#include "training/evaluation.h"
#include "training/fold.h"
#include "training/split_scheme.h"
#include "training/trainer.h"
#include "workloads/pipelines.h"
#include "workloads/sequence_map.h"
#include "workloads/target_standardisation.h"
#include "workloads/wcm_lstm/wcm_model.h"
#include "workloads/workload_run.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace soilscope::workloads {

namespace {
using nlohmann::json;

/// The learned A averaged over the ensemble members, each at the epoch whose weights were kept:
/// the trainer's rule (validation loss lower than the best by more than minDelta), else the last.
double learnedAOf(const std::vector<training::EpochReport>& history, double minDelta) {
    struct Member {
        double bestLoss = INFINITY;
        double a = NAN;
    };
    std::map<int, Member> members;
    for (const auto& e : history) {
        const auto a = e.values.find("A");
        if (a == e.values.end())
            continue;
        Member& m = members[e.member];
        const auto loss = e.values.find("val_loss");
        if (loss == e.values.end()) {
            m.a = a->second;
        } else if (std::isfinite(loss->second) && loss->second < m.bestLoss - minDelta) {
            m.bestLoss = loss->second;
            m.a = a->second;
        }
    }
    double sum = 0.0;
    int n = 0;
    for (const auto& [member, m] : members)
        if (std::isfinite(m.a))
            sum += m.a, ++n;
    return n ? sum / n : NAN;
}

json setup() {
    return json::parse(R"({
      "predictors": [
        {"name": "vh_db", "kind": "band", "role": "vh", "temporal": {"method": "exact"}, "normaliser": "none"},
        {"name": "incidence_deg", "kind": "band", "role": "incidence", "temporal": {"method": "exact"}, "normaliser": "none"},
        {"name": "vwc", "kind": "band", "role": "ndvi", "temporal": {"method": "linear", "max_gap": "16d"}, "normaliser": "none"},
        {"name": "clay", "kind": "band", "role": "clay"},
        {"name": "sand", "kind": "band", "role": "sand"},
        {"name": "porosity", "kind": "band", "role": "porosity"}],
      "target": {"role": "stations", "kind": "stations", "variable": "soil_moisture", "depth_max": 0.05,
                 "window": "12h", "valid_range": [0, 0.8]},
      "samples": {"layout": "sequence", "dates_from": "vh", "sequence_length": 0}})");
}

struct VwcForm {
    bool quadratic = true;
    double a = 1.9134, b = -0.3215, c = 0.0;
    std::map<int, double> stemWater; ///< kg m⁻² added per land-cover code (woody classes)

    double operator()(double ndvi, int landCover) const {
        const auto it = stemWater.find(landCover);
        return vwcFromNdvi(ndvi, quadratic, a, b, c) + (it == stemWater.end() ? 0.0 : it->second);
    }
    json toJson() const {
        json stem = json::object();
        for (const auto& [code, w] : stemWater)
            stem[std::to_string(code)] = w;
        return {{"quadratic", quadratic}, {"a", a}, {"b", b}, {"c", c}, {"stem_water", stem}};
    }
};

VwcForm vwcForm(const project::ProjectFile& p) {
    VwcForm f;
    if (!p.data.count("vwc_from_ndvi"))
        return f;
    const json& j = p.data.at("vwc_from_ndvi").parameters;
    const std::string form = j.value("form", "quadratic");
    if (form != "quadratic" && form != "linear")
        throw Error("/data/vwc_from_ndvi/form: expected quadratic or linear", p.file.string());
    f.quadratic = form == "quadratic";
    f.a = j.value("a", f.a);
    f.b = j.value("b", f.b);
    f.c = j.value("c", f.c);
    if (j.contains("stem_water")) {
        if (!j["stem_water"].is_object())
            throw Error(
                "/data/vwc_from_ndvi/stem_water: expected {\"<land-cover code>\": kg m-2, ...}",
                p.file.string());
        for (const auto& [code, w] : j["stem_water"].items()) {
            int value = 0;
            try {
                std::size_t used = 0;
                value = std::stoi(code, &used);
                if (used != code.size())
                    throw std::invalid_argument(code);
            } catch (const std::exception&) {
                throw Error("/data/vwc_from_ndvi/stem_water: '" + code +
                                "' is not a land-cover code",
                            p.file.string());
            }
            if (!w.is_number() || w.get<double>() < 0)
                throw Error("/data/vwc_from_ndvi/stem_water/" + code +
                                ": expected a number >= 0 (kg m-2)",
                            p.file.string());
            f.stemWater[value] = w.get<double>();
        }
    }
    return f;
}
} // namespace

WorkloadResult runWcmLstm(const project::ProjectFile& given, const WorkloadOptions& options,
                          Feedback& feedback) {
    const project::ProjectFile p = withSetup(given, setup());
    const json o = workloadOptions(p, workloadOptionDefaults("wcm_lstm"));
    const std::string targetScaling = o["target_scaling"];
    if (targetScaling != "none" && targetScaling != "standard")
        throw Error("/training/workload/target_scaling: expected none or standard",
                    p.file.string());
    // B is a given constant of the model (grassland 0.084); A, C, D are never read from the project
    double b = 0.084;
    if (p.data.count("wcm_vh"))
        b = p.data.at("wcm_vh").parameters.value("B", b);
    const VwcForm vwc = vwcForm(p);
    const json trainDefaults = {{"optimizer", {{"name", "adam"}, {"lr", 5e-3}}},
                                {"loss",
                                 {{"kind", "mse"},
                                  {"bounds_weight", o["bounds_weight"]},
                                  {"lower_bound", 0.0},
                                  {"upper_bound", 1.0}}},
                                {"epochs", 150},
                                {"batch_size", 4},
                                {"patience", 20},
                                {"restore_best", true},
                                {"seed", 42},
                                {"ensemble", 3}};
    training::TrainSettings settings = trainSettings(p, trainDefaults, options);
    if (options.quick) {
        settings.epochs = std::min(settings.epochs, 3);
        settings.ensemble = 1;
    }
    json modelDefaults = {{"family", "wcm_lstm"},
                          {"params",
                           {{"sigma0_index", 0},
                            {"sigma0_db", true},
                            {"theta_index", 1},
                            {"v1_index", -1},
                            {"v2_index", 2},
                            {"b", b},
                            {"a_init", o["a_init"]},
                            {"guard_share", 0.05},
                            {"guard_weight", 0.1},
                            {"a_lr_scale", 10.0}}}};
    const models::ModelSpec spec = modelSpec(p, modelDefaults);

    WorkloadRun run(p, options, feedback,
                    {{"options", o},
                     {"wcm_b", b},
                     {"train_settings", settings.toJson()},
                     {"model", spec.toJson()},
                     {"vwc_from_ndvi", vwc.toJson()},
                     {"predictors", features::predictorsToJson(p.predictors)}});
    auto data = project::openProjectData(p);
    features::Dataset dataset = buildDataset(p, *data, run, 0, 15);
    if (dataset.featureShape.size() != 2 || dataset.featureShape[1] < 3)
        throw Error("wcm_lstm needs sequences of [vh_db, incidence_deg, vwc, ...]",
                    p.file.string());
    const std::size_t T = std::size_t(dataset.featureShape[0]),
                      P = std::size_t(dataset.featureShape[1]);
    std::size_t unknownCover = 0;
    for (std::size_t i = 0; i < dataset.sampleCount(); ++i) { // NDVI → VWC in place
        const int lc = dataset.groups.landCover.empty() ? -1 : dataset.groups.landCover[i];
        unknownCover += lc < 0 ? 1 : 0;
        for (std::size_t t = 0; t < T; ++t) {
            float& v = dataset.x[(i * T + t) * P + 2];
            if (std::isfinite(v))
                v = float(vwc(v, lc));
        }
    }
    if (!vwc.stemWater.empty() && unknownCover > 0)
        run.message("warning: " + std::to_string(unknownCover) +
                    " station(s) without a land-cover class get no stem water");

    training::SplitSettings ss;
    ss.scheme = "cluster_kfold";
    ss.folds = o["folds"];
    ss.gridWidth = data->grid.width();
    ss.validationFraction = o["validation_fraction"];
    ss.seed = o["seed"];
    const auto splits = training::makeSplits(dataset.groups, dataset.sampleCount(), ss);

    auto points = [&](const std::vector<std::size_t>& idx) {
        std::vector<WcmPoint> pts;
        for (std::size_t i : idx)
            for (std::size_t t = 0; t < T; ++t)
                if (dataset.targetMask[i * T + t]) {
                    const float* x = dataset.x.data() + (i * T + t) * P;
                    pts.push_back({x[0], x[1], x[2], dataset.y[i * T + t]});
                }
        return pts;
    };
    double trueA = NAN;
    if (const json truth = findTwinTruthParameters(p);
        truth.is_object() && truth.contains("water_cloud_model"))
        trueA = truth["water_cloud_model"].value("s1_vh", json::object()).value("A", NAN);

    // σsoil enters the LSTM centred and scaled by the training stations' σobs (dB) statistics
    // unless the project's /model sets soil_db_centre / soil_db_scale itself
    const json givenParams =
        p.model.is_object() ? p.model.value("params", json::object()) : json::object();
    auto foldSpec = [&](const std::vector<std::size_t>& trainIdx) {
        models::ModelSpec s = spec;
        const std::size_t k = spec.params.value("sigma0_index", 0);
        if (!spec.params.value("sigma0_db", false) || k >= P)
            return s;
        double sum = 0, sq = 0, n = 0;
        for (std::size_t i : trainIdx)
            for (std::size_t t = 0; t < T; ++t)
                if (const float v = dataset.x[(i * T + t) * P + k]; std::isfinite(v)) {
                    sum += v;
                    sq += double(v) * v;
                    n += 1;
                }
        if (n < 2)
            return s;
        const double mean = sum / n, sd = std::sqrt(std::max(sq / n - mean * mean, 0.0));
        if (!givenParams.contains("soil_db_centre"))
            s.params["soil_db_centre"] = mean;
        if (!givenParams.contains("soil_db_scale") && sd > 1e-3)
            s.params["soil_db_scale"] = sd;
        return s;
    };
    std::vector<std::vector<std::string>> scatter, foldRows;
    std::vector<float> allW, allL, allO;
    std::vector<double> learnedA;
    bool everyFold = true;
    FeedbackSlice slice(run.feedback(), 15, 85);
    std::map<std::pair<std::string, std::size_t>, float>
        heldOut; // (station, step): its fold's prediction
    WcmCalibration firstCal;
    models::TrainedModel firstModel;
    features::Normaliser firstNorm;
    TargetStandardisation firstScaling;
    // One unit per fold: its training, learned A and held-out predictions. Under mpirun the
    // folds are spread over the processes; fold 1 (whose model becomes the bundle and the map)
    // stays on process 0.
    std::vector<training::EpochReport> firstHistory;
    const auto folds = run.units(
        splits.size(),
        [&](std::size_t f, Feedback& foldFeedback) {
            const auto& split = splits[f];
            training::NormalisedData norm =
                training::normaliseOnTraining(dataset, normaliserWithExtra(p, 0), split.train);
            // optional standardised target z = (SM − mean)/sd; every term of the objective is
            // rescaled with it (MSE and penalties by 1/sd², the hinge by 1/sd with bounds in
            // z), so only the output's parametrisation changes
            models::ModelSpec fs = foldSpec(split.train);
            training::TrainSettings ts = settings;
            TargetStandardisation scaling;
            if (targetScaling == "standard") {
                scaling = fitTargetStandardisation(dataset, split.train);
                standardiseTargets(norm.data, scaling);
                ts.loss.lowerBound = (ts.loss.lowerBound - scaling.mean) / scaling.sd;
                ts.loss.upperBound = (ts.loss.upperBound - scaling.mean) / scaling.sd;
                ts.loss.boundsWeight /= scaling.sd;
                fs.params["recurrent_l2"] =
                    fs.params["recurrent_l2"].get<double>() / (scaling.sd * scaling.sd);
                fs.params["guard_weight"] =
                    fs.params["guard_weight"].get<double>() / (scaling.sd * scaling.sd);
            }
            const auto result =
                training::trainFold(fs, ts, norm.data, split, foldFeedback).training;
            if (f == 0) {
                firstModel = result.model;
                firstNorm = norm.normaliser;
                firstScaling = scaling;
                firstHistory = result.history;
            }
            json fold = heldOutFold(result, norm.data.subset(split.test), scaling);
            fold["a"] = jsonNumber(learnedAOf(result.history, ts.minDelta));
            return fold;
        },
        slice, true);
    if (!run.isRoot())
        return run.workerResult();
    for (std::size_t f = 0; f < splits.size(); ++f) {
        const auto& split = splits[f];
        std::vector<std::size_t> calIdx = split.train;
        calIdx.insert(calIdx.end(), split.validation.begin(), split.validation.end());
        const WcmCalibration cal = calibrateWcm(points(calIdx), b, o["min_valid_share"]);
        if (f == 0)
            firstCal = cal;
        run.addTraining(
            split.name,
            heldOutTraining(folds[f], f == 0 ? firstHistory : std::vector<training::EpochReport>{}),
            settings);
        const double a = numberFromJson(folds[f].at("a"));
        learnedA.push_back(a);
        const auto yhat = heldOutPredictions(folds[f]);
        std::vector<float> w, l, ob;
        std::size_t guarded = 0, lstmGuarded = 0;
        WcmCalibration atLearned; // the physics layer at the learned A, to count its guard hits
        atLearned.a = a;
        atLearned.b = b;
        for (std::size_t k = 0; k < split.test.size(); ++k) {
            const std::size_t i = split.test[k];
            for (std::size_t t = 0; t < T; ++t) {
                heldOut[{dataset.groups.station[i], t}] = yhat[k * T + t];
                if (!dataset.targetMask[i * T + t])
                    continue;
                const float* x = dataset.x.data() + (i * T + t) * P;
                bool g = false;
                const double sw = cal.invert(x[0], x[1], x[2], &g);
                guarded += g ? 1 : 0;
                atLearned.soilDb(x[0], x[1], x[2], &g);
                lstmGuarded += g ? 1 : 0;
                w.push_back(float(sw));
                l.push_back(yhat[k * T + t]);
                ob.push_back(dataset.y[i * T + t]);
                const int lc = dataset.groups.landCover.empty() ? -1 : dataset.groups.landCover[i];
                scatter.push_back({std::to_string(f + 1), dataset.groups.station[i],
                                   std::to_string(lc), formatIsoTime(data->dates[t]), fmt(x[0]),
                                   fmt(x[1]), fmt(x[2]), fmt(ob.back()), fmt(sw), fmt(l.back())});
            }
        }
        const auto mw = training::pooledMetrics(w, ob), ml = training::pooledMetrics(l, ob);
        const std::string fold = "fold " + std::to_string(f + 1);
        run.addMetrics(fold, "wcm",
                       {{"rmse", mw.at("rmse")},
                        {"r", mw.count("r") ? mw.at("r") : NAN},
                        {"A", cal.a},
                        {"C", cal.c},
                        {"D", cal.d},
                        {"guarded", double(guarded)}});
        run.addMetrics(fold, "wcm_lstm",
                       {{"rmse", ml.at("rmse")},
                        {"r", ml.count("r") ? ml.at("r") : NAN},
                        {"A", a},
                        {"guarded", double(lstmGuarded)}});
        everyFold = everyFold && ml.at("rmse") < mw.at("rmse");
        foldRows.push_back({std::to_string(f + 1), std::to_string(split.test.size()),
                            fmt(mw.at("n")), fmt(mw.at("rmse")),
                            fmt(mw.count("r") ? mw.at("r") : NAN), fmt(ml.at("rmse")),
                            fmt(ml.count("r") ? ml.at("r") : NAN), fmt(cal.a), fmt(a), fmt(trueA)});
        allW.insert(allW.end(), w.begin(), w.end());
        allL.insert(allL.end(), l.begin(), l.end());
        allO.insert(allO.end(), ob.begin(), ob.end());
    }
    run.addMetrics("pooled", "wcm", training::pooledMetrics(allW, allO));
    run.addMetrics("pooled", "wcm_lstm", training::pooledMetrics(allL, allO));
    run.writeCsv("folds.csv",
                 {"fold", "test_stations", "n", "rmse_wcm", "r_wcm", "rmse_wcm_lstm", "r_wcm_lstm",
                  "a_wcm", "a_learned", "a_true"},
                 foldRows, "RMSE, R and A per fold (WCM baseline vs WCM-LSTM)");
    run.writeCsv("scatter.csv",
                 {"fold", "station", "land_cover", "date", "vh_db", "incidence_deg", "vwc",
                  "observed", "wcm", "wcm_lstm"},
                 scatter, "per-fold scatter data (inputs, observed, WCM and WCM-LSTM)");

    // maps of the last date with mostly valid inputs (and the dates before it, map_dates):
    // the WCM baseline with the fold 1 calibration (physics only) and the fold 1 WCM-LSTM
    const geo::Window full{0, 0, data->grid.width(), data->grid.height()};
    const std::vector<float> coverMap = landCoverPlane(p, *data); // land cover for the stem water
    if (!vwc.stemWater.empty() && coverMap.empty())
        run.addNote("the maps add no stem water: the project has no land_cover layer");
    auto baselineAt = [&](std::size_t k, std::size_t* validCount) {
        const auto planes = data->engine->evaluate(full, data->dates[k]);
        std::vector<float> m(planes[0].size(), NAN);
        std::size_t valid = 0;
        for (std::size_t i = 0; i < m.size(); ++i)
            if (std::isfinite(planes[0][i]) && std::isfinite(planes[1][i]) &&
                std::isfinite(planes[2][i])) {
                const int lc = coverMap.empty() || !std::isfinite(coverMap[i])
                                   ? -1
                                   : int(std::lround(coverMap[i]));
                m[i] = float(std::clamp(
                    firstCal.invert(planes[0][i], planes[1][i], vwc(planes[2][i], lc)), 0.0, 1.0));
                ++valid;
            }
        if (validCount)
            *validCount = valid;
        return m;
    };
    std::size_t lastStep = T - 1, bestValid = 0;
    for (std::size_t k = T; k-- > 0 && T - k <= 30;) {
        run.throwIfCanceled();
        std::size_t valid = 0;
        baselineAt(k, &valid);
        if (valid > bestValid) {
            bestValid = valid;
            lastStep = k;
        }
        if (2 * valid > data->grid.pixelCount())
            break;
    }
    const auto steps = lastSteps(lastStep, o["map_dates"].get<std::size_t>());
    SequenceMap baseline;
    for (const std::size_t k : steps) {
        baseline.dates.push_back(data->dates[k]);
        baseline.bands.push_back(baselineAt(k, nullptr));
    }
    writeSequenceMap(run, "wcm_baseline_map.tif", data->grid, baseline, "wcm_sm",
                     "WCM baseline soil moisture (fold 1 calibration) of the last Sentinel-1 "
                     "date(s) with mostly "
                     "valid inputs");
    models::BundleInfo info;
    info.predictors = features::predictorsToJson(p.predictors);
    info.inputs = project::inputPreparationToJson(p);
    info.normalisation = firstNorm.toJson();
    info.trainSettings = settings.toJson();
    info.metrics = {{"learned_A", learnedA}};
    if (targetScaling == "standard")
        foldIntoBundle(firstModel, firstScaling, info, run);
    info.featureNames = dataset.featureNames;
    const auto bundle = run.folder() / "bundle";
    models::saveBundle(bundle, firstModel, info);
    run.addOutput(bundle, "WCM-LSTM bundle of fold 1");

    // the same date(s) from the fold 1 WCM-LSTM: every pixel's series, NDVI → VWC as for the
    // stations (stem water from the land_cover layer)
    const SequenceChannels toVwc = [&](features::Dataset& block) {
        const std::size_t n = block.sampleCount(), q = std::size_t(block.featureShape[1]);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t t = 0; t < T; ++t)
                if (float& v = block.x[(i * T + t) * q + 2]; std::isfinite(v))
                    v = float(vwc(v, block.groups.landCover[i]));
        return std::vector<std::uint8_t>{};
    };
    SequenceMapSettings ms;
    ms.steps = steps;
    ms.progressFrom = 85;
    ms.progressTo = 99;
    const SequenceMap lstmMap = predictSequenceMap(p, *data, firstModel, firstNorm, toVwc, ms, run);
    writeSequenceMap(run, "wcm_lstm_map.tif", data->grid, lstmMap, "wcm_lstm_sm",
                     "WCM-LSTM soil moisture (fold 1 bundle) of the baseline map's date(s)");
    run.addMetrics("map", "wcm_lstm",
                   {{"dates", double(steps.size())},
                    {"sequences", double(lstmMap.sequences)},
                    {"seconds", lstmMap.seconds},
                    {"seconds_inputs", lstmMap.inputSeconds},
                    {"seconds_network", lstmMap.modelSeconds}});
    run.addNote("WCM-LSTM map: " + std::to_string(lstmMap.sequences) + " pixel sequences of " +
                std::to_string(T) + " steps in " + fmt(lstmMap.seconds, 3) + " s (inputs " +
                fmt(lstmMap.inputSeconds, 3) + " s, network " + fmt(lstmMap.modelSeconds, 3) +
                " s on " + lstmMap.forward + "), " + std::to_string(steps.size()) + " date(s)");
    // only stem water makes the class an input of the VWC
    std::vector<CoverMismatch> odd;
    for (const auto& m : coverMismatches(dataset, coverMap))
        if (vwc(0.5, m.stationClass) != vwc(0.5, m.layerClass))
            odd.push_back(m);
    if (!odd.empty())
        run.addNote("stations whose ISMN land cover differs from the land_cover layer at their "
                    "pixel in its stem water "
                    "(station vs layer; the maps take the layer's): " +
                    describeMismatches(odd));
    features::Dataset stationInput = dataset;
    firstNorm.apply(stationInput);
    features::fillMissing(stationInput, 0.0f);
    const auto atStations = firstModel.predict(stationInput.x.data(), stationInput.sampleCount());
    compareMapWithTruth(run, p, *data, baseline, "wcm");
    compareMapWithTruth(run, p, *data, lstmMap, "wcm_lstm");
    const double mapDiff = checkMapAtStations(run, "map_stations.csv", lstmMap, steps, dataset,
                                              atStations, heldOut, odd);

    bool aWithin = std::isfinite(trueA);
    for (double a : learnedA)
        aWithin = aWithin && std::isfinite(a) && std::abs(a - trueA) <= 0.2 * trueA;
    std::string as;
    for (double a : learnedA)
        as += (as.empty() ? "" : ", ") + fmt(a, 3);
    run.addNote("learned A per fold: " + as +
                "; the twin's true A (truth/parameters.json, checked only) " + fmt(trueA, 4) +
                ": within 20 % in every fold " + (aWithin ? "holds" : "does not hold"));
    run.addNote(std::string("WCM-LSTM lower RMSE than the WCM baseline in every fold: ") +
                (everyFold ? "holds" : "does not hold"));
    run.progress(100);
    return run.finish("WCM baseline vs WCM-LSTM over " + std::to_string(splits.size()) +
                          " spatial folds; learned A " + as,
                      {{"learned_a", learnedA},
                       {"true_a", trueA},
                       {"a_within_20pct", aWithin},
                       {"lstm_better_every_fold", everyFold},
                       {"bundle", bundle.string()},
                       {"map", (run.folder() / "wcm_lstm_map.tif").string()},
                       {"map_max_abs_diff_at_stations", mapDiff}});
}

} // namespace soilscope::workloads
