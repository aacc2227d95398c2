#pragma once
// soilscope-cli holds the Tasks that need no LibTorch; every other command line (the learning
// Tasks, plugins, the overview of every task) runs in soilscope-cli-full, which it becomes.
#include <string>
#include <vector>

namespace soilscope::cli {

/// Whether `args` (argv without the program) names something this executable does not hold.
bool needsFullEngine(const std::vector<std::string>& args);

/// Replaces this process by the full engine next to this executable, same arguments and
/// environment (so Ctrl-C, exit codes and mpirun see one process). Returns only on failure,
/// with exit status 1 after saying why.
int becomeFullEngine(const char* engineName, char** argv);

} // namespace soilscope::cli
