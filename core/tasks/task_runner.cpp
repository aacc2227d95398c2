#include "tasks/task_runner.h"

#include "base/error.h"

#include <cmath>
#include <exception>
#include <new>

namespace soilscope::tasks {

TaskOutcome runTask(Task& task, const std::map<std::string, std::string>& rawValues,
                    Feedback& feedback) {
    TaskOutcome outcome;
    try {
        const ParameterValues values = ParameterValues::fromText(task.parameters(), rawValues);
        task.validate(values);
        outcome.result = task.run(values, feedback);
        outcome.status = TaskStatus::Succeeded;
        feedback.setProgress(100.0);
    } catch (const CanceledError&) {
        outcome.status = TaskStatus::Canceled;
        outcome.errorMessage = "canceled";
    } catch (const UsageError& e) {
        outcome.status = TaskStatus::UsageFailed;
        outcome.errorMessage = e.what();
    } catch (const Error& e) {
        outcome.errorMessage = e.what();
    } catch (const std::bad_alloc&) {
        outcome.errorMessage = "out of memory";
    } catch (const nlohmann::json::exception& e) {
        outcome.errorMessage = std::string("invalid JSON: ") + e.what();
    } catch (const std::exception& e) {
        outcome.errorMessage = std::string("internal error: ") + e.what();
    }
    return outcome;
}

nlohmann::json describeTask(const Task& task) {
    const TaskInfo info = task.info();
    nlohmann::json j{{"id", info.id},
                     {"title", info.title},
                     {"description", info.description},
                     {"group", info.group},
                     {"examples", info.examples}};
    nlohmann::json params = nlohmann::json::array();
    for (const auto& p : task.parameters()) {
        nlohmann::json pj{{"name", p.name},
                          {"type", parameterTypeName(p.type)},
                          {"description", p.description},
                          {"required", p.required},
                          {"default", p.defaultValue},
                          {"output", p.isOutput},
                          {"advanced", p.advanced}};
        if (std::isfinite(p.minimum)) pj["minimum"] = p.minimum;
        if (std::isfinite(p.maximum)) pj["maximum"] = p.maximum;
        if (!p.choices.empty()) pj["choices"] = p.choices;
        if (!p.enabledWhen.empty()) pj["enabled_when"] = p.enabledWhen;
        params.push_back(pj);
    }
    j["parameters"] = params;
    return j;
}

} // namespace soilscope::tasks
