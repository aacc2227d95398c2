// Task "sweep": learning curve of a project's model over the size of the training part
// (fractions of its samples or groups) × repeats, with the test metrics of every fit.
#include "analysis/summary_statistics.h"
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
#include "training/evaluation.h"
#include "training/fold.h"
#include "training/trainer.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <set>
#include <sstream>

namespace soilscope::tasks {

namespace {

const std::vector<std::string> kMetrics{"n", "r", "rmse", "ubrmse", "bias", "mae", "r2"};

struct SweepRow {
    double size = 0;
    int repeat = 0;
    std::size_t units = 0, trainSamples = 0, testSamples = 0;
    std::map<std::string, double> metrics;

    nlohmann::json toJson() const {
        return {{"size", size},        {"repeat", repeat},
                {"units", units},      {"train", trainSamples},
                {"test", testSamples}, {"metrics", numbersToJson(metrics)}};
    }
    static SweepRow fromJson(const nlohmann::json& j) {
        return {j.at("size").get<double>(),       j.at("repeat").get<int>(),
                j.at("units").get<std::size_t>(), j.at("train").get<std::size_t>(),
                j.at("test").get<std::size_t>(),  numbersFromJson(j.at("metrics"))};
    }
};

std::vector<double> parseSizes(const std::vector<std::string>& items) {
    std::vector<double> sizes;
    for (const auto& item : items) {
        std::size_t used = 0;
        double v = 0;
        try {
            v = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != item.size() || !(v > 0 && v <= 1))
            throw UsageError("--sizes: '" + item + "' is not a fraction in (0, 1]");
        sizes.push_back(v);
    }
    if (sizes.empty())
        throw UsageError("--sizes: give at least one fraction");
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    return sizes;
}

std::size_t unitCount(const training::Split& split, const features::GroupLabels& g,
                      const std::string& groupBy) {
    if (groupBy == "sample")
        return split.train.size();
    std::set<std::string> keys;
    for (const std::size_t i : split.train)
        keys.insert(training::groupKey(g, groupBy, i));
    return keys.size();
}

double metricOr(const std::map<std::string, double>& m, const std::string& name) {
    const auto it = m.find(name);
    return it == m.end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
}

double medianOf(const std::vector<SweepRow>& rows, double size, const std::string& name) {
    std::vector<double> v;
    for (const auto& r : rows)
        if (r.size == size && std::isfinite(metricOr(r.metrics, name)))
            v.push_back(r.metrics.at(name));
    return v.empty() ? std::numeric_limits<double>::quiet_NaN() : analysis::median(v);
}

std::string csvNumber(double v) {
    return std::isfinite(v) ? shortNumber(v) : "";
}

} // namespace

class SweepTask : public Task {
  public:
    TaskInfo info() const override {
        return {
            "sweep",
            "Learning-curve sweep",
            "Trains the project's model on growing parts of the training part of its split "
            "(fractions "
            "of the training samples, or of whole stations / cells / groups with --group-by), each "
            "size repeated with re-drawn splits and subsets, and evaluates every fit on the "
            "unchanged "
            "test part (pooled n, R, RMSE, ubRMSE, bias, MAE, R²). The normalisation is fitted on "
            "each "
            "subset only. Writes sweep.csv (one row per size × repeat) and sweep.json (per size "
            "the "
            "values of each metric; the GUI's sweep chart reads it) and stores the run.",
            "Learning",
            {"sweep --project P.soilscope.json --sizes 0.1,0.25,0.5,1.0 --repeats 3 --seed 1",
             "sweep --project P.soilscope.json --sizes 0.2,1 --group-by station --json"}};
    }

    std::vector<ParameterSpec> settings() const override { return projectSettingSpecs(); }

    std::vector<ParameterSpec> parameters() const override {
        auto project = pathParam("project", "project file (*.soilscope.json)");
        project.fileFilter = "SoilScope projects (*.soilscope.json);;JSON (*.json)";
        auto out = outputParam("out", "output folder (default: <outputs>/sweeps/run-N)", false);
        out.isFolder = true;
        return {project,
                listParam("sizes", "fractions of the training part, comma-separated",
                          "0.1,0.25,0.5,1.0"),
                intParam("repeats", "repeats per size (re-drawn split and subset)", 3, 1, 1000),
                intParam("seed", "seed of splits and subsets", 1, 0, 1e15),
                choiceParam("group-by", "what is subsampled: samples or whole groups",
                            {"sample", "station", "cell", "user", "year", "network", "land_cover"},
                            "sample"),
                intParam("split", "which split of the project's scheme (1 = first)", 1, 1, 10000),
                intParam("epochs", "epochs per fit for neural families (0 = the project's)", 0, 0,
                         100000),
                deviceParam("where to train"),
                intParam("threads", "CPU threads for LibTorch (0 = default)", 0, 0, 256),
                out,
                resumeParam(),
                setParam()};
    }

    std::vector<OutputSpec> outputs() const override {
        return {
            {"curves", OutputKind::LearningCurves,
             "the learning curves: per training size the values of every metric over the repeats"},
            {"table", OutputKind::Table,
             "one row per training size and repeat with its test metrics"},
            {"run", OutputKind::Run, "the sweep run in the project's run store"}};
    }

    bool sharesUnits() const override { return true; }

    TaskResult run(const ParameterValues& values, Feedback& feedback) override {
        const std::vector<double> sizes = parseSizes(values.list("sizes"));
        LearningSetup s =
            checkLearningSettings(project::loadProject(values.path("project")), values, feedback);
        const project::ProjectFile& p = s.project;
        if (values.integer("epochs") > 0)
            s.settings.epochs = int(values.integer("epochs"));
        const int repeats = int(values.integer("repeats"));
        const auto seed = static_cast<unsigned long long>(values.integer("seed"));
        const std::string groupBy = values.text("group-by");
        buildLearningData(s, feedback, 15);

        const nlohmann::json config = {{"task", "sweep"},
                                       {"project", p.toJson(p.file.parent_path())},
                                       {"sizes", sizes},
                                       {"repeats", repeats},
                                       {"seed", seed},
                                       {"group_by", groupBy},
                                       {"train_settings", s.settings.toJson()}};
        DistributedRun run(p.outputs.folder, p.file.string(), config, values.flag("resume"),
                           feedback);
        return run.record([&] {
            FeedbackSlice stage(feedback, 15, 95);
            const std::size_t which = std::size_t(values.integer("split")) - 1;
            std::vector<double> costs; // a fit costs about its training size
            for (int rep = 0; rep < repeats; ++rep)
                costs.insert(costs.end(), sizes.begin(), sizes.end());
            const auto units = run.units(
                std::size_t(repeats) * sizes.size(),
                [&](std::size_t unit, Feedback& unitFeedback) {
                    return fit(s, sizes, int(unit / sizes.size()), unit % sizes.size(), seed,
                               groupBy, which, unitFeedback)
                        .toJson();
                },
                stage, costs);
            if (!run.isRoot())
                return run.workerResult();
            std::vector<SweepRow> rows;
            for (const auto& u : units)
                rows.push_back(SweepRow::fromJson(u));
            std::filesystem::path out = values.path("out");
            if (out.empty())
                out = p.outputs.folder / "sweeps" / ("run-" + std::to_string(run.id()));
            return finish(s, sizes, rows, groupBy, out, run, feedback);
        });
    }

  private:
    /// One fit of the sweep: size k of repeat `rep` (split and subset seeded by both).
    static SweepRow fit(const LearningSetup& s, const std::vector<double>& sizes, int rep,
                        std::size_t k, unsigned long long seed, const std::string& groupBy,
                        std::size_t which, Feedback& feedback) {
        const project::ProjectFile& p = s.project;
        training::SplitSettings ss = s.splitSettings;
        ss.seed = seed + std::uint64_t(rep);
        ss.repeats = 1;
        const auto splits = inProjectSection(p, "/split", [&] {
            return training::makeSplits(s.dataset.groups, s.dataset.sampleCount(), ss);
        });
        if (which >= splits.size())
            throw UsageError("--split: the project's scheme gives " +
                             std::to_string(splits.size()) + " split(s)");
        const training::Split& split = splits[which];
        if (split.test.empty())
            throw Error("/split: the split '" + split.name + "' has no test part", p.file.string());
        const std::size_t units = unitCount(split, s.dataset.groups, groupBy);
        const std::size_t keep =
            std::clamp<std::size_t>(std::size_t(std::lround(sizes[k] * double(units))), 1, units);
        const training::Split sub =
            training::subsampleTraining(split, s.dataset.groups, keep, groupBy,
                                        seed * 1000003ULL + std::uint64_t(rep) * 1009ULL + k);
        const auto norm = training::normaliseOnTraining(
            s.dataset, features::normaliserFor(p.predictors), sub.train);
        const auto fold = training::trainFold(s.spec, s.settings, norm.data, sub, feedback);
        SweepRow row{
            sizes[k],         rep + 1,         keep,
            sub.train.size(), sub.test.size(), fold.evaluate(norm.data, sub.test, {}).pooled};
        feedback.info("size " + shortNumber(sizes[k]) + ", repeat " + std::to_string(rep + 1) +
                      ": " + std::to_string(sub.train.size()) + " training samples, test rmse " +
                      shortNumber(metricOr(row.metrics, "rmse")));
        return row;
    }

    TaskResult finish(const LearningSetup& s, const std::vector<double>& sizes,
                      const std::vector<SweepRow>& rows, const std::string& groupBy,
                      const std::filesystem::path& out, DistributedRun& run,
                      Feedback& feedback) const {
        project::RunStore& store = run.store();
        const std::int64_t runId = run.id();
        std::ostringstream csv;
        csv << "size,repeat,train_units,train_samples,test_samples";
        for (const auto& m : kMetrics)
            csv << "," << m;
        csv << "\n";
        nlohmann::json rowsJson = nlohmann::json::array();
        for (const auto& r : rows) {
            csv << shortNumber(r.size) << "," << r.repeat << "," << r.units << "," << r.trainSamples
                << "," << r.testSamples;
            for (const auto& m : kMetrics)
                csv << "," << csvNumber(metricOr(r.metrics, m));
            csv << "\n";
            rowsJson.push_back({{"size", r.size},
                                {"repeat", r.repeat},
                                {"train_units", r.units},
                                {"train_samples", r.trainSamples},
                                {"test_samples", r.testSamples},
                                {"metrics", r.metrics}});
            auto m = r.metrics;
            m["train_samples"] = double(r.trainSamples);
            store.addMetrics(runId, "sweep",
                             "size " + shortNumber(r.size) + " repeat " + std::to_string(r.repeat),
                             m);
        }
        // Per size: the values of every metric over the repeats ("values" = RMSE, what the
        // sweep chart shows by default).
        nlohmann::json scenarios = nlohmann::json::array();
        std::ostringstream table;
        table << std::left << std::setw(8) << "size" << std::setw(10) << "train n" << std::setw(10)
              << "rmse" << std::setw(10) << "ubrmse" << std::setw(10) << "r"
              << "bias   (medians over repeats)\n";
        for (const double size : sizes) {
            nlohmann::json sc = {{"name", shortNumber(size)}, {"size", size}};
            std::vector<double> trainN;
            for (const auto& m : kMetrics) {
                nlohmann::json v = nlohmann::json::array();
                for (const auto& r : rows)
                    if (r.size == size)
                        v.push_back(std::isfinite(metricOr(r.metrics, m))
                                        ? nlohmann::json(r.metrics.at(m))
                                        : nlohmann::json());
                sc[m] = v;
            }
            for (const auto& r : rows)
                if (r.size == size)
                    trainN.push_back(double(r.trainSamples));
            sc["values"] = sc["rmse"];
            sc["train_samples"] = trainN;
            std::map<std::string, double> med;
            for (const auto& m : kMetrics)
                med["median_" + m] = medianOf(rows, size, m);
            store.addMetrics(runId, "sweep_median", "size " + shortNumber(size), med);
            if (size == sizes.back())
                store.addMetrics(runId, "pooled", "",
                                 {{"rmse", med["median_rmse"]},
                                  {"r", med["median_r"]},
                                  {"bias", med["median_bias"]},
                                  {"ubrmse", med["median_ubrmse"]}});
            table << std::setw(8) << shortNumber(size) << std::setw(10)
                  << shortNumber(analysis::median(trainN)) << std::setw(10)
                  << shortNumber(med["median_rmse"]) << std::setw(10)
                  << shortNumber(med["median_ubrmse"]) << std::setw(10)
                  << shortNumber(med["median_r"]) << shortNumber(med["median_bias"]) << "\n";
            scenarios.push_back(std::move(sc));
        }
        nlohmann::json doc = {{"run", runId},
                              {"project", s.project.file.string()},
                              {"family", s.spec.family},
                              {"samples", s.dataset.sampleCount()},
                              {"group_by", groupBy},
                              {"metric", "rmse"},
                              {"scenarios", scenarios},
                              {"rows", rowsJson}};
        std::filesystem::create_directories(out);
        writeTextAtomically(out / "sweep.csv", csv.str());
        writeTextAtomically(out / "sweep.json", dumpJson(doc, 2));
        run.finish();
        feedback.setProgress(100);
        doc["units"] = run.reportJson();
        doc["csv"] = (out / "sweep.csv").string();
        doc["json"] = (out / "sweep.json").string();
        doc["run_store"] = store.file().string();
        std::ostringstream sum;
        sum << "run " << runId << ": learning curve of " << s.spec.family << " on "
            << s.dataset.sampleCount() << " samples, " << sizes.size() << " sizes (of the training "
            << (groupBy == "sample" ? "samples" : groupBy + "s") << ") × "
            << rows.size() / sizes.size() << " repeats" << run.reportText() << "\n"
            << table.str() << "wrote " << (out / "sweep.csv").string() << " and sweep.json";
        TaskResult r;
        r.json = std::move(doc);
        r.summary = sum.str();
        r.outputs.push_back(declaredOutput(outputs(), "curves", (out / "sweep.json").string()));
        r.outputs.push_back(declaredOutput(outputs(), "table", (out / "sweep.csv").string()));
        r.outputs.push_back(
            declaredOutput(outputs(), "run", store.file().string(), std::to_string(runId)));
        return r;
    }
};

SOILSCOPE_REGISTER_TASK(SweepTask, "sweep")

} // namespace soilscope::tasks
