#include "demo/twin_generator.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "demo/coarse_products.h"
#include "demo/fine_products.h"
#include "demo/fine_samples.h"
#include "demo/satellite_products.h"
#include "demo/stations_writer.h"
#include "demo/twin_context.h"
#include "demo/twin_documents.h"

#include <algorithm>

namespace soilscope::demo {

namespace {

namespace fs = std::filesystem;

void prepareTarget(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec))
            throw Error("the output path exists and is not a folder", dir.string());
        if (!fs::is_empty(dir, ec) && !fs::exists(dir / "twin.json", ec))
            throw Error("the output folder is not empty and does not hold a twin region; choose an "
                        "empty folder",
                        dir.string());
    }
}

void moveIntoPlace(const fs::path& tmp, const fs::path& dir) {
    std::error_code ec;
    fs::path old;
    if (fs::exists(dir, ec)) {
        old = dir;
        old += ".old";
        fs::remove_all(old, ec);
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
    prepareTarget(dir);
    fs::path tmp = dir;
    tmp += ".partial";
    std::error_code ec;
    fs::remove_all(tmp, ec);
    fs::create_directories(tmp, ec);
    if (ec)
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
