#pragma once
// soilscope-cli holds the Tasks that need no LibTorch; every other command line (the learning
// Tasks, plugins, the overview of every task) runs in soilscope-cli-full, which it becomes.
#include <csignal>
#include <string>
#include <vector>

namespace soilscope::cli {

/// Whether `args` (argv without the program) names something this executable does not hold.
bool needsFullEngine(const std::vector<std::string>& args);

/// The signals that cancel a run (Ctrl-C, kill, a closed terminal).
inline constexpr int kInterruptSignals[] = {SIGINT, SIGTERM, SIGHUP};

/// Replaces this process by the full engine next to this executable, same arguments and
/// environment (so Ctrl-C, exit codes and mpirun see one process). The interrupt signals reach
/// the engine blocked, so that one arriving while it loads (LibTorch takes a while) waits for
/// its handler instead of killing it (see unblockInterrupts). Returns only on failure, with exit
/// status 1 after saying why.
int becomeFullEngine(const char* engineName, char** argv);

/// Delivers the interrupt signals again (and one that arrived while they were blocked), once
/// their handler is installed.
void unblockInterrupts();

} // namespace soilscope::cli
