// Block aggregation and point sampling (declared in warp.h).
#include "base/error.h"
#include "geo/warp.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace soilscope::geo {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Coarse-cell area over fine-pixel area (how many fine pixels fill one coarse cell).
std::vector<double> nominalCounts(const Grid& fine, const Grid& coarse, bool sameCrs) {
    std::vector<double> perRow(coarse.height());
    if (sameCrs) {
        const double ratio = (coarse.resolutionX() * coarse.resolutionY()) /
                             (fine.resolutionX() * fine.resolutionY());
        std::fill(perRow.begin(), perRow.end(), ratio);
        return perRow;
    }
    const GroundSpacing f = fine.groundSpacing(fine.height() / 2);
    const double fineArea = f.dxMetres * f.dyMetres;
    for (int r = 0; r < coarse.height(); ++r) {
        const GroundSpacing c = coarse.groundSpacing(r);
        perRow[r] = c.dxMetres * c.dyMetres / fineArea;
    }
    return perRow;
}

/// Fine pixel centres in the coarse CRS. PROJ runs on a lattice of every kStride-th centre
/// only; in between, positions are interpolated bilinearly, which over kStride fine pixels is
/// exact far below a coarse cell (cell membership is all that counts here).
class CentreLattice {
  public:
    CentreLattice(const Grid& fine, const Grid& coarse) {
        m_cols = knots(fine.width());
        m_rows = knots(fine.height());
        for (int r : m_rows)
            for (int c : m_cols) {
                const MapPoint p = fine.pixelCenter(c, r);
                m_x.push_back(p.x);
                m_y.push_back(p.y);
            }
        fine.mapToLonLat(m_x, m_y);
        if (!coarse.isGeographic() || coarse.epsg() != 4326)
            coarse.lonLatToMap(m_x, m_y);
        m_colKnot.resize(fine.width());
        m_colT.resize(fine.width());
        for (int c = 0; c < fine.width(); ++c)
            locate(m_cols, c, m_colKnot[c], m_colT[c]);
    }

    /// Centres of one fine row into xs, ys (resized to the row width).
    void row(int r, std::vector<double>& xs, std::vector<double>& ys) const {
        std::size_t k = 0;
        double t = 0.0;
        locate(m_rows, r, k, t);
        const std::size_t n = m_cols.size();
        const std::size_t k1 = std::min(k + 1, m_rows.size() - 1);
        m_rowX.resize(n);
        m_rowY.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            m_rowX[i] = lerp(m_x[k * n + i], m_x[k1 * n + i], t);
            m_rowY[i] = lerp(m_y[k * n + i], m_y[k1 * n + i], t);
        }
        xs.resize(m_colKnot.size());
        ys.resize(m_colKnot.size());
        for (std::size_t c = 0; c < m_colKnot.size(); ++c) {
            const std::size_t i = m_colKnot[c], i1 = std::min(i + 1, n - 1);
            xs[c] = lerp(m_rowX[i], m_rowX[i1], m_colT[c]);
            ys[c] = lerp(m_rowY[i], m_rowY[i1], m_colT[c]);
        }
    }

  private:
    static constexpr int kStride = 16;
    static std::vector<int> knots(int size) {
        std::vector<int> k;
        for (int i = 0; i < size; i += kStride)
            k.push_back(i);
        if (k.back() != size - 1)
            k.push_back(size - 1);
        return k;
    }
    static void locate(const std::vector<int>& knots, int i, std::size_t& k, double& t) {
        k = std::min(static_cast<std::size_t>(i / kStride), knots.size() - 1);
        const std::size_t k1 = std::min(k + 1, knots.size() - 1);
        t = k1 == k ? 0.0 : double(i - knots[k]) / double(knots[k1] - knots[k]);
    }
    static double lerp(double a, double b, double t) { return t == 0.0 ? a : a + t * (b - a); }

    std::vector<int> m_cols, m_rows;
    std::vector<double> m_x, m_y;
    std::vector<std::size_t> m_colKnot;
    std::vector<double> m_colT;
    mutable std::vector<double> m_rowX, m_rowY;
};

} // namespace

BlockAggregate aggregateBlocks(const std::vector<float>& fineValues, const Grid& fineGrid,
                               const Grid& coarseGrid, double minCoverage, Feedback* feedback) {
    if (fineValues.size() != fineGrid.pixelCount())
        throw Error("aggregation input has " + std::to_string(fineValues.size()) +
                    " values but the fine grid has " + std::to_string(fineGrid.pixelCount()));
    if (!(minCoverage >= 0.0 && minCoverage <= 1.0))
        throw Error("the minimum coverage must lie between 0 and 1");
    if (!coarseGrid.isValid())
        throw Error("the coarse grid is empty");
    const bool sameCrs = fineGrid.sameCrs(coarseGrid);
    const std::size_t nCoarse = coarseGrid.pixelCount();
    std::vector<double> sum(nCoarse, 0.0);
    BlockAggregate out;
    out.count.assign(nCoarse, 0);

    const int w = fineGrid.width();
    std::optional<CentreLattice> lattice;
    if (!sameCrs)
        lattice.emplace(fineGrid, coarseGrid);
    std::vector<double> xs(w), ys(w);
    for (int r = 0; r < fineGrid.height(); ++r) {
        if (r % 256 == 0)
            reportFraction(feedback, static_cast<double>(r) / fineGrid.height());
        if (lattice) {
            lattice->row(r, xs, ys);
        } else {
            for (int c = 0; c < w; ++c) {
                const MapPoint p = fineGrid.pixelCenter(c, r);
                xs[c] = p.x;
                ys[c] = p.y;
            }
        }
        const float* rowValues = fineValues.data() + static_cast<std::size_t>(r) * w;
        for (int c = 0; c < w; ++c) {
            const float v = rowValues[c];
            if (!std::isfinite(v) || !std::isfinite(xs[c]))
                continue;
            const PixelPoint p = coarseGrid.mapToPixel(xs[c], ys[c]);
            const double col = std::floor(p.col), row = std::floor(p.row);
            if (col < 0 || row < 0 || col >= coarseGrid.width() || row >= coarseGrid.height())
                continue;
            const std::size_t i =
                static_cast<std::size_t>(row) * coarseGrid.width() + static_cast<std::size_t>(col);
            sum[i] += v;
            ++out.count[i];
        }
    }
    reportFraction(feedback, 1.0);
    const std::vector<double> nominal = nominalCounts(fineGrid, coarseGrid, sameCrs);
    out.mean.assign(nCoarse, static_cast<float>(kNaN));
    out.coverage.assign(nCoarse, 0.0f);
    for (std::size_t i = 0; i < nCoarse; ++i) {
        const double expected = nominal[i / coarseGrid.width()];
        const double coverage = std::min(1.0, out.count[i] / expected);
        out.coverage[i] = static_cast<float>(coverage);
        // A small tolerance keeps exact fractions (e.g. 7/10 at 70 %) on the kept side.
        if (out.count[i] > 0 && coverage >= minCoverage - 1e-9)
            out.mean[i] = static_cast<float>(sum[i] / out.count[i]);
    }
    return out;
}

namespace {

struct PixelHit {
    bool inside = false;
    int col = 0;
    int row = 0;
};

std::vector<PixelHit> hitsOf(const Grid& grid, const std::vector<PixelPoint>& pixels) {
    std::vector<PixelHit> hits(pixels.size());
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        const double c = std::floor(pixels[i].col), r = std::floor(pixels[i].row);
        if (!std::isfinite(c) || !std::isfinite(r) || c < 0 || r < 0 || c >= grid.width() ||
            r >= grid.height())
            continue;
        hits[i] = {true, static_cast<int>(c), static_cast<int>(r)};
    }
    return hits;
}

std::vector<PixelHit> locate(const Grid& grid, const std::vector<LonLat>& points) {
    std::vector<double> xs, ys;
    for (const auto& p : points) {
        xs.push_back(p.lon);
        ys.push_back(p.lat);
    }
    grid.lonLatToMap(xs, ys);
    std::vector<PixelPoint> pixels(points.size(), PixelPoint{std::nan(""), std::nan("")});
    for (std::size_t i = 0; i < points.size(); ++i)
        if (std::isfinite(xs[i]) && std::isfinite(ys[i]))
            pixels[i] = grid.mapToPixel(xs[i], ys[i]);
    return hitsOf(grid, pixels);
}

void checkWindow(SampleMode mode, int windowSize) {
    if (mode == SampleMode::WindowMean && (windowSize < 1 || windowSize % 2 == 0))
        throw Error("the sampling window size must be a positive odd number, not " +
                    std::to_string(windowSize));
}

/// Window of a hit clipped to the grid: x0, y0, w, h.
Window clippedWindow(const Grid& g, const PixelHit& h, SampleMode mode, int windowSize) {
    const int half = mode == SampleMode::Nearest ? 0 : windowSize / 2;
    const int x0 = std::max(0, h.col - half), y0 = std::max(0, h.row - half);
    const int x1 = std::min(g.width() - 1, h.col + half),
              y1 = std::min(g.height() - 1, h.row + half);
    return {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

double meanOfValid(const float* values, std::size_t n) {
    double s = 0.0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(values[i])) {
            s += values[i];
            ++count;
        }
    return count ? s / count : kNaN;
}

} // namespace

std::vector<double> sampleAtPoints(const std::vector<float>& values, const Grid& grid,
                                   const std::vector<LonLat>& points, SampleMode mode,
                                   int windowSize) {
    if (values.size() != grid.pixelCount())
        throw Error("sampling input has " + std::to_string(values.size()) +
                    " values but its grid has " + std::to_string(grid.pixelCount()));
    checkWindow(mode, windowSize);
    const auto hits = locate(grid, points);
    std::vector<double> out(points.size(), kNaN);
    std::vector<float> window;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        if (!hits[i].inside)
            continue;
        const Window w = clippedWindow(grid, hits[i], mode, windowSize);
        window.clear();
        for (int r = w.y0; r < w.y0 + w.height; ++r)
            for (int c = w.x0; c < w.x0 + w.width; ++c)
                window.push_back(values[static_cast<std::size_t>(r) * grid.width() + c]);
        out[i] = meanOfValid(window.data(), window.size());
    }
    return out;
}

std::vector<double> sampleAtPoints(const Raster& raster, int band,
                                   const std::vector<LonLat>& points, SampleMode mode,
                                   int windowSize) {
    checkWindow(mode, windowSize);
    raster.band(band);
    const auto hits = hitsOf(raster.grid(), raster.lonLatToPixel(points));
    std::vector<double> out(points.size(), kNaN);
    for (std::size_t i = 0; i < hits.size(); ++i) {
        if (!hits[i].inside)
            continue;
        const auto v =
            raster.readWindow(band, clippedWindow(raster.grid(), hits[i], mode, windowSize));
        out[i] = meanOfValid(v.data(), v.size());
    }
    return out;
}

} // namespace soilscope::geo
