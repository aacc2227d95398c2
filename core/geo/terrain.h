#pragma once
#include "geo/grid.h"

#include <vector>

namespace soilscope::geo {

/// Slope and aspect of a DEM, on the DEM's grid.
struct SlopeAspect {
    std::vector<float> slopeDegrees; ///< 0 = flat, 90 = vertical
    std::vector<float>
        aspectDegrees; ///< downslope direction clockwise from north (0..360); NaN where flat
};

/// Slope and aspect by Horn's (1981) 3x3 method with ground spacing in metres: geodesic
/// spacing per row on geographic grids, CRS units converted to metres otherwise. Elevations
/// are in metres. NaN-aware: a NaN centre gives NaN; missing neighbours (NaN or outside the
/// grid) take the centre's value. The grid must be north-up (no rotation).
SlopeAspect slopeAspect(const std::vector<float>& dem, const Grid& grid);

/// Slope in degrees (see slopeAspect).
std::vector<float> slopeDegrees(const std::vector<float>& dem, const Grid& grid);

/// Aspect in degrees clockwise from north (see slopeAspect).
std::vector<float> aspectDegrees(const std::vector<float>& dem, const Grid& grid);

} // namespace soilscope::geo
