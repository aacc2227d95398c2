// Task "search": random hyper-parameter search over a model family's parameter space for a
// project, with the honest (inner validation) and the oracle (best on test) selection side by side.
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/utf8.h"
#include "features/dataset_builder.h"
#include "learning_tasks/learning_setup.h"
#include "learning_tasks/project_settings.h"
#include "project/run_store.h"
#include "tasks/distributed_run.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"
#include "training/fold.h"
#include "training/hyper_search.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace soilscope::tasks {

namespace {

/// "name=value" of the parameters the space varies.
std::string drawnParams(const models::ModelSpec& spec, const nlohmann::json& space) {
    std::string out;
    for (const auto& [name, range] : space.items()) {
        (void)range;
        if (!spec.params.contains(name))
            continue;
        const auto& v = spec.params[name];
        out += (out.empty() ? "" : " ") + name + "=" +
               (v.is_string()         ? v.get<std::string>()
                : v.is_number_float() ? shortNumber(v.get<double>())
                                      : v.dump());
    }
    return out;
}

double metricOr(const std::map<std::string, double>& m, const char* name) {
    const auto it = m.find(name);
    return it == m.end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
}

std::string summaryTable(const training::SearchResult& r, const training::SearchSettings& s) {
    std::ostringstream t;
    t << std::left << std::setw(6) << "draw" << std::setw(5) << "sel" << std::setw(12)
      << ("inner " + s.score) << std::setw(12) << ("test " + s.score) << std::setw(10) << "rmse"
      << std::setw(10) << "r" << std::setw(11) << "bias"
      << "parameters\n";
    for (std::size_t i = 0; i < r.draws.size(); ++i) {
        const auto& d = r.draws[i];
        std::string sel =
            std::string(i == r.honestIndex ? "H" : "") + (i == r.oracleIndex ? "O" : "");
        t << std::setw(6) << i + 1 << std::setw(5) << sel << std::setw(12)
          << shortNumber(d.innerScore) << std::setw(12) << shortNumber(d.testScore) << std::setw(10)
          << shortNumber(metricOr(d.testMetrics, "rmse")) << std::setw(10)
          << shortNumber(metricOr(d.testMetrics, "r")) << std::setw(11)
          << shortNumber(metricOr(d.testMetrics, "bias")) << drawnParams(d.spec, s.space) << "\n";
    }
    const auto& h = r.draws[r.honestIndex];
    const auto& o = r.draws[r.oracleIndex];
    t << "honest (best inner " << s.score << "): draw " << r.honestIndex + 1 << ", test " << s.score
      << " " << shortNumber(h.testScore) << "\n";
    t << "oracle (best test " << s.score << ", optimistic): draw " << r.oracleIndex + 1 << ", test "
      << s.score << " " << shortNumber(o.testScore) << " (optimism "
      << shortNumber(std::abs(h.testScore - o.testScore)) << ")";
    return t.str();
}

} // namespace

class SearchTask : public Task {
  public:
    TaskInfo info() const override {
        return {
            "search",
            "Hyper-parameter search",
            "Random search over the parameter space of the project's model family. Each draw is "
            "trained on the training part of the project's split and scored on the validation part "
            "(or by nested k-fold CV on the training part) and on the test part. Two selections "
            "are "
            "reported side by side: honest (best inner score, then its test score) and oracle "
            "(best "
            "test score, an optimistic upper bound as some papers report). The space is inline "
            "JSON "
            "or a JSON file mapping parameter names to {\"min\", \"max\", \"log\"} or "
            "{\"choices\"}; "
            "without it the family's built-in space is used (the model settings below say what "
            "it draws). The run goes into the project's "
            "run "
            "store (pooled = the honest selection's test metrics) and every draw into "
            "<outputs>/search/run-N.json.",
            "Learning",
            {"search --project P.soilscope.json --draws 20 --seed 7",
             "search --project P.soilscope.json --draws 8 --space '{\"width\": {\"min\": 8, "
             "\"max\": 128, "
             "\"log\": true}, \"activation\": {\"choices\": [\"relu\", \"tanh\"]}}' --json"}};
    }

    std::vector<ParameterSpec> settings() const override { return projectSettingSpecs(); }

    std::vector<ParameterSpec> parameters() const override {
        auto project = pathParam("project", "project file (*.soilscope.json)");
        project.fileFilter = "SoilScope projects (*.soilscope.json);;JSON (*.json)";
        return {
            project,
            intParam("draws", "random draws", 10, 1, 10000),
            intParam("seed", "seed of the draws", 7, 0, 1e15),
            stringParam("space", "search space: inline JSON or a JSON file; keys are the family's "
                                 "parameters, ranges within theirs (default: the built-in space)"),
            choiceParam("score", "metric the selections optimise", {"rmse", "mae", "r", "r2"},
                        "rmse"),
            intParam("inner-folds",
                     "0: score on the split's validation part; k >= 2: nested k-fold CV", 0, 0, 50),
            choiceParam("inner-group-by", "grouping of the inner folds",
                        {"sample", "station", "cell", "user", "year"}, "sample"),
            intParam("split", "which split of the project's scheme (1 = first)", 1, 1, 10000),
            intParam("epochs", "epochs per draw for neural families (0 = the project's)", 0, 0,
                     100000),
            deviceParam("where to train"),
            intParam("threads", "CPU threads for LibTorch (0 = default)", 0, 0, 256),
            resumeParam(),
            setParam()};
    }

    std::vector<OutputSpec> outputs() const override {
        return {
            {"run", OutputKind::Run, "the search run in the project's run store"},
            {"draws", OutputKind::JsonDocument,
             "every draw with its parameters and scores, and the honest and oracle selections"}};
    }

    bool sharesUnits() const override { return true; }

    TaskResult run(const ParameterValues& values, Feedback& feedback) override {
        LearningSetup s =
            checkLearningSettings(project::loadProject(values.path("project")), values, feedback);
        const project::ProjectFile& p = s.project;
        if (values.integer("epochs") > 0)
            s.settings.epochs = int(values.integer("epochs"));
        training::SearchSettings search;
        search.draws = int(values.integer("draws"));
        search.seed = static_cast<unsigned long long>(values.integer("seed"));
        search.space = parseSearchSpace(values.text("space"), s.spec);
        search.score = values.text("score");
        search.innerFolds = int(values.integer("inner-folds"));
        search.innerGroupBy = values.text("inner-group-by");
        if (search.innerFolds == 1)
            throw UsageError("--inner-folds: 0 or at least 2");
        training::drawSpec(s.spec, search.space, search.seed); // a bad space fails before the data

        buildLearningData(s, feedback, 20);
        const auto splits = inProjectSection(p, "/split", [&] {
            return training::makeSplits(s.dataset.groups, s.dataset.sampleCount(), s.splitSettings);
        });
        const std::size_t which = std::size_t(values.integer("split")) - 1;
        if (which >= splits.size())
            throw UsageError("--split: the project's scheme gives " +
                             std::to_string(splits.size()) + " split(s)");
        const training::Split& split = splits[which];
        if (split.test.empty())
            throw Error("/split: the split '" + split.name +
                            "' has no test part (the oracle selection needs one)",
                        p.file.string());
        if (search.innerFolds == 0 && split.validation.empty())
            throw Error("/split: the split '" + split.name +
                            "' has no validation part for the honest selection; "
                            "set /split/validation_fraction or use --inner-folds",
                        p.file.string());
        const auto norm = training::normaliseOnTraining(
            s.dataset, features::normaliserFor(p.predictors), split.train);

        const nlohmann::json config = {{"task", "search"},
                                       {"project", p.toJson(p.file.parent_path())},
                                       {"search", search.toJson()},
                                       {"train_settings", s.settings.toJson()},
                                       {"split", split.name}};
        DistributedRun run(p.outputs.folder, p.file.string(), config, values.flag("resume"),
                           feedback);
        return run.record([&] {
            FeedbackSlice stage(feedback, 20, 97);
            const auto units = run.units(
                std::size_t(search.draws),
                [&](std::size_t d, Feedback& drawFeedback) {
                    return training::searchDraw(s.spec, s.settings, norm.data, split, search,
                                                int(d), drawFeedback)
                        .toJson();
                },
                stage);
            if (!run.isRoot())
                return run.workerResult();
            std::vector<training::SearchDraw> draws;
            for (const auto& u : units)
                draws.push_back(training::SearchDraw::fromJson(u));
            const training::SearchResult result =
                training::selectDraws(std::move(draws), search.score);
            return finish(p, s, split, search, result, run, feedback);
        });
    }

  private:
    TaskResult finish(const project::ProjectFile& p, const LearningSetup& s,
                      const training::Split& split, const training::SearchSettings& search,
                      const training::SearchResult& result, DistributedRun& run,
                      Feedback& feedback) const {
        project::RunStore& store = run.store();
        const std::int64_t runId = run.id();
        for (std::size_t i = 0; i < result.draws.size(); ++i) {
            auto m = result.draws[i].testMetrics;
            m["inner_score"] = result.draws[i].innerScore;
            m["test_score"] = result.draws[i].testScore;
            store.addMetrics(runId, "search_draw", "draw " + std::to_string(i + 1), m);
        }
        auto honest = result.draws[result.honestIndex].testMetrics;
        auto oracle = result.draws[result.oracleIndex].testMetrics;
        store.addMetrics(runId, "pooled", "", honest);
        store.addMetrics(runId, "search_honest", "", honest);
        store.addMetrics(runId, "search_oracle", "", oracle);

        nlohmann::json doc = result.toJson();
        doc["run"] = runId;
        doc["project"] = p.file.string();
        doc["family"] = s.spec.family;
        doc["samples"] = s.dataset.sampleCount();
        doc["split"] = {{"name", split.name},
                        {"train", split.train.size()},
                        {"validation", split.validation.size()},
                        {"test", split.test.size()}};
        doc["settings"] = search.toJson();
        doc["honest"]["draw"] = result.honestIndex + 1;
        doc["oracle"]["draw"] = result.oracleIndex + 1;
        const auto file = p.outputs.folder / "search" / ("run-" + std::to_string(runId) + ".json");
        std::filesystem::create_directories(file.parent_path());
        writeTextAtomically(file, dumpJson(doc, 2));
        run.finish();
        feedback.setProgress(100);
        doc["units"] = run.reportJson();

        doc["output"] = file.string();
        doc["run_store"] = store.file().string();
        std::ostringstream sum;
        sum << "run " << runId << ": search of " << s.spec.family << ", " << result.draws.size()
            << " draws on " << s.dataset.sampleCount() << " samples (" << split.name << ": "
            << split.train.size() << " train, " << split.validation.size() << " validation, "
            << split.test.size() << " test)" << run.reportText() << "\n"
            << summaryTable(result, search) << "\nall draws: " << file.string();
        TaskResult r;
        r.json = std::move(doc);
        r.summary = sum.str();
        r.outputs.push_back(
            declaredOutput(outputs(), "run", store.file().string(), std::to_string(runId)));
        r.outputs.push_back(declaredOutput(outputs(), "draws", file.string()));
        return r;
    }
};

SOILSCOPE_REGISTER_TASK(SearchTask, "search")

} // namespace soilscope::tasks
