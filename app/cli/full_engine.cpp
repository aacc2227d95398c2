#include "full_engine.h"

#include "tasks/task_registry.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>

#include <unistd.h>

namespace soilscope::cli {

namespace {
sigset_t interruptSet() {
    sigset_t set;
    sigemptyset(&set);
    for (const int signal : kInterruptSignals)
        sigaddset(&set, signal);
    return set;
}
} // namespace

bool needsFullEngine(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h")
        return true;
    if (args[0] == "--version")
        return false;
    std::string id = args[0];
    if (id == "help") {
        if (args.size() == 1 || args[1] == "--json")
            return true;
        id = args[1];
    }
    const auto ids = tasks::TaskRegistry::instance().ids();
    return std::find(ids.begin(), ids.end(), id) == ids.end();
}

int becomeFullEngine(const char* engineName, char** argv) {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::filesystem::path engine =
        (ec ? std::filesystem::path(argv[0]) : self).parent_path() / engineName;
    // Blocked and pending signals survive execv; handlers do not.
    const sigset_t interrupts = interruptSet();
    sigset_t previous;
    ::sigprocmask(SIG_BLOCK, &interrupts, &previous);
    ::execv(engine.c_str(), argv);
    const int error = errno;
    ::sigprocmask(SIG_SETMASK, &previous, nullptr);
    std::cerr << "soilscope-cli: cannot start " << engine.string() << " (" << std::strerror(error)
              << "): it holds the learning tasks (train, predict, search, sweep), plugins and "
                 "the list of every task; reinstall SoilScope\n";
    return 1;
}

void unblockInterrupts() {
    const sigset_t interrupts = interruptSet();
    ::sigprocmask(SIG_UNBLOCK, &interrupts, nullptr);
}

} // namespace soilscope::cli
