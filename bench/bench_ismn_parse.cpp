// ISMN parsing throughput: writes a ~80 MB header_values file (hourly records with realistic
// values, flags and provider flags, CRLF endings) into a temporary folder and times reading
// it, in this process and as the whole `soilscope-cli stations` process. The Python ismn
// package reads about 50 MB/s; targets: parsing above 200 MB/s, the CLI process at 300 MB/s
// or more with a peak RSS under 100 MiB.
#include "bench_common.h"

#include "base/time_utils.h"
#include "stations/ismn_reader.h"
#include "stations/vsi_file.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

using namespace soilscope;

namespace {

std::string makeHeaderValues(std::size_t targetBytes) {
    std::string out = "COSMOS     COSMOS          ARM-1             36.60540   -97.48780  322.00   "
                      " 0.00    0.19 Cosmic-ray-Probe\r\n";
    out.reserve(targetBytes + 64);
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> noise(-0.002, 0.002);
    std::uniform_int_distribution<int> pick(0, 99);
    TimePoint t = makeTime(1950, 1, 1);
    double sm = 0.2;
    char line[96];
    while (out.size() < targetBytes) {
        const auto day = std::chrono::floor<std::chrono::days>(t);
        const std::chrono::year_month_day ymd{day};
        const long secs = static_cast<long>((t - day).count());
        sm = std::clamp(sm + noise(rng) + 0.01 * std::sin(secs / 13750.0), 0.02, 0.55);
        const int p = pick(rng);
        const char* flags = p < 85   ? "G"
                            : p < 92 ? "D03"
                            : p < 97 ? "D05"
                            : p < 99 ? "D03,D05"
                                     : "U";
        const int n = std::snprintf(line, sizeof line, "%04d/%02u/%02u %02ld:00 %8.4f %s M\r\n",
                                    int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()),
                                    secs / 3600, sm, flags);
        out.append(line, static_cast<std::size_t>(n));
        t += std::chrono::hours(1);
    }
    return out;
}

/// Median CPU time of this process over `repeats` runs (after a warm-up run). On a machine
/// shared with other jobs the wall time overstates the cost; the CPU time does not.
template <class Fn> double medianCpuSeconds(int repeats, Fn&& fn) {
    auto cpuNow = [] {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
    };
    fn();
    std::vector<double> t;
    for (int i = 0; i < repeats; ++i) {
        const double a = cpuNow();
        fn();
        t.push_back(cpuNow() - a);
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

} // namespace

int main() {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("soilscope-bench-ismn-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file =
        dir / "COSMOS_COSMOS_ARM-1_sm_0.000000_0.190000_Cosmic-ray-Probe_19500101_22000101.stm";
    std::string content = makeHeaderValues(80u << 20);
    std::ofstream(file, std::ios::binary) << content;
    const double mb = static_cast<double>(content.size()) / 1e6;
    // A child's peak RSS starts at this process's RSS when it forks: the content is let go
    // first (and this benchmark links the stations layer alone, no LibTorch).
    std::string().swap(content);
    // The whole `soilscope-cli stations` process on the file (start-up included), median of 5.
    std::vector<bench::ProcessRun> cliRuns;
    for (int i = 0; i < 6; ++i)
        cliRuns.push_back(bench::runProcess({SOILSCOPE_CLI, "stations", "--input", file.string()}));
    cliRuns.erase(cliRuns.begin()); // warm-up
    std::sort(cliRuns.begin(), cliRuns.end(),
              [](const auto& a, const auto& b) { return a.seconds < b.seconds; });
    const bench::ProcessRun cli = cliRuns[cliRuns.size() / 2];
    content = stations::readVsiFile(file.string());

    std::size_t records = 0;
    const double fileSeconds = bench::medianSeconds(5, [&] {
        const auto st = stations::readIsmnFile(file.string());
        records = st.sensors[0].series.size();
    });
    const double parseSeconds = bench::medianSeconds(5, [&] {
        const auto st = stations::parseIsmnBuffer(content, file.string());
        records = st.sensors[0].series.size();
    });
    const double fileCpuSeconds = medianCpuSeconds(
        5, [&] { records = stations::readIsmnFile(file.string()).sensors[0].series.size(); });
    const double parseCpuSeconds = medianCpuSeconds(5, [&] {
        records = stations::parseIsmnBuffer(content, file.string()).sensors[0].series.size();
    });
    const double headerSeconds = bench::medianSeconds(20, [&] {
        const auto st = stations::readIsmnFile(file.string(), false);
        records += st.sensors.size() - 1;
    });
    std::filesystem::remove_all(dir);

    const double fileRate = mb / fileSeconds;
    const double parseRate = mb / parseSeconds;
    std::printf("ISMN header_values parsing: %.1f MB, %zu records\n", mb, records);
    std::printf("                        wall clock                CPU time of this process\n");
    std::printf("  read file + parse : %8.1f MB/s (%.3f s)   %8.1f MB/s (%.3f s)\n", fileRate,
                fileSeconds, mb / fileCpuSeconds, fileCpuSeconds);
    std::printf("  parse from memory : %8.1f MB/s (%.3f s)   %8.1f MB/s (%.0f ns/record)\n",
                parseRate, parseSeconds, mb / parseCpuSeconds,
                parseCpuSeconds * 1e9 / static_cast<double>(records));
    std::printf("  header only (lazy): %8.3f ms\n", headerSeconds * 1e3);
    double load[1] = {0.0};
    getloadavg(load, 1);
    const double cpuShare = fileCpuSeconds / fileSeconds;
    std::printf(
        "  load average %.1f on %ld cores: this process got %.0f %% of a core while timed\n",
        load[0], sysconf(_SC_NPROCESSORS_ONLN), 100.0 * std::min(1.0, cpuShare));
    std::printf("  target > 200 MB/s; Python ismn package ~50 MB/s; peak RSS %.0f MiB\n",
                bench::peakRssMiB());
    std::printf("soilscope-cli stations on the file, whole process: %.1f MB/s (%.3f s), peak RSS "
                "%.0f MiB, exit %d\n  target >= 300 MB/s and < 100 MiB; Python ismn package "
                "2.9 s\n",
                mb / cli.seconds, cli.seconds, cli.peakRssMiB, cli.exitStatus);
    bench::recordResult("ismn_parse", {{"mb_per_s", fileRate},
                                       {"parse_only_mb_per_s", parseRate},
                                       {"cpu_mb_per_s", mb / fileCpuSeconds},
                                       {"parse_only_cpu_mb_per_s", mb / parseCpuSeconds},
                                       {"file_mb", mb},
                                       {"records", records},
                                       {"header_only_ms", headerSeconds * 1e3},
                                       {"load_average", load[0]},
                                       {"cpu_share_while_timed", std::min(1.0, cpuShare)},
                                       {"target_mb_per_s", 200},
                                       {"cli_stations_mb_per_s", mb / cli.seconds},
                                       {"cli_stations_seconds", cli.seconds},
                                       {"cli_stations_peak_rss_mib", cli.peakRssMiB},
                                       {"cli_target_mb_per_s", 300},
                                       {"cli_target_peak_rss_mib", 100},
                                       {"python_ismn_reference_mb_per_s", 50}});
    return fileRate > 0 && cli.exitStatus == 0 ? 0 : 1;
}
