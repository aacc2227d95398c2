#include "workloads/workload_runner.h"

#include "base/error.h"
#include "base/process_group.h"
#include "workloads/pipelines.h"

namespace soilscope::workloads {

const std::vector<WorkloadEntry>& workloadEntries() {
    static const std::vector<WorkloadEntry> entries{
        {"cnn_ascat_intraday", &cnnAscatIntradayOptions, &cnnAscatIntradayOptionNotes,
         &cnnAscatIntradayOutputs, &runCnnAscatIntraday},
        {"sar_ml_scenarios", &sarMlScenariosOptions, &sarMlScenariosOptionNotes,
         &sarMlScenariosOutputs, &runSarMlScenarios, true},
        {"ffnn_downscaling_60m", &ffnnDownscalingOptions, &ffnnDownscalingOptionNotes,
         &ffnnDownscalingOutputs, &runFfnnDownscaling},
        {"wcm_lstm", &wcmLstmOptions, &wcmLstmOptionNotes, &wcmLstmOutputs, &runWcmLstm, true},
        {"lstm_s1_s2_weather", &lstmS1S2WeatherOptions, &lstmS1S2WeatherOptionNotes,
         &lstmS1S2WeatherOutputs, &runLstmS1S2Weather, true}};
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
    const WorkloadEntry& entry = workloadEntry(project.workload);
    if (entry.sharesUnits)
        return entry.run(project, options, feedback);
    return onRootAlone([&] { return entry.run(project, options, feedback); },
                       [] {
                           WorkloadResult r;
                           r.summary = "this workload runs on process 0 alone";
                           return r;
                       });
}

} // namespace soilscope::workloads
