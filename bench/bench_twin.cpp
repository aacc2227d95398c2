// Twin region generation: wall time, CPU time and size of the tiny and small presets
// (issue targets: tiny < 20 MB and < 10 s; small < 300 MB and < 60 s on 2 cores). The optional
// `--fine-cells 3` variant for ffnn_downscaling_60m is not measured here: about 1.6 GB, ~75 s.
#include "bench_common.h"

#include "demo/twin_config.h"
#include "demo/twin_generator.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

using namespace soilscope;

int main() {
    const auto base = std::filesystem::temp_directory_path() /
                      ("soilscope-bench-twin-" + std::to_string(std::time(nullptr)));
    soilscope::Feedback quiet;
    for (const char* preset : {"tiny", "small"}) {
        const auto dir = base / preset;
        const auto wall0 = std::chrono::steady_clock::now();
        const std::clock_t cpu0 = std::clock();
        const auto summary =
            demo::generateTwin(demo::TwinConfig::fromPreset(preset, 42), dir, quiet);
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        const double cpu = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
        const double mb = static_cast<double>(summary.totalBytes) / 1e6;
        std::printf(
            "twin %-6s %6.1f MB in %6.1f s wall (%.1f s CPU), %zu files, peak RSS %.0f MiB\n",
            preset, mb, wall, cpu, summary.files.size(), bench::peakRssMiB());
        bench::recordResult(std::string("twin_") + preset, {{"megabytes", mb},
                                                            {"wall_seconds", wall},
                                                            {"cpu_seconds", cpu},
                                                            {"files", summary.files.size()},
                                                            {"peak_rss_mib", bench::peakRssMiB()}});
        std::filesystem::remove_all(dir);
    }
    std::filesystem::remove_all(base);
    return 0;
}
