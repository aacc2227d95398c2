#include "workloads/sequence_map.h"

#include "base/error.h"
#include "features/dataset_builder.h"
#include "features/layer_source.h"
#include "geo/geotiff_writer.h"
#include "geo/raster_series.h"
#include "inference/fast_lstm.h"
#include "training/evaluation.h"
#include "workloads/workload_run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace soilscope::workloads {

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
}

features::Dataset pixelSequences(const project::ProjectFile& p, const project::ProjectData& d,
                                 const geo::Window& w, const std::vector<float>& landCover,
                                 const Feedback& feedback) {
    const std::size_t n = std::size_t(w.width) * std::size_t(w.height), T = d.dates.size();
    const auto names = d.engine->names();
    const std::size_t P = names.size();
    features::Dataset out;
    out.featureNames = names;
    out.featureShape = {std::int64_t(T), std::int64_t(P)};
    out.targetShape = {std::int64_t(T)};
    out.x.assign(n * T * P, kNaN);
    out.y.assign(n * T, kNaN);
    out.targetMask.assign(n * T, 0);
    for (std::size_t t = 0; t < T; ++t) {
        feedback.throwIfCanceled();
        // the same planes and frame mask as the station samples of buildProjectDataset
        const auto planes = d.engine->evaluate(w, d.dates[t]);
        const auto mask = project::frameMask(p, d, planes, w, d.dates[t]);
        for (std::size_t i = 0; i < n; ++i) {
            if (!mask[i])
                continue;
            float* row = out.x.data() + (i * T + t) * P;
            for (std::size_t k = 0; k < P; ++k)
                row[k] = planes[k][i];
        }
    }
    const std::size_t gridWidth = std::size_t(d.grid.width());
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t col = std::size_t(w.x0) + i % std::size_t(w.width),
                          row = std::size_t(w.y0) + i / std::size_t(w.width);
        const std::size_t cell = row * gridWidth + col;
        out.groups.cell.push_back(std::int64_t(cell));
        out.groups.station.emplace_back();
        const float lc = landCover.empty() ? kNaN : landCover[cell];
        out.groups.landCover.push_back(std::isfinite(lc) ? int(std::lround(lc)) : -1);
    }
    return out;
}

std::vector<float> landCoverPlane(const project::ProjectFile& p, const project::ProjectData& d) {
    if (!p.data.count("land_cover"))
        return {};
    const auto& l = p.layer("land_cover");
    const auto layer =
        features::LayerSource::open("land_cover", l.path, l.variable, l.kind, l.band);
    features::requireSameGrid(*layer, d.grid, d.gridRole);
    const geo::Window full{0, 0, d.grid.width(), d.grid.height()};
    return features::readLayerAt(*layer, 1, full, d.dates.back(), std::chrono::hours(24 * 366));
}

std::size_t lastCompleteStep(const features::Dataset& d) {
    const std::size_t n = d.sampleCount(), T = std::size_t(d.featureShape.at(0)),
                      q = std::size_t(d.featureShape.at(1));
    for (std::size_t t = T; t-- > 0;) {
        std::size_t complete = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const float* x = d.x.data() + (i * T + t) * q;
            complete += std::all_of(x, x + q, [](float v) { return std::isfinite(v); }) ? 1 : 0;
        }
        if (n > 0 && 2 * complete >= n)
            return t;
    }
    return T == 0 ? 0 : T - 1;
}

std::vector<CoverMismatch> coverMismatches(const features::Dataset& stations,
                                           const std::vector<float>& cover) {
    std::vector<CoverMismatch> out;
    if (cover.empty())
        return out;
    for (std::size_t i = 0; i < stations.sampleCount(); ++i) {
        const std::int64_t cell = stations.groups.cell.at(i);
        if (cell < 0 || std::size_t(cell) >= cover.size())
            continue;
        const float c = cover[std::size_t(cell)];
        const int layer = std::isfinite(c) ? int(std::lround(c)) : -1;
        if (layer != stations.groups.landCover.at(i))
            out.push_back({stations.groups.station.at(i), stations.groups.landCover.at(i), layer});
    }
    return out;
}

std::string describeMismatches(const std::vector<CoverMismatch>& mismatches) {
    std::string out;
    for (const auto& m : mismatches)
        out += (out.empty() ? "" : ", ") + m.station + " (" + std::to_string(m.stationClass) +
               " vs " + std::to_string(m.layerClass) + ")";
    return out;
}

std::vector<std::size_t> lastSteps(std::size_t lastStep, std::size_t count) {
    std::vector<std::size_t> steps;
    const std::size_t first = count == 0 || count > lastStep + 1 ? 0 : lastStep + 1 - count;
    for (std::size_t t = first; t <= lastStep; ++t)
        steps.push_back(t);
    return steps;
}

SequenceMap predictSequenceMap(const project::ProjectFile& p, const project::ProjectData& d,
                               const models::TrainedModel& model,
                               const features::Normaliser& normaliser,
                               const SequenceChannels& channels, const SequenceMapSettings& s,
                               WorkloadRun& run) {
    const auto started = std::chrono::steady_clock::now();
    const std::size_t T = d.dates.size(), W = std::size_t(d.grid.width()),
                      H = std::size_t(d.grid.height());
    if (s.steps.empty())
        throw Error("sequence map: no date to map", p.file.string());
    for (const std::size_t t : s.steps)
        if (t >= T)
            throw Error("sequence map: date index out of range", p.file.string());
    SequenceMap map;
    map.pixels = W * H;
    for (const std::size_t t : s.steps)
        map.dates.push_back(d.dates[t]);
    map.bands.assign(s.steps.size(), std::vector<float>(map.pixels, kNaN));
    const std::vector<float> landCover = landCoverPlane(p, d);
    // a block's sequences: rows × W × T × (P + the workload's channels), twice while the
    // channels are appended
    const std::size_t rowBytes =
        2 * W * T * (d.engine->names().size() + s.extraChannels) * sizeof(float);
    const std::size_t rowsPerBlock =
        std::clamp<std::size_t>(s.blockBytes / std::max<std::size_t>(rowBytes, 1), 1, H);
    const std::size_t batch = std::max<std::size_t>(s.batch, 1);
    // the CPU path for plain LSTMs (same function, far fewer operator calls); others use the
    // model's own forward
    const auto fast = inference::fastLstm(model);
    map.forward = fast ? "fast_lstm" : "libtorch";
    for (std::size_t y0 = 0; y0 < H; y0 += rowsPerBlock) {
        run.throwIfCanceled();
        const std::size_t rows = std::min(rowsPerBlock, H - y0);
        const double from =
            s.progressFrom + (s.progressTo - s.progressFrom) * double(y0) / double(H);
        const double to =
            s.progressFrom + (s.progressTo - s.progressFrom) * double(y0 + rows) / double(H);
        auto tick = std::chrono::steady_clock::now();
        features::Dataset block =
            pixelSequences(p, d, {0, int(y0), int(W), int(rows)}, landCover, run.feedback());
        const std::vector<std::uint8_t> keep =
            channels ? channels(block) : std::vector<std::uint8_t>{};
        const std::size_t n = block.sampleCount(), q = std::size_t(block.featureShape[1]);
        if (normaliser.channels() != q)
            throw Error("sequence map: the normaliser has " +
                            std::to_string(normaliser.channels()) +
                            " channels, the pixel sequences " + std::to_string(q),
                        p.file.string());
        // a step is mapped where every input of the pixel is finite at that step (before the
        // missing values are filled for the network)
        std::vector<std::uint8_t> valid(n * s.steps.size(), 0);
        std::vector<std::size_t> todo;
        for (std::size_t i = 0; i < n; ++i) {
            if (!keep.empty() && !keep[i]) {
                ++map.excluded;
                continue;
            }
            bool any = false;
            for (std::size_t k = 0; k < s.steps.size(); ++k) {
                const float* x = block.x.data() + (i * T + s.steps[k]) * q;
                const bool ok = std::all_of(x, x + q, [](float v) { return std::isfinite(v); });
                valid[i * s.steps.size() + k] = ok ? 1 : 0;
                any = any || ok;
            }
            if (any)
                todo.push_back(i);
        }
        run.progress(from + 0.5 * (to - from));
        normaliser.apply(block);
        features::fillMissing(block, 0.0f);
        auto tock = std::chrono::steady_clock::now();
        map.inputSeconds += std::chrono::duration<double>(tock - tick).count();
        std::vector<float> x;
        for (std::size_t b0 = 0; b0 < todo.size(); b0 += batch) {
            run.throwIfCanceled();
            const std::size_t m = std::min(batch, todo.size() - b0);
            x.resize(m * T * q);
            for (std::size_t j = 0; j < m; ++j)
                std::copy_n(block.x.data() + todo[b0 + j] * T * q, T * q, x.data() + j * T * q);
            tick = std::chrono::steady_clock::now();
            const auto yhat = fast ? (*fast)(x.data(), m) : model.predict(x.data(), m);
            tock = std::chrono::steady_clock::now();
            map.modelSeconds += std::chrono::duration<double>(tock - tick).count();
            if (yhat.size() != m * T)
                throw Error("sequence map: the model returned " + std::to_string(yhat.size()) +
                                " values for " + std::to_string(m) + " sequences of " +
                                std::to_string(T) + " steps",
                            p.file.string());
            for (std::size_t j = 0; j < m; ++j) {
                const std::size_t i = todo[b0 + j], cell = std::size_t(block.groups.cell[i]);
                for (std::size_t k = 0; k < s.steps.size(); ++k)
                    if (valid[i * s.steps.size() + k] && std::isfinite(yhat[j * T + s.steps[k]]))
                        map.bands[k][cell] = yhat[j * T + s.steps[k]];
            }
            map.sequences += m;
            run.progress(from + (0.5 + 0.5 * double(b0 + m) / double(todo.size())) * (to - from));
        }
    }
    map.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    run.progress(s.progressTo);
    return map;
}

void writeSequenceMap(WorkloadRun& run, const std::string& name, const geo::Grid& grid,
                      const SequenceMap& map, const std::string& prefix,
                      const std::string& description) {
    geo::GeoTiffOptions o;
    for (const TimePoint t : map.dates) {
        o.bandDescriptions.push_back(prefix + " " + formatIsoTime(t));
        o.bandUnits.push_back("m3 m-3");
    }
    const auto path = run.folder() / name;
    geo::writeGeoTiff(path, grid, map.bands, o);
    run.addOutput(path, description);
}

double checkMapAtStations(WorkloadRun& run, const std::string& name, const SequenceMap& map,
                          const std::vector<std::size_t>& steps, const features::Dataset& stations,
                          const std::vector<float>& stationPredictions,
                          const std::map<std::pair<std::string, std::size_t>, float>& heldOut,
                          const std::vector<CoverMismatch>& otherInputs) {
    const std::size_t T = std::size_t(stations.featureShape.at(0));
    std::vector<float> atMap, atStation, mapObs, obs, mapHeld, held, sameMap, sameStation;
    std::vector<std::vector<std::string>> rows;
    double maxDiff = 0;
    for (std::size_t i = 0; i < stations.sampleCount(); ++i) {
        const std::int64_t cell = stations.groups.cell.at(i);
        if (cell < 0 || std::size_t(cell) >= map.pixels)
            continue;
        const std::string& st = stations.groups.station.at(i);
        const bool same = std::none_of(otherInputs.begin(), otherInputs.end(),
                                       [&](const CoverMismatch& m) { return m.station == st; });
        for (std::size_t k = 0; k < steps.size(); ++k) {
            const std::size_t t = steps[k];
            const float m = map.bands[k][std::size_t(cell)];
            if (!std::isfinite(m))
                continue;
            const float sp = stationPredictions.at(i * T + t);
            const float o = stations.targetMask[i * T + t] ? stations.y[i * T + t] : kNaN;
            const auto h = heldOut.find({st, t});
            const float hv = h == heldOut.end() ? kNaN : h->second;
            atMap.push_back(m);
            atStation.push_back(sp);
            if (same) {
                sameMap.push_back(m);
                sameStation.push_back(sp);
                if (std::isfinite(sp))
                    maxDiff = std::max(maxDiff, double(std::abs(m - sp)));
            }
            if (std::isfinite(o)) {
                mapObs.push_back(m);
                obs.push_back(o);
            }
            if (std::isfinite(hv)) {
                mapHeld.push_back(m);
                held.push_back(hv);
            }
            rows.push_back({st, std::to_string(cell), same ? "1" : "0", formatIsoTime(map.dates[k]),
                            fmt(m, 6), fmt(sp, 6), fmt(o, 6), fmt(hv, 6)});
        }
    }
    run.writeCsv(
        name,
        {"station", "cell", "same_inputs", "date", "map", "station_model", "observed", "held_out"},
        rows,
        "the map at the station pixels beside the same model on the station sequences, the "
        "observations "
        "and the held-out predictions (map sanity check)");
    auto r = [](const std::vector<float>& a, const std::vector<float>& b) {
        if (a.size() < 3)
            return double(NAN);
        const auto m = training::pooledMetrics(a, b);
        return m.count("r") ? m.at("r") : double(NAN);
    };
    std::map<std::string, double> values{{"n", double(atMap.size())},
                                         {"n_same_inputs", double(sameMap.size())},
                                         {"max_abs_diff", sameMap.empty() ? NAN : maxDiff},
                                         {"r_station_model", r(sameMap, sameStation)},
                                         {"r_station_model_all", r(atMap, atStation)},
                                         {"n_observed", double(obs.size())},
                                         {"r_observed", r(mapObs, obs)},
                                         {"n_held_out", double(held.size())},
                                         {"r_held_out", r(mapHeld, held)}};
    if (!obs.empty())
        values["mae_observed"] = training::pooledMetrics(mapObs, obs).at("mae");
    run.addMetrics("map check", name.substr(0, name.find('.')), values);
    run.addNote("map sanity check (" + name + ", " + std::to_string(atMap.size()) +
                " station pixel-dates): map vs the same model on the station sequences r " +
                fmt(values["r_station_model"], 4) + ", largest difference " +
                fmt(values["max_abs_diff"], 3) + " m3 m-3 over the " +
                std::to_string(sameMap.size()) + " with the same inputs (r " +
                fmt(values["r_station_model_all"], 4) + " with all, where " +
                std::to_string(otherInputs.size()) +
                " station(s) have another land cover on the layer); map vs observed r " +
                fmt(values["r_observed"], 3) + " (n " + std::to_string(obs.size()) +
                "); map vs held-out predictions r " + fmt(values["r_held_out"], 3) + " (n " +
                std::to_string(held.size()) + ")");
    return sameMap.empty() ? NAN : maxDiff;
}

void compareMapWithTruth(WorkloadRun& run, const project::ProjectFile& p,
                         const project::ProjectData& d, const SequenceMap& map,
                         const std::string& group) {
    if (!p.data.count("truth"))
        return;
    const auto& l = p.layer("truth");
    const auto truth = geo::RasterSeries::open(l.path, l.variable);
    if (!truth.grid().sameAs(d.grid)) {
        run.addNote("the truth layer is on another grid than the map: no truth check");
        return;
    }
    std::vector<float> m, t;
    std::size_t dates = 0;
    for (std::size_t k = 0; k < map.dates.size(); ++k) {
        const auto idx = truth.indexOf(map.dates[k], std::chrono::hours(12));
        if (!idx)
            continue;
        ++dates;
        const auto tv = truth.readTime(*idx);
        for (std::size_t i = 0; i < tv.size() && i < map.bands[k].size(); ++i)
            if (std::isfinite(tv[i]) && std::isfinite(map.bands[k][i])) {
                m.push_back(map.bands[k][i]);
                t.push_back(tv[i]);
            }
    }
    if (m.size() < 3)
        return;
    const auto metrics = training::pooledMetrics(m, t);
    run.addMetrics("map truth check", group, metrics);
    run.addNote(group + " map vs the twin's truth (checking only) on " + std::to_string(dates) +
                " date(s), " + std::to_string(m.size()) + " pixel-dates: r " +
                fmt(metrics.count("r") ? metrics.at("r") : NAN, 3) + ", MAE " +
                fmt(metrics.at("mae"), 3) + " m3 m-3, bias " +
                fmt(metrics.count("bias") ? metrics.at("bias") : NAN, 3));
}

} // namespace soilscope::workloads
