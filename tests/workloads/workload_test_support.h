#pragma once
// Shared by the workload tests: a tiny twin region generated once per test executable through
// the demo task, an observer that records what a run reports, and output checks.
#include "../training/epoch_recorder.h"
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/feedback.h"
#include "project/project_file.h"
#include "project/run_store.h"
#include "tasks/task_registry.h"
#include "tasks/task_runner.h"
#include "training/epoch_report.h"
#include "workloads/workload_runner.h"

#include <QString>
#include <QTemporaryDir>

#include <atomic>
#include <filesystem>
#include <string>

namespace soilscope::testing {

/// Generates the tiny twin under dir/twin; returns an error message or "".
inline std::string makeTinyTwin(const QTemporaryDir& dir, std::filesystem::path& twin) {
    auto task = tasks::TaskRegistry::instance().create("demo");
    if (!task)
        return "the demo task is not registered";
    twin = std::filesystem::path(dir.path().toStdString()) / "twin";
    soilscope::Feedback feedback;
    const auto outcome =
        tasks::runTask(*task, {{"out", twin.string()}, {"preset", "tiny"}}, feedback);
    return outcome.status == tasks::TaskStatus::Succeeded ? std::string() : outcome.errorMessage;
}

/// Records progress, epochs and messages; cancels after `cancelAfterEpochs` epochs (0 = never).
class Recorder : public EpochRecorder {
  public:
    bool isCanceled() const override { return canceled.load() || EpochRecorder::isCanceled(); }
    int epochs = 0;
    int cancelAfterEpochs = 0;
    double lastProgress = 0;
    std::string messages;
    std::atomic<bool> canceled{false};

  protected:
    void onProgress(double percent) override { lastProgress = percent; }
    void onMessage(MessageLevel, const std::string& text) override { messages += text + "\n"; }
    void epochStarted(const training::EpochReport&) override {
        ++epochs;
        if (cancelAfterEpochs > 0 && epochs >= cancelAfterEpochs)
            canceled = true;
    }
};

/// Runs a project of the twin in quick mode on the CPU.
inline workloads::WorkloadResult runQuick(const std::filesystem::path& twin,
                                          const std::string& workload, Feedback& observer) {
    const auto project = project::loadProject(twin / "projects" / (workload + ".soilscope.json"));
    workloads::WorkloadOptions o;
    o.quick = true;
    o.device = "cpu";
    return workloads::runWorkload(project, o, observer);
}

/// Runs a project of the twin in quick mode until the observer cancels it; returns the status
/// the run store recorded for the run ("" when the run did not throw CanceledError).
inline std::string runQuickUntilCanceled(const std::filesystem::path& twin,
                                         const std::string& workload, Feedback& observer) {
    try {
        runQuick(twin, workload, observer);
        return "";
    } catch (const CanceledError&) {
    }
    const auto p = project::loadProject(twin / "projects" / (workload + ".soilscope.json"));
    const auto runs = project::RunStore(p.outputs.folder / "runs.sqlite").runs();
    return runs.empty() ? std::string("no run stored") : runs.back().status;
}

/// The value of a metric (scope, group, name) in the result JSON; NaN when absent.
inline double metricOf(const nlohmann::json& result, const std::string& scope,
                       const std::string& group, const std::string& name) {
    for (const auto& m : result["metrics"])
        if (m["scope"] == scope && m["group"] == group && m["values"].contains(name) &&
            m["values"][name].is_number())
            return m["values"][name].get<double>();
    return std::numeric_limits<double>::quiet_NaN();
}

/// The report exists, names the workload and lists every metric name given; the run is
/// "finished" in the store with at least one metric row.
inline std::string checkReportAndStore(const nlohmann::json& result,
                                       const std::vector<std::string>& metricNames) {
    const std::filesystem::path report = result["report"].get<std::string>();
    if (!std::filesystem::is_regular_file(report))
        return "no report at " + report.string();
    const std::string text = readTextFile(report);
    if (text.find("## Metrics") == std::string::npos ||
        text.find("## Settings") == std::string::npos)
        return "the report lacks its sections";
    for (const auto& name : metricNames)
        if (text.find("| " + name + " |") == std::string::npos)
            return "the report does not list " + name;
    project::RunStore store(result["run_store"].get<std::string>());
    const auto run = store.run(result["run"].get<std::int64_t>());
    if (!run || run->status != "finished")
        return "the run is not finished in the store";
    if (store.metrics(run->id).empty())
        return "no metrics in the store";
    if (!result.contains("outputs") || result["outputs"].empty())
        return "the result lists no outputs";
    const auto declared = workloads::workloadOutputs(result["workload"].get<std::string>());
    for (const auto& o : result["outputs"]) {
        if (!std::filesystem::exists(o["path"].get<std::string>()))
            return "missing output " + o["path"].get<std::string>();
        const OutputSpec* spec = findOutput(declared, o["name"].get<std::string>());
        if (!spec || outputKindName(spec->kind) != o["kind"].get<std::string>())
            return "output " + o["name"].get<std::string>() + " is not declared with kind " +
                   o["kind"].get<std::string>();
    }
    return {};
}

} // namespace soilscope::testing
