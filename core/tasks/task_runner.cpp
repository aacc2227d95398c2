#include "tasks/task_runner.h"

#include "base/process_group.h"

#include "base/error.h"
#include "tasks/output_guard.h"

#include <cmath>
#include <exception>
#include <new>

namespace soilscope::tasks {

namespace {
/// Writes the produced outputs into the result JSON, after checking that the task declares each.
void recordOutputs(const Task& task, TaskResult& result) {
    const std::vector<OutputSpec> declared = task.outputs();
    nlohmann::json list = nlohmann::json::array();
    for (OutputValue& v : result.outputs) {
        const OutputSpec* spec = findOutput(declared, v.name);
        if (!spec || spec->kind != v.kind)
            throw Error("internal: the task '" + task.info().id + "' produced the output '" +
                        v.name + "' (" + outputKindName(v.kind) + ") that it does not declare");
        if (v.description.empty())
            v.description = spec->description;
        list.push_back(v.toJson());
    }
    result.json["outputs"] = list;
}
} // namespace

nlohmann::json describeParameter(const ParameterSpec& p) {
    nlohmann::json pj{{"name", p.name},
                      {"type", parameterTypeName(p.type)},
                      {"description", p.description},
                      {"required", p.required},
                      {"default", p.defaultValue},
                      {"output", p.isOutput},
                      {"advanced", p.advanced}};
    if (std::isfinite(p.minimum))
        pj["minimum"] = p.minimum;
    if (std::isfinite(p.maximum))
        pj["maximum"] = p.maximum;
    if (!p.choices.empty())
        pj["choices"] = p.choices;
    if (!p.enabledWhen.empty())
        pj["enabled_when"] = p.enabledWhen;
    if (!p.searchRange.empty())
        pj["search"] = p.searchRange;
    if (p.isFolder)
        pj["folder"] = true;
    if (p.isPathList)
        pj["paths"] = true;
    if (!p.fileFilter.empty())
        pj["file_filter"] = p.fileFilter;
    return pj;
}

/// What a process other than 0 returns for a task that runs on process 0 alone.
static TaskResult workerResult(const std::string& task) {
    TaskResult r;
    r.json = {{"process", processGroup().rank()}, {"task", task}};
    r.summary = "process " + std::to_string(processGroup().rank()) + ": " + task +
                " runs on process 0 alone";
    return r;
}

TaskOutcome runTask(Task& task, const std::map<std::string, std::string>& rawValues,
                    Feedback& feedback) {
    TaskOutcome outcome;
    try {
        const ParameterValues values = ParameterValues::fromText(task.parameters(), rawValues);
        task.validate(values);
        checkOutputsAgainstInputs(task.parameters(), values);
        outcome.result = task.sharesUnits()
                             ? task.run(values, feedback)
                             : onRootAlone([&] { return task.run(values, feedback); },
                                           [&] { return workerResult(task.info().id); });
        recordOutputs(task, outcome.result);
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
    for (const auto& p : task.parameters())
        params.push_back(describeParameter(p));
    j["parameters"] = params;
    nlohmann::json outputs = nlohmann::json::array();
    for (const auto& o : task.outputs()) {
        nlohmann::json oj{
            {"name", o.name}, {"kind", outputKindName(o.kind)}, {"description", o.description}};
        if (!o.parameter.empty())
            oj["parameter"] = o.parameter;
        outputs.push_back(oj);
    }
    j["outputs"] = outputs;
    nlohmann::json settings = nlohmann::json::array();
    for (const auto& p : task.settings())
        settings.push_back(describeParameter(p));
    if (!settings.empty())
        j["settings"] = settings;
    return j;
}

} // namespace soilscope::tasks
