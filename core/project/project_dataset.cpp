#include "project/project_dataset.h"

#include "base/error.h"
#include "features/dataset_builder.h"
#include "features/product_layer.h"
#include "series/quality_flags.h"
#include "series/temporal_matching.h"
#include "stations/ismn_archive.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

namespace soilscope::project {

namespace {
using features::Dataset;
using features::GridFrame;

void hook(Feedback& feedback, double fraction) {
    feedback.setProgress(100.0 * fraction);
    feedback.throwIfCanceled();
}

std::vector<TimePoint> limitDates(std::vector<TimePoint> dates, const SampleSpec& s) {
    const auto from = s.from.empty() ? std::optional<TimePoint>{} : parseIsoTime(s.from);
    auto to = s.to.empty() ? std::optional<TimePoint>{} : parseIsoTime(s.to);
    if (to && s.to.size() <= 10)
        *to += std::chrono::hours(24) - std::chrono::seconds(1);
    std::vector<TimePoint> out;
    for (const TimePoint t : dates)
        if ((!from || t >= *from) && (!to || t <= *to))
            out.push_back(t);
    std::vector<TimePoint> strided;
    for (std::size_t i = 0; i < out.size(); i += std::size_t(std::max(1, s.stride)))
        strided.push_back(out[i]);
    return s.layout == "sequence" ? out : strided;
}

const features::LayerSource* firstSeriesLayer(const ProjectFile& p, const ProjectData& d) {
    for (const auto& pred : p.predictors)
        for (const auto& role : pred.roles())
            if (d.catalog.has(role) && d.catalog.get(role).isSeries())
                return &d.catalog.get(role);
    return nullptr;
}

std::vector<TimePoint> dailyBetween(TimePoint a, TimePoint b) {
    std::vector<TimePoint> out;
    for (auto d = std::chrono::floor<std::chrono::days>(a); TimePoint(d) <= b;
         d += std::chrono::days(1))
        out.push_back(TimePoint(d));
    return out;
}

void checkPredictorCoverage(const ProjectFile& p, const std::vector<std::size_t>& finite,
                            const ProjectData& d) {
    for (std::size_t k = 0; k < finite.size(); ++k)
        if (finite[k] == 0) {
            const auto& pred = p.predictors[k];
            std::string where;
            if (!pred.roles().empty() && d.catalog.has(pred.roles().front()))
                where = d.catalog.get(pred.roles().front()).path();
            throw Error("predictor '" + pred.name + "' is all nodata on the sample dates and grid",
                        where.empty() ? p.file.string() : where);
        }
}

void subsample(Dataset& d, std::size_t maxSamples) {
    if (maxSamples == 0 || d.sampleCount() <= maxSamples)
        return;
    std::vector<std::size_t> idx(d.sampleCount());
    for (std::size_t i = 0; i < idx.size(); ++i)
        idx[i] = i;
    std::mt19937_64 rng(20240611);
    std::shuffle(idx.begin(), idx.end(), rng);
    idx.resize(maxSamples);
    std::sort(idx.begin(), idx.end());
    d = d.subset(idx);
}
} // namespace

std::string sampleGridRole(const ProjectFile& p,
                           const std::function<bool(const std::string&)>& needsGridding) {
    const auto isProduct = [&](const std::string& role) {
        return needsGridding ? needsGridding(role) : features::needsGridding(p.layer(role).path);
    };
    std::string role;
    if (p.target.kind == "grid") {
        role = p.target.role;
    } else {
        for (const auto& pred : p.predictors)
            for (const auto& r : pred.roles())
                if (role.empty() && !isProduct(r))
                    role = r;
        if (role.empty())
            throw Error("station targets need at least one raster predictor to define the grid "
                        "(point, swath and SMAP products have none of their own)",
                        p.file.string());
    }
    if (isProduct(role))
        throw Error("layer '" + role + "' (" + p.layer(role).path.string() +
                        ") is a point, swath or SMAP product and has no grid of its own; it "
                        "cannot be the sample grid (make a raster layer the target)",
                    p.file.string());
    return role;
}

std::unique_ptr<ProjectData> openProjectData(const ProjectFile& p, Feedback* feedback) {
    if (p.predictors.empty())
        throw Error("/predictors: missing (the project names its data but declares no predictors)",
                    p.file.string());
    if (p.target.role.empty())
        throw Error("/target: missing (the project declares no target)", p.file.string());
    auto d = std::make_unique<ProjectData>();
    std::set<std::string> roles;
    for (const auto& pred : p.predictors)
        for (const auto& r : pred.roles())
            roles.insert(r);
    if (p.target.kind == "grid")
        roles.insert(p.target.role);
    if (!p.mask.landCoverRole.empty())
        roles.insert(p.mask.landCoverRole);
    if (!p.mask.qualityRole.empty())
        roles.insert(p.mask.qualityRole);
    if (!p.samples.datesFrom.empty())
        roles.insert(p.samples.datesFrom);
    // Products without a grid of their own are gridded once the sample grid is known.
    std::set<std::string> toGrid;
    for (const auto& role : roles) {
        const DataLayer& l = p.layer(role);
        if (l.kind == "stations" || l.kind == "parameters")
            throw Error("layer '" + role + "' is " +
                            (l.kind == "stations" ? "a station archive" : "a parameter set") +
                            " but is read as a raster",
                        p.file.string());
        if (features::needsGridding(l.path)) {
            toGrid.insert(role);
            continue;
        }
        if (l.gridding)
            throw Error("/data/" + role +
                            "/gridding: only point, swath and SMAP products are "
                            "gridded; this layer is a raster (use \"resample\")",
                        p.file.string());
        try {
            auto layer = features::LayerSource::open(role, l.path, l.variable, l.kind, l.band);
            if (l.accumulation == "since_00utc")
                layer->setAccumulation(features::Accumulation::SinceDayStart);
            d->catalog.add(role, std::move(layer));
        } catch (const Error& e) {
            // Name the project entry too: the fix is usually made there.
            throw Error(e.message() + " (" + e.context() + ")",
                        p.file.string() + ": /data/" + role);
        }
    }
    d->gridRole =
        sampleGridRole(p, [&](const std::string& role) { return toGrid.count(role) > 0; });
    d->grid = d->catalog.get(d->gridRole).grid();
    Feedback none;
    for (const auto& role : toGrid) {
        const DataLayer& l = p.layer(role);
        try {
            d->catalog.add(
                role, features::openGriddedProduct(role, l.path, l.variable, d->grid,
                                                   l.gridding.value_or(features::LayerGridding{}),
                                                   feedback ? *feedback : none));
        } catch (const Error& e) {
            throw Error(e.message() + " (" + e.context() + ")",
                        p.file.string() + ": /data/" + role);
        }
    }
    for (const auto& role : roles) {
        if (toGrid.count(role))
            continue;
        const auto& layer = d->catalog.get(role);
        const std::string& resample = p.layer(role).resample;
        if (!layer.grid().sameAs(d->grid) && resample == "aggregate")
            d->catalog.add(role, layer.aggregatedTo(d->grid));
        else if (!layer.grid().sameAs(d->grid) && !resample.empty())
            d->catalog.add(role, layer.resampledTo(d->grid, geo::parseResampling(resample)));
        features::requireSameGrid(d->catalog.get(role), d->grid, d->gridRole);
    }
    if (!p.samples.datesFrom.empty()) {
        d->dates = d->catalog.get(p.samples.datesFrom).requireTimes();
    } else if (p.target.kind == "grid") {
        const auto& target = d->catalog.get(p.target.role);
        d->dates = target.isSeries()
                       ? target.times()
                       : std::vector<TimePoint>{
                             p.samples.from.empty() ? TimePoint{} : *parseIsoTime(p.samples.from)};
    } else if (const auto* s = firstSeriesLayer(p, *d)) {
        d->dates = s->times();
    } else if (!p.samples.from.empty() && !p.samples.to.empty()) {
        d->dates = dailyBetween(*parseIsoTime(p.samples.from), *parseIsoTime(p.samples.to));
    } else {
        throw Error("station targets without a time series predictor need samples.from and "
                    "samples.to",
                    p.file.string());
    }
    d->dates = limitDates(d->dates, p.samples);
    if (d->dates.empty())
        throw Error("no sample dates within samples.from/to", p.file.string());
    d->engine =
        std::make_unique<features::PredictorEngine>(p.predictors, d->catalog, d->grid, d->gridRole);
    return d;
}

features::Mask maskFrame(const MaskSpec& spec, const std::vector<std::string>& predictorNames,
                         const features::LayerCatalog& catalog,
                         const std::vector<std::vector<float>>& planes, const geo::Window& w,
                         TimePoint date) {
    const std::size_t n = std::size_t(w.width) * std::size_t(w.height);
    features::Mask mask(n, 1);
    if (!spec.landCoverRole.empty()) {
        const auto lc = features::readLayerAt(catalog.get(spec.landCoverRole), 1, w, date,
                                              std::chrono::hours(24 * 366));
        features::combineMasks(
            mask, features::landCoverMask(lc.data(), n, spec.landCoverKeep, spec.landCoverExclude));
    }
    for (const auto& r : spec.ranges)
        for (std::size_t k = 0; k < predictorNames.size() && k < planes.size(); ++k)
            if (predictorNames[k] == r.predictor)
                features::combineMasks(mask, features::rangeMask(planes[k].data(), n, r.lo, r.hi));
    if (!spec.qualityRole.empty()) {
        const auto q = features::readLayerAt(catalog.get(spec.qualityRole), 1, w, date,
                                             std::chrono::hours(12));
        std::vector<std::uint32_t> flags(n);
        for (std::size_t i = 0; i < n; ++i)
            flags[i] = std::isfinite(q[i]) ? std::uint32_t(q[i]) : 0xFFFFFFFFu;
        features::combineMasks(mask,
                               features::qualityFlagMask(flags.data(), n, spec.qualityAccepted));
    }
    return mask;
}

features::Mask frameMask(const ProjectFile& p, const ProjectData& d,
                         const std::vector<std::vector<float>>& planes, const geo::Window& w,
                         TimePoint date) {
    std::vector<std::string> names;
    for (const auto& pred : p.predictors)
        names.push_back(pred.name);
    return maskFrame(p.mask, names, d.catalog, planes, w, date);
}

namespace {
Dataset gridDataset(const ProjectFile& p, ProjectData& d, Feedback& feedback) {
    const geo::Window full{0, 0, d.grid.width(), d.grid.height()};
    const features::FramePlacement placement{full, d.grid.width()};
    const auto names = d.engine->names();
    const auto& target = d.catalog.get(p.target.role);
    std::vector<std::size_t> finite(names.size(), 0);
    std::vector<float> landCover;
    if (!p.mask.landCoverRole.empty())
        landCover = features::readLayerAt(d.catalog.get(p.mask.landCoverRole), 1, full,
                                          d.dates.front(), std::chrono::hours(24 * 366));
    Dataset out;
    std::vector<GridFrame> frames;
    for (std::size_t t = 0; t < d.dates.size(); ++t) {
        hook(feedback, 0.9 * double(t) / double(d.dates.size()));
        GridFrame f;
        f.date = d.dates[t];
        f.planes = d.engine->evaluate(full, f.date);
        for (std::size_t k = 0; k < names.size(); ++k)
            finite[k] += std::size_t(std::count_if(f.planes[k].begin(), f.planes[k].end(),
                                                   [](float v) { return std::isfinite(v); }));
        f.target = features::readLayerAt(target, 1, full, f.date, parseDuration(p.target.window));
        if (p.target.validRange)
            for (float& v : f.target)
                if (!(v >= p.target.validRange->first && v <= p.target.validRange->second))
                    v = std::numeric_limits<float>::quiet_NaN();
        f.mask = frameMask(p, d, f.planes, full, f.date);
        f.landCover = landCover;
        if (p.samples.layout == "tabular") {
            features::appendDataset(out, features::buildTabular({f}, names, placement));
        } else if (p.samples.layout == "image") {
            features::appendDataset(out,
                                    features::buildImages({f}, names, placement, p.samples.patch));
        } else {
            frames.push_back(std::move(f));
        }
    }
    checkPredictorCoverage(p, finite, d);
    if (p.samples.layout != "sequence")
        return out;
    // one location series per pixel
    std::vector<features::LocationSeries> locations;
    const std::size_t n = d.grid.pixelCount();
    for (std::size_t i = 0; i < n; ++i) {
        features::LocationSeries l;
        l.cell = std::int64_t(i);
        l.landCover =
            landCover.empty() || !std::isfinite(landCover[i]) ? -1 : int(std::lround(landCover[i]));
        for (const GridFrame& f : frames) {
            l.dates.push_back(f.date);
            std::vector<float> row;
            for (const auto& plane : f.planes)
                row.push_back(plane[i]);
            l.features.push_back(std::move(row));
            l.target.push_back(f.mask[i] ? f.target[i] : std::numeric_limits<float>::quiet_NaN());
        }
        locations.push_back(std::move(l));
    }
    return features::buildSequences(locations, names, p.samples.sequenceLength, p.samples.stride);
}

Dataset stationDataset(const ProjectFile& p, ProjectData& d, Feedback& feedback) {
    const DataLayer& layer = p.layer(p.target.role);
    auto archive = stations::IsmnArchive::open(layer.path);
    stations::SensorSelection sel;
    sel.variable = p.target.variable;
    sel.depthMax_m = p.target.depthMax;
    sel.acceptedFlags = series::flag::G;
    const auto refs = archive.select(sel);
    if (refs.empty())
        throw Error("no '" + p.target.variable + "' sensor down to " +
                        std::to_string(p.target.depthMax) + " m in the station archive",
                    layer.path.string());
    struct Site {
        features::LocationSeries series;
        std::size_t pixel = 0;
        series::TimeSeries obs;
    };
    std::vector<Site> sites;
    std::size_t outside = 0;
    for (const auto& ref : refs) {
        const auto& st = archive.station(ref);
        const auto m = d.grid.lonLatToMap(st.lon, st.lat);
        const auto px = d.grid.mapToPixel(m.x, m.y);
        const int col = int(std::floor(px.col)), row = int(std::floor(px.row));
        if (col < 0 || row < 0 || col >= d.grid.width() || row >= d.grid.height()) {
            ++outside;
            continue;
        }
        Site s;
        s.series.station = st.name;
        s.series.network = archive.network(ref).name;
        s.series.cell = std::int64_t(row) * d.grid.width() + col;
        if (const auto* lc = st.landCover(); lc && lc->number)
            s.series.landCover = int(*lc->number);
        s.pixel = std::size_t(s.series.cell);
        s.obs = sel.applyFlags(archive.load(ref));
        sites.push_back(std::move(s));
    }
    if (sites.empty())
        throw Error("every station (" + std::to_string(outside) +
                        ") lies outside the raster grid of layer '" + d.gridRole + "' (" +
                        d.grid.describe() + ")",
                    layer.path.string());
    if (outside > 0)
        feedback.warning(std::to_string(outside) +
                         " station(s) outside the raster grid were skipped");
    const geo::Window full{0, 0, d.grid.width(), d.grid.height()};
    const auto names = d.engine->names();
    std::vector<std::size_t> finite(names.size(), 0);
    for (std::size_t t = 0; t < d.dates.size(); ++t) {
        hook(feedback, 0.9 * double(t) / double(d.dates.size()));
        const auto planes = d.engine->evaluate(full, d.dates[t]);
        const auto mask = frameMask(p, d, planes, full, d.dates[t]);
        for (Site& s : sites) {
            std::vector<float> row;
            for (std::size_t k = 0; k < planes.size(); ++k) {
                const float v =
                    mask[s.pixel] ? planes[k][s.pixel] : std::numeric_limits<float>::quiet_NaN();
                finite[k] += std::isfinite(v) ? 1 : 0;
                row.push_back(v);
            }
            s.series.dates.push_back(d.dates[t]);
            s.series.features.push_back(std::move(row));
        }
    }
    checkPredictorCoverage(p, finite, d);
    series::MatchOptions mo;
    mo.window = parseDuration(p.target.window);
    std::vector<features::LocationSeries> locations;
    for (Site& s : sites) {
        series::TimeSeries ref;
        for (const TimePoint t : s.series.dates)
            ref.push(t, 0.0);
        const auto pairs = series::matchTemporal(ref, s.obs, mo);
        s.series.target.assign(s.series.dates.size(), std::numeric_limits<float>::quiet_NaN());
        std::size_t j = 0;
        for (std::size_t i = 0; i < s.series.dates.size() && j < pairs.size(); ++i)
            if (pairs.times[j] == s.series.dates[i]) {
                double v = pairs.candidate[j++];
                if (p.target.validRange &&
                    !(v >= p.target.validRange->first && v <= p.target.validRange->second))
                    v = std::numeric_limits<double>::quiet_NaN();
                s.series.target[i] = float(v);
            }
        locations.push_back(std::move(s.series));
    }
    if (p.samples.layout == "sequence")
        return features::buildSequences(locations, names, p.samples.sequenceLength,
                                        p.samples.stride);
    if (p.samples.layout == "image")
        throw Error("/samples/layout: image samples need a gridded target", p.file.string());
    return features::buildLocationTabular(locations, names);
}
} // namespace

Dataset buildProjectDataset(const ProjectFile& p, ProjectData& d, Feedback& feedback) {
    Dataset out =
        p.target.kind == "grid" ? gridDataset(p, d, feedback) : stationDataset(p, d, feedback);
    if (out.sampleCount() == 0)
        throw Error("no samples remain after masking and matching (" +
                        std::to_string(d.dates.size()) + " dates, target '" + p.target.role + "')",
                    p.file.string());
    subsample(out, p.samples.maxSamples);
    out.checkConsistent(p.file.string());
    hook(feedback, 1.0);
    return out;
}

} // namespace soilscope::project
