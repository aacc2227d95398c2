// Block aggregation and point sampling (declared in warp.h).
#include "base/error.h"
#include "geo/warp.h"

#include <algorithm>
#include <cmath>
#include <limits>

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

/// Fine pixel centres of rows [r0, r0+rows) in the coarse CRS. PROJ runs on every
/// kStride-th centre only; between them the positions are interpolated linearly, which over
/// kStride fine pixels is exact far below a coarse cell (cell membership is all that counts).
void transformCentres(const Grid& fine, const Grid& coarse, int r0, int rows, std::vector<double>& xs,
                      std::vector<double>& ys) {
    constexpr int kStride = 16;
    const int w = fine.width();
    std::vector<int> knots;
    for (int c = 0; c < w; c += kStride) knots.push_back(c);
    if (knots.back() != w - 1) knots.push_back(w - 1);
    std::vector<double> kx, ky;
    for (int r = r0; r < r0 + rows; ++r)
        for (int c : knots) {
            const MapPoint p = fine.pixelCenter(c, r);
            kx.push_back(p.x);
            ky.push_back(p.y);
        }
    fine.mapToLonLat(kx, ky);
    if (!coarse.isGeographic() || coarse.epsg() != 4326) coarse.lonLatToMap(kx, ky);
    const std::size_t perRow = knots.size();
    for (int r = 0; r < rows; ++r) {
        const double* rx = kx.data() + r * perRow;
        const double* ry = ky.data() + r * perRow;
        std::size_t k = 0;
        for (int c = 0; c < w; ++c) {
            while (k + 1 < perRow && knots[k + 1] <= c) ++k;
            if (k + 1 >= perRow || knots[k] == c) {
                xs.push_back(rx[k]);
                ys.push_back(ry[k]);
                continue;
            }
            const double t = double(c - knots[k]) / double(knots[k + 1] - knots[k]);
            xs.push_back(rx[k] + t * (rx[k + 1] - rx[k]));
            ys.push_back(ry[k] + t * (ry[k + 1] - ry[k]));
        }
    }
}

} // namespace

BlockAggregate aggregateBlocks(const std::vector<float>& fineValues, const Grid& fineGrid,
                               const Grid& coarseGrid, double minCoverage) {
    if (fineValues.size() != fineGrid.pixelCount())
        throw Error("aggregation input has " + std::to_string(fineValues.size()) +
                    " values but the fine grid has " + std::to_string(fineGrid.pixelCount()));
    if (!(minCoverage >= 0.0 && minCoverage <= 1.0))
        throw Error("the minimum coverage must lie between 0 and 1");
    if (!coarseGrid.isValid()) throw Error("the coarse grid is empty");
    const bool sameCrs = fineGrid.sameCrs(coarseGrid);
    const std::size_t nCoarse = coarseGrid.pixelCount();
    std::vector<double> sum(nCoarse, 0.0);
    BlockAggregate out;
    out.count.assign(nCoarse, 0);

    const int w = fineGrid.width();
    const int rowsPerChunk = std::max(1, (1 << 18) / std::max(1, w));
    std::vector<double> xs, ys;
    for (int r0 = 0; r0 < fineGrid.height(); r0 += rowsPerChunk) {
        const int rows = std::min(rowsPerChunk, fineGrid.height() - r0);
        xs.clear();
        ys.clear();
        if (sameCrs) {
            for (int r = r0; r < r0 + rows; ++r)
                for (int c = 0; c < w; ++c) {
                    const MapPoint p = fineGrid.pixelCenter(c, r);
                    xs.push_back(p.x);
                    ys.push_back(p.y);
                }
        } else {
            transformCentres(fineGrid, coarseGrid, r0, rows, xs, ys);
        }
        for (std::size_t k = 0; k < xs.size(); ++k) {
            const float v = fineValues[static_cast<std::size_t>(r0) * w + k];
            if (!std::isfinite(v) || !std::isfinite(xs[k])) continue;
            const PixelPoint p = coarseGrid.mapToPixel(xs[k], ys[k]);
            const double col = std::floor(p.col), row = std::floor(p.row);
            if (col < 0 || row < 0 || col >= coarseGrid.width() || row >= coarseGrid.height()) continue;
            const std::size_t i = static_cast<std::size_t>(row) * coarseGrid.width() + static_cast<std::size_t>(col);
            sum[i] += v;
            ++out.count[i];
        }
    }
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

std::vector<PixelHit> locate(const Grid& grid, const std::vector<LonLat>& points) {
    std::vector<double> xs, ys;
    for (const auto& p : points) {
        xs.push_back(p.lon);
        ys.push_back(p.lat);
    }
    grid.lonLatToMap(xs, ys);
    std::vector<PixelHit> hits(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) continue;
        const PixelPoint p = grid.mapToPixel(xs[i], ys[i]);
        const double c = std::floor(p.col), r = std::floor(p.row);
        if (c < 0 || r < 0 || c >= grid.width() || r >= grid.height()) continue;
        hits[i] = {true, static_cast<int>(c), static_cast<int>(r)};
    }
    return hits;
}

void checkWindow(SampleMode mode, int windowSize) {
    if (mode == SampleMode::WindowMean && (windowSize < 1 || windowSize % 2 == 0))
        throw Error("the sampling window size must be a positive odd number, not " + std::to_string(windowSize));
}

/// Window of a hit clipped to the grid: x0, y0, w, h.
Window clippedWindow(const Grid& g, const PixelHit& h, SampleMode mode, int windowSize) {
    const int half = mode == SampleMode::Nearest ? 0 : windowSize / 2;
    const int x0 = std::max(0, h.col - half), y0 = std::max(0, h.row - half);
    const int x1 = std::min(g.width() - 1, h.col + half), y1 = std::min(g.height() - 1, h.row + half);
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
                                   const std::vector<LonLat>& points, SampleMode mode, int windowSize) {
    if (values.size() != grid.pixelCount())
        throw Error("sampling input has " + std::to_string(values.size()) + " values but its grid has " +
                    std::to_string(grid.pixelCount()));
    checkWindow(mode, windowSize);
    const auto hits = locate(grid, points);
    std::vector<double> out(points.size(), kNaN);
    std::vector<float> window;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        if (!hits[i].inside) continue;
        const Window w = clippedWindow(grid, hits[i], mode, windowSize);
        window.clear();
        for (int r = w.y0; r < w.y0 + w.height; ++r)
            for (int c = w.x0; c < w.x0 + w.width; ++c)
                window.push_back(values[static_cast<std::size_t>(r) * grid.width() + c]);
        out[i] = meanOfValid(window.data(), window.size());
    }
    return out;
}

std::vector<double> sampleAtPoints(const Raster& raster, int band, const std::vector<LonLat>& points,
                                   SampleMode mode, int windowSize) {
    checkWindow(mode, windowSize);
    raster.band(band);
    const auto hits = locate(raster.grid(), points);
    std::vector<double> out(points.size(), kNaN);
    for (std::size_t i = 0; i < hits.size(); ++i) {
        if (!hits[i].inside) continue;
        const auto v = raster.readWindow(band, clippedWindow(raster.grid(), hits[i], mode, windowSize));
        out[i] = meanOfValid(v.data(), v.size());
    }
    return out;
}

} // namespace soilscope::geo
