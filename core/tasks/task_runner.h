#pragma once
#include "tasks/task.h"

#include <map>
#include <string>

namespace soilscope::tasks {

enum class TaskStatus { Succeeded, Failed, Canceled, UsageFailed };

/// The end of a task run. Exceptions stop here: they never cross threads or signals.
struct TaskOutcome {
    TaskStatus status = TaskStatus::Failed;
    TaskResult result;
    std::string errorMessage; ///< user-readable, names the file and the problem
};

/// Checks values against the task's specs, validates, runs, and catches everything.
TaskOutcome runTask(Task& task, const std::map<std::string, std::string>& rawValues,
                    Feedback& feedback);

/// One parameter or setting as JSON (name, type, default, range, choices...).
nlohmann::json describeParameter(const ParameterSpec& spec);
/// The task's declaration as JSON (id, title, parameters...), for GUIs and `help --json`.
nlohmann::json describeTask(const Task& task);

} // namespace soilscope::tasks
