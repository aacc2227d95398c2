#pragma once
// The five workloads behind runWorkload (internal to core/workloads): each folder
// core/workloads/<id>/ declares its options and outputs (declaration.cpp) and runs its pipeline.
#include "workloads/workload_runner.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace soilscope::workloads {

/// What an option of a workload means, and its choices when it has a fixed set; descriptions say
/// "(not in source)" where the paper is silent and the default is ours.
struct OptionNote {
    std::string description;
    std::vector<std::string> choices;
};

nlohmann::json cnnAscatIntradayOptions();
std::map<std::string, OptionNote> cnnAscatIntradayOptionNotes();
std::vector<OutputSpec> cnnAscatIntradayOutputs();
nlohmann::json sarMlScenariosOptions();
std::map<std::string, OptionNote> sarMlScenariosOptionNotes();
std::vector<OutputSpec> sarMlScenariosOutputs();
nlohmann::json ffnnDownscalingOptions();
std::map<std::string, OptionNote> ffnnDownscalingOptionNotes();
std::vector<OutputSpec> ffnnDownscalingOutputs();
nlohmann::json wcmLstmOptions();
std::map<std::string, OptionNote> wcmLstmOptionNotes();
std::vector<OutputSpec> wcmLstmOutputs();
nlohmann::json lstmS1S2WeatherOptions();
std::map<std::string, OptionNote> lstmS1S2WeatherOptionNotes();
std::vector<OutputSpec> lstmS1S2WeatherOutputs();

WorkloadResult runCnnAscatIntraday(const project::ProjectFile& project,
                                   const WorkloadOptions& options, Feedback& feedback);
WorkloadResult runSarMlScenarios(const project::ProjectFile& project,
                                 const WorkloadOptions& options, Feedback& feedback);
WorkloadResult runFfnnDownscaling(const project::ProjectFile& project,
                                  const WorkloadOptions& options, Feedback& feedback);
WorkloadResult runWcmLstm(const project::ProjectFile& project, const WorkloadOptions& options,
                          Feedback& feedback);
WorkloadResult runLstmS1S2Weather(const project::ProjectFile& project,
                                  const WorkloadOptions& options, Feedback& feedback);

/// One workload: its id, declarations and pipeline.
struct WorkloadEntry {
    const char* id;
    nlohmann::json (*options)();
    std::map<std::string, OptionNote> (*optionNotes)();
    std::vector<OutputSpec> (*outputs)();
    WorkloadResult (*run)(const project::ProjectFile&, const WorkloadOptions&, Feedback&);
    bool sharesUnits = false; ///< under mpirun: folds / repeats spread over the processes
};
/// The five workloads, in the order of workloadIds().
const std::vector<WorkloadEntry>& workloadEntries();
/// The entry of `id`; throws soilscope::Error for an unknown id.
const WorkloadEntry& workloadEntry(const std::string& id);

} // namespace soilscope::workloads
