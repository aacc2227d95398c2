#pragma once
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace soilscope::bench {

/// Median wall time in seconds of `repeats` runs of fn (after one warm-up run).
template <class Fn> double medianSeconds(int repeats, Fn&& fn);

/// Merges one entry into build/bench/results.json (path from SOILSCOPE_BENCH_OUT or default).
void recordResult(const std::string& key, const nlohmann::json& entry);

/// Resident set size high-water mark of this process in MiB.
double peakRssMiB();

/// One run of another program, its output discarded: wall time, peak RSS and exit status.
struct ProcessRun {
    double seconds = 0.0;
    double peakRssMiB = 0.0;
    int exitStatus = -1;
};
ProcessRun runProcess(const std::vector<std::string>& argv);

} // namespace soilscope::bench

#include <algorithm>
#include <vector>

template <class Fn> double soilscope::bench::medianSeconds(int repeats, Fn&& fn) {
    fn();
    std::vector<double> t;
    for (int i = 0; i < repeats; ++i) {
        const auto a = std::chrono::steady_clock::now();
        fn();
        t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}
