#pragma once
#include "base/time_utils.h"
#include "geo/grid.h"

#include <cstdint>
#include <string>
#include <vector>

namespace soilscope::demo {

/// Everything that sizes a twin region: the box, the grids, the period and the station count.
/// A preset fixes all of it; the seed then fixes every random draw.
struct TwinConfig {
    std::string preset = "small";
    std::uint64_t seed = 42;

    double lonMin = 1.0;  ///< west edge of the 0.25° grid, degrees east
    double latMax = 45.5; ///< north edge, degrees north
    int coarseNx = 12;    ///< 0.25° columns
    int coarseNy = 10;    ///< 0.25° rows
    double coarseRes = 0.25;

    TimePoint start = makeTime(2018, 1, 1);
    int hours = 2 * 8760; ///< hourly steps
    int spinUpDays = 120; ///< simulated before start and discarded

    int fineEpsg = 32631;  ///< UTM zone of the fine grid
    double fineRes = 60.0; ///< metres
    int fineNx = 320;      ///< core area (SYNFINE stations) in 60 m px, centred on the fine cell
    int fineNy = 464;
    int fineCellCol = 5; ///< 0.25° cell whose centre the fine grid is centred on
    int fineCellRow = 4;
    int fineBlockCells = 0; ///< > 0 (odd): the fine grid covers this many × this many whole 0.25°
                            ///< cells centred on the fine cell; 0: the fine grid is the core area
    int s2IntervalDays = 5;
    int fineSamplesPerCell = 12; ///< 60 m pixels sampled per 0.25° cell side over the whole box

    double sarRes = 0.02;   ///< S1 / 8-day optical / 1-km-like static grid over the whole box
    double lstRes = 0.01;   ///< daily LST grid over the fine area
    double precipRes = 0.1; ///< daily precipitation grid

    int stationCount = 45;

    /// The error model of the observations and products. Realistic (small, standard): the
    /// reanalysis-like product comes from its own land-surface run, stations have time-correlated
    /// representativeness errors, Sentinel-1 follows a rough-surface model richer than the WCM
    /// with tillage and speckle, Sentinel-2 noise is spatially correlated, ASCAT errors are of the
    /// published H120 size. Simple (tiny): products are the truth plus independent noise.
    bool realisticErrors = true;

    /// The preset "tiny", "small" or "standard" with the given seed; throws UsageError otherwise.
    static TwinConfig fromPreset(const std::string& name, std::uint64_t seed);

    /// Lets the 60 m grid cover cells × cells whole 0.25° cells (0: the core area); throws
    /// UsageError for an even count or a block that leaves the 0.25° grid.
    void setFineBlockCells(int cells);

    TimePoint end() const { return start + std::chrono::hours(hours); }
    int days() const { return hours / 24; }
    /// The 0.25° grid (EPSG:4326).
    geo::Grid coarseGrid() const;
    /// The 60 m UTM grid: the bounding box of the fineBlockCells × fineBlockCells block of 0.25°
    /// cells centred on the fine cell (snapped outward to 60 m), or the core area when 0.
    geo::Grid fineGrid() const;
    /// The fineNx × fineNy 60 m UTM grid centred on the fine cell (where SYNFINE stations are).
    geo::Grid fineCoreGrid() const;
    /// The lattice of sampled 60 m pixels over the whole box (EPSG:4326, fineSamplesPerCell ×
    /// fineSamplesPerCell per 0.25° cell; each value is the 60 m pixel at the lattice point).
    geo::Grid fineSampleGrid() const;
    /// The S1 / 8-day optical grid over the whole box (EPSG:4326).
    geo::Grid sarGrid() const;
    /// The daily LST grid (EPSG:4326) over the lon/lat bounds of the fine grid.
    geo::Grid lstGrid() const;
    /// The daily precipitation grid over the whole box (EPSG:4326).
    geo::Grid precipGrid() const;
};

/// Names of the presets.
std::vector<std::string> presetNames();

} // namespace soilscope::demo
