#include "demo/twin_config.h"

#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace soilscope::demo {

std::vector<std::string> presetNames() {
    return {"tiny", "small", "standard"};
}

TwinConfig TwinConfig::fromPreset(const std::string& name, std::uint64_t seed) {
    TwinConfig c;
    c.preset = name;
    c.seed = seed;
    if (name == "tiny") {
        c.lonMin = 2.0;
        c.latMax = 45.0;
        c.coarseNx = 8;
        c.coarseNy = 8;
        c.start = makeTime(2019, 1, 1);
        c.hours = 8760;
        c.spinUpDays = 60;
        c.fineNx = 64;
        c.fineNy = 64;
        c.fineCellCol = 4;
        c.fineCellRow = 4;
        c.fineBlockCells = 0;
        c.fineSamplesPerCell = 6;
        c.sarRes = 0.05;
        c.lstRes = 0.01;
        c.stationCount = 12;
        c.realisticErrors = false;
    } else if (name == "small") {
        // the defaults above
    } else if (name == "standard") {
        c.lonMin = 0.0;
        c.latMax = 46.5;
        c.coarseNx = 24;
        c.coarseNy = 16;
        c.start = makeTime(2017, 1, 1);
        c.hours = 3 * 8760;
        c.fineNx = 1024;
        c.fineNy = 1024;
        c.fineCellCol = 12;
        c.fineCellRow = 8;
        c.fineBlockCells = 0;
        c.sarRes = 0.01;
        c.stationCount = 60;
    } else {
        throw UsageError("unknown preset '" + name + "' (expected tiny, small or standard)");
    }
    return c;
}

void TwinConfig::setFineBlockCells(int cells) {
    if (cells < 0 || (cells > 0 && cells % 2 == 0))
        throw UsageError("--fine-cells must be 0 or an odd number of 0.25° cells, got " +
                         std::to_string(cells));
    const int half = cells / 2;
    if (cells > 0 && (fineCellCol - half < 0 || fineCellCol + half >= coarseNx ||
                      fineCellRow - half < 0 || fineCellRow + half >= coarseNy))
        throw UsageError("a block of " + std::to_string(cells) + " × " + std::to_string(cells) +
                         " cells around the fine cell leaves the " + std::to_string(coarseNx) +
                         " × " + std::to_string(coarseNy) + " grid of the '" + preset + "' preset");
    fineBlockCells = cells;
}

geo::Grid TwinConfig::coarseGrid() const {
    return geo::Grid("EPSG:4326", {lonMin, coarseRes, 0.0, latMax, 0.0, -coarseRes}, coarseNx,
                     coarseNy);
}

geo::Grid TwinConfig::fineGrid() const {
    if (fineBlockCells <= 0)
        return fineCoreGrid();
    const std::string crs = "EPSG:" + std::to_string(fineEpsg);
    const double half = 0.5 * fineBlockCells * coarseRes;
    const geo::LonLat centre = coarseGrid().pixelToLonLat(fineCellCol, fineCellRow);
    // Parallels are curved in UTM: sample the block's outline densely and take the extremes.
    std::vector<double> x, y;
    const int steps = 64;
    for (int k = 0; k <= steps; ++k) {
        const double f = -half + 2.0 * half * k / steps;
        for (const auto& [lon, lat] : {std::pair{centre.lon + f, centre.lat - half},
                                       std::pair{centre.lon + f, centre.lat + half},
                                       std::pair{centre.lon - half, centre.lat + f},
                                       std::pair{centre.lon + half, centre.lat + f}}) {
            x.push_back(lon);
            y.push_back(lat);
        }
    }
    geo::Grid probe(crs, {0, 1, 0, 0, 0, -1}, 1, 1);
    probe.lonLatToMap(x, y);
    const double x0 = std::floor(*std::min_element(x.begin(), x.end()) / fineRes) * fineRes;
    const double x1 = std::ceil(*std::max_element(x.begin(), x.end()) / fineRes) * fineRes;
    const double y0 = std::floor(*std::min_element(y.begin(), y.end()) / fineRes) * fineRes;
    const double y1 = std::ceil(*std::max_element(y.begin(), y.end()) / fineRes) * fineRes;
    return geo::Grid(crs, {x0, fineRes, 0.0, y1, 0.0, -fineRes},
                     static_cast<int>(std::lround((x1 - x0) / fineRes)),
                     static_cast<int>(std::lround((y1 - y0) / fineRes)));
}

geo::Grid TwinConfig::fineCoreGrid() const {
    const geo::Grid coarse = coarseGrid();
    const geo::LonLat centre = coarse.pixelToLonLat(fineCellCol, fineCellRow);
    geo::Grid probe("EPSG:" + std::to_string(fineEpsg), {0, 1, 0, 0, 0, -1}, 1, 1);
    const geo::MapPoint c = probe.lonLatToMap(centre.lon, centre.lat);
    const double x0 = std::round((c.x - 0.5 * fineNx * fineRes) / fineRes) * fineRes;
    const double y0 = std::round((c.y + 0.5 * fineNy * fineRes) / fineRes) * fineRes;
    return geo::Grid("EPSG:" + std::to_string(fineEpsg), {x0, fineRes, 0.0, y0, 0.0, -fineRes},
                     fineNx, fineNy);
}

geo::Grid TwinConfig::fineSampleGrid() const {
    const double res = coarseRes / fineSamplesPerCell;
    return geo::Grid("EPSG:4326", {lonMin, res, 0.0, latMax, 0.0, -res},
                     coarseNx * fineSamplesPerCell, coarseNy * fineSamplesPerCell);
}

geo::Grid TwinConfig::sarGrid() const {
    const int nx = static_cast<int>(std::lround(coarseNx * coarseRes / sarRes));
    const int ny = static_cast<int>(std::lround(coarseNy * coarseRes / sarRes));
    return geo::Grid("EPSG:4326", {lonMin, sarRes, 0.0, latMax, 0.0, -sarRes}, nx, ny);
}

geo::Grid TwinConfig::lstGrid() const {
    const geo::Grid fine = fineGrid();
    double lonLo = 1e9, lonHi = -1e9, latLo = 1e9, latHi = -1e9;
    for (int r : {0, fine.height()})
        for (int col : {0, fine.width()}) {
            const geo::MapPoint m = fine.pixelToMap(col, r);
            const geo::LonLat ll = fine.mapToLonLat(m.x, m.y);
            lonLo = std::min(lonLo, ll.lon);
            lonHi = std::max(lonHi, ll.lon);
            latLo = std::min(latLo, ll.lat);
            latHi = std::max(latHi, ll.lat);
        }
    const double x0 = std::floor(lonLo / lstRes) * lstRes;
    const double y0 = std::ceil(latHi / lstRes) * lstRes;
    const int nx = static_cast<int>(std::ceil((lonHi - x0) / lstRes - 1e-9));
    const int ny = static_cast<int>(std::ceil((y0 - latLo) / lstRes - 1e-9));
    return geo::Grid("EPSG:4326", {x0, lstRes, 0.0, y0, 0.0, -lstRes}, nx, ny);
}

geo::Grid TwinConfig::precipGrid() const {
    const int nx = static_cast<int>(std::lround(coarseNx * coarseRes / precipRes));
    const int ny = static_cast<int>(std::lround(coarseNy * coarseRes / precipRes));
    return geo::Grid("EPSG:4326", {lonMin, precipRes, 0.0, latMax, 0.0, -precipRes}, nx, ny);
}

} // namespace soilscope::demo
