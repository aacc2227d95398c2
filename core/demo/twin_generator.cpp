#include "demo/twin_generator.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "base/json_text.h"
#include "demo/coarse_products.h"
#include "demo/fine_products.h"
#include "demo/fine_samples.h"
#include "demo/satellite_products.h"
#include "demo/stations_writer.h"
#include "demo/twin_context.h"
#include "demo/twin_documents.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

namespace soilscope::demo {

namespace {

namespace fs = std::filesystem;

/// The files of an existing twin folder that its generator did not write: everything not in
/// twin.json's file list, its projects, README.md and twin.json itself (e.g. training runs).
std::vector<std::string> foreignFiles(const fs::path& dir) {
    std::set<std::string> generated{"twin.json", "README.md"};
    try {
        const auto doc =
            parseJsonText(readTextFile(dir / "twin.json"), (dir / "twin.json").string());
        for (const auto& f : doc.value("files", nlohmann::json::array()))
            generated.insert(f.value("path", ""));
        for (const auto& p : doc.value("projects", nlohmann::json::array()))
            generated.insert(p.get<std::string>());
    } catch (const std::exception&) {
        return {"twin.json (unreadable: the folder's contents cannot be told apart)"};
    }
    std::vector<std::string> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec)
            break;
        if (it->is_directory())
            continue;
        const std::string rel = fs::relative(it->path(), dir, ec).generic_string();
        if (!generated.count(rel))
            out.push_back(rel);
    }
    std::sort(out.begin(), out.end());
    return out;
}

void prepareTarget(const fs::path& dir, Feedback& feedback) {
    std::error_code ec;
    if (!fs::exists(dir, ec))
        return;
    if (!fs::is_directory(dir, ec))
        throw Error("the output path exists and is not a folder", dir.string());
    if (fs::is_empty(dir, ec))
        return;
    if (!fs::exists(dir / "twin.json", ec))
        throw Error("the output folder is not empty and does not hold a twin region; choose an "
                    "empty folder",
                    dir.string());
    const auto foreign = foreignFiles(dir);
    if (!foreign.empty()) {
        std::string list;
        for (std::size_t i = 0; i < std::min<std::size_t>(foreign.size(), 5); ++i)
            list += (list.empty() ? "" : ", ") + foreign[i];
        throw Error("the twin folder holds " + std::to_string(foreign.size()) +
                        " file(s) the generator did not write (" + list +
                        (foreign.size() > 5 ? ", …" : "") +
                        "), e.g. training runs: move them or choose another folder",
                    dir.string());
    }
    feedback.warning("replacing the twin region in " + dir.string());
}

/// A sibling of `dir` that does not exist yet, named `dir` + suffix + a number.
fs::path freshSibling(const fs::path& dir, const std::string& suffix) {
    std::error_code ec;
    for (int n = 0;; ++n) {
        fs::path p = dir;
        p += suffix + "-" + std::to_string(::getpid()) + (n ? "-" + std::to_string(n) : "");
        if (!fs::exists(p, ec))
            return p;
    }
}

/// Swaps the finished twin in; the previous one is kept under a fresh name until then, and
/// nothing SoilScope did not create in this run is ever removed.
void moveIntoPlace(const fs::path& tmp, const fs::path& dir) {
    std::error_code ec;
    fs::path old;
    if (fs::exists(dir, ec)) {
        old = freshSibling(dir, ".replaced");
        fs::rename(dir, old, ec);
        if (ec)
            throw Error("cannot replace the previous twin: " + ec.message(), dir.string());
    }
    fs::rename(tmp, dir, ec);
    if (ec) {
        if (!old.empty())
            fs::rename(old, dir, ec);
        throw Error("cannot move the twin into place", dir.string());
    }
    if (!old.empty())
        fs::remove_all(old, ec);
}

} // namespace

TwinSummary generateTwin(const TwinConfig& config, const fs::path& dirIn, Feedback& feedback) {
    const fs::path dir = fs::absolute(dirIn).lexically_normal();
    prepareTarget(dir, feedback);
    const fs::path tmp = freshSibling(dir, ".partial");
    std::error_code ec;
    fs::create_directories(tmp.parent_path(), ec);
    if (!fs::create_directory(tmp, ec) || ec)
        throw Error("cannot create the output folder: " + ec.message(), tmp.string());

    std::string lastStage;
    auto report = [&](double p, const std::string& stage) {
        if (stage != lastStage)
            feedback.info(stage);
        lastStage = stage;
        feedback.setProgress(p);
        feedback.throwIfCanceled();
    };
    try {
        TwinContext ctx;
        ctx.config = config;
        ctx.dir = tmp;
        ctx.feedback = &feedback;
        report(0.0, "landscape");
        ctx.landscape = std::make_unique<Landscape>(config.seed);
        ctx.cells = buildCells(config, *ctx.landscape);
        ctx.stations = placeStations(config, *ctx.landscape);
        const int spinHours = config.spinUpDays * 24;
        ctx.weather = std::make_unique<Weather>(
            config.seed, config.start - std::chrono::hours(spinHours), spinHours + config.hours + 1,
            config.lonMin, config.lonMin + config.coarseNx * config.coarseRes,
            config.latMax - config.coarseNy * config.coarseRes, config.latMax);
        ctx.manifest.addGrid("coarse", config.coarseGrid(),
                             "0.25° grid of the whole box (reanalysis, ASCAT, CCI, truth)");
        ctx.manifest.addGrid("fine", config.fineGrid(),
                             "60 m UTM grid of the fine area (Sentinel-2, DEM, fine truth)");
        ctx.manifest.addGrid("sar", config.sarGrid(),
                             "Sentinel-1 / 8-day optical grid of the whole box");
        ctx.manifest.addGrid("lst", config.lstGrid(), "~1 km grid over the fine area (LST)");
        ctx.manifest.addGrid("precip", config.precipGrid(),
                             "0.1° precipitation grid of the whole box");
        ctx.manifest.addGrid("fine-samples", config.fineSampleGrid(),
                             "lattice of sampled 60 m pixels over the whole box (" +
                                 std::to_string(config.fineSamplesPerCell) + " × " +
                                 std::to_string(config.fineSamplesPerCell) + " per 0.25° cell)");
        report(2.0, "simulating the water balance");
        FeedbackSlice simulating(feedback, 2, 30);
        ctx.run = simulateCoarse(config, *ctx.weather, ctx.cells, ctx.stations, simulating);
        report(30.0, "static layers");
        writeCoarseStatic(ctx);
        report(31.0, "forcing");
        writeForcing(ctx);
        report(36.0, "reanalysis");
        writeReanalysis(ctx);
        report(42.0, "truth");
        writeCoarseTruth(ctx);
        report(46.0, "ASCAT");
        writeAscat(ctx);
        report(48.0, "CCI");
        writeCci(ctx);
        report(49.0, "precipitation 0.1°");
        writePrecipitation(ctx);
        report(53.0, "stations");
        writeStations(ctx);
        report(58.0, "Sentinel-2");
        FeedbackSlice sentinel2(feedback, 58, 80);
        writeFineProducts(ctx, sentinel2);
        report(78.0, "LST");
        writeLst(ctx);
        report(80.0, "60 m samples");
        FeedbackSlice samples(feedback, 80, 83);
        writeFineSamples(ctx, samples);
        report(83.0, "Sentinel-1");
        FeedbackSlice sentinel1(feedback, 83, 98);
        writeSentinel1(ctx, sentinel1);
        report(98.0, "manifest");
        writeTwinDocuments(ctx);
        moveIntoPlace(tmp, dir);
    } catch (...) {
        fs::remove_all(tmp, ec);
        throw;
    }

    TwinSummary summary;
    summary.dir = dir;
    std::vector<fs::path> paths;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
        const auto bytes = fs::file_size(p);
        summary.files.emplace_back(fs::relative(p, dir).generic_string(), bytes);
        summary.totalBytes += bytes;
    }
    feedback.setProgress(100.0);
    return summary;
}

} // namespace soilscope::demo
