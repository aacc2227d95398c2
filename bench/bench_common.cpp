#include "bench_common.h"

#include "base/atomic_file.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>

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

} // namespace soilscope::bench
