#include "inference/tiled_inference.h"

#include "base/error.h"
#include "inference/fast_mlp.h"
#include "inference/qml_style.h"
#include "models/bundle.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <limits>

namespace soilscope::inference {

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct Progress {
    const TiledInferenceOptions& o;
    std::size_t total;
    std::size_t done = 0;
    void step() {
        ++done;
        if (o.throwIfCanceled) o.throwIfCanceled();
        if (o.progress) o.progress(double(done) / double(std::max<std::size_t>(total, 1)));
    }
};

float finish(float v, const TiledInferenceOptions& o) {
    if (!std::isfinite(v)) return kNaN;
    if (o.clamp) v = std::clamp(v, float(o.clamp->first), float(o.clamp->second));
    return v;
}

/// Tabular model over one block: pixels valid in every predictor (and the mask) are batched.
std::vector<float> predictTabularBlock(const std::vector<std::vector<float>>& planes,
                                       const features::Mask& mask,
                                       const features::Normaliser& norm, const BatchModel& model,
                                       const TiledInferenceOptions& o, InferenceStats& stats) {
    const std::size_t n = planes.empty() ? 0 : planes[0].size();
    const std::size_t p = planes.size();
    std::vector<float> out(n, kNaN);
    // valid pixels first, then rows filled and normalised in one pass per batch
    std::vector<std::uint8_t> ok(n, 1);
    if (!mask.empty())
        for (std::size_t i = 0; i < n; ++i) ok[i] = mask[i];
    for (std::size_t k = 0; k < p; ++k) {
        const float* plane = planes[k].data();
        for (std::size_t i = 0; i < n; ++i) ok[i] &= std::isfinite(plane[i]) ? 1 : 0;
    }
    std::vector<std::size_t> index;
    index.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        if (ok[i]) index.push_back(i);
    std::vector<float> offset(p), inverse(p);
    for (std::size_t k = 0; k < p; ++k) {
        offset[k] = float(norm.offsets()[k]);
        inverse[k] = float(1.0 / norm.scales()[k]);
    }
    const std::size_t batch = std::max<std::size_t>(o.batchPixels, 1);
    std::vector<float> rows(std::min(batch, index.size()) * p);
    for (std::size_t start = 0; start < index.size(); start += batch) {
        const std::size_t count = std::min(batch, index.size() - start);
        for (std::size_t k = 0; k < p; ++k) {
            const float* plane = planes[k].data();
            for (std::size_t j = 0; j < count; ++j)
                rows[j * p + k] = (plane[index[start + j]] - offset[k]) * inverse[k];
        }
        const std::vector<float> y = model(rows.data(), count);
        if (y.size() != count)
            throw Error("the model returned " + std::to_string(y.size()) + " values for " +
                        std::to_string(count) + " pixels");
        for (std::size_t j = 0; j < count; ++j) out[index[start + j]] = finish(y[j], o);
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
    if (dates.empty()) throw Error("no date to predict", out.string());
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
        if (coreH < 1 || coreW < 1) throw Error("image model tiles are smaller than twice the halo");
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
    if (!tiff.nodata) tiff.nodata = std::numeric_limits<double>::quiet_NaN();
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
    auto evaluate = [&](std::size_t j) { return engine.evaluate(jobs[j].read, dates[jobs[j].date]); };
    std::future<Planes> next = std::async(std::launch::async, evaluate, 0);
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        const Job& job = jobs[j];
        Planes planes = next.get();
        if (j + 1 < jobs.size()) next = std::async(std::launch::async, evaluate, j + 1);
        const geo::Window& core = job.core;
        const TimePoint date = dates[job.date];
        std::vector<float> result;
        if (!image) {
            const features::Mask m = options.mask ? options.mask(planes, core, date) : features::Mask{};
            result = predictTabularBlock(planes, m, norm, model, options, stats);
        } else {
            const geo::Window& big = job.read;
            const features::Mask m = options.mask ? options.mask(planes, big, date) : features::Mask{};
            const std::size_t hw = std::size_t(big.width) * std::size_t(big.height);
            std::vector<std::uint8_t> valid(hw, 1);
            std::vector<float> x(planes.size() * hw);
            for (std::size_t k = 0; k < planes.size(); ++k)
                for (std::size_t i = 0; i < hw; ++i) {
                    const float v = planes[k][i];
                    if (!std::isfinite(v)) valid[i] = 0;
                    const double z = (v - norm.offsets()[k]) / norm.scales()[k];
                    x[k * hw + i] = std::isfinite(z) ? float(z) : 0.0f;
                }
            const std::vector<float> y = model(x.data(), 1);
            if (y.size() != hw) throw Error("the image model returned a map of the wrong size");
            result.assign(std::size_t(core.width) * std::size_t(core.height), kNaN);
            for (int r = 0; r < core.height; ++r)
                for (int c = 0; c < core.width; ++c) {
                    const std::size_t src = std::size_t(r + layout.halo) * std::size_t(big.width) +
                                            std::size_t(c + layout.halo);
                    if (!valid[src] || (!m.empty() && !m[src])) continue;
                    result[std::size_t(r) * std::size_t(core.width) + std::size_t(c)] =
                        finish(y[src], options);
                    ++stats.predicted;
                }
        }
        writer.writeBlock(int(job.date) + 1, core.x0, core.y0, core.width, core.height, result);
        ++stats.tiles;
        progress.step();
    }
    stats.pixels = grid.pixelCount() * dates.size();
    writer.finish();
    if (options.writeStyle)
        writeSoilMoistureStyle(styleSidecarPath(out), options.styleMin, options.styleMax);
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
    if (auto fast = fastMlp(predictor.model())) b.model = std::move(*fast);
    else b.model = [&predictor](const float* x, std::size_t n) { return predictor.predict(x, n); };
    return b;
}

} // namespace soilscope::inference
