// ffnn_downscaling_60m: a 14-predictor FFNN ensemble trained on 60 m predictors aggregated to
// the 0.25° cells of a CCI-like product, then applied at 60 m; coarse test metrics, 60 m maps
// against the fine truth (checking only) and the coarse product, and power spectra.
#include "analysis/pixel_noise.h"
#include "analysis/spatial_spectrum.h"
#include "analysis/subcell_attribution.h"
#include "analysis/within_cell_agreement.h"
#include "base/error.h"
#include "features/normaliser.h"
#include "geo/geotiff_writer.h"
#include "geo/raster_series.h"
#include "inference/fast_mlp.h"
#include "models/bundle.h"
#include "training/evaluation.h"
#include "training/fold.h"
#include "training/trainer.h"
#include "workloads/ffnn_downscaling_60m/ffnn_stack.h"
#include "workloads/ffnn_downscaling_60m/insitu_validation.h"
#include "workloads/ffnn_downscaling_60m/noisy_copies.h"
#include "workloads/pipelines.h"
#include "workloads/target_standardisation.h"
#include "workloads/workload_run.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <random>
#include <set>

namespace soilscope::workloads {

namespace {
using nlohmann::json;

/// The in situ check's table and its means over the stations with enough mapped days.
json reportInsitu(WorkloadRun& run, const InsituComparison& insitu, std::size_t minDays) {
    std::vector<std::vector<std::string>> rows;
    std::map<std::string, std::vector<double>> r, ubrmse, bias;
    const auto value = [](const std::map<std::string, double>& m, const char* key) {
        const auto it = m.find(key);
        return it == m.end() ? NAN : it->second;
    };
    for (const auto& st : insitu.results()) {
        std::vector<std::string> row{csvQuote(st.name), std::to_string(st.days)};
        for (const char* key : {"r", "ubrmse", "bias"})
            for (const auto& source : InsituComparison::sources())
                row.push_back(fmt(value(st.metrics.at(source), key)));
        rows.push_back(std::move(row));
        if (st.days < minDays)
            continue;
        for (const auto& source : InsituComparison::sources()) {
            r[source].push_back(value(st.metrics.at(source), "r"));
            ubrmse[source].push_back(value(st.metrics.at(source), "ubrmse"));
            bias[source].push_back(value(st.metrics.at(source), "bias"));
        }
    }
    std::vector<std::string> header{"station", "days"};
    for (const char* key : {"r", "ubrmse", "bias"})
        for (const auto& source : InsituComparison::sources())
            header.push_back(std::string(key) + "_" + source);
    run.writeCsv("insitu_stations.csv", header, rows,
                 "daily means of the stations' G observations against the 60 m estimate, the "
                 "coarse product and the estimate's cell mean, on the mapped dates");
    json out = {{"stations", rows.size()}, {"min_days", minDays}};
    const auto mean = [](const std::vector<double>& v) {
        double sum = 0.0;
        std::size_t n = 0;
        for (const double x : v)
            if (std::isfinite(x)) {
                sum += x;
                ++n;
            }
        return n ? sum / double(n) : NAN;
    };
    const std::size_t counted = r.empty() ? 0 : r.begin()->second.size();
    out["stations_counted"] = counted;
    if (counted == 0) {
        run.addNote("in situ check: no station on the 60 m grid has " + std::to_string(minDays) +
                    " mapped days with a daily G mean");
        return out;
    }
    for (const auto& source : InsituComparison::sources()) {
        const json m = {{"r", mean(r[source])},
                        {"ubrmse", mean(ubrmse[source])},
                        {"bias", mean(bias[source])},
                        {"stations", double(counted)}};
        if (!std::isfinite(m["r"].get<double>())) {
            run.addNote("in situ check: no value of " + source +
                        " at the stations (a cell mean needs min_coverage of valid 60 m pixels)");
            continue;
        }
        run.addMetrics("in situ daily G means, mean over stations", source,
                       m.get<std::map<std::string, double>>());
        out[source] = m;
    }
    const double re = out["estimate_60m"]["r"], rc = out["coarse_product"]["r"];
    run.addNote("in situ (" + std::to_string(counted) + " stations, daily G means): mean R " +
                fmt(re, 3) + " for the 60 m estimate vs " + fmt(rc, 3) +
                " for the coarse product (paper: 0.66 vs 0.74; at least as good: " +
                (re >= rc ? "holds" : "does not hold") + ")");
    return out;
}

std::map<std::string, double> r2Metrics(const std::vector<float>& pred,
                                        const std::vector<float>& ref) {
    auto m = training::pooledMetrics(pred, ref);
    return m;
}

void addSpectrum(std::vector<std::vector<std::string>>& rows, json& fits,
                 const std::string& product, const analysis::SpatialSpectrumAccumulator& acc) {
    if (acc.count() == 0)
        return;
    for (const auto& s : {acc.zonal(), acc.meridional()}) {
        const std::string dir =
            s.direction == analysis::SpectrumDirection::Zonal ? "zonal" : "meridional";
        for (std::size_t i = 0; i < s.k.size(); ++i)
            rows.push_back({product, dir, fmt(s.k[i], 6), fmt(s.power[i], 6)});
        try {
            const auto f = analysis::fitPowerLaw(s);
            fits[product][dir] = {
                {"slope", f.slope}, {"intercept", f.intercept},
                {"k_min", f.kMin},  {"k_max", f.kMax},
                {"r2", f.r2},       {"effective_resolution_m", f.effectiveResolutionMetres},
                {"maps", s.dates}};
        } catch (const Error& e) {
            fits[product][dir] = {{"error", e.message()}};
        }
    }
}
/// The coarse samples: the predictors averaged over the valid fine pixels of each cell, where
/// the cell has a valid target and at least minCoverage valid pixels (progress 0–30 %).
template <typename TargetAt>
features::Dataset coarseSamples(const FineStack& stack, const FineStack::CellMap& cellMap,
                                std::size_t cells, const TargetAt& targetAt, double minCoverage,
                                WorkloadRun& run) {
    features::Dataset d;
    d.featureShape = {std::int64_t(FineStack::names().size())};
    d.targetShape = {1};
    d.featureNames = FineStack::names();
    const auto& dates = stack.dates();
    for (std::size_t i = 0; i < dates.size(); ++i) {
        run.throwIfCanceled();
        run.progress(30.0 * double(i) / double(dates.size()));
        const FineFrame f = stack.frame(i);
        if (f.validCount == 0)
            continue;
        const auto y = targetAt(f.date);
        const CellMeans cm = aggregateToCells(f.planes, f.valid, cellMap, cells);
        for (std::size_t c = 0; c < cells; ++c) {
            if (!std::isfinite(y[c]) || cm.coverage[c] < minCoverage ||
                !std::isfinite(cm.planes[0][c]))
                continue;
            for (const auto& plane : cm.planes)
                d.x.push_back(plane[c]);
            d.y.push_back(y[c]);
            d.targetMask.push_back(1);
            d.groups.cell.push_back(std::int64_t(c));
            d.groups.date.push_back(f.date);
        }
    }
    return d;
}

/// The rows to train on: the training rows themselves, or `copies` noisy copies of each (appended
/// to d) with the pixel noise estimated on the 60 m stack; noiseSd receives its σ per predictor.
std::vector<std::size_t> trainingRows(features::Dataset& d, const std::vector<std::size_t>& train,
                                      const FineStack& stack, const json& o,
                                      const std::string& file, json& noiseSd) {
    const auto copies = o["pixel_noise_copies"].get<std::size_t>();
    if (copies == 0)
        return train;
    const auto cov = estimatePixelNoise(stack, o["pixel_noise_dates"].get<std::size_t>());
    if (cov.empty())
        throw Error("ffnn_downscaling_60m: no mostly clear 60 m date to estimate the predictors' "
                    "pixel noise from "
                    "(/training/workload/pixel_noise_copies 0 trains without it)",
                    file);
    for (std::size_t k = 0; k < d.featureSize(); ++k)
        noiseSd[FineStack::names()[k]] = std::sqrt(cov[k * d.featureSize() + k]);
    return appendNoisyCopies(d, train, copies, cov, o["seed"].get<unsigned long long>());
}
} // namespace

WorkloadResult runFfnnDownscaling(const project::ProjectFile& p, const WorkloadOptions& options,
                                  Feedback& feedback) {
    const json o = workloadOptions(p, workloadOptionDefaults("ffnn_downscaling_60m"));
    const std::string targetScaling = o["target_scaling"].get<std::string>();
    if (targetScaling != "standard" && targetScaling != "none")
        throw Error("/training/workload/target_scaling must be \"standard\" or \"none\"",
                    p.file.string());
    const json trainDefaults =
        json::parse(R"({"optimizer": {"name": "adam", "lr": 0.0005, "weight_decay": 1e-5},
        "loss": {"kind": "mse"}, "epochs": 800, "batch_size": 32, "patience": 0, "restore_best": false,
        "ensemble": 5, "seed": 42, "accuracy": {"tolerance": 0.03, "min": 0, "max": 0.7}})");
    training::TrainSettings settings = trainSettings(p, trainDefaults, options);
    if (options.quick) {
        settings.epochs = std::min(settings.epochs, 20);
        settings.ensemble = std::min(settings.ensemble, 2);
    }
    const models::ModelSpec spec = modelSpec(
        p,
        json::parse(
            R"({"family": "mlp", "params": {"layers": 2, "width": 35, "activation": "relu", "init": "glorot"}})"));
    const double minCoverage =
        options.quick ? o["quick_min_coverage"].get<double>() : o["min_coverage"].get<double>();

    WorkloadRun run(p, options, feedback,
                    {{"options", o},
                     {"train_settings", settings.toJson()},
                     {"model", spec.toJson()},
                     {"predictors", FineStack::names()},
                     {"min_coverage_used", minCoverage}});
    const FineStack stack(p);
    // the coarse samples come from the 60 m pixels sampled over the whole area where the project
    // has them ("samples"), else from the 60 m grid itself ("fine_grid")
    const std::string trainingPixels = o["training_pixels"].get<std::string>();
    if (trainingPixels != "auto" && trainingPixels != "samples" && trainingPixels != "fine_grid")
        throw Error(
            "/training/workload/training_pixels must be \"auto\", \"samples\" or \"fine_grid\"",
            p.file.string());
    const bool fromSamples = trainingPixels == "samples" ||
                             (trainingPixels == "auto" && FineStack::available(p, "sample_"));
    std::optional<FineStack> sampleStack;
    if (fromSamples)
        sampleStack.emplace(p, "sample_");
    const FineStack& trainingStack = fromSamples ? *sampleStack : stack;
    run.message(std::string("coarse samples from ") +
                (fromSamples ? "the sampled 60 m pixels" : "the 60 m grid"));
    const auto& tl = p.layer("target");
    const auto target = geo::RasterSeries::open(tl.path, tl.variable);
    std::optional<geo::RasterSeries> flags;
    if (p.data.count("target_flag"))
        flags =
            geo::RasterSeries::open(p.layer("target_flag").path, p.layer("target_flag").variable);
    const std::vector<int> accepted = o["accepted_flags"].get<std::vector<int>>();
    const geo::Grid coarse = target.grid();
    const auto cellMap = stack.cellMap(coarse);
    const auto trainingCellMap = trainingStack.cellMap(coarse);
    const std::size_t cells = coarse.pixelCount();
    auto targetAt = [&](TimePoint t) {
        std::vector<float> v(cells, NAN);
        const auto day = std::chrono::floor<std::chrono::days>(t);
        const auto k = target.indexOf(day, std::chrono::hours(12));
        if (!k)
            return v;
        v = target.readTime(*k);
        std::vector<float> fl = flags ? flags->readTime(*k) : std::vector<float>();
        for (std::size_t c = 0; c < cells; ++c) {
            bool ok = std::isfinite(v[c]) && v[c] <= o["max_sm"].get<double>();
            if (ok && !fl.empty())
                ok = std::isfinite(fl[c]) && std::find(accepted.begin(), accepted.end(),
                                                       int(std::lround(fl[c]))) != accepted.end();
            if (!ok)
                v[c] = NAN;
        }
        return v;
    };

    features::Dataset d =
        coarseSamples(trainingStack, trainingCellMap, cells, targetAt, minCoverage, run);
    if (d.sampleCount() < 10)
        throw Error("ffnn_downscaling_60m: only " + std::to_string(d.sampleCount()) +
                        " coarse samples with ≥ " + fmt(minCoverage) +
                        " valid 60 m coverage (/training/workload/min_coverage)",
                    p.file.string());
    const std::size_t coarseSamples = d.sampleCount();
    run.message(std::to_string(coarseSamples) + " coarse samples");
    std::set<std::int64_t> coveredCells(d.groups.cell.begin(), d.groups.cell.end());
    if (!options.quick && coveredCells.size() < 4)
        run.addNote("only " + std::to_string(coveredCells.size()) +
                    " 0.25° cell(s) have coarse samples: too few distinct cells for a network of "
                    "14 predictors. "
                    "Add 60 m pixels sampled over the whole area (the sample_* layers) or a larger "
                    "60 m grid.");

    std::vector<std::size_t> idx(d.sampleCount());
    std::iota(idx.begin(), idx.end(), 0);
    std::mt19937_64 rng(o["seed"].get<unsigned long long>());
    std::shuffle(idx.begin(), idx.end(), rng);
    const std::size_t nt = std::max<std::size_t>(
        1, std::size_t(o["test_fraction"].get<double>() * double(idx.size())));
    const std::vector<std::size_t> test(idx.begin(), idx.begin() + std::ptrdiff_t(nt)),
        train(idx.begin() + std::ptrdiff_t(nt), idx.end());
    // noisy copies of the training samples (the clean ones leave the training set) teach the
    // network the per-pixel noise its 60 m inputs will carry, which the 0.25° means average away
    json noiseSd = json::object();
    const std::vector<std::size_t> fitRows =
        trainingRows(d, train, stack, o, p.file.string(), noiseSd);
    if (!noiseSd.empty())
        run.addNote("not in the paper: trained on " +
                    std::to_string(o["pixel_noise_copies"].get<int>()) +
                    " copies of each training sample with the 60 m pixel noise estimated from the "
                    "images (B11 σ " +
                    fmt(noiseSd["B11"].get<double>(), 5) + ", NDVI σ " +
                    fmt(noiseSd["NDVI"].get<double>(), 4) +
                    "), so the network does not amplify noise that the 0.25° means average away; "
                    "pixel_noise_copies 0 gives the paper's training");
    training::NormalisedData norm = training::normaliseOnTraining(
        d, features::Normaliser::uniform(features::NormaliserKind::ZScore, d.featureSize()), train);
    // a standardised target starts the Glorot-initialised outputs on the target's scale; the
    // scaling is folded into the output layer afterwards (the test curves are in z units then)
    TargetStandardisation scaling;
    if (targetScaling == "standard") {
        scaling = fitTargetStandardisation(d, train);
        standardiseTargets(norm.data, scaling);
        settings.targetMean = scaling.mean;
        settings.targetSd = scaling.sd;
    }
    const auto trainSet = norm.data.subset(fitRows), testSet = norm.data.subset(test);
    FeedbackSlice slice(run.feedback(), 30, 70);
    // the test part only monitors the curves (no early stopping, no weight restore)
    auto result = training::train(spec, settings, trainSet, &testSet, slice);
    run.addTraining("coarse model", result, settings);
    models::BundleInfo info;
    if (targetScaling == "standard")
        foldIntoBundle(result.model, scaling, info, run);
    std::vector<float> testY = testSet.y;
    for (float& y : testY)
        y = float(y * scaling.sd + scaling.mean);
    const auto pred = result.model.predict(testSet.x.data(), testSet.sampleCount());
    const auto tm = r2Metrics(pred, testY);
    run.addMetrics("coarse test", "ensemble", tm);
    {
        std::vector<std::vector<std::string>> rows;
        for (std::size_t k = 0; k < test.size(); ++k)
            rows.push_back({formatIsoTime(d.groups.date[test[k]]),
                            std::to_string(d.groups.cell[test[k]]), fmt(testY[k]), fmt(pred[k])});
        run.writeCsv("coarse_test.csv", {"date", "cell", "target", "estimate"}, rows,
                     "coarse test samples (KDE, scatter, error histogram)");
    }
    info.predictors = FineStack::names();
    info.normalisation = norm.normaliser.toJson();
    info.trainSettings = settings.toJson();
    info.metrics["coarse_test"] = tm;
    info.featureNames = d.featureNames;
    const auto bundle = run.folder() / "bundle";
    models::saveBundle(bundle, result.model, info);
    run.addOutput(bundle, "FFNN ensemble bundle (14 predictors, z-score normaliser)");

    // 60 m application, fine truth (checking only) and the coarse product at 60 m
    std::optional<geo::RasterSeries> truth;
    if (p.data.count("truth"))
        truth = geo::RasterSeries::open(p.layer("truth").path, p.layer("truth").variable);
    // millions of pixels per date: the SIMD MLP evaluator where it applies (same function)
    // each z-scored predictor limited to the range of the coarse training samples, so the ReLU
    // network is not extrapolated where 60 m values lie far outside the 0.25° means
    const std::size_t nf = FineStack::names().size();
    std::vector<float> lo(nf, INFINITY), hi(nf, -INFINITY);
    for (std::size_t s = 0; s < trainSet.sampleCount(); ++s)
        for (std::size_t k = 0; k < nf; ++k) {
            lo[k] = std::min(lo[k], trainSet.x[s * nf + k]);
            hi[k] = std::max(hi[k], trainSet.x[s * nf + k]);
        }
    const bool clip = o["clip_to_training_range"].get<bool>();
    const auto fast = inference::fastMlp(result.model);
    auto predictRows = [&](const float* x, std::size_t n) {
        return fast ? (*fast)(x, n) : result.model.predict(x, n);
    };
    const auto& g = stack.grid();
    analysis::SpatialSpectrumAccumulator specEst(g.width(), g.height(), g.resolutionX(),
                                                 g.resolutionY());
    analysis::SpatialSpectrumAccumulator specTruth(g.width(), g.height(), g.resolutionX(),
                                                   g.resolutionY());
    std::vector<float> estAll, truthAll, coarseAll, backEst, backRef;
    // The estimate's sub-cell pattern on the product's cell mean (mass-conserving: each covered
    // cell's 60 m mean equals the product), compared on its own pixels with the product.
    std::vector<float> anchoredAll, anchoredTruth, anchoredCoarse;
    double anchoredCellGap = 0.0;
    analysis::WithinCellAgreement subCell(cells);
    std::optional<analysis::SubCellAttribution> attribution;
    if (o["subcell_attribution"].get<bool>() && truth)
        attribution.emplace(FineStack::names(), cells);
    std::vector<double> absErr(g.pixelCount(), 0.0), absN(g.pixelCount(), 0.0);
    std::vector<std::vector<std::string>> dateRows;
    std::optional<InsituComparison> insitu;
    if (p.data.count("stations")) {
        insitu.emplace(p.layer("stations").path, g, o["insitu_depth_max"].get<double>());
        run.message(std::to_string(insitu->stationCount()) +
                    " station(s) on the 60 m grid for the in situ check");
    }
    std::size_t mapLimit =
        options.quick ? o["quick_map_dates"].get<std::size_t>() : o["map_dates"].get<std::size_t>();
    const auto& dates = stack.dates();
    if (mapLimit == 0)
        mapLimit = dates.size();
    std::vector<float> lastEst, lastTruth, lastCoarse;
    TimePoint lastDate{};
    std::size_t mapped = 0;
    for (std::size_t i = dates.size(); i-- > 0 && mapped < mapLimit;) {
        run.throwIfCanceled();
        run.progress(70 + 25.0 * double(mapped) / double(mapLimit));
        const FineFrame f = stack.frame(i);
        if (f.validCount < g.pixelCount() / 2)
            continue; // mostly cloudy: no map
        std::vector<float> rows;
        std::vector<std::size_t> where;
        for (std::size_t j = 0; j < f.valid.size(); ++j)
            if (f.valid[j]) {
                for (const auto& plane : f.planes)
                    rows.push_back(plane[j]);
                where.push_back(j);
            }
        norm.normaliser.applyRows(rows.data(), where.size());
        if (clip)
            for (std::size_t j = 0; j < where.size(); ++j)
                for (std::size_t k = 0; k < nf; ++k)
                    rows[j * nf + k] = std::clamp(rows[j * nf + k], lo[k], hi[k]);
        const auto yhat = predictRows(rows.data(), where.size());
        std::vector<float> est(g.pixelCount(), NAN);
        for (std::size_t k = 0; k < where.size(); ++k)
            est[where[k]] = yhat[k];
        const auto cci = targetAt(f.date);
        std::vector<float> cciFine(g.pixelCount(), NAN);
        for (std::size_t j = 0; j < cciFine.size(); ++j)
            if (cellMap.cellOf[j] >= 0)
                cciFine[j] = cci[std::size_t(cellMap.cellOf[j])];
        std::vector<float> tr(g.pixelCount(), NAN);
        if (truth)
            if (const auto k = truth->indexOf(f.date, std::chrono::hours(1)))
                tr = truth->readTime(*k);
        std::vector<float> e1, t1, c1;
        for (std::size_t j = 0; j < est.size(); ++j)
            if (std::isfinite(est[j]) && std::isfinite(tr[j]) && std::isfinite(cciFine[j])) {
                e1.push_back(est[j]);
                t1.push_back(tr[j]);
                c1.push_back(cciFine[j]);
                absErr[j] += std::abs(est[j] - tr[j]);
                absN[j] += 1;
            }
        const auto me = training::pooledMetrics(e1, t1), mc = training::pooledMetrics(c1, t1);
        const double rWithin = truth ? subCell.add(est, tr, cellMap.cellOf) : NAN;
        if (attribution)
            attribution->add(rows, where, g.pixelCount(), cellMap.cellOf, tr, predictRows);
        dateRows.push_back({formatIsoTime(f.date), std::to_string(e1.size()),
                            fmt(me.count("r") ? me.at("r") : NAN),
                            fmt(mc.count("r") ? mc.at("r") : NAN),
                            fmt(me.count("rmse") ? me.at("rmse") : NAN),
                            fmt(mc.count("rmse") ? mc.at("rmse") : NAN), fmt(rWithin)});
        estAll.insert(estAll.end(), e1.begin(), e1.end());
        truthAll.insert(truthAll.end(), t1.begin(), t1.end());
        coarseAll.insert(coarseAll.end(), c1.begin(), c1.end());
        specEst.add(est);
        if (truth)
            specTruth.add(tr);
        std::vector<std::uint8_t> ok(est.size());
        for (std::size_t j = 0; j < est.size(); ++j)
            ok[j] = std::isfinite(est[j]) ? 1 : 0;
        const CellMeans back = aggregateToCells({est}, ok, cellMap, cells);
        for (std::size_t c = 0; c < cells; ++c)
            if (back.coverage[c] >= minCoverage && std::isfinite(back.planes[0][c]) &&
                std::isfinite(cci[c])) {
                backEst.push_back(back.planes[0][c]);
                backRef.push_back(cci[c]);
            }
        if (insitu) {
            std::vector<float> cellMean(est.size(), NAN);
            for (std::size_t j = 0; j < est.size(); ++j)
                if (const int c = cellMap.cellOf[j];
                    c >= 0 && back.coverage[std::size_t(c)] >= minCoverage)
                    cellMean[j] = back.planes[0][std::size_t(c)];
            insitu->add(f.date, est, cciFine, cellMean);
        }
        std::vector<float> anchored(est.size(), NAN);
        for (std::size_t j = 0; j < est.size(); ++j) {
            const int c = cellMap.cellOf[j];
            if (c < 0 || !std::isfinite(est[j]))
                continue;
            const std::size_t cell = std::size_t(c);
            if (back.coverage[cell] >= minCoverage && std::isfinite(back.planes[0][cell]) &&
                std::isfinite(cci[cell]))
                anchored[j] = est[j] + (cci[cell] - back.planes[0][cell]);
            if (std::isfinite(anchored[j]) && std::isfinite(tr[j])) {
                anchoredAll.push_back(anchored[j]);
                anchoredTruth.push_back(tr[j]);
                anchoredCoarse.push_back(cciFine[j]);
            }
        }
        const CellMeans anchoredBack = aggregateToCells({anchored}, ok, cellMap, cells);
        for (std::size_t c = 0; c < cells; ++c)
            if (back.coverage[c] >= minCoverage && std::isfinite(anchoredBack.planes[0][c]) &&
                std::isfinite(cci[c]))
                anchoredCellGap =
                    std::max(anchoredCellGap, double(std::abs(anchoredBack.planes[0][c] - cci[c])));
        if (mapped == 0) {
            lastEst = est;
            lastTruth = tr;
            lastCoarse = cciFine;
            lastDate = f.date;
        }
        ++mapped;
    }
    run.writeCsv(
        "fine_dates.csv",
        {"date", "pixels", "r_estimate_vs_truth", "r_coarse_vs_truth", "rmse_estimate",
         "rmse_coarse", "r_within_cell"},
        dateRows,
        "per-date agreement of the 60 m estimate and of the coarse product with the fine truth; "
        "r_within_cell: of the estimate's and the truth's deviations from their cell means");
    json insituSummary = json::object();
    if (insitu)
        insituSummary = reportInsitu(run, *insitu, o["insitu_min_days"].get<std::size_t>());
    json extra = {{"coarse_test", tm},
                  {"samples", coarseSamples},
                  {"cells", coveredCells.size()},
                  {"training_pixels", fromSamples ? "samples" : "fine_grid"},
                  {"pixel_noise_sd", noiseSd},
                  {"mapped_dates", mapped},
                  {"bundle", bundle.string()},
                  {"insitu", insituSummary}};
    if (subCell.count() > 0) {
        run.addMetrics("60 m deviations from the cell mean vs fine truth", "estimate",
                       {{"r", subCell.r()},
                        {"n", double(subCell.count())},
                        {"sd_estimate", subCell.sdA()},
                        {"sd_truth", subCell.sdB()}});
        extra["fine_r_within_cell"] = subCell.r();
    }
    if (attribution) {
        std::vector<std::vector<std::string>> rows;
        for (std::size_t k = 0; k < attribution->predictors().size(); ++k) {
            const auto& a = attribution->heldAtCellMean(k);
            rows.push_back({attribution->predictors()[k], fmt(a.r()), fmt(a.sdA()), fmt(a.sdB())});
        }
        run.writeCsv("subcell_attribution.csv",
                     {"predictor_held_at_cell_mean", "r_within_cell", "sd_estimate", "sd_truth"},
                     rows,
                     "the 60 m estimate's sub-cell pattern with one predictor at a time held at "
                     "its cell mean of the date");
    }
    if (!estAll.empty()) {
        const auto fe = training::pooledMetrics(estAll, truthAll),
                   fc = training::pooledMetrics(coarseAll, truthAll);
        run.addMetrics("60 m vs fine truth", "estimate", fe);
        run.addMetrics("60 m vs fine truth", "coarse product", fc);
        extra["fine_r_estimate"] = fe.count("r") ? fe.at("r") : NAN;
        extra["fine_r_coarse"] = fc.count("r") ? fc.at("r") : NAN;
        const bool better =
            extra["fine_r_estimate"].get<double>() > extra["fine_r_coarse"].get<double>();
        run.addNote("60 m maps vs fine truth: r " + fmt(extra["fine_r_estimate"].get<double>(), 3) +
                    " vs the coarse product's " + fmt(extra["fine_r_coarse"].get<double>(), 3) +
                    " (estimate better: " + (better ? "holds" : "does not hold") + ")");
    }
    if (!backEst.empty())
        run.addMetrics("60 m aggregated to 0.25°", "vs coarse product",
                       training::pooledMetrics(backEst, backRef));
    if (!anchoredAll.empty()) {
        const auto fa = training::pooledMetrics(anchoredAll, anchoredTruth);
        const auto fc = training::pooledMetrics(anchoredCoarse, anchoredTruth);
        run.addMetrics("60 m vs fine truth, anchored pixels", "estimate anchored to the product",
                       fa);
        run.addMetrics("60 m vs fine truth, anchored pixels", "coarse product", fc);
        extra["fine_r_anchored"] = fa.count("r") ? fa.at("r") : NAN;
        extra["fine_r_coarse_anchored_pixels"] = fc.count("r") ? fc.at("r") : NAN;
        extra["anchored_cell_mean_max_gap"] = anchoredCellGap;
        run.addNote("not the method: the estimate anchored to the product (its 60 m pattern "
                    "shifted per cell and date so "
                    "that the cell mean equals the product; largest remaining gap " +
                    fmt(anchoredCellGap, 7) + ") vs fine truth: r " +
                    fmt(extra["fine_r_anchored"].get<double>(), 3) + " vs the coarse product's " +
                    fmt(extra["fine_r_coarse_anchored_pixels"].get<double>(), 3) +
                    " on the same pixels");
    }
    const double r2 = tm.count("r2") ? tm.at("r2") : NAN;
    run.addNote("coarse test R² " + fmt(r2, 3) + " on " + std::to_string(test.size()) +
                " samples (target ≥ 0.8: " + (r2 >= 0.8 ? "holds" : "does not hold") + ")");
    if (!lastEst.empty()) {
        std::vector<float> err(lastEst.size()), mae(absErr.size(), NAN);
        for (std::size_t j = 0; j < err.size(); ++j)
            err[j] = lastEst[j] - lastTruth[j];
        for (std::size_t j = 0; j < mae.size(); ++j)
            if (absN[j] > 0)
                mae[j] = float(absErr[j] / absN[j]);
        geo::GeoTiffOptions to;
        const std::string when = formatIsoTime(lastDate);
        to.bandDescriptions = {"estimate " + when, "fine_truth " + when, "coarse_product " + when,
                               "estimate-truth " + when, "mae_vs_truth (all mapped dates)"};
        const auto path = run.folder() / "map_60m.tif";
        geo::writeGeoTiff(path, g, {lastEst, lastTruth, lastCoarse, err, mae}, to);
        run.addOutput(
            path, "60 m estimate, fine truth (checking), coarse product, error and per-pixel MAE");
    }
    std::vector<std::vector<std::string>> specRows;
    json fits = json::object();
    addSpectrum(specRows, fits, "estimate_60m", specEst);
    addSpectrum(specRows, fits, "truth_60m", specTruth);
    run.writeCsv("spectra.csv", {"product", "direction", "k_per_m", "power"}, specRows,
                 "zonal/meridional power density spectra");
    run.writeJson("spectra_fits.json", fits, "power-law slopes and effective resolutions");
    extra["spectra"] = fits;
    run.progress(100);
    return run.finish("FFNN ensemble of " + std::to_string(settings.ensemble) + " on " +
                          std::to_string(coarseSamples) + " coarse samples: test R² " + fmt(r2, 3) +
                          "; " + std::to_string(mapped) + " 60 m maps",
                      extra);
}

} // namespace soilscope::workloads
