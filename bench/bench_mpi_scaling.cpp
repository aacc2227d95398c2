// soilscope-cli under mpirun on this machine (issue 18): `sweep` and `predict` with -np 2 vs
// -np 1, the overhead of -np 1 against a plain start, peak memory per rank, and the measured
// cost of one unit (seconds, gathered bytes) from which docs/cluster.md predicts cluster runs.
// Everything runs on the tiny twin, generated into a temporary folder. Usage:
// bench_mpi_scaling [--repeats 16] [--epochs 3000] [--size 6000] [--runs 3]
#include "bench_common.h"

#include "base/atomic_file.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace soilscope;

namespace {

const std::string kCli = SOILSCOPE_CLI;
const std::string kMpiexec = SOILSCOPE_MPIEXEC;

/// Runs a shell command; throws when it fails.
void shell(const std::string& command) {
    if (std::system(command.c_str()) != 0)
        throw std::runtime_error("failed: " + command);
}

/// Median wall seconds of `runs` runs of each command, run in turn (a, b, c, a, b, c, ...) so
/// that a machine whose speed drifts (a shared VM) biases none of them.
std::vector<double> medianWalls(const std::vector<std::string>& commands, int runs) {
    std::vector<std::vector<double>> t(commands.size());
    for (int i = 0; i < runs; ++i)
        for (std::size_t c = 0; c < commands.size(); ++c) {
            const auto a = std::chrono::steady_clock::now();
            shell(commands[c]);
            t[c].push_back(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count());
        }
    std::vector<double> medians;
    for (auto& times : t) {
        std::sort(times.begin(), times.end());
        medians.push_back(times[times.size() / 2]);
    }
    return medians;
}

double medianWall(const std::string& command, int runs) {
    return medianWalls({command}, runs)[0];
}

std::string onRanks(int n) {
    // Not bound to one core each (Open MPI binds -np <= 2 to cores): a rank's threads may use
    // its share of the machine, as processorShare() assumes.
    return kMpiexec + " --oversubscribe --bind-to none -np " + std::to_string(n) + " ";
}

/// The largest "max RSS" in KiB that /usr/bin/time -f %M wrote into `file` (one per rank).
double peakRankMiB(const fs::path& file) {
    std::istringstream in(readTextFile(file));
    double peak = 0, v = 0;
    while (in >> v)
        peak = std::max(peak, v);
    return peak / 1024.0;
}

const char* kProject = R"({"format": "soilscope-project", "version": 1, "name": "mlp",
  "data": {"static": {"path": "../static/static_0p25deg.tif", "band": 1},
           "sand": {"path": "../static/static_0p25deg.tif", "band": 4},
           "target": {"path": "../cci/cci_sm_daily_0p25deg.nc", "variable": "sm"}},
  "predictors": [{"name": "elevation", "kind": "band", "role": "static"},
                 {"name": "sand", "kind": "band", "role": "sand"},
                 {"name": "doy_sin", "kind": "calendar", "quantity": "doy_sin", "normaliser": "none"}],
  "target": {"role": "target", "kind": "grid", "valid_range": [0, 1]},
  "samples": {"layout": "tabular", "from": "2019-05-01", "to": "2019-06-30", "max_samples": 1200},
  "split": {"scheme": "random", "test_fraction": 0.3, "validation_fraction": 0.2, "seed": 1},
  "model": {"family": "mlp", "params": {"layers": 1, "width": 8}},
  "training": {"epochs": 4, "batch_size": 64, "seed": 42},
  "outputs": {"folder": "../runs"}})";

} // namespace

int main(int argc, char** argv) {
    int repeats = 16, epochs = 3000, size = 6000, runs = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const int v = std::atoi(argv[i + 1]);
        if (a == "--repeats")
            repeats = v;
        else if (a == "--epochs")
            epochs = v;
        else if (a == "--size")
            size = v;
        else if (a == "--runs")
            runs = v;
    }
    if (kMpiexec.empty()) {
        std::cout
            << "bench_mpi_scaling: built without MPI (SOILSCOPE_MPI=OFF); nothing to measure\n";
        return 0;
    }
    setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
    setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
    const fs::path dir =
        fs::temp_directory_path() / ("soilscope_bench_mpi_" + std::to_string(getpid()));
    fs::create_directories(dir);
    const std::string twin = (dir / "twin").string();
    shell(kCli + " demo --out " + twin + " --preset tiny --quiet > /dev/null");
    writeTextAtomically(dir / "twin" / "projects" / "mlp.soilscope.json", kProject);
    const std::string project = twin + "/projects/mlp.soilscope.json";

    // MPI's fixed start-up cost: the engine answering --version under mpirun and without
    const auto start = medianWalls(
        {kCli + " --version > /dev/null", onRanks(1) + kCli + " --version > /dev/null"}, runs);
    const double startPlain = start[0], startMpi = start[1];

    // sweep: 4 sizes × repeats fits
    const int units = 4 * repeats;
    const std::string sweep =
        kCli + " sweep --project " + project + " --sizes 0.25,0.5,0.75,1 --repeats " +
        std::to_string(repeats) + " --epochs " + std::to_string(epochs) +
        " --device cpu --quiet --out " + (dir / "sweep").string() + " > /dev/null";
    const double setup = medianWall(kCli + " sweep --project " + project +
                                        " --sizes 1 --repeats 1 --epochs 1 --device cpu --quiet "
                                        "--out " +
                                        (dir / "setup").string() + " > /dev/null",
                                    runs);
    const auto sweeps = medianWalls({sweep, onRanks(1) + sweep, onRanks(2) + sweep}, runs);
    const double sweepPlain = sweeps[0], sweep1 = sweeps[1], sweep2 = sweeps[2];
    const double perFit = (sweepPlain - setup) / units;
    const auto rowsBytes = double(fs::file_size(dir / "sweep" / "sweep.json"));

    // predict: a size × size map of a trained MLP
    shell(kCli + " train --project " + project + " --device cpu --json > " +
          (dir / "train.json").string());
    const std::string trainJson = readTextFile(dir / "train.json");
    const auto at = trainJson.find("\"bundle\": \"") + 11;
    const std::string bundle = trainJson.substr(at, trainJson.find('"', at) - at);
    const std::string stat = twin + "/static/static_0p25deg.tif";
    for (const auto& [band, name] : {std::pair{1, "elev"}, std::pair{4, "sand"}})
        shell("gdal_translate -q -b " + std::to_string(band) + " -outsize " + std::to_string(size) +
              " " + std::to_string(size) + " -r bilinear " + stat + " " +
              (dir / (std::string(name) + ".tif")).string());
    const std::string predict =
        kCli + " predict --model " + bundle + " --inputs static=" + (dir / "elev.tif").string() +
        ",sand=" + (dir / "sand.tif").string() + " --date 2019-06-01 --masks false --quiet --out " +
        (dir / "map.tif").string() + " > /dev/null";
    const auto predicts = medianWalls({predict, onRanks(1) + predict, onRanks(2) + predict}, runs);
    const double predictPlain = predicts[0], predict1 = predicts[1], predict2 = predicts[2];
    const std::string rss = (dir / "rss.txt").string();
    shell(onRanks(2) + "/usr/bin/time -a -o " + rss + " -f %M " + predict);
    const double rank2MiB = peakRankMiB(rss);
    fs::remove(rss);
    shell("/usr/bin/time -a -o " + rss + " -f %M " + predict);
    const double plainMiB = peakRankMiB(rss);
    const double megapixels = double(size) * double(size) / 1e6;

    std::printf("MPI scaling on %u cores (median of %d runs)\n",
                std::max(1u, std::thread::hardware_concurrency()), runs);
    std::printf("start-up: plain %.2f s, under mpirun -np 1 %.2f s (MPI_Init %+.2f s)\n",
                startPlain, startMpi, startMpi - startPlain);
    std::printf("sweep (%d MLP fits, %d epochs): plain %.2f s, -np 1 %.2f s (overhead %+.1f %%), "
                "-np 2 %.2f s: speed-up %.2fx over -np 1\n",
                units, epochs, sweepPlain, sweep1, 100 * (sweep1 / sweepPlain - 1), sweep2,
                sweep1 / sweep2);
    std::printf("  one fit %.3f s, set-up %.2f s, gathered %.0f bytes per fit\n", perFit, setup,
                rowsBytes / units);
    std::printf("predict (%dx%d, COG): plain %.2f s, -np 1 %.2f s (overhead %+.1f %%), -np 2 %.2f "
                "s: speed-up %.2fx over -np 1\n",
                size, size, predictPlain, predict1, 100 * (predict1 / predictPlain - 1), predict2,
                predict1 / predict2);
    std::printf("  %.2f s per megapixel on one process; peak RSS %.0f MiB plain, %.0f MiB per "
                "rank with -np 2\n",
                predictPlain / megapixels, plainMiB, rank2MiB);
    bench::recordResult("mpi_scaling", {{"cores", std::thread::hardware_concurrency()},
                                        {"runs", runs},
                                        {"startup_plain_s", startPlain},
                                        {"startup_mpirun_np1_s", startMpi},
                                        {"sweep",
                                         {{"fits", units},
                                          {"epochs", epochs},
                                          {"plain_s", sweepPlain},
                                          {"np1_s", sweep1},
                                          {"np2_s", sweep2},
                                          {"np1_overhead", sweep1 / sweepPlain - 1},
                                          {"speedup_np2", sweep1 / sweep2},
                                          {"seconds_per_fit", perFit},
                                          {"setup_s", setup},
                                          {"gathered_bytes_per_fit", rowsBytes / units}}},
                                        {"predict",
                                         {{"width", size},
                                          {"height", size},
                                          {"plain_s", predictPlain},
                                          {"np1_s", predict1},
                                          {"np2_s", predict2},
                                          {"np1_overhead", predict1 / predictPlain - 1},
                                          {"speedup_np2", predict1 / predict2},
                                          {"seconds_per_megapixel", predictPlain / megapixels},
                                          {"peak_rss_plain_mib", plainMiB},
                                          {"peak_rss_per_rank_np2_mib", rank2MiB}}}});
    fs::remove_all(dir);
    return 0;
}
