#pragma once
// The five pipelines behind runWorkload (internal to core/workloads).
#include "workloads/workload_runner.h"

namespace soilscope::workloads {

WorkloadResult runCnnAscatIntraday(const project::ProjectFile& project, const WorkloadOptions& options,
                                   training::TrainingObserver& observer);
WorkloadResult runSarMlScenarios(const project::ProjectFile& project, const WorkloadOptions& options,
                                 training::TrainingObserver& observer);
WorkloadResult runFfnnDownscaling(const project::ProjectFile& project, const WorkloadOptions& options,
                                  training::TrainingObserver& observer);
WorkloadResult runWcmLstm(const project::ProjectFile& project, const WorkloadOptions& options,
                          training::TrainingObserver& observer);
WorkloadResult runLstmS1S2Weather(const project::ProjectFile& project, const WorkloadOptions& options,
                                  training::TrainingObserver& observer);

} // namespace soilscope::workloads
