#pragma once
#include "base/parameter_spec.h"
#include "project/project_file.h"

#include <string>
#include <vector>

namespace soilscope::tasks {

/// Every setting of a project's learning set-up, from the lists the model families, the
/// training settings, the split schemes and the workloads publish: model.*, training.*,
/// split.*, workload.<id>.*.
std::vector<ParameterSpec> projectSettingSpecs();

/// The "--set" parameter of the learning tasks: KEY=VALUE assignments, one per line.
ParameterSpec setParam();

/// Applies KEY=VALUE assignments (one per line) to the project's /model, /training, /split and
/// /training/workload; throws UsageError naming the key and what it allows.
void applySettings(project::ProjectFile& project, const std::string& assignments);

/// Checks /training and /split of a project against the published settings: an unknown key or
/// a value out of range is an error naming the project file and the JSON pointer.
void checkProjectSettings(const project::ProjectFile& project);

} // namespace soilscope::tasks
