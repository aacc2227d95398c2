// sar_ml_scenarios: RF, XGBoost, SVR and MLP on station samples at Sentinel-1 dates under the
// dependent (random), temporal and spatial scenarios with repeats; random search per fit with
// honest (inner validation) and oracle (best on test) selection reported side by side.
#include "base/error.h"
#include "features/predictor_spec.h"
#include "project/workload_preset.h"
#include "training/hyper_search.h"
#include "workloads/pipelines.h"
#include "workloads/workload_run.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

namespace soilscope::workloads {

namespace {
using nlohmann::json;

json defaultOptions() {
    return {{"methods", {"random_forest", "xgboost", "svr", "mlp"}},
            {"repeats", 3},
            {"draws", 8},
            {"dependent_fractions", {0.01, 0.03, 0.05}},
            {"temporal_samples_per_cell", {1, 11, 21}},
            {"spatial_cells", {1, 9, 25}},
            {"min_train_samples", 10},
            {"validation_fraction", 0.25},
            {"seed", 1}};
}

/// The paper's search spaces (model parameters; the MLP's learning rate and α are training
/// settings and stay fixed).
json searchSpace(const std::string& family) {
    if (family == "mlp")
        return json::parse(R"({"layers": {"min": 1, "max": 5}, "width": {"min": 16, "max": 256, "log": true},
                                "activation": {"choices": ["relu", "tanh"]}})");
    if (family == "svr")
        return json::parse(R"({"c": {"min": 0.1, "max": 10, "log": true}, "epsilon": {"min": 0.01, "max": 0.5, "log": true},
                                "kernel": {"choices": ["linear", "rbf", "poly", "sigmoid"]}})");
    if (family == "random_forest")
        return json::parse(R"({"n_estimators": {"min": 10, "max": 100}, "max_depth": {"choices": [0, 10, 20, 30]},
                                "min_leaf": {"choices": [1, 2, 4, 8]}, "max_features": {"choices": ["sqrt", "log2", "all"]}})");
    if (family == "xgboost")
        return json::parse(R"({"n_estimators": {"min": 100, "max": 300}, "max_depth": {"min": 3, "max": 5},
                                "learning_rate": {"min": 0.001, "max": 0.3, "log": true}})");
    throw Error("sar_ml_scenarios: unknown method '" + family + "' (random_forest, xgboost, svr, mlp)");
}

struct SubScenario {
    std::string scenario;
    double size = 0;  ///< fraction, samples per cell, or cells
    training::Split split;
};

/// Moves a share of the training part into validation (at least one sample, two stay).
void carveValidation(training::Split& s, double fraction, std::mt19937_64& rng) {
    std::shuffle(s.train.begin(), s.train.end(), rng);
    std::size_t nv = std::max<std::size_t>(1, std::size_t(std::lround(fraction * double(s.train.size()))));
    nv = std::min(nv, s.train.size() > 2 ? s.train.size() - 2 : 0);
    s.validation.assign(s.train.end() - std::ptrdiff_t(nv), s.train.end());
    s.train.resize(s.train.size() - nv);
}

std::vector<SubScenario> makeScenarios(const features::Dataset& d, const json& o, int repeats, bool quick,
                                       std::vector<std::string>& notes) {
    const std::size_t n = d.sampleCount();
    const auto& g = d.groups;
    std::vector<SubScenario> out;
    const auto seed = o["seed"].get<unsigned long long>();
    const double valFrac = o["validation_fraction"];
    const std::size_t minTrain = o["min_train_samples"];
    auto keep = [&](SubScenario s, std::mt19937_64& rng) {
        if (s.split.train.size() < minTrain || s.split.test.empty()) {
            notes.push_back(s.scenario + " " + fmt(s.size) + ": skipped (" + std::to_string(s.split.train.size()) +
                            " training samples, fewer than min_train_samples)");
            return;
        }
        carveValidation(s.split, valFrac, rng);
        out.push_back(std::move(s));
    };
    std::vector<std::string> stations;
    for (const auto& s : g.station) stations.push_back(s);
    std::sort(stations.begin(), stations.end());
    stations.erase(std::unique(stations.begin(), stations.end()), stations.end());

    auto sizes = [&](const char* key) {
        std::vector<double> v = o[key].get<std::vector<double>>();
        if (quick && v.size() > 1) v = {v.back()};
        return v;
    };
    // training period of the temporal scenario: the last calendar year when the data span
    // more than one, else the last quarter of the dates
    TimePoint first = *std::min_element(g.date.begin(), g.date.end());
    TimePoint last = *std::max_element(g.date.begin(), g.date.end());
    const int lastYear = *std::max_element(g.year.begin(), g.year.end());
    const int firstYear = *std::min_element(g.year.begin(), g.year.end());
    const TimePoint trainFrom = lastYear > firstYear ? makeTime(lastYear, 1, 1) : first + (last - first) * 3 / 4;

    for (int rep = 0; rep < repeats; ++rep) {
        std::mt19937_64 rng(seed + 1000ULL * rep);
        std::vector<std::size_t> all(n);
        for (std::size_t i = 0; i < n; ++i) all[i] = i;
        for (double f : sizes("dependent_fractions")) {
            SubScenario s{"dependent", f, {}};
            std::vector<std::size_t> idx = all;
            std::shuffle(idx.begin(), idx.end(), rng);
            const std::size_t nt = std::size_t(std::lround(f * double(n)));
            s.split.train.assign(idx.begin(), idx.begin() + std::ptrdiff_t(nt));
            s.split.test.assign(idx.begin() + std::ptrdiff_t(nt), idx.end());
            keep(std::move(s), rng);
        }
        std::map<std::string, std::vector<std::size_t>> inPeriod;
        std::vector<std::size_t> outside;
        for (std::size_t i = 0; i < n; ++i)
            (g.date[i] >= trainFrom ? inPeriod[g.station[i]] : outside).push_back(i);
        for (double k : sizes("temporal_samples_per_cell")) {
            SubScenario s{"temporal", k, {}};
            std::set<std::string> used;
            for (auto& [st, idx] : inPeriod) {
                if (idx.size() <= std::size_t(k)) continue;
                std::vector<std::size_t> pick = idx;
                std::shuffle(pick.begin(), pick.end(), rng);
                s.split.train.insert(s.split.train.end(), pick.begin(), pick.begin() + std::ptrdiff_t(k));
                used.insert(st);
            }
            for (std::size_t i : outside)
                if (used.count(g.station[i])) s.split.test.push_back(i);
            keep(std::move(s), rng);
        }
        for (double c : sizes("spatial_cells")) {
            const std::size_t cells = std::min<std::size_t>(std::size_t(c), stations.size() - 1);
            SubScenario s{"spatial", double(cells), {}};
            std::vector<std::string> order = stations;
            std::shuffle(order.begin(), order.end(), rng);
            const std::set<std::string> train(order.begin(), order.begin() + std::ptrdiff_t(cells));
            for (std::size_t i = 0; i < n; ++i) (train.count(g.station[i]) ? s.split.train : s.split.test).push_back(i);
            keep(std::move(s), rng);
        }
        for (auto& s : out)
            if (s.split.name.empty()) {
                s.split.repeat = rep;
                s.split.name = s.scenario + " " + fmt(s.size) + " repeat " + std::to_string(rep + 1);
            }
    }
    return out;
}
} // namespace

WorkloadResult runSarMlScenarios(const project::ProjectFile& given, const WorkloadOptions& options,
                                 training::TrainingObserver& observer) {
    project::ProjectFile p = given;
    if (!p.hasLearningSetup()) project::applyWorkloadPreset(p);
    const json o = workloadOptions(p, defaultOptions());
    const int repeats = options.quick ? 1 : o["repeats"].get<int>();
    const int draws = options.quick ? 2 : o["draws"].get<int>();
    // MLP: Adam 1e-3, no early stopping (the search's test fit must not see the test set)
    json mlpDefaults = {{"optimizer", {{"name", "adam"}, {"lr", 1e-3}}}, {"epochs", 100}, {"batch_size", 32},
                        {"patience", 0}, {"restore_best", false}, {"seed", 42}};
    training::TrainSettings settings = trainSettings(p, mlpDefaults, options);
    if (options.quick) settings.epochs = std::min(settings.epochs, 5);
    std::vector<std::string> methods = o["methods"].get<std::vector<std::string>>();
    for (const auto& m : methods) searchSpace(m);

    WorkloadRun run(p, options, observer,
                    {{"options", o}, {"train_settings_mlp", settings.toJson()},
                     {"predictors", features::predictorsToJson(p.predictors)}});
    auto data = project::openProjectData(p);
    const features::Dataset dataset = buildDataset(p, *data, run, 0, 10);
    if (dataset.groups.station.empty()) throw Error("sar_ml_scenarios needs station targets", p.file.string());
    std::vector<std::string> notes;
    const auto subs = makeScenarios(dataset, o, repeats, options.quick, notes);
    if (subs.empty()) throw Error("sar_ml_scenarios: every sub-scenario has too few training samples", p.file.string());
    run.message(std::to_string(dataset.sampleCount()) + " samples, " + std::to_string(subs.size()) +
                " sub-scenarios × " + std::to_string(methods.size()) + " methods × " + std::to_string(draws) + " draws");

    std::vector<std::vector<std::string>> rows;
    // scenario → method → selection → values (RMSE), and pooled R, bias
    std::map<std::string, std::map<std::string, std::map<std::string, std::vector<double>>>> rmse, r, bias;
    std::map<std::string, std::map<std::string, std::map<double, std::vector<double>>>> curve;  // scenario/method → size → honest rmse
    json draws_json = json::array();
    SliceObserver slice(observer, 10, 95);
    const double total = double(subs.size() * methods.size());
    std::size_t done = 0;
    for (const auto& sub : subs) {
        const Normalised norm = normalise(dataset, features::normaliserFor(p.predictors), sub.split.train);
        for (const auto& method : methods) {
            run.throwIfCanceled();
            slice.setRange(10 + 85 * double(done) / total, 10 + 85 * double(done + 1) / total);
            training::SearchSettings search;
            search.draws = draws;
            search.seed = o["seed"].get<unsigned long long>() + 7919ULL * done;
            search.space = searchSpace(method);
            search.score = "rmse";
            const models::ModelSpec base = models::resolveSpec({method, json::object()});
            const auto result = training::randomSearch(base, settings, norm.data, sub.split, search, slice);
            for (const auto& [sel, idx] : {std::pair<std::string, std::size_t>{"honest", result.honestIndex},
                                           {"oracle", result.oracleIndex}}) {
                const auto& m = result.draws.at(idx).testMetrics;
                const double e = m.count("rmse") ? m.at("rmse") : NAN;
                rmse[sub.scenario][method][sel].push_back(e);
                r[sub.scenario][method][sel].push_back(m.count("r") ? m.at("r") : NAN);
                bias[sub.scenario][method][sel].push_back(m.count("bias") ? m.at("bias") : NAN);
                if (sel == "honest") curve[sub.scenario][method][sub.size].push_back(e);
                rows.push_back({sub.scenario, fmt(sub.size), std::to_string(sub.split.repeat + 1), method, sel,
                                std::to_string(sub.split.train.size()), std::to_string(sub.split.test.size()),
                                fmt(e), fmt(m.count("r") ? m.at("r") : NAN), fmt(m.count("bias") ? m.at("bias") : NAN),
                                csvQuote(result.draws.at(idx).spec.params.dump())});
            }
            draws_json.push_back({{"sub_scenario", sub.split.name}, {"method", method}, {"search", result.toJson()}});
            ++done;
        }
    }

    run.writeCsv("scenario_results.csv",
                 {"scenario", "size", "repeat", "method", "selection", "train", "test", "rmse", "r", "bias", "params"},
                 rows, "one row per scenario × size × repeat × method × selection (test metrics)");
    json curves = json::object();
    for (const auto& [sc, byMethod] : curve)
        for (const auto& [m, bySize] : byMethod)
            for (const auto& [size, v] : bySize)
                curves[sc][m].push_back({{"size", size}, {"median_rmse", median(v)}, {"values", v}});
    run.writeJson("learning_curves.json", curves, "median honest test RMSE per training size (violin/curve data)");
    run.writeJson("search_draws.json", draws_json, "every random-search draw with inner and test scores");

    std::map<std::string, double> scenarioMedian;
    for (const auto& [sc, byMethod] : rmse) {
        std::vector<double> pooled;
        for (const auto& [m, bySel] : byMethod) {
            for (const auto& [sel, v] : bySel)
                run.addMetrics("scenario", sc + "/" + m + "/" + sel,
                               {{"median_rmse", median(v)}, {"median_r", median(r[sc][m][sel])},
                                {"median_bias", median(bias[sc][m][sel])}, {"fits", double(v.size())}});
            const auto& h = bySel.at("honest");
            pooled.insert(pooled.end(), h.begin(), h.end());
        }
        scenarioMedian[sc] = median(pooled);
        run.addMetrics("scenario", sc, {{"median_rmse_honest", scenarioMedian[sc]}});
    }
    for (const auto& [sc, byMethod] : rmse)
        for (const auto& [m, bySel] : byMethod) {
            const double h = median(bySel.at("honest")), orc = median(bySel.at("oracle"));
            notes.push_back(sc + "/" + m + ": oracle tuning lowers the median RMSE by " + fmt(h - orc, 3) +
                            " (honest " + fmt(h, 3) + ", oracle " + fmt(orc, 3) + ")");
        }
    const auto get = [&](const char* k) { return scenarioMedian.count(k) ? scenarioMedian.at(k) : NAN; };
    const bool ordering = get("dependent") < get("temporal") && get("temporal") < get("spatial");
    notes.push_back(std::string("ordering dependent < temporal < spatial (median honest RMSE): ") +
                    (ordering ? "holds" : "does not hold") + " (" + fmt(get("dependent"), 3) + ", " +
                    fmt(get("temporal"), 3) + ", " + fmt(get("spatial"), 3) + ")");
    for (const auto& n : notes) run.addNote(n);
    run.progress(100);
    return run.finish("RF/XGBoost/SVR/MLP under dependent, temporal and spatial scenarios on " +
                          std::to_string(dataset.sampleCount()) + " station samples; ordering " +
                          (ordering ? "holds" : "does not hold"),
                      {{"samples", dataset.sampleCount()},
                       {"median_rmse", scenarioMedian},
                       {"ordering_holds", ordering}});
}

} // namespace soilscope::workloads
