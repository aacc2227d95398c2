#pragma once
// The five pipelines behind runWorkload (internal to core/workloads).
#include "workloads/workload_runner.h"

namespace soilscope::workloads {

WorkloadResult runCnnAscatIntraday(const project::ProjectFile& project, const WorkloadOptions& options,
                                   Feedback& feedback);
WorkloadResult runSarMlScenarios(const project::ProjectFile& project, const WorkloadOptions& options,
                                 Feedback& feedback);
WorkloadResult runFfnnDownscaling(const project::ProjectFile& project, const WorkloadOptions& options,
                                  Feedback& feedback);
WorkloadResult runWcmLstm(const project::ProjectFile& project, const WorkloadOptions& options,
                          Feedback& feedback);
WorkloadResult runLstmS1S2Weather(const project::ProjectFile& project, const WorkloadOptions& options,
                                  Feedback& feedback);

} // namespace soilscope::workloads
