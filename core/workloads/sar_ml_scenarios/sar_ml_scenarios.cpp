// sar_ml_scenarios: RF, XGBoost, SVR and MLP on station samples at Sentinel-1 dates under the
// dependent (random), temporal, spatial and regional scenarios with repeats; random search per fit
// with honest (inner validation) and oracle (best on test) selection reported side by side. By
// default the dependent, temporal and spatial scenarios train on matched sample counts (those of
// the temporal scenario).
#include "analysis/summary_statistics.h"
#include "base/error.h"
#include "base/json_text.h"
#include "features/predictor_spec.h"
#include "geo/raster_series.h"
#include "project/workload_preset.h"
#include "training/evaluation.h"
#include "training/fold.h"
#include "training/hyper_search.h"
#include "training/permutation_importance.h"
#include "training/trainer.h"
#include "workloads/pipelines.h"
#include "workloads/sar_ml_scenarios/regional_campaign.h"
#include "workloads/sar_ml_scenarios/sar_scenarios.h"
#include "workloads/sar_ml_scenarios/tabular_map.h"
#include "workloads/workload_run.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <random>

namespace soilscope::workloads {

namespace {
using nlohmann::json;

/// The paper's search spaces. The MLP's learning rate and α are training settings: Adam's lr and
/// its L2 weight decay (scikit-learn divides α by the sample count; SoilScope's weight decay is
/// not, so the same range penalises small training sets less).
json searchSpace(const std::string& family) {
    if (family == "mlp")
        return json::parse(
            R"({"layers": {"min": 1, "max": 5}, "width": {"min": 16, "max": 256, "log": true},
                "activation": {"choices": ["relu", "tanh"]},
                "training.optimizer.lr": {"min": 0.001, "max": 0.1, "log": true},
                "training.optimizer.weight_decay": {"min": 0.0001, "max": 0.01, "log": true}})");
    if (family == "svr")
        return json::parse(
            R"({"c": {"min": 0.1, "max": 10, "log": true}, "epsilon": {"min": 0.01, "max": 0.5, "log": true},
                                "kernel": {"choices": ["linear", "rbf", "poly", "sigmoid"]}})");
    if (family == "random_forest")
        return json::parse(
            R"({"n_estimators": {"min": 10, "max": 100}, "max_depth": {"choices": [0, 10, 20, 30]},
                                "min_leaf": {"choices": [1, 2, 4, 8]}, "max_features": {"choices": ["sqrt", "log2", "all"]}})");
    if (family == "xgboost")
        return json::parse(
            R"({"n_estimators": {"min": 100, "max": 300}, "max_depth": {"min": 3, "max": 5},
                                "learning_rate": {"min": 0.001, "max": 0.3, "log": true}})");
    throw Error("sar_ml_scenarios: unknown method '" + family +
                "' (random_forest, xgboost, svr, mlp)");
}

/// Squared errors of the dependent scenario's test samples by their gap to the nearest training
/// day of the same station (how much temporal autocorrelation the random split hands over).
struct GapErrors {
    static constexpr int bins = 4;
    static const char* name(int b) {
        return b == 0   ? "gap <= 6 d"
               : b == 1 ? "gap 7-24 d"
               : b == 2 ? "gap > 24 d"
                        : "station unseen";
    }
    /// (size, method or "all") → (Σe², n) per bin
    std::map<std::pair<double, std::string>, std::array<std::pair<double, std::size_t>, bins>>
        bySize;
    void add(double size, const std::string& method, const features::Dataset& d,
             const training::Split& s, const std::vector<float>& pred) {
        std::map<std::string, std::vector<TimePoint>> trainDays;
        for (std::size_t i : s.train)
            trainDays[d.groups.station[i]].push_back(d.groups.date[i]);
        for (auto& [st, v] : trainDays)
            std::sort(v.begin(), v.end());
        auto& acc = bySize[{size, method}];
        auto& all = bySize[{size, "all"}];
        for (std::size_t q = 0; q < s.test.size(); ++q) {
            const std::size_t i = s.test[q];
            double gap = 1e9;
            if (const auto it = trainDays.find(d.groups.station[i]); it != trainDays.end()) {
                const auto& v = it->second;
                const auto pos = std::lower_bound(v.begin(), v.end(), d.groups.date[i]);
                if (pos != v.end())
                    gap = std::min(gap, std::abs(double((*pos - d.groups.date[i]).count())));
                if (pos != v.begin())
                    gap = std::min(gap, std::abs(double((d.groups.date[i] - *(pos - 1)).count())));
            }
            const double days = gap / 86400.0;
            const int b = gap >= 1e9 ? 3 : days <= 6.5 ? 0 : days <= 24.5 ? 1 : 2;
            const double e = double(pred[q]) - double(d.y[i]);
            if (!std::isfinite(e))
                continue;
            for (auto* a : {&acc, &all}) {
                (*a)[std::size_t(b)].first += e * e;
                (*a)[std::size_t(b)].second += 1;
            }
        }
    }
};

/// Paired t-tests of every two methods' honest test RMSE over the same sub-scenarios (sizes ×
/// repeats) of each scenario, p < 0.01 as in the paper: method_tests.csv and a finding on
/// whether the tree ensembles beat SVR and the MLP.
void writeMethodTests(
    WorkloadRun& run,
    const std::map<std::string, std::map<std::string, std::map<std::string, std::vector<double>>>>&
        rmse,
    std::vector<std::string>& notes) {
    std::vector<std::vector<std::string>> rows;
    int treeWins = 0, treeComparisons = 0;
    const auto isTree = [](const std::string& m) { return m == "random_forest" || m == "xgboost"; };
    for (const auto& [scenario, byMethod] : rmse)
        for (auto a = byMethod.begin(); a != byMethod.end(); ++a)
            for (auto b = std::next(a); b != byMethod.end(); ++b) {
                const auto t =
                    analysis::pairedTTest(a->second.at("honest"), b->second.at("honest"));
                rows.push_back({scenario, a->first, b->first, std::to_string(t.n),
                                fmt(t.meanDifference), fmt(t.t), fmt(t.df), fmt(t.p),
                                std::isfinite(t.p) && t.p < 0.01 ? "yes" : "no"});
                if (isTree(a->first) != isTree(b->first) && std::isfinite(t.p)) {
                    ++treeComparisons;
                    const double treeMinusOther =
                        isTree(a->first) ? t.meanDifference : -t.meanDifference;
                    treeWins += t.p < 0.01 && treeMinusOther < 0 ? 1 : 0;
                }
            }
    if (rows.empty())
        return;
    run.writeCsv("method_tests.csv",
                 {"scenario", "method_a", "method_b", "pairs", "mean_rmse_difference", "t", "df",
                  "p", "significant_p_0.01"},
                 rows,
                 "paired t-tests of the methods' honest test RMSE per scenario (a − b over the "
                 "same sub-scenarios)");
    notes.push_back(treeComparisons > 0
                        ? "RF/XGBoost beat SVR/MLP (paired t-test of honest RMSE, p < 0.01) in " +
                              std::to_string(treeWins) + " of " + std::to_string(treeComparisons) +
                              " scenario comparisons"
                        : "no t-test of the methods: it needs at least two sub-scenarios "
                          "(sizes × repeats) with varying RMSE differences per scenario");
}

} // namespace

WorkloadResult runSarMlScenarios(const project::ProjectFile& given, const WorkloadOptions& options,
                                 Feedback& feedback) {
    project::ProjectFile p = given;
    if (!p.hasLearningSetup())
        project::applyWorkloadPreset(p);
    const json o = workloadOptions(p, workloadOptionDefaults("sar_ml_scenarios"));
    const int repeats = options.quick ? 1 : o["repeats"].get<int>();
    const int draws = options.quick ? 2 : o["draws"].get<int>();
    // MLP: Adam 1e-3, no early stopping (the search's test fit must not see the test set)
    json mlpDefaults = {{"optimizer", {{"name", "adam"}, {"lr", 1e-3}}},
                        {"epochs", 100},
                        {"batch_size", 32},
                        {"patience", 0},
                        {"restore_best", false},
                        {"seed", 42}};
    training::TrainSettings settings = trainSettings(p, mlpDefaults, options);
    if (options.quick)
        settings.epochs = std::min(settings.epochs, 5);
    std::vector<std::string> methods = o["methods"].get<std::vector<std::string>>();
    for (const auto& m : methods)
        searchSpace(m);

    WorkloadRun run(p, options, feedback,
                    {{"options", o},
                     {"train_settings_mlp", settings.toJson()},
                     {"predictors", features::predictorsToJson(p.predictors)}});
    auto data = project::openProjectData(p);
    features::Dataset dataset = buildDataset(p, *data, run, 0, 10);
    if (dataset.groups.station.empty())
        throw Error("sar_ml_scenarios needs station targets", p.file.string());
    std::vector<std::string> notes;
    auto subs = makeSarScenarios(dataset, o, repeats, options.quick, notes);
    const std::size_t stationSamples = dataset.sampleCount();
    // the regional scenario's test samples are appended after the station samples, which the
    // other scenarios index
    if (o["regional"].get<bool>())
        if (const auto campaign = appendRegionalCampaign(dataset, p, *data, o, notes))
            for (int rep = 0; rep < repeats; ++rep) {
                SarSubScenario s{"regional", double(campaign->train.size()), 0, {}};
                s.split.train = campaign->train;
                s.split.test = campaign->test;
                std::mt19937_64 rng(o["seed"].get<unsigned long long>() + 1000ULL * rep + 17);
                if (addSarSubScenario(dataset, s, o, rep, rng, notes))
                    subs.push_back(std::move(s));
            }
    if (subs.empty())
        throw Error("sar_ml_scenarios: every sub-scenario has too few training samples",
                    p.file.string());
    const bool matched = o["match_sizes"].get<bool>();
    run.message(std::to_string(dataset.sampleCount()) + " samples, " + std::to_string(subs.size()) +
                " sub-scenarios × " + std::to_string(methods.size()) + " methods × " +
                std::to_string(draws) + " draws");

    std::vector<std::vector<std::string>> rows;
    // scenario → method → selection → values (RMSE), and pooled R, bias
    std::map<std::string, std::map<std::string, std::map<std::string, std::vector<double>>>> rmse,
        r, bias;
    std::map<std::string, std::map<std::string, std::map<double, std::vector<double>>>>
        curve; // scenario/method → size → honest rmse
    std::map<double, std::map<std::string, std::map<std::string, std::vector<double>>>>
        bySize; // size → scenario → selection
    std::map<double, std::map<std::string, std::map<std::string, std::vector<double>>>>
        bySizeMethod;                      // size → method → scenario (honest)
    std::map<std::string, double> seconds; // method → search time
    GapErrors gaps;
    double largestDependent = 0;
    std::map<std::string, double> largestSize; // per scenario
    for (const auto& s : subs) {
        if (s.scenario == "dependent")
            largestDependent = std::max(largestDependent, s.size);
        largestSize[s.scenario] = std::max(largestSize[s.scenario], s.size);
    }
    const int permutationRepeats = o["permutation_repeats"].get<int>();
    struct MapPick {
        double inner = INFINITY;
        std::size_t unit = 0;
        std::string method;
        models::TrainedModel model;
        features::Normaliser normaliser;
        std::map<std::string, double> test;
        features::Dataset testSet;    ///< the test samples (dates, observed target)
        std::vector<float> predicted; ///< the model's value at each test sample
    };
    std::optional<MapPick> mapPick;
    json draws_json = json::array();
    std::vector<std::vector<std::string>> importanceRows;
    std::map<std::string, std::map<std::string, double>> importance; // scenario/method → feature
    // One unit per sub-scenario × method: its search (seeded by the unit) and, for the
    // dependent scenario, the honest pick refitted and its test predictions. Under mpirun the
    // units are spread over the processes; process 0 gathers them.
    const std::size_t M = methods.size();
    FeedbackSlice slice(run.feedback(), 10, 95);
    auto unit = [&](std::size_t u, Feedback& unitFeedback) {
        const auto& sub = subs[u / M];
        const std::string& method = methods[u % M];
        const training::NormalisedData norm = training::normaliseOnTraining(
            dataset, features::normaliserFor(p.predictors), sub.split.train);
        training::SearchSettings search;
        search.draws = draws;
        search.seed = o["seed"].get<unsigned long long>() + 7919ULL * u;
        search.space = searchSpace(method);
        search.score = "rmse";
        const models::ModelSpec base = models::resolveSpec({method, json::object()});
        const auto t0 = std::chrono::steady_clock::now();
        const auto result =
            training::randomSearch(base, settings, norm.data, sub.split, search, unitFeedback);
        json out = {{"search", result.toJson()},
                    {"seconds",
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()}};
        // the honest pick refitted: for the dependent scenario its test errors by gap to the
        // station's training days; at the largest size of repeat 1 its permutation importance
        const bool importance = permutationRepeats > 0 && sub.split.repeat == 0 &&
                                sub.size == largestSize.at(sub.scenario);
        if (sub.scenario == "dependent" || importance) {
            const auto& pick = result.draws.at(result.honestIndex);
            const auto model = training::trainFold(
                                   pick.spec, training::withDrawnTraining(settings, pick.training),
                                   norm.data, sub.split, unitFeedback, training::FoldReports::Quiet)
                                   .training.model;
            const auto testSet = norm.data.subset(sub.split.test);
            if (sub.scenario == "dependent")
                out["predicted"] =
                    jsonNumbers(model.predict(testSet.x.data(), testSet.sampleCount()));
            if (importance && testSet.sampleCount() >= 2) {
                json features = json::array();
                for (const auto& f : training::permutationImportance(
                         model, testSet, permutationRepeats, o["seed"].get<std::uint64_t>() + u))
                    features.push_back({{"feature", f.feature},
                                        {"base_rmse", jsonNumber(f.baseRmse)},
                                        {"increase", jsonNumber(f.meanIncrease)},
                                        {"sd", jsonNumber(f.sdIncrease)}});
                out["importance"] = features;
            }
        }
        return out;
    };
    const auto units = run.units(subs.size() * M, unit, slice);
    if (!run.isRoot())
        return run.workerResult();
    slice.setProgress(100);
    for (std::size_t u = 0; u < units.size(); ++u) {
        const auto& sub = subs[u / M];
        const std::string& method = methods[u % M];
        const auto result = training::SearchResult::fromJson(units[u].at("search"));
        seconds[method] += units[u].at("seconds").get<double>();
        for (const auto& [sel, idx] :
             {std::pair<std::string, std::size_t>{"honest", result.honestIndex},
              {"oracle", result.oracleIndex}}) {
            const auto& m = result.draws.at(idx).testMetrics;
            const double e = m.count("rmse") ? m.at("rmse") : NAN;
            json drawn = result.draws.at(idx).spec.params;
            for (const auto& [name, value] : result.draws.at(idx).training.items())
                drawn["training." + name] = value;
            rmse[sub.scenario][method][sel].push_back(e);
            r[sub.scenario][method][sel].push_back(m.count("r") ? m.at("r") : NAN);
            bias[sub.scenario][method][sel].push_back(m.count("bias") ? m.at("bias") : NAN);
            if (sub.scenario != "regional") // its size is the network's, matched to nothing
                bySize[sub.size][sub.scenario][sel].push_back(e);
            if (sel == "honest") {
                curve[sub.scenario][method][sub.size].push_back(e);
                if (sub.scenario != "regional")
                    bySizeMethod[sub.size][method][sub.scenario].push_back(e);
            }
            rows.push_back(
                {sub.scenario, fmt(sub.size, 6), std::to_string(sub.split.repeat + 1), method, sel,
                 std::to_string(sub.split.train.size()),
                 std::to_string(sub.split.validation.size()), std::to_string(sub.trainStations),
                 std::to_string(sub.split.test.size()), fmt(e), fmt(m.count("r") ? m.at("r") : NAN),
                 fmt(m.count("bias") ? m.at("bias") : NAN), csvQuote(drawn.dump())});
        }
        if (sub.scenario == "dependent") {
            const auto& pick = result.draws.at(result.honestIndex);
            const auto predicted = floatsFromJson(units[u].at("predicted"));
            gaps.add(sub.size, method, dataset, sub.split, predicted);
            if (sub.size == largestDependent && sub.split.repeat == 0 &&
                pick.innerScore < (mapPick ? mapPick->inner : INFINITY))
                mapPick =
                    MapPick{pick.innerScore, u, method, {}, {}, pick.testMetrics, {}, predicted};
        }
        if (units[u].contains("importance"))
            for (const auto& f : units[u]["importance"]) {
                const double increase = numberFromJson(f["increase"]);
                importanceRows.push_back({sub.scenario, fmt(sub.size, 6), method,
                                          f["feature"].get<std::string>(),
                                          fmt(numberFromJson(f["base_rmse"])), fmt(increase),
                                          fmt(numberFromJson(f["sd"]))});
                importance[sub.scenario + "/" + method][f["feature"].get<std::string>()] = increase;
            }
        draws_json.push_back(
            {{"sub_scenario", sub.split.name}, {"method", method}, {"search", result.toJson()}});
    }
    if (mapPick) {
        // the map's model: the winning unit's refit again here (the same seed gives the same
        // weights, so it need not travel between processes)
        const auto& sub = subs[mapPick->unit / M];
        const auto result = training::SearchResult::fromJson(units[mapPick->unit].at("search"));
        const training::NormalisedData norm = training::normaliseOnTraining(
            dataset, features::normaliserFor(p.predictors), sub.split.train);
        const auto& pick = result.draws.at(result.honestIndex);
        mapPick->model =
            training::trainFold(pick.spec, training::withDrawnTraining(settings, pick.training),
                                norm.data, sub.split, run.feedback(), training::FoldReports::Quiet)
                .training.model;
        mapPick->normaliser = norm.normaliser;
        mapPick->testSet = norm.data.subset(sub.split.test);
    }

    run.writeCsv(
        "scenario_results.csv",
        {"scenario", "size", "repeat", "method", "selection", "train", "validation",
         "train_stations", "test", "rmse", "r", "bias", "params"},
        rows,
        "one row per scenario × size × repeat × method × selection (test metrics; size = training "
        "samples incl. validation when sizes are matched)");
    json curves = json::object();
    for (const auto& [sc, byMethod] : curve)
        for (const auto& [m, sizes] : byMethod)
            for (const auto& [size, v] : sizes)
                curves[sc][m].push_back(
                    {{"size", size}, {"median_rmse", median(v)}, {"values", v}});
    run.writeJson("learning_curves.json", curves,
                  "median honest test RMSE per training size (violin/curve data)");
    run.writeJson("search_draws.json", draws_json,
                  "every random-search draw with inner and test scores");
    if (!importanceRows.empty()) {
        run.writeCsv("feature_importance.csv",
                     {"scenario", "size", "method", "feature", "base_rmse", "rmse_increase", "sd"},
                     importanceRows,
                     "permutation importance of each method's honest pick at the largest training "
                     "size of repeat 1: the test RMSE increase when the predictor is shuffled");
        for (const auto& [group, byFeature] : importance) {
            run.addMetrics("permutation_importance", group, byFeature);
            const auto top =
                std::max_element(byFeature.begin(), byFeature.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
            notes.push_back(group + ": shuffling " + top->first + " raises the test RMSE most (+" +
                            fmt(top->second, 3) + ")");
        }
    }
    writeMethodTests(run, rmse, notes);

    std::map<std::string, double> scenarioMedian;
    for (const auto& [sc, byMethod] : rmse) {
        std::vector<double> pooled;
        for (const auto& [m, bySel] : byMethod) {
            for (const auto& [sel, v] : bySel)
                run.addMetrics("scenario", sc + "/" + m + "/" + sel,
                               {{"median_rmse", median(v)},
                                {"median_r", median(r[sc][m][sel])},
                                {"median_bias", median(bias[sc][m][sel])},
                                {"fits", double(v.size())}});
            const auto& h = bySel.at("honest");
            pooled.insert(pooled.end(), h.begin(), h.end());
        }
        scenarioMedian[sc] = median(pooled);
        run.addMetrics("scenario", sc, {{"median_rmse_honest", scenarioMedian[sc]}});
    }
    for (const auto& [sc, byMethod] : rmse)
        for (const auto& [m, bySel] : byMethod) {
            const double h = median(bySel.at("honest")), orc = median(bySel.at("oracle"));
            notes.push_back(sc + "/" + m + ": oracle tuning lowers the median RMSE by " +
                            fmt(h - orc, 3) + " (honest " + fmt(h, 3) + ", oracle " + fmt(orc, 3) +
                            ")");
        }
    const auto get = [&](const char* k) {
        return scenarioMedian.count(k) ? scenarioMedian.at(k) : NAN;
    };
    const bool ordering = get("dependent") < get("temporal") && get("temporal") < get("spatial");
    notes.push_back(
        std::string(
            "ordering dependent < temporal < spatial (median honest RMSE over all sizes): ") +
        (ordering ? "holds" : "does not hold") + " (" + fmt(get("dependent"), 3) + ", " +
        fmt(get("temporal"), 3) + ", " + fmt(get("spatial"), 3) + ")");
    if (scenarioMedian.count("regional")) {
        const bool hardest = get("spatial") < get("regional");
        notes.push_back(std::string("regional scenario (campaign map) the hardest, spatial < "
                                    "regional (median honest RMSE): ") +
                        (hardest ? "holds" : "does not hold") + " (" + fmt(get("spatial"), 3) +
                        ", " + fmt(get("regional"), 3) + ")");
    }
    json perSize = json::array();
    int sizesHolding = 0;
    if (matched) {
        for (const auto& [size, bySc] : bySize) {
            std::map<std::string, double> h, orc;
            for (const auto& [sc, bySel] : bySc) {
                h[sc] = median(bySel.at("honest"));
                orc[sc] = median(bySel.at("oracle"));
                run.addMetrics("matched size " + fmt(size, 6), sc,
                               {{"median_rmse_honest", h[sc]}, {"median_rmse_oracle", orc[sc]}});
            }
            auto at = [](const std::map<std::string, double>& m, const char* k) {
                return m.count(k) ? m.at(k) : NAN;
            };
            const bool holds =
                at(h, "dependent") < at(h, "temporal") && at(h, "temporal") < at(h, "spatial");
            sizesHolding += holds ? 1 : 0;
            perSize.push_back({{"size", size},
                               {"median_rmse_honest", h},
                               {"median_rmse_oracle", orc},
                               {"holds", holds}});
            notes.push_back("matched size " + fmt(size, 6) +
                            " training samples: median honest RMSE dependent " +
                            fmt(at(h, "dependent"), 3) + ", temporal " + fmt(at(h, "temporal"), 3) +
                            ", spatial " + fmt(at(h, "spatial"), 3) + " (oracle " +
                            fmt(at(orc, "dependent"), 3) + ", " + fmt(at(orc, "temporal"), 3) +
                            ", " + fmt(at(orc, "spatial"), 3) + "): ordering " +
                            (holds ? "holds" : "does not hold"));
            std::string perMethod;
            for (const auto& [m, bySc] : bySizeMethod[size]) {
                std::map<std::string, double> mh;
                for (const auto& [sc, v] : bySc)
                    mh[sc] = median(v);
                const bool mHolds = at(mh, "dependent") < at(mh, "temporal") &&
                                    at(mh, "temporal") < at(mh, "spatial");
                perMethod += (perMethod.empty() ? "" : "; ") + m + " " +
                             fmt(at(mh, "dependent"), 3) + " / " + fmt(at(mh, "temporal"), 3) +
                             " / " + fmt(at(mh, "spatial"), 3) +
                             (mHolds ? " holds" : " does not hold");
            }
            notes.push_back(
                "matched size " + fmt(size, 6) +
                " per method (median honest RMSE dependent / temporal / spatial): " + perMethod);
        }
    }
    json gapJson = json::array();
    for (const auto& [key, acc] : gaps.bySize) {
        const auto& [size, method] = key;
        std::map<std::string, double> m;
        std::string line;
        for (int b = 0; b < GapErrors::bins; ++b) {
            const auto& [se, cnt] = acc[std::size_t(b)];
            const double e = cnt ? std::sqrt(se / double(cnt)) : NAN;
            if (cnt)
                m[std::string(GapErrors::name(b)) + " rmse"] = e;
            m[std::string(GapErrors::name(b)) + " n"] = double(cnt);
            line += std::string(line.empty() ? "" : ", ") + GapErrors::name(b) + " " + fmt(e, 3) +
                    " (n " + std::to_string(cnt) + ")";
        }
        run.addMetrics("dependent test error by gap", fmt(size, 6) + "/" + method, m);
        gapJson.push_back({{"size", size}, {"method", method}, {"bins", m}});
        notes.push_back("dependent " + fmt(size, 6) + ", " + method +
                        ": test RMSE of the honest picks (repeats pooled) by the gap "
                        "to the station's nearest training day: " +
                        line);
    }
    for (const auto& [m, s] : seconds) {
        run.addMetrics("search time", m, {{"seconds", s}});
        notes.push_back(m + ": " + fmt(s, 4) + " s of random search in all");
    }
    if (mapPick) {
        std::vector<std::vector<std::string>> pairRows;
        const auto& t = mapPick->testSet;
        for (std::size_t i = 0; i < t.sampleCount() && i < mapPick->predicted.size(); ++i)
            if (t.targetMask.empty() || t.targetMask[i])
                pairRows.push_back({formatIsoTime(t.groups.date[i]), fmt(t.y[i], 6),
                                    fmt(mapPick->predicted[i], 6)});
        run.writeCsv("test_pairs.csv", {"time", "reference", "candidate"}, pairRows,
                     "test samples of " + mapPick->method +
                         " (best honest validation score of the dependent scenario's "
                         "largest size, repeat 1): observed (reference) and predicted (candidate)");
    }
    json mapJson = json::object();
    if (mapPick && o["map"].get<bool>()) {
        const auto path = run.folder() / "dependent_best_honest_map.tif";
        const auto made = writeTabularMap(p, *data, mapPick->normaliser, mapPick->model, path,
                                          mapPick->method + " sm");
        run.addOutput(path, "soil moisture of " + mapPick->method +
                                " (best honest validation score of the dependent scenario's "
                                "largest size, repeat 1) on the Sentinel-1 grid at " +
                                formatIsoTime(made.date));
        mapJson = {{"method", mapPick->method},         {"date", formatIsoTime(made.date)},
                   {"valid_pixels", made.validPixels},  {"pixels", made.pixels},
                   {"validation_rmse", mapPick->inner}, {"test", mapPick->test}};
        notes.push_back("map: " + mapPick->method + " (validation RMSE " + fmt(mapPick->inner, 3) +
                        ") at " + formatIsoTime(made.date) + ", " +
                        std::to_string(made.validPixels) + " of " + std::to_string(made.pixels) +
                        " pixels valid");
        // check only (never an input): the map against the twin's truth on the same grid
        if (p.data.count("truth")) {
            const auto& tl = p.layer("truth");
            const auto truth = geo::RasterSeries::open(tl.path, tl.variable);
            const auto k = truth.indexOf(made.date, std::chrono::hours(12));
            const auto tv = k ? truth.readTime(*k) : std::vector<float>{};
            std::vector<float> pm, pt;
            for (std::size_t i = 0; i < tv.size() && tv.size() == made.values.size(); ++i)
                if (std::isfinite(tv[i]) && std::isfinite(made.values[i])) {
                    pm.push_back(made.values[i]);
                    pt.push_back(tv[i]);
                }
            if (!pm.empty()) {
                const auto m = training::pooledMetrics(pm, pt);
                run.addMetrics("truth check", "map", m);
                mapJson["truth_check"] = m;
                auto v = [&](const char* key) { return m.count(key) ? m.at(key) : NAN; };
                notes.push_back("map vs the twin's truth (check only): r " + fmt(v("r"), 3) +
                                ", RMSE " + fmt(v("rmse"), 3) + ", bias " + fmt(v("bias"), 3) +
                                " over " + std::to_string(pm.size()) + " pixels");
            }
        }
    }
    for (const auto& n : notes)
        run.addNote(n);
    run.progress(100);
    return run.finish("RF/XGBoost/SVR/MLP under dependent, temporal, spatial" +
                          std::string(scenarioMedian.count("regional") ? " and regional" : "") +
                          " scenarios on " + std::to_string(stationSamples) +
                          " station samples; ordering " + (ordering ? "holds" : "does not hold") +
                          (matched ? " over all sizes, at " + std::to_string(sizesHolding) +
                                         " of " + std::to_string(perSize.size()) + " matched sizes"
                                   : std::string()),
                      {{"samples", stationSamples},
                       {"median_rmse", scenarioMedian},
                       {"ordering_holds", ordering},
                       {"matched_sizes", perSize},
                       {"dependent_gap_errors", gapJson},
                       {"search_seconds", seconds},
                       {"map", mapJson}});
}

} // namespace soilscope::workloads
