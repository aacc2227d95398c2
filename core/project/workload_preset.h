#pragma once
#include "project/project_file.h"

#include <string>
#include <vector>

namespace soilscope::project {

/// Workloads with a built-in learning set-up for projects that name only their data (as the
/// twin region writes them): all five workloads (cnn_ascat_intraday, sar_ml_scenarios,
/// lstm_s1_s2_weather, ffnn_downscaling_60m, wcm_lstm).
std::vector<std::string> presetWorkloads();

/// The data roles the preset of `workload` reads (empty for a workload without one).
std::vector<std::string> presetRoles(const std::string& workload);

/// Fills what the project leaves out (predictors, target, samples, mask, model, training, split)
/// from the preset of its workload, using the data roles it names. Keeps every section the
/// project declares. Returns false when the workload has no preset; throws soilscope::Error
/// naming the file when a role the preset needs is missing from /data.
bool applyWorkloadPreset(ProjectFile& project);

} // namespace soilscope::project
