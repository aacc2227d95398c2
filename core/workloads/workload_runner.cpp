#include "workloads/workload_runner.h"

#include "base/error.h"
#include "workloads/pipelines.h"

#include <algorithm>

namespace soilscope::workloads {

std::vector<std::string> workloadIds() {
    return {"cnn_ascat_intraday", "sar_ml_scenarios", "ffnn_downscaling_60m", "wcm_lstm",
            "lstm_s1_s2_weather"};
}

bool isWorkload(const std::string& id) {
    const auto ids = workloadIds();
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

WorkloadResult runWorkload(const project::ProjectFile& project, const WorkloadOptions& options,
                           training::TrainingObserver& observer) {
    const std::string& w = project.workload;
    if (w == "cnn_ascat_intraday") return runCnnAscatIntraday(project, options, observer);
    if (w == "sar_ml_scenarios") return runSarMlScenarios(project, options, observer);
    if (w == "ffnn_downscaling_60m") return runFfnnDownscaling(project, options, observer);
    if (w == "wcm_lstm") return runWcmLstm(project, options, observer);
    if (w == "lstm_s1_s2_weather") return runLstmS1S2Weather(project, options, observer);
    throw Error("/workload: '" + w + "' is not one of the five workloads", project.file.string());
}

} // namespace soilscope::workloads
