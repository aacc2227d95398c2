#pragma once
#include "base/parameter_spec.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace soilscope::workloads {

/// The paper defaults of a workload's options (what /training/workload may override); throws
/// soilscope::Error for an unknown id.
nlohmann::json workloadOptionDefaults(const std::string& id);

/// The options of a workload as settings named "workload.<id>.<option>", typed by their
/// defaults (a list is written "a,b,c").
std::vector<ParameterSpec> workloadOptionSpecs(const std::string& id);

} // namespace soilscope::workloads
