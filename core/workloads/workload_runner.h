#pragma once
#include "base/output_spec.h"
#include "project/project_file.h"
#include "training/epoch_report.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace soilscope::workloads {

/// How a workload run is asked for (the train task's command-line switches).
struct WorkloadOptions {
    bool quick = false;  ///< tiny data subset, few epochs, one repeat: a smoke run
    std::string device;  ///< auto, cpu, cuda; empty = the project's /training/device
    int threads = 0;     ///< LibTorch CPU threads (0 = leave as is)
    bool resume = false; ///< take up the latest unfinished run with the same settings
};

/// What a workload run returns: its JSON summary (run id, metrics), a text summary and the
/// declared outputs it wrote.
struct WorkloadResult {
    nlohmann::json json = nlohmann::json::object();
    std::string summary;
    std::vector<OutputValue> outputs;
};

/// The five workload ids: cnn_ascat_intraday, sar_ml_scenarios, ffnn_downscaling_60m,
/// wcm_lstm, lstm_s1_s2_weather.
std::vector<std::string> workloadIds();
/// Whether `id` names one of the five workloads.
bool isWorkload(const std::string& id);
/// Everything the workload `id` may write (every workload also returns "report" and "run");
/// throws soilscope::Error for an unknown id.
std::vector<OutputSpec> workloadOutputs(const std::string& id);

/// Runs the workload the project names end to end: data preparation, training with the
/// paper's settings as defaults (overridable in the project), validation, prediction maps,
/// figure data, the run store and a Markdown report. Throws soilscope::Error on bad input and
/// soilscope::CanceledError when the feedback is canceled.
WorkloadResult runWorkload(const project::ProjectFile& project, const WorkloadOptions& options,
                           Feedback& feedback);

} // namespace soilscope::workloads
