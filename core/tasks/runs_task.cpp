// Task "runs": lists the runs of a project's run store, or shows one run (configuration,
// per-epoch history and metrics).
#include "base/error.h"
#include "project/project_file.h"
#include "project/run_store.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <cmath>
#include <map>
#include <sstream>

namespace soilscope::tasks {

namespace {

nlohmann::json number(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}

std::string fmt(double v) {
    if (!std::isfinite(v))
        return "-";
    std::ostringstream s;
    s.precision(4);
    s << v;
    return s.str();
}

/// The model family a run's configuration names, wherever the trainer put it.
std::string familyOf(const nlohmann::json& config) {
    for (const char* path : {"/project/model/family", "/model/family", "/spec/family"}) {
        const nlohmann::json::json_pointer ptr(path);
        if (config.contains(ptr) && config[ptr].is_string())
            return config[ptr].get<std::string>();
    }
    return "";
}

std::map<std::string, double> pooled(const std::vector<project::MetricValue>& metrics) {
    std::map<std::string, double> out;
    for (const auto& m : metrics)
        if (m.scope == "pooled" && m.group.empty())
            out[m.name] = m.value;
    return out;
}

} // namespace

class RunsTask : public Task {
  public:
    TaskInfo info() const override {
        return {"runs",
                "Training runs",
                "Lists the training runs recorded in a project's run store (the SQLite file "
                "runs.sqlite in the project's output folder), or shows one run: its configuration, "
                "per-epoch history and pooled, per-station and per-group metrics.",
                "Learning",
                {"runs --project twin/projects/ffnn_downscaling_60m.soilscope.json",
                 "runs --store out/runs.sqlite --run 3 --json"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto projectFile = pathParam("project", "project file whose run store to read", false);
        projectFile.fileFilter = "SoilScope projects (*.soilscope.json);;JSON (*.json)";
        auto store = pathParam("store", "run store file (instead of --project)", false);
        store.fileFilter = "Run stores (*.sqlite)";
        return {projectFile, store, intParam("run", "run id to show (0 = list all runs)", 0, 0)};
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"runs", OutputKind::JsonDocument,
                 "the runs of the store, or the one run shown with its configuration, history and "
                 "metrics"}};
    }

    void validate(const ParameterValues& values) const override {
        if (values.has("project") == values.has("store"))
            throw UsageError("give either --project or --store", "runs");
    }

    TaskResult run(const ParameterValues& values, Feedback& feedback) override {
        std::filesystem::path file;
        if (values.has("store")) {
            file = values.path("store");
        } else {
            const auto p = project::loadProject(values.path("project"));
            file = p.outputs.folder / "runs.sqlite";
        }
        if (!std::filesystem::exists(file))
            throw Error("no run store (train the project first)", file.string());
        project::RunStore store(file);
        feedback.setProgress(50);
        const long long id = values.integer("run");
        TaskResult result;
        result.json["store"] = file.string();
        TaskResult out = id == 0 ? list(store, result) : show(store, id, result);
        OutputValue runs = declaredOutput(outputs(), "runs", "");
        out.outputs.push_back(std::move(runs));
        return out;
    }

  private:
    static TaskResult list(project::RunStore& store, TaskResult& result) {
        nlohmann::json runs = nlohmann::json::array();
        std::ostringstream text;
        text << "id  started               status    model              rmse     r\n";
        for (const auto& r : store.runs()) {
            const auto metrics = pooled(store.metrics(r.id));
            const auto get = [&](const char* k) {
                const auto it = metrics.find(k);
                return it == metrics.end() ? std::nan("") : it->second;
            };
            const std::string family = familyOf(r.config);
            runs.push_back({{"id", r.id},
                            {"started", r.started},
                            {"project", r.project},
                            {"status", r.status},
                            {"model", family},
                            {"rmse", number(get("rmse"))},
                            {"r", number(get("r"))}});
            char line[160];
            std::snprintf(line, sizeof line, "%-3lld %-21s %-9s %-18s %-8s %s\n",
                          static_cast<long long>(r.id), r.started.c_str(), r.status.c_str(),
                          family.c_str(), fmt(get("rmse")).c_str(), fmt(get("r")).c_str());
            text << line;
        }
        result.json["runs"] = runs;
        result.summary = runs.empty() ? "no runs recorded" : text.str();
        return result;
    }

    static TaskResult show(project::RunStore& store, long long id, TaskResult& result) {
        const auto r = store.run(id);
        if (!r)
            throw Error("no run " + std::to_string(id), store.file().string());
        // epochs: {"1": {"train_loss": ..}, ...} keeps the history compact and plottable
        nlohmann::json epochs = nlohmann::json::object();
        int lastEpoch = 0;
        for (const auto& e : store.epochs(id)) {
            epochs[std::to_string(e.epoch)][e.name] = number(e.value);
            lastEpoch = std::max(lastEpoch, e.epoch);
        }
        nlohmann::json metrics = nlohmann::json::object();
        for (const auto& m : store.metrics(id)) {
            auto& scope = metrics[m.scope];
            if (m.group.empty())
                scope[m.name] = number(m.value);
            else
                scope[m.group][m.name] = number(m.value);
        }
        result.json["run"] = {{"id", r->id},           {"started", r->started},
                              {"project", r->project}, {"status", r->status},
                              {"config", r->config},   {"epochs", epochs},
                              {"metrics", metrics}};
        std::ostringstream text;
        text << "run " << r->id << " (" << r->status << "), started " << r->started << "\n"
             << "project: " << r->project << "\n";
        const std::string family = familyOf(r->config);
        if (!family.empty())
            text << "model: " << family << "\n";
        text << "epochs recorded: " << lastEpoch << "\n";
        for (const auto& [name, value] : pooled(store.metrics(id)))
            text << "  " << name << " = " << fmt(value) << "\n";
        result.summary = text.str();
        return result;
    }
};

SOILSCOPE_REGISTER_TASK(RunsTask, "runs")

} // namespace soilscope::tasks
