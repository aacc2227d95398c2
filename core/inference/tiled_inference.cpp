#include "inference/tiled_inference.h"

#include "base/error.h"
#include "inference/block_pipeline.h"
#include "inference/fast_mlp.h"
#include "inference/qml_style.h"
#include "models/bundle.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

namespace soilscope::inference {

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct Progress {
    const TiledInferenceOptions& o;
    std::size_t total;
    std::size_t done = 0;
    void step() {
        ++done;
        if (!o.feedback)
            return;
        o.feedback->throwIfCanceled();
        o.feedback->setProgress(100.0 * double(done) / double(std::max<std::size_t>(total, 1)));
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
    geo::GeoTiffBlockWriter writer(out, grid, int(dates.size()), tiff);

    InferenceStats stats;
    const std::size_t tilesX = std::size_t((grid.width() + coreW - 1) / coreW);
    const std::size_t tilesY = std::size_t((grid.height() + coreH - 1) / coreH);
    Progress progress{options, tilesX * tilesY * dates.size(), 0};
    // Blocks in write order; the predictors of the next block are computed on a second thread
    // while the model runs on the current one (reads and compute overlap).
    struct Job {
        std::size_t date;
        geo::Window core;
        geo::Window read;
    };
    std::vector<Job> jobs;
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
    const std::size_t workers =
        !image && layout.threadSafe
            ? std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4)
            : 1;
    auto read = [&](std::size_t j) {
        Block block;
        block.planes = engine.evaluate(jobs[j].read, dates[jobs[j].date]);
        if (options.mask)
            block.mask = options.mask(block.planes, jobs[j].read, dates[jobs[j].date]);
        return block;
    };
    auto compute = [&](std::size_t j, Block block) {
        const Job& job = jobs[j];
        const geo::Window& core = job.core;
        const Planes& planes = block.planes;
        const features::Mask& m = block.mask;
        Result result;
        if (!image) {
            InferenceStats counted;
            result.values = predictTabularBlock(planes, m, norm, model, options, counted);
            result.predicted = counted.predicted;
        } else {
            const geo::Window& big = job.read;
            const std::size_t hw = std::size_t(big.width) * std::size_t(big.height);
            std::vector<std::uint8_t> valid(hw, 1);
            std::vector<float> x(planes.size() * hw);
            for (std::size_t k = 0; k < planes.size(); ++k)
                for (std::size_t i = 0; i < hw; ++i) {
                    const float v = planes[k][i];
                    if (!std::isfinite(v))
                        valid[i] = 0;
                    const double z = (v - norm.offsets()[k]) / norm.scales()[k];
                    x[k * hw + i] = std::isfinite(z) ? float(z) : 0.0f;
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
        }
        return result;
    };
    // A thinned sample of the predictions for the style's colour ramp.
    std::vector<float> styleSample;
    constexpr std::size_t kStyleSample = 200000;
    std::size_t seen = 0;
    auto deliver = [&](std::size_t j, Result result) {
        const Job& job = jobs[j];
        for (const float v : result.values)
            if (std::isfinite(v) && (seen++ % 7 == 0) && styleSample.size() < kStyleSample)
                styleSample.push_back(v);
        writer.writeBlock(int(job.date) + 1, job.core.x0, job.core.y0, job.core.width,
                          job.core.height, result.values);
        stats.predicted += result.predicted;
        ++stats.tiles;
        progress.step();
    };
    runBlockPipeline<Block, Result>(jobs.size(), workers, 2, read, compute, deliver);
    stats.pixels = grid.pixelCount() * dates.size();
    writer.finish();
    if (options.writeStyle && !styleSample.empty()) {
        std::sort(styleSample.begin(), styleSample.end());
        const auto at = [&](double q) {
            return double(styleSample[std::size_t(q * double(styleSample.size() - 1))]);
        };
        double lo = std::max(at(0.02), options.styleMin);
        double hi = std::min(at(0.98), options.styleMax);
        if (!(hi > lo))
            hi = lo + std::max(1e-6, std::abs(lo) * 1e-3);
        writeSoilMoistureStyle(styleSidecarPath(out), lo, hi,
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
