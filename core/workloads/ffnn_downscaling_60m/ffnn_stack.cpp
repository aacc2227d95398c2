#include "workloads/ffnn_downscaling_60m/ffnn_stack.h"

#include "analysis/pixel_noise.h"
#include "base/error.h"
#include "geo/raster.h"

#include <algorithm>
#include <cmath>

namespace soilscope::workloads {

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
const char* kBands[] = {"s2_B02", "s2_B03", "s2_B04", "s2_B05", "s2_B06",
                        "s2_B08", "s2_B8A", "s2_B11", "s2_B12"};
enum { B02, B03, B04, B05, B06, B08, B8A, B11, B12 };

std::vector<float> readStatic(const project::ProjectFile& p, const std::string& role,
                              const geo::Grid& grid) {
    const auto& l = p.layer(role);
    geo::Raster r(l.path);
    if (!r.grid().sameAs(grid, 1e-3))
        throw Error("layer '" + role + "' (" + r.grid().describe() + ") is not on the 60 m grid (" +
                        grid.describe() + ")",
                    l.path.string());
    return r.readBand(l.band > 0 ? l.band : 1);
}

/// Fine pixel centres → pixel index of another grid (-1 outside).
std::vector<std::int64_t> pixelIndex(const geo::Grid& fine, const geo::Grid& other) {
    std::vector<double> x, y;
    x.reserve(fine.pixelCount());
    y.reserve(fine.pixelCount());
    for (int r = 0; r < fine.height(); ++r)
        for (int c = 0; c < fine.width(); ++c) {
            const auto m = fine.pixelCenter(c, r);
            x.push_back(m.x);
            y.push_back(m.y);
        }
    fine.mapToLonLat(x, y);
    other.lonLatToMap(x, y);
    std::vector<std::int64_t> out(x.size(), -1);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const auto px = other.mapToPixel(x[i], y[i]);
        const int c = int(std::floor(px.col)), r = int(std::floor(px.row));
        if (c >= 0 && r >= 0 && c < other.width() && r < other.height())
            out[i] = std::int64_t(r) * other.width() + c;
    }
    return out;
}

float ratio(float a, float b) {
    return (a + b) != 0.0f ? (a - b) / (a + b) : kNaN;
}
} // namespace

const std::vector<std::string>& FineStack::names() {
    static const std::vector<std::string> n{"B05",   "B06",       "B8A",        "B11", "NDVI",
                                            "EVI",   "GNDVI",     "MSI",        "LST", "elevation",
                                            "slope", "precip_3d", "precip_15d", "sand"};
    return n;
}

bool FineStack::available(const project::ProjectFile& p, const std::string& prefix) {
    for (const std::string role : {"s2_B02", "lst", "elevation", "slope", "sand"})
        if (!p.data.count(prefix + role))
            return false;
    return true;
}

FineStack::FineStack(const project::ProjectFile& p, const std::string& prefix)
    : m_file(p.file.string()) {
    for (const char* role : kBands) {
        const auto& l = p.layer(prefix + role);
        m_s2.push_back(geo::RasterSeries::open(l.path, l.variable));
    }
    m_grid = m_s2.front().grid();
    for (const auto& s : m_s2)
        if (s.times() != m_s2.front().times() || !s.grid().sameAs(m_grid, 1e-3))
            throw Error("the Sentinel-2 bands must share dates and grid", m_file);
    m_elevation = readStatic(p, prefix + "elevation", m_grid);
    m_slope = readStatic(p, prefix + "slope", m_grid);
    m_sand = readStatic(p, prefix + "sand", m_grid);
    if (p.data.count(prefix + "land_cover"))
        m_landCover = readStatic(p, prefix + "land_cover", m_grid);
    const auto& lst = p.layer(prefix + "lst");
    m_lst = geo::RasterSeries::open(lst.path, lst.variable);
    m_lstIndex = pixelIndex(m_grid, m_lst->grid());
    const auto& pr = p.layer("precipitation");
    m_precip = geo::RasterSeries::open(pr.path, pr.variable);
    m_precipIndex = pixelIndex(m_grid, m_precip->grid());
}

FineFrame FineStack::frame(std::size_t i) const {
    FineFrame f;
    f.date = dates().at(i);
    const std::size_t n = m_grid.pixelCount();
    std::vector<std::vector<float>> b;
    for (const auto& s : m_s2)
        b.push_back(s.readTime(i));
    // LST of the same day (daily, nearest within 12 h)
    std::vector<float> lst(n, kNaN);
    if (const auto k = m_lst->indexOf(f.date, std::chrono::hours(12))) {
        const auto v = m_lst->readTime(*k);
        for (std::size_t j = 0; j < n; ++j)
            if (m_lstIndex[j] >= 0)
                lst[j] = v[std::size_t(m_lstIndex[j])];
    }
    // precipitation sums of the daily steps in (t − N days, t]
    std::vector<double> p3(m_precip->grid().pixelCount(), 0.0), p15(p3.size(), 0.0);
    int days3 = 0, days15 = 0;
    for (std::size_t k = 0; k < m_precip->size(); ++k) {
        const auto age = f.date - m_precip->times()[k];
        if (age < std::chrono::seconds(0) || age >= std::chrono::days(15))
            continue;
        const auto v = m_precip->readTime(k);
        const bool recent = age < std::chrono::days(3);
        for (std::size_t j = 0; j < v.size(); ++j) {
            p15[j] += v[j];
            if (recent)
                p3[j] += v[j];
        }
        ++days15;
        days3 += recent ? 1 : 0;
    }
    f.planes.assign(names().size(), std::vector<float>(n, kNaN));
    f.valid.assign(n, 0);
    for (std::size_t j = 0; j < n; ++j) {
        bool ok = true;
        for (const auto& band : b)
            ok = ok && band[j] >= 3e-4f && band[j] <= 1.0f;
        ok = ok && std::isfinite(lst[j]) && lst[j] > 274.0f;
        ok = ok && m_precipIndex[j] >= 0 && days3 == 3 && days15 == 15;
        ok = ok && std::isfinite(m_elevation[j]) && std::isfinite(m_slope[j]) &&
             std::isfinite(m_sand[j]);
        if (!m_landCover.empty()) {
            const float lc = m_landCover[j];
            ok = ok && std::isfinite(lc) && lc != 50.0f && lc != 80.0f &&
                 lc != 70.0f; // built-up, water, snow/ice
        }
        if (!ok)
            continue;
        const float nir = b[B08][j], red = b[B04][j];
        const float evi = 2.5f * (nir - red) / (nir + 6 * red - 7.5f * b[B02][j] + 1);
        const float values[] = {b[B05][j],
                                b[B06][j],
                                b[B8A][j],
                                b[B11][j],
                                ratio(nir, red),
                                evi,
                                ratio(nir, b[B03][j]),
                                b[B11][j] / nir,
                                lst[j],
                                m_elevation[j],
                                m_slope[j],
                                float(p3[std::size_t(m_precipIndex[j])]),
                                float(p15[std::size_t(m_precipIndex[j])]),
                                m_sand[j]};
        for (float v : values)
            ok = ok && std::isfinite(v);
        if (!ok)
            continue;
        for (std::size_t k = 0; k < names().size(); ++k)
            f.planes[k][j] = values[k];
        f.valid[j] = 1;
        ++f.validCount;
    }
    return f;
}

FineStack::CellMap FineStack::cellMap(const geo::Grid& coarse) const {
    CellMap m;
    m.cellOf = pixelIndex(m_grid, coarse);
    m.cellAreaPixels.resize(coarse.pixelCount());
    // a geographic fine grid's pixels shrink with latitude like the cells
    const bool bothGeographic = m_grid.isGeographic() && coarse.isGeographic();
    const double pixelsPerCell =
        coarse.resolutionX() * coarse.resolutionY() / (m_grid.resolutionX() * m_grid.resolutionY());
    const double fineArea = m_grid.resolutionX() * m_grid.resolutionY();
    for (int r = 0; r < coarse.height(); ++r) {
        const auto g = coarse.groundSpacing(r);
        for (int c = 0; c < coarse.width(); ++c)
            m.cellAreaPixels[std::size_t(r) * coarse.width() + c] =
                bothGeographic ? pixelsPerCell : g.dxMetres * g.dyMetres / fineArea;
    }
    return m;
}

std::vector<double> estimatePixelNoise(const FineStack& stack, std::size_t dates) {
    std::vector<bool> perDate;
    for (const auto& name : FineStack::names())
        perDate.push_back(name != "elevation" && name != "slope" && name != "sand");
    analysis::PixelNoiseEstimator estimator(perDate);
    // the mostly clear dates (at least half the pixels valid), then up to `dates` of them spread
    // over the period — not every n-th date, which may all be cloudy
    std::vector<std::size_t> clear;
    for (std::size_t i = 0; i < stack.dates().size(); ++i)
        if (stack.frame(i).validCount >= stack.grid().pixelCount() / 2)
            clear.push_back(i);
    const std::size_t use = std::min(clear.size(), std::max<std::size_t>(dates, 1));
    for (std::size_t k = 0; k < use; ++k) {
        const FineFrame f = stack.frame(clear[k * clear.size() / use]);
        estimator.add(f.planes, f.valid, stack.grid().width(), stack.grid().height());
    }
    return estimator.covariance();
}

CellMeans aggregateToCells(const std::vector<std::vector<float>>& planes,
                           const std::vector<std::uint8_t>& valid, const FineStack::CellMap& map,
                           std::size_t cells) {
    CellMeans out;
    std::vector<double> count(cells, 0.0);
    std::vector<std::vector<double>> sums(planes.size(), std::vector<double>(cells, 0.0));
    for (std::size_t j = 0; j < valid.size(); ++j) {
        if (!valid[j] || map.cellOf[j] < 0)
            continue;
        const auto c = std::size_t(map.cellOf[j]);
        count[c] += 1;
        for (std::size_t k = 0; k < planes.size(); ++k)
            sums[k][c] += planes[k][j];
    }
    out.planes.assign(planes.size(), std::vector<float>(cells, kNaN));
    out.coverage.assign(cells, 0.0);
    for (std::size_t c = 0; c < cells; ++c) {
        out.coverage[c] = map.cellAreaPixels[c] > 0 ? count[c] / map.cellAreaPixels[c] : 0.0;
        if (count[c] > 0)
            for (std::size_t k = 0; k < planes.size(); ++k)
                out.planes[k][c] = float(sums[k][c] / count[c]);
    }
    return out;
}

} // namespace soilscope::workloads
