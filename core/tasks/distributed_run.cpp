#include "tasks/distributed_run.h"

#include "base/error.h"
#include "base/json_text.h"
#include "base/process_group.h"
#include "base/utf8.h"

namespace soilscope::tasks {

namespace {
std::filesystem::path ledgerOf(const std::filesystem::path& outputs, std::int64_t id) {
    return outputs / "units" / ("run-" + std::to_string(id));
}
} // namespace

DistributedRun::DistributedRun(const std::filesystem::path& outputs, const std::string& project,
                               const nlohmann::json& config, bool resume, Feedback& feedback)
    : m_outputs(outputs) {
    // Only the root touches the store: SQLite is not written from several processes.
    const std::string announced = runOnRoot([&] {
        begin(outputs, project, config, resume, feedback);
        return std::to_string(m_id) + (m_resumed ? " resumed" : "");
    });
    m_id = std::stoll(announced);
    m_resumed = announced.find("resumed") != std::string::npos;
}

void DistributedRun::begin(const std::filesystem::path& outputs, const std::string& project,
                           const nlohmann::json& config, bool resume, Feedback& feedback) {
    std::filesystem::create_directories(outputs);
    m_store = std::make_unique<project::RunStore>(outputs / "runs.sqlite");
    if (resume) {
        m_id = project::resumeUnfinishedRun(*m_store, config, feedback);
        m_resumed = m_id != 0;
    }
    if (m_id == 0)
        m_id = m_store->beginRun(project, config);
}

project::RunStore& DistributedRun::store() {
    if (!m_store)
        throw Error("internal: the run store is written by the root process only");
    return *m_store;
}

std::vector<nlohmann::json> DistributedRun::units(std::size_t count, const UnitFunction& unit,
                                                  Feedback& feedback,
                                                  const std::vector<double>& costs) {
    return runUnits(count, unit, feedback, ledgerOf(m_outputs, m_id), &m_report, costs);
}

nlohmann::json DistributedRun::reportJson() const {
    return m_report.toJson();
}

std::string DistributedRun::reportText() const {
    std::string text;
    if (m_report.resumed > 0)
        text += std::to_string(m_report.resumed) + " of " +
                std::to_string(m_report.resumed + m_report.computed) +
                " units resumed from the unfinished run";
    if (m_report.processes > 1)
        text += (text.empty() ? "" : "; ") + std::to_string(m_report.processes) + " processes";
    return text.empty() ? text : " (" + text + ")";
}

void DistributedRun::finish() {
    if (!m_store)
        return;
    m_store->setStatus(m_id, "finished");
    removeUnitLedger(ledgerOf(m_outputs, m_id));
}

TaskResult DistributedRun::workerResult() const {
    TaskResult r;
    r.json = {{"run", m_id}, {"process", processGroup().rank()}, {"units", reportJson()}};
    r.summary = "process " + std::to_string(processGroup().rank()) + ": units of run " +
                std::to_string(m_id) + " handed to process 0";
    return r;
}

void DistributedRun::markStopped(const std::string& status) {
    if (m_store)
        m_store->setStatus(m_id, status);
}

nlohmann::json numbersToJson(const std::map<std::string, double>& values) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [name, v] : values)
        j[name] = jsonNumber(v);
    return j;
}

std::map<std::string, double> numbersFromJson(const nlohmann::json& values) {
    std::map<std::string, double> m;
    for (const auto& [name, v] : values.items())
        m[name] = numberFromJson(v);
    return m;
}

ParameterSpec resumeParam() {
    return boolParam("resume",
                     "take up the latest unfinished run with the same settings: the units it "
                     "finished are kept, the others are computed",
                     false);
}

} // namespace soilscope::tasks
