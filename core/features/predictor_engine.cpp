#include "features/predictor_engine.h"

#include "series/exponential_filter.h"

#include "base/error.h"
#include "features/spectral_index.h"
#include "features/temporal.h"
#include "features/transforms.h"
#include "geo/terrain.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace soilscope::features {

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
using std::chrono::days;
using std::chrono::floor;

std::size_t area(const geo::Window& w) {
    return std::size_t(w.width) * std::size_t(w.height);
}

/// Per-pixel interpolation across the bands near a date.
std::vector<float> interpolateBands(const LayerSource& layer, int band0, const geo::Window& w,
                                    TimePoint date, const TemporalSelection& sel) {
    (void)band0;
    const auto reach = sel.method == "spline" ? sel.maxGap * 2 : sel.maxGap;
    const std::vector<int> bands =
        layer.bandsBetween(date - reach, date + reach + std::chrono::seconds(1));
    std::vector<float> out(area(w), kNaN);
    if (bands.empty())
        return out;
    std::vector<std::vector<float>> planes;
    for (const int b : bands)
        planes.push_back(layer.read(b, w));
    InterpolationOptions opt;
    opt.method =
        sel.method == "spline" ? InterpolationMethod::NaturalSpline : InterpolationMethod::Linear;
    opt.maxGap = sel.maxGap;
    series::TimeSeries ts;
    for (const int b : bands)
        ts.times.push_back(layer.times()[std::size_t(b - 1)]);
    ts.values.resize(bands.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        for (std::size_t k = 0; k < bands.size(); ++k)
            ts.values[k] = planes[k][i];
        out[i] = float(interpolateToDates(ts, {date}, opt)[0]);
    }
    return out;
}
} // namespace

void LayerCatalog::add(const std::string& role, std::shared_ptr<LayerSource> layer) {
    m_layers[role] = std::move(layer);
}

const LayerSource& LayerCatalog::get(const std::string& role) const {
    const auto it = m_layers.find(role);
    if (it == m_layers.end())
        throw Error("no data layer with the role '" + role + "'");
    return *it->second;
}

void requireSameGrid(const LayerSource& layer, const geo::Grid& grid, const std::string& gridName) {
    if (layer.grid().sameAs(grid))
        return;
    throw Error(
        "layer '" + layer.role() + "' (" + layer.grid().describe() +
            ") is not on the grid of layer '" + gridName + "' (" + grid.describe() +
            "): " + layer.grid().differenceFrom(grid) +
            "; set \"resample\" on the layer (nearest, bilinear, average) or resample it first",
        layer.path());
}

std::vector<float> readLayerAt(const LayerSource& layer, int band, const geo::Window& w,
                               TimePoint date, std::chrono::seconds tolerance) {
    if (!layer.isSeries())
        return layer.read(band, w);
    const auto b = layer.nearestBand(date, tolerance);
    if (!b)
        return std::vector<float>(area(w), kNaN);
    return layer.read(*b, w);
}

PredictorEngine::PredictorEngine(std::vector<PredictorSpec> predictors, const LayerCatalog& catalog,
                                 geo::Grid grid, std::string gridName)
    : m_predictors(std::move(predictors)), m_catalog(catalog), m_grid(std::move(grid)),
      m_gridName(std::move(gridName)) {
    for (const auto& p : m_predictors)
        for (const auto& role : p.roles()) {
            const LayerSource& layer = m_catalog.get(role);
            requireSameGrid(layer, m_grid, m_gridName);
            if ((p.kind == "antecedent" || p.kind == "dry_days" || p.kind == "swi") &&
                !layer.isSeries())
                throw Error("predictor '" + p.name + "' needs a time series but layer '" + role +
                                "' has no time axis",
                            layer.path());
        }
}

std::vector<std::string> PredictorEngine::names() const {
    std::vector<std::string> n;
    for (const auto& p : m_predictors)
        n.push_back(p.name);
    return n;
}

int PredictorEngine::halo() const {
    int h = 0;
    for (const auto& p : m_predictors)
        h = std::max(h, p.halo());
    return h;
}

std::vector<std::vector<float>> PredictorEngine::evaluate(const geo::Window& w,
                                                          TimePoint date) const {
    std::vector<std::vector<float>> out;
    out.reserve(m_predictors.size());
    for (std::size_t i = 0; i < m_predictors.size(); ++i)
        out.push_back(evaluate(i, w, date));
    return out;
}

std::vector<float> PredictorEngine::evaluate(std::size_t i, const geo::Window& w,
                                             TimePoint date) const {
    const PredictorSpec& p = m_predictors.at(i);
    std::vector<float> v = rawValue(p, w, date);
    applyTransforms(p, v.data(), v.size());
    return v;
}

std::vector<float> PredictorEngine::select(const LayerSource& layer, int band, const geo::Window& w,
                                           TimePoint date, const TemporalSelection& sel,
                                           const std::string& predictor) const {
    if (!layer.isSeries())
        return layer.read(band, w);
    if (band != 1 && layer.bandCount() == int(layer.times().size()))
        throw Error("predictor '" + predictor + "': band " + std::to_string(band) +
                        " of the series layer '" + layer.role() + "' (bands are times)",
                    layer.path());
    if (sel.method == "linear" || sel.method == "spline")
        return interpolateBands(layer, band, w, date, sel);
    const auto tol = sel.method == "exact" ? std::chrono::seconds(0) : sel.maxGap;
    return readLayerAt(layer, band, w, date, tol);
}

std::vector<float> PredictorEngine::spectralIndex(const PredictorSpec& p, const geo::Window& w,
                                                  TimePoint date) const {
    SensorBands sb = sensorBandsPreset(p.sensor);
    for (const auto& [role, bandName] : p.roleBands)
        sb.roles[parseBandRole(role)] = bandName;
    const double scale = p.reflectanceScale.value_or(sb.reflectanceScale);
    const double offset = p.reflectanceOffset.value_or(sb.reflectanceOffset);
    const SpectralIndex index = parseSpectralIndex(p.index);
    std::map<BandRole, std::vector<float>> planes;
    IndexInputs in;
    for (const BandRole role : rolesOf(index)) {
        const auto own = p.bandLayers.find(bandRoleName(role));
        auto v =
            own != p.bandLayers.end()
                ? select(m_catalog.get(own->second), 1, w, date, p.temporal, p.name)
                : select(m_catalog.get(p.role), sb.bandNumber(role), w, date, p.temporal, p.name);
        for (float& x : v)
            x = float(x * scale + offset);
        planes[role] = std::move(v);
        in.bands[role] = planes[role].data();
    }
    std::vector<float> out(area(w));
    computeSpectralIndex(index, in, out.size(), out.data());
    return out;
}

std::vector<float> PredictorEngine::rawValue(const PredictorSpec& p, const geo::Window& w,
                                             TimePoint date) const {
    const std::size_t n = area(w);
    if (p.kind == "constant")
        return std::vector<float>(n, float(p.value));
    if (p.kind == "calendar") {
        const auto [s, c] = dayOfYearSinCos(date);
        const std::chrono::year_month_day ymd{floor<days>(date)};
        double v = p.quantity == "doy_sin"   ? s
                   : p.quantity == "doy_cos" ? c
                   : p.quantity == "year"    ? double(int(ymd.year()))
                                             : double(unsigned(ymd.month()));
        return std::vector<float>(n, float(v));
    }
    if (p.kind == "location") {
        std::vector<double> x, y;
        x.reserve(n);
        y.reserve(n);
        for (int r = 0; r < w.height; ++r)
            for (int c = 0; c < w.width; ++c) {
                const auto m = m_grid.pixelCenter(w.x0 + c, w.y0 + r);
                x.push_back(m.x);
                y.push_back(m.y);
            }
        if (m_grid.hasCrs())
            m_grid.mapToLonLat(x, y);
        std::vector<float> out(n);
        for (std::size_t i = 0; i < n; ++i) {
            const auto [s, c] = angleSinCos(x[i]);
            out[i] = float(p.quantity == "lon_sin"   ? s
                           : p.quantity == "lon_cos" ? c
                           : p.quantity == "lon"     ? x[i]
                                                     : y[i]);
        }
        return out;
    }
    if (p.kind == "index")
        return spectralIndex(p, w, date);
    const LayerSource& layer = m_catalog.get(p.role);
    if (p.kind == "band") {
        int band = p.band;
        if (!p.bandName.empty()) {
            if (p.sensor.empty())
                throw Error("predictor '" + p.name + "': band_name needs a sensor");
            band = sensorBandsPreset(p.sensor).bandNumber(p.bandName);
        }
        return select(layer, band, w, date, p.temporal, p.name);
    }
    if (p.kind == "terrain") {
        if (p.quantity == "elevation")
            return layer.read(p.band, w);
        const geo::Window big{w.x0 - 1, w.y0 - 1, w.width + 2, w.height + 2};
        // pixels outside the raster are NaN: geo's Horn method gives them the centre's value,
        // so a block with its halo reproduces the whole-raster result exactly
        const std::vector<float> dem = layer.read(p.band, big);
        const geo::SlopeAspect sa =
            geo::slopeAspect(dem, m_grid.window(big.x0, big.y0, big.width, big.height));
        const std::vector<float>& slope = sa.slopeDegrees;
        const std::vector<float>& aspect = sa.aspectDegrees;
        std::vector<float> out(n);
        for (int r = 0; r < w.height; ++r)
            for (int c = 0; c < w.width; ++c) {
                const std::size_t src =
                    std::size_t(r + 1) * std::size_t(big.width) + std::size_t(c + 1);
                const double deg = p.quantity == "slope" ? slope[src] : aspect[src];
                double v = deg;
                if (p.quantity == "aspect_sin")
                    v = std::isfinite(deg) ? angleSinCos(deg).first : 0.0;
                if (p.quantity == "aspect_cos")
                    v = std::isfinite(deg) ? angleSinCos(deg).second : 0.0;
                if (p.quantity != "slope" && !std::isfinite(slope[src]))
                    v = kNaN;
                out[std::size_t(r) * std::size_t(w.width) + std::size_t(c)] = float(v);
            }
        return out;
    }
    if (p.kind == "antecedent")
        return windowStatistic(p, w, date);
    if (p.kind == "dry_days")
        return dryDays(p, w, date);
    if (p.kind == "swi")
        return soilWaterIndex(p, w, date);
    auto planeOr = [&](const std::string& role, double constant) {
        if (role.empty())
            return std::vector<float>(n, float(constant));
        return select(m_catalog.get(role), 1, w, date, p.temporal, p.name);
    };
    const std::vector<float> sigma = select(layer, p.band, w, date, p.temporal, p.name);
    const std::vector<float> angle = planeOr(p.angleRole, p.angleDeg.value_or(40.0));
    std::vector<float> out(n);
    if (p.kind == "incidence") {
        const auto method = p.incidenceMethod == "linear" ? IncidenceNormalisation::Linear
                                                          : IncidenceNormalisation::Cosine;
        for (std::size_t i = 0; i < n; ++i)
            out[i] = float(normaliseIncidence(sigma[i], angle[i], p.referenceAngleDeg, method,
                                              p.incidenceParameter));
        return out;
    }
    // wcm_soil
    const std::vector<float> v1 = planeOr(p.v1Role, p.v1);
    const std::vector<float> v2 = planeOr(p.v2Role, p.v2);
    for (std::size_t i = 0; i < n; ++i) {
        const double veg =
            p.vwcFromNdvi.empty() ? double(v2[i]) : vegetationWaterContent(v2[i], p.vwcFromNdvi);
        const SoilBackscatter s = isolateSoilBackscatter(sigma[i], angle[i], v1[i], veg, p.wcm);
        out[i] = float(p.quantity == "soil_moisture" ? s.soilMoisture : s.sigmaSoilDb);
    }
    return out;
}

std::vector<float> PredictorEngine::soilWaterIndex(const PredictorSpec& p, const geo::Window& w,
                                                   TimePoint date) const {
    const LayerSource& layer = m_catalog.get(p.role);
    const std::size_t n = area(w);
    const auto history = std::chrono::seconds(static_cast<long long>(5.0 * p.tDays * 86400.0));
    const auto bands = layer.bandsBetween(date - history, date + std::chrono::seconds(1));
    std::vector<series::TimeSeries> pixels(n);
    for (const int b : bands) {
        const std::vector<float> v = layer.read(b, w);
        const TimePoint t = layer.times()[static_cast<std::size_t>(b - 1)];
        for (std::size_t i = 0; i < n; ++i)
            if (std::isfinite(v[i]))
                pixels[i].push(t, v[i]);
    }
    std::vector<float> out(n, kNaN);
    for (std::size_t i = 0; i < n; ++i)
        if (!pixels[i].empty())
            out[i] = float(series::exponentialFilter(pixels[i], p.tDays).values.back());
    return out;
}

std::vector<float> PredictorEngine::windowStatistic(const PredictorSpec& p, const geo::Window& w,
                                                    TimePoint date) const {
    const LayerSource& layer = m_catalog.get(p.role);
    const std::size_t n = area(w);
    const auto day = floor<days>(date);
    const auto last = p.includeCurrent ? day : day - days(1);
    const auto first = last - days(p.days - 1);
    std::vector<double> sum(n, 0.0), sumSq(n, 0.0), mn(n, INFINITY), mx(n, -INFINITY);
    std::vector<int> count(n, 0), missingDays(n, 0);
    for (auto d = first; d <= last; d += days(1)) {
        std::vector<int> dayHas(n, 0);
        for (const int b : layer.bandsBetween(TimePoint(d), TimePoint(d + days(1)))) {
            const std::vector<float> v = layer.read(b, w);
            for (std::size_t i = 0; i < n; ++i) {
                if (!std::isfinite(v[i]))
                    continue;
                sum[i] += v[i];
                sumSq[i] += double(v[i]) * v[i];
                mn[i] = std::min(mn[i], double(v[i]));
                mx[i] = std::max(mx[i], double(v[i]));
                ++count[i];
                dayHas[i] = 1;
            }
        }
        for (std::size_t i = 0; i < n; ++i)
            missingDays[i] += dayHas[i] ? 0 : 1;
    }
    std::vector<float> out(n, kNaN);
    for (std::size_t i = 0; i < n; ++i) {
        if (count[i] == 0 || missingDays[i] > p.maxMissingDays)
            continue;
        const double mean = sum[i] / count[i];
        double v = sum[i];
        if (p.statistic == "mean")
            v = mean;
        else if (p.statistic == "min")
            v = mn[i];
        else if (p.statistic == "max")
            v = mx[i];
        else if (p.statistic == "std")
            v = std::sqrt(std::max(0.0, sumSq[i] / count[i] - mean * mean));
        out[i] = float(v);
    }
    return out;
}

std::vector<float> PredictorEngine::dryDays(const PredictorSpec& p, const geo::Window& w,
                                            TimePoint date) const {
    const LayerSource& layer = m_catalog.get(p.role);
    const std::size_t n = area(w);
    const int maxDays = std::max(p.days, 1) == 1 ? 366 : p.days;
    std::vector<float> out(n, 0.0f);
    std::vector<std::uint8_t> open(n, 1), known(n, 0);
    std::size_t stillOpen = n;
    auto d = floor<days>(date) - (p.includeCurrent ? days(0) : days(1));
    for (int k = 0; k < maxDays && stillOpen > 0; ++k, d -= days(1)) {
        std::vector<double> total(n, 0.0);
        std::vector<std::uint8_t> has(n, 0);
        for (const int b : layer.bandsBetween(TimePoint(d), TimePoint(d + days(1)))) {
            const std::vector<float> v = layer.read(b, w);
            for (std::size_t i = 0; i < n; ++i)
                if (std::isfinite(v[i])) {
                    total[i] += v[i];
                    has[i] = 1;
                }
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (!open[i])
                continue;
            if (!has[i] || total[i] >= p.threshold) {
                open[i] = 0;
                --stillOpen;
                if (has[i])
                    known[i] = 1;
                continue;
            }
            known[i] = 1;
            out[i] += 1.0f;
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!known[i])
            out[i] = kNaN;
    return out;
}

} // namespace soilscope::features
