#include "demo/twin_sites.h"

#include "demo/twin_random.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace soilscope::demo {

std::vector<CellSite> buildCells(const TwinConfig& config, const Landscape& landscape) {
    const geo::Grid grid = config.coarseGrid();
    std::vector<CellSite> cells;
    cells.reserve(grid.pixelCount());
    for (int r = 0; r < grid.height(); ++r)
        for (int c = 0; c < grid.width(); ++c) {
            CellSite cell;
            const geo::LonLat centre = grid.pixelToLonLat(c, r);
            cell.lon = centre.lon;
            cell.lat = centre.lat;
            const double h = 0.5 * config.coarseRes;
            cell.site = landscape.cellAverage(cell.lon - h, cell.lat - h, cell.lon + h,
                                              cell.lat + h, 8, cell.fractions);
            cells.push_back(cell);
        }
    return cells;
}

namespace {

struct NetworkPlan {
    const char* name;
    const char* prefix;
    const char* instrument;
    double share;       ///< fraction of all stations
    int preferredClass; ///< 0 = any land class
    bool insideFine;
};

} // namespace

std::vector<StationSite> placeStations(const TwinConfig& config, const Landscape& landscape) {
    static const NetworkPlan plans[] = {
        {"SYNFINE", "FN", "Hydraprobe-II", 0.34, 0, true},
        {"SYNMIDI", "MD", "ThetaProbe-ML2X", 0.30, 0, false},
        {"SYNAGRI", "AG", "EC5", 0.20, landcover::Cropland, false},
        {"SYNHILL", "HL", "5TM", 0.16, landcover::Grassland, false},
    };
    const geo::Grid coarse = config.coarseGrid();
    const geo::Grid fine =
        config.fineCoreGrid(); // SYNFINE stays in the core area whatever the fine grid covers
    TwinRng rng(hashKey(config.seed, 5001));
    std::vector<StationSite> stations;
    int remaining = config.stationCount;
    const int planCount = 4;
    for (int p = 0; p < planCount; ++p) {
        const NetworkPlan& plan = plans[p];
        int n = p == planCount - 1
                    ? remaining
                    : static_cast<int>(std::lround(plan.share * config.stationCount));
        n = std::min(n, remaining);
        remaining -= n;
        // Each scattered network clusters around its own centre, like real networks do.
        const double cLon = rng.uniform(config.lonMin + 0.3,
                                        config.lonMin + config.coarseNx * config.coarseRes - 0.3);
        const double cLat = rng.uniform(config.latMax - config.coarseNy * config.coarseRes + 0.3,
                                        config.latMax - 0.3);
        const double spread = 0.18 * std::max(config.coarseNx, config.coarseNy) * config.coarseRes;
        for (int k = 0; k < n; ++k) {
            StationSite st;
            st.network = plan.name;
            char name[16];
            std::snprintf(name, sizeof name, "%s%02d", plan.prefix, k + 1);
            st.name = name;
            st.instrument = plan.instrument;
            {
                const geo::LonLat fallback =
                    plan.insideFine
                        ? fine.mapToLonLat(fine.pixelCenter(fine.width() / 2, fine.height() / 2).x,
                                           fine.pixelCenter(fine.width() / 2, fine.height() / 2).y)
                        : geo::LonLat{cLon, cLat};
                st.lon = std::round(fallback.lon * 1e5) / 1e5;
                st.lat = std::round(fallback.lat * 1e5) / 1e5;
                st.site = landscape.at(st.lon, st.lat);
                const geo::PixelPoint px = coarse.mapToPixel(st.lon, st.lat);
                st.cellCol = std::clamp(static_cast<int>(px.col), 0, coarse.width() - 1);
                st.cellRow = std::clamp(static_cast<int>(px.row), 0, coarse.height() - 1);
            }
            for (int attempt = 0; attempt < 200; ++attempt) {
                double lon = 0.0, lat = 0.0;
                if (plan.insideFine) {
                    const double col = rng.uniform(0.05, 0.95) * fine.width();
                    const double row = rng.uniform(0.05, 0.95) * fine.height();
                    const geo::MapPoint m = fine.pixelToMap(col, row);
                    const geo::LonLat ll = fine.mapToLonLat(m.x, m.y);
                    lon = ll.lon;
                    lat = ll.lat;
                } else {
                    lon = cLon + spread * rng.normal();
                    lat = cLat + 0.7 * spread * rng.normal();
                }
                const geo::PixelPoint px = coarse.mapToPixel(lon, lat);
                if (px.col < 0.02 || px.row < 0.02 || px.col > coarse.width() - 0.02 ||
                    px.row > coarse.height() - 0.02)
                    continue;
                const SoilSite s = landscape.at(lon, lat);
                if (s.landCover == landcover::Water || s.landCover == landcover::BuiltUp)
                    continue;
                if (plan.preferredClass != 0 && s.landCover != plan.preferredClass && attempt < 150)
                    continue;
                st.lon = std::round(lon * 1e5) / 1e5;
                st.lat = std::round(lat * 1e5) / 1e5;
                st.site = landscape.at(st.lon, st.lat);
                st.cellCol = static_cast<int>(px.col);
                st.cellRow = static_cast<int>(px.row);
                break;
            }
            st.sensorBias = 0.015 * rng.normal();
            st.sensorGain = 1.0 + 0.06 * rng.normal();
            st.sensorNoise = 0.003 + 0.003 * rng.uniform();
            stations.push_back(st);
        }
    }
    return stations;
}

} // namespace soilscope::demo
