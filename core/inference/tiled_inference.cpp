#include "inference/tiled_inference.h"

#include "base/error.h"
#include "base/process_group.h"
#include "base/unit_runner.h"
#include "geo/block_cache_limit.h"
#include "geo/qml_style.h"
#include "inference/block_pipeline.h"
#include "inference/fast_mlp.h"
#include "models/bundle.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <thread>

namespace soilscope::inference {

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct Progress {
    Feedback* feedback;
    std::size_t total;
    std::size_t done = 0;
    void step() {
        ++done;
        if (!feedback)
            return;
        feedback->throwIfCanceled();
        feedback->setProgress(100.0 * double(done) / double(std::max<std::size_t>(total, 1)));
    }
};

float finish(float v, const TiledInferenceOptions& o) {
    if (!std::isfinite(v))
        return kNaN;
    if (o.clamp)
        v = std::clamp(v, float(o.clamp->first), float(o.clamp->second));
    return v;
}

/// Tabular model over one block: pixels valid in every predictor (and the mask) are batched,
/// gathered and normalised in one pass over the planes.
std::vector<float> predictTabularBlock(const std::vector<std::vector<float>>& planes,
                                       const features::Mask& mask, const features::Normaliser& norm,
                                       const BatchModel& model, const TiledInferenceOptions& o,
                                       InferenceStats& stats) {
    const std::size_t n = planes.empty() ? 0 : planes[0].size();
    const std::size_t p = planes.size();
    std::vector<float> out(n, kNaN);
    std::vector<const float*> plane(p);
    std::vector<float> offset(p), inverse(p);
    for (std::size_t k = 0; k < p; ++k) {
        plane[k] = planes[k].data();
        offset[k] = float(norm.offsets()[k]);
        inverse[k] = float(1.0 / norm.scales()[k]);
    }
    const std::size_t batch = std::max<std::size_t>(o.batchPixels, 1);
    std::vector<float> rows(std::min(batch, n) * p);
    std::vector<std::size_t> index(std::min(batch, n));
    for (std::size_t i = 0; i < n;) {
        std::size_t count = 0;
        for (; i < n && count < batch; ++i) {
            if (!mask.empty() && !mask[i])
                continue;
            float* row = rows.data() + count * p;
            bool valid = true;
            for (std::size_t k = 0; k < p; ++k) {
                const float v = plane[k][i];
                valid = valid && std::isfinite(v);
                row[k] = (v - offset[k]) * inverse[k];
            }
            if (valid)
                index[count++] = i;
        }
        if (count == 0)
            break;
        const std::vector<float> y = model(rows.data(), count);
        if (y.size() != count)
            throw Error("the model returned " + std::to_string(y.size()) + " values for " +
                        std::to_string(count) + " pixels");
        for (std::size_t j = 0; j < count; ++j)
            out[index[j]] = finish(y[j], o);
        stats.predicted += count;
    }
    return out;
}
} // namespace

namespace {

/// One block to predict: a date, the core window written and the window read (core + halo).
struct Job {
    std::size_t date;
    geo::Window core;
    geo::Window read;
};

/// A thinned sample of the predictions for the style's colour ramp, chosen by pixel position
/// (never by the order blocks arrive), so that any split of the blocks samples the same pixels.
struct StyleSampler {
    std::size_t width = 0, height = 0, stride = 7;
    std::vector<float> values;
    void add(const Job& job, const std::vector<float>& block) {
        for (int r = 0; r < job.core.height; ++r)
            for (int c = 0; c < job.core.width; ++c) {
                const std::size_t position =
                    (job.date * height + std::size_t(job.core.y0 + r)) * width +
                    std::size_t(job.core.x0 + c);
                const float v =
                    block[std::size_t(r) * std::size_t(job.core.width) + std::size_t(c)];
                if (position % stride == 0 && std::isfinite(v))
                    values.push_back(v);
            }
    }
};

/// Runs the pipeline over the selected jobs and writes their blocks to `writer`.
void predictJobs(const features::PredictorEngine& engine, const features::Normaliser& norm,
                 const BatchModel& model, const ModelLayout& layout,
                 const std::vector<TimePoint>& dates, const std::vector<Job>& jobs,
                 const std::vector<std::size_t>& selected, geo::GeoTiffBlockWriter& writer,
                 const TiledInferenceOptions& options, Feedback* feedback, StyleSampler& sampler,
                 InferenceStats& stats) {
    const bool image = layout.layout == "image";
    Progress progress{feedback, selected.size(), 0};
    using Planes = std::vector<std::vector<float>>;
    struct Block {
        Planes planes;
        features::Mask mask;
    };
    struct Result {
        std::vector<float> values;
        std::size_t predicted = 0;
    };
    // Predictors (and masks) of the next blocks are computed on a reader thread, the model runs
    // on worker threads (several blocks at once when it is safe to call concurrently) and the
    // blocks are written here in order; at most a few blocks wait between stages, so memory
    // stays bounded by the tile size.
    const std::size_t workers = !image && layout.threadSafe
                                    ? std::clamp<std::size_t>(std::size_t(processorShare()), 1, 4)
                                    : 1;
    auto read = [&](std::size_t k) {
        const Job& job = jobs[selected[k]];
        Block block;
        block.planes = engine.evaluate(job.read, dates[job.date]);
        if (options.mask)
            block.mask = options.mask(block.planes, job.read, dates[job.date]);
        return block;
    };
    auto compute = [&](std::size_t k, Block block) {
        const Job& job = jobs[selected[k]];
        const geo::Window& core = job.core;
        const Planes& planes = block.planes;
        const features::Mask& m = block.mask;
        Result result;
        if (!image) {
            InferenceStats counted;
            result.values = predictTabularBlock(planes, m, norm, model, options, counted);
            result.predicted = counted.predicted;
            return result;
        }
        const geo::Window& big = job.read;
        const std::size_t hw = std::size_t(big.width) * std::size_t(big.height);
        std::vector<std::uint8_t> valid(hw, 1);
        std::vector<float> x(planes.size() * hw);
        for (std::size_t k2 = 0; k2 < planes.size(); ++k2)
            for (std::size_t i = 0; i < hw; ++i) {
                const float v = planes[k2][i];
                if (!std::isfinite(v))
                    valid[i] = 0;
                const double z = (v - norm.offsets()[k2]) / norm.scales()[k2];
                x[k2 * hw + i] = std::isfinite(z) ? float(z) : 0.0f;
            }
        const std::vector<float> y = model(x.data(), 1);
        if (y.size() != hw)
            throw Error("the image model returned a map of the wrong size");
        result.values.assign(std::size_t(core.width) * std::size_t(core.height), kNaN);
        for (int r = 0; r < core.height; ++r)
            for (int c = 0; c < core.width; ++c) {
                const std::size_t src = std::size_t(r + layout.halo) * std::size_t(big.width) +
                                        std::size_t(c + layout.halo);
                if (!valid[src] || (!m.empty() && !m[src]))
                    continue;
                result.values[std::size_t(r) * std::size_t(core.width) + std::size_t(c)] =
                    finish(y[src], options);
                ++result.predicted;
            }
        return result;
    };
    auto deliver = [&](std::size_t k, Result result) {
        const Job& job = jobs[selected[k]];
        sampler.add(job, result.values);
        writer.writeBlock(int(job.date) + 1, job.core.x0, job.core.y0, job.core.width,
                          job.core.height, result.values);
        stats.predicted += result.predicted;
        ++stats.tiles;
        progress.step();
    };
    runBlockPipeline<Block, Result>(selected.size(), workers, 2, read, compute, deliver);
}

std::filesystem::path partPath(const std::filesystem::path& out, std::size_t process) {
    return out.parent_path() /
           ("." + out.filename().string() + ".part-" + std::to_string(process) + ".tif");
}

/// Under several processes: process r predicts the blocks j with j mod size == r into a part
/// file of its own; the root then copies every block, in order, from the part that holds it
/// into the output in one pass. No process holds more than a few blocks.
void predictAcrossProcesses(const features::PredictorEngine& engine,
                            const features::Normaliser& norm, const BatchModel& model,
                            const ModelLayout& layout, const std::vector<TimePoint>& dates,
                            const std::vector<Job>& jobs, const std::filesystem::path& out,
                            const geo::GeoTiffOptions& tiff, const TiledInferenceOptions& options,
                            StyleSampler& sampler, InferenceStats& stats, Feedback& tilesProgress,
                            Feedback& copyProgress) {
    const std::size_t processes = std::size_t(processGroup().size());
    const geo::Grid& grid = engine.grid();
    const geo::GeoTiffOptions partOptions = geo::scratchOptions(tiff); // the parts live minutes
    // The parts go once the map is written or the run failed (after every process stopped).
    struct Cleanup {
        const std::filesystem::path& out;
        std::size_t processes;
        ~Cleanup() {
            if (!processGroup().isRoot())
                return;
            std::error_code ignored;
            for (std::size_t r = 0; r < processes; ++r)
                std::filesystem::remove(partPath(out, r), ignored);
        }
    } cleanup{out, processes};
    const auto parts = runUnits(
        processes,
        [&](std::size_t r, Feedback& unitFeedback) {
            std::vector<std::size_t> selected;
            for (std::size_t j = r; j < jobs.size(); j += processes)
                selected.push_back(j);
            geo::GeoTiffBlockWriter part(partPath(out, r), grid, int(dates.size()), partOptions);
            StyleSampler mine{sampler.width, sampler.height, sampler.stride, {}};
            InferenceStats counted;
            predictJobs(engine, norm, model, layout, dates, jobs, selected, part, options,
                        &unitFeedback, mine, counted);
            part.finish();
            return nlohmann::json{{"predicted", counted.predicted},
                                  {"tiles", counted.tiles},
                                  {"sample", mine.values}};
        },
        tilesProgress);
    if (!processGroup().isRoot())
        return; // its part is written; process 0 makes the map of them
    for (const auto& p : parts) {
        stats.predicted += p["predicted"].get<std::size_t>();
        stats.tiles += p["tiles"].get<std::size_t>();
        for (const auto& v : p["sample"])
            sampler.values.push_back(v.get<float>());
    }
    std::vector<geo::MosaicBlock> blocks;
    for (std::size_t j = 0; j < jobs.size(); ++j)
        blocks.push_back({int(jobs[j].date) + 1, jobs[j].core, partPath(out, j % processes)});
    geo::writeMosaicGeoTiff(out, grid, int(dates.size()), blocks, tiff, &copyProgress);
}

} // namespace

InferenceStats predictToGeoTiff(const features::PredictorEngine& engine,
                                const features::Normaliser& norm, const BatchModel& model,
                                const ModelLayout& layout, const std::vector<TimePoint>& dates,
                                const std::filesystem::path& out,
                                const TiledInferenceOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    if (dates.empty())
        throw Error("no date to predict", out.string());
    if (norm.channels() != engine.predictors().size())
        throw Error("the model expects " + std::to_string(norm.channels()) + " predictors but " +
                        std::to_string(engine.predictors().size()) + " are given",
                    out.string());
    const geo::Grid& grid = engine.grid();
    const bool image = layout.layout == "image";
    int coreH = options.tileSize, coreW = options.tileSize;
    if (image) {
        coreH = layout.imageHeight - 2 * layout.halo;
        coreW = layout.imageWidth - 2 * layout.halo;
        if (coreH < 1 || coreW < 1)
            throw Error("image model tiles are smaller than twice the halo");
    } else if (options.tileSize < 1) {
        throw Error("tile size must be positive");
    }
    geo::GeoTiffOptions tiff = options.tiff;
    tiff.bandDescriptions.clear();
    tiff.bandUnits.clear();
    for (const TimePoint t : dates) {
        tiff.bandDescriptions.push_back(dates.size() == 1 && t == TimePoint{} ? options.description
                                                                              : formatIsoTime(t));
        tiff.bandUnits.push_back(options.units);
    }
    tiff.metadata["soilscope_variable"] = options.description;
    if (!tiff.nodata)
        tiff.nodata = std::numeric_limits<double>::quiet_NaN();
    if (std::filesystem::path parent = out.parent_path(); !parent.empty())
        std::filesystem::create_directories(parent);

    std::vector<Job> jobs; // in write order
    for (std::size_t d = 0; d < dates.size(); ++d)
        for (int y0 = 0; y0 < grid.height(); y0 += coreH)
            for (int x0 = 0; x0 < grid.width(); x0 += coreW) {
                const geo::Window core{x0, y0, std::min(coreW, grid.width() - x0),
                                       std::min(coreH, grid.height() - y0)};
                const geo::Window read = image ? geo::Window{x0 - layout.halo, y0 - layout.halo,
                                                             layout.imageWidth, layout.imageHeight}
                                               : core;
                jobs.push_back({d, core, read});
            }
    InferenceStats stats;
    stats.pixels = grid.pixelCount() * dates.size();
    constexpr std::size_t kStyleSample = 200000;
    StyleSampler sampler{std::size_t(grid.width()),
                         std::size_t(grid.height()),
                         std::max<std::size_t>(7, stats.pixels / kStyleSample + 1),
                         {}};
    // A map of one date is written tile by tile, each block once: GDAL need not keep them.
    // (With several dates a pixel-interleaved block is completed by the last date, so GDAL's
    // own cache size stays.)
    std::optional<geo::BlockCacheLimit> cacheLimit;
    if (dates.size() == 1)
        cacheLimit.emplace(std::int64_t(64) << 20);
    // The COG copy (overviews, compression of the whole map) takes about as long as the tiles.
    Feedback none;
    Feedback& feedback = options.feedback ? *options.feedback : none;
    const double tilesShare = tiff.cog ? 45.0 : 100.0;
    FeedbackSlice tilesProgress(feedback, 0, tilesShare), copyProgress(feedback, tilesShare, 100);
    if (processGroup().size() > 1) {
        predictAcrossProcesses(engine, norm, model, layout, dates, jobs, out, tiff, options,
                               sampler, stats, tilesProgress, copyProgress);
        if (!processGroup().isRoot()) {
            stats.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            return stats;
        }
    } else {
        geo::GeoTiffBlockWriter writer(out, grid, int(dates.size()), tiff);
        std::vector<std::size_t> all(jobs.size());
        std::iota(all.begin(), all.end(), std::size_t(0));
        predictJobs(engine, norm, model, layout, dates, jobs, all, writer, options, &tilesProgress,
                    sampler, stats);
        writer.finish(&copyProgress);
    }
    std::vector<float>& styleSample = sampler.values;
    if (options.writeStyle && !styleSample.empty()) {
        std::sort(styleSample.begin(), styleSample.end());
        const auto at = [&](double q) {
            return double(styleSample[std::size_t(q * double(styleSample.size() - 1))]);
        };
        double lo = std::max(at(0.02), options.styleMin);
        double hi = std::min(at(0.98), options.styleMax);
        if (!(hi > lo))
            hi = lo + std::max(1e-6, std::abs(lo) * 1e-3);
        geo::writeSoilMoistureStyle(geo::styleSidecarPath(out), lo, hi,
                                    options.description +
                                        (options.units.empty() ? "" : " (" + options.units + ")"));
    }
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return stats;
}

BundleModel bundleModel(const models::Predictor& predictor, const std::string& context) {
    BundleModel b;
    b.normaliser = features::Normaliser::fromJson(predictor.info().normalisation, context);
    const auto& fs = predictor.featureShape();
    if (fs.size() == 3) {
        b.layout.layout = "image";
        b.layout.imageHeight = int(fs[1]);
        b.layout.imageWidth = int(fs[2]);
        b.layout.halo = predictor.info().trainSettings.value("inference_halo", 0);
    } else if (fs.size() != 1) {
        throw Error("maps need a tabular or image model; this bundle expects sequences", context);
    }
    const std::size_t channels = fs.size() == 3 ? std::size_t(fs[0]) : std::size_t(fs[0]);
    if (b.normaliser.channels() != channels)
        throw Error("the bundle's normalisation has " + std::to_string(b.normaliser.channels()) +
                        " channels but the model expects " + std::to_string(channels),
                    context);
    if (auto fast = fastMlp(predictor.model())) {
        b.model = std::move(*fast);
        b.layout.threadSafe = true;
    } else
        b.model = [&predictor](const float* x, std::size_t n) { return predictor.predict(x, n); };
    return b;
}

} // namespace soilscope::inference
