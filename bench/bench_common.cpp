#include "bench_common.h"

#include "base/atomic_file.h"

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace soilscope::bench {

void recordResult(const std::string& key, const nlohmann::json& entry) {
    const char* env = std::getenv("SOILSCOPE_BENCH_OUT");
    const std::filesystem::path path = env ? env : "build/bench/results.json";
    nlohmann::json all = nlohmann::json::object();
    if (std::filesystem::exists(path)) {
        try {
            all = nlohmann::json::parse(readTextFile(path));
        } catch (...) {
            all = nlohmann::json::object();
        }
    }
    all[key] = entry;
    writeTextAtomically(path, all.dump(2) + "\n");
}

double peakRssMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

ProcessRun runProcess(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ProcessRun run;
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int devNull = ::open("/dev/null", O_WRONLY);
        ::dup2(devNull, STDOUT_FILENO);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    int status = 0;
    rusage usage{};
    if (pid < 0 || ::wait4(pid, &status, 0, &usage) != pid)
        return run;
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.peakRssMiB = usage.ru_maxrss / 1024.0;
    run.exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

} // namespace soilscope::bench
