#pragma once
// Internal to core/tasks: a stored run whose independent units may be spread over processes
// (mpirun) and resumed after a kill (--resume). The root process owns the run store and writes
// every output; the others compute their share of the units.
#include "base/error.h"
#include "base/feedback.h"
#include "base/unit_runner.h"
#include "project/run_store.h"
#include "tasks/task.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace soilscope::tasks {

class DistributedRun {
  public:
    /// Begins a run in <outputs>/runs.sqlite on the root process — or, with `resume`, takes up
    /// the latest unfinished run recorded with the same configuration — and tells every
    /// process its id.
    DistributedRun(const std::filesystem::path& outputs, const std::string& project,
                   const nlohmann::json& config, bool resume, Feedback& feedback);

    std::int64_t id() const { return m_id; }
    bool isRoot() const { return m_store != nullptr; }
    /// The run store; only the root process holds it.
    project::RunStore& store();
    /// Runs the units over the processes (see soilscope::runUnits), committing each to
    /// <outputs>/units/run-<id>/ as it finishes.
    std::vector<nlohmann::json> units(std::size_t count, const UnitFunction& unit,
                                      Feedback& feedback, const std::vector<double>& costs = {});
    const UnitRunReport& report() const { return m_report; }
    /// {"computed", "resumed", "processes"} for a task's JSON result.
    nlohmann::json reportJson() const;
    /// " (k units resumed from run N; P processes)" or "" for a plain run, for summaries.
    std::string reportText() const;
    /// Root: marks the run finished and removes its committed units (the outputs hold them).
    void finish();
    /// What a non-root process returns once its units are gathered.
    TaskResult workerResult() const;

    /// Runs the body of the run; on the root, marks it canceled or failed when it throws.
    template <class Fn> auto record(Fn&& fn) {
        try {
            return fn();
        } catch (const CanceledError&) {
            markStopped("canceled");
            throw;
        } catch (...) {
            markStopped("failed");
            throw;
        }
    }

  private:
    void begin(const std::filesystem::path& outputs, const std::string& project,
               const nlohmann::json& config, bool resume, Feedback& feedback);
    void markStopped(const std::string& status);

    std::unique_ptr<project::RunStore> m_store;
    std::filesystem::path m_outputs;
    std::int64_t m_id = 0;
    bool m_resumed = false;
    UnitRunReport m_report;
};

/// Named numbers as JSON without loss (base/json_text's jsonNumber) and back.
nlohmann::json numbersToJson(const std::map<std::string, double>& values);
std::map<std::string, double> numbersFromJson(const nlohmann::json& values);

/// The `--resume` parameter of tasks whose runs are made of units.
ParameterSpec resumeParam();

} // namespace soilscope::tasks
