#pragma once
#include "demo/static_fields.h"
#include "demo/twin_config.h"

#include <array>
#include <string>
#include <vector>

namespace soilscope::demo {

/// One 0.25° cell: centre, cell-average soil and terrain, land-cover fractions.
struct CellSite {
    double lon = 0.0;
    double lat = 0.0;
    SoilSite site;
    std::array<double, 5> fractions{}; ///< in the order of landcover::Classes
};

/// One in situ station of the twin (a single 0–5 cm sensor plus soil temperature).
struct StationSite {
    std::string network;
    std::string name;
    std::string instrument;
    double lon = 0.0;
    double lat = 0.0;
    SoilSite site;   ///< properties at the point
    int cellCol = 0; ///< the 0.25° cell that holds it
    int cellRow = 0;
    double sensorBias = 0.0; ///< m3/m3
    double sensorGain = 1.0;
    double sensorNoise = 0.004; ///< m3/m3 standard deviation
};

/// The cells of the 0.25° grid, row by row from the north-west corner.
std::vector<CellSite> buildCells(const TwinConfig& config, const Landscape& landscape);

/// Places the stations in four networks (one dense network inside the fine grid).
std::vector<StationSite> placeStations(const TwinConfig& config, const Landscape& landscape);

/// Relative saturation (0..1) of a volumetric content for a site.
inline double relativeSaturation(const SoilSite& s, double theta) {
    return (theta - s.residual) / (s.porosity - s.residual);
}

} // namespace soilscope::demo
