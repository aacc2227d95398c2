#include "workloads/workload_runner.h"

#include "base/error.h"
#include "workloads/pipelines.h"

namespace soilscope::workloads {

const std::vector<WorkloadEntry>& workloadEntries() {
    static const std::vector<WorkloadEntry> entries{
        {"cnn_ascat_intraday", &cnnAscatIntradayOptions, &cnnAscatIntradayOptionNotes,
         &cnnAscatIntradayOutputs, &runCnnAscatIntraday},
        {"sar_ml_scenarios", &sarMlScenariosOptions, &sarMlScenariosOptionNotes,
         &sarMlScenariosOutputs, &runSarMlScenarios},
        {"ffnn_downscaling_60m", &ffnnDownscalingOptions, &ffnnDownscalingOptionNotes,
         &ffnnDownscalingOutputs, &runFfnnDownscaling},
        {"wcm_lstm", &wcmLstmOptions, &wcmLstmOptionNotes, &wcmLstmOutputs, &runWcmLstm},
        {"lstm_s1_s2_weather", &lstmS1S2WeatherOptions, &lstmS1S2WeatherOptionNotes,
         &lstmS1S2WeatherOutputs, &runLstmS1S2Weather}};
    return entries;
}

const WorkloadEntry& workloadEntry(const std::string& id) {
    for (const auto& e : workloadEntries())
        if (id == e.id)
            return e;
    throw Error("'" + id + "' is not one of the five workloads");
}

std::vector<std::string> workloadIds() {
    std::vector<std::string> ids;
    for (const auto& e : workloadEntries())
        ids.push_back(e.id);
    return ids;
}

bool isWorkload(const std::string& id) {
    for (const auto& e : workloadEntries())
        if (id == e.id)
            return true;
    return false;
}

std::vector<OutputSpec> workloadOutputs(const std::string& id) {
    std::vector<OutputSpec> o = workloadEntry(id).outputs();
    o.push_back({"report", OutputKind::Report,
                 "the run's Markdown report: settings, metrics, findings, outputs"});
    o.push_back({"run", OutputKind::Run, "the run in the project's run store"});
    return o;
}

WorkloadResult runWorkload(const project::ProjectFile& project, const WorkloadOptions& options,
                           Feedback& feedback) {
    if (!isWorkload(project.workload))
        throw Error("/workload: '" + project.workload + "' is not one of the five workloads",
                    project.file.string());
    return workloadEntry(project.workload).run(project, options, feedback);
}

} // namespace soilscope::workloads
