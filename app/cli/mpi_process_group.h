#pragma once
// The MPI ranks of `mpirun -np N soilscope-cli ...` as core's ProcessGroup.
#include "base/process_group.h"

#include <memory>

namespace soilscope::cli {

/// Initialises MPI when this process was started by mpirun (or srun) and returns its group;
/// nullptr for a plain start (no MPI set-up cost) or a build without MPI.
std::unique_ptr<ProcessGroup> startMpiWhenLaunchedByIt(int& argc, char**& argv);

/// Ends MPI (after the last collective call); nothing when it was not started.
void finishMpi();

} // namespace soilscope::cli
