#pragma once
#include "tasks/task.h"

#include <string>

namespace soilscope::cli {

/// `soilscope-cli help`: every task with its one-line title.
std::string overviewHelp();
/// `soilscope-cli help TASK`: usage, description, parameters and examples from the spec.
std::string taskHelp(const tasks::Task& task);

} // namespace soilscope::cli
