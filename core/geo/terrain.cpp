#include "geo/terrain.h"

#include "base/error.h"

#include <cmath>
#include <limits>

namespace soilscope::geo {

SlopeAspect slopeAspect(const std::vector<float>& dem, const Grid& grid) {
    if (dem.size() != grid.pixelCount())
        throw Error("the DEM has " + std::to_string(dem.size()) + " values but its grid has " +
                    std::to_string(grid.pixelCount()));
    const auto& gt = grid.geoTransform();
    if (gt[2] != 0.0 || gt[4] != 0.0)
        throw Error("slope and aspect need a north-up DEM grid without rotation");
    const int w = grid.width(), h = grid.height();
    constexpr float nan = std::numeric_limits<float>::quiet_NaN();
    constexpr double degrees = 180.0 / M_PI;
    SlopeAspect out;
    out.slopeDegrees.assign(dem.size(), nan);
    out.aspectDegrees.assign(dem.size(), nan);
    // Rows run south when gt[5] < 0; a south-up grid flips the north gradient.
    const double northSign = gt[5] < 0 ? 1.0 : -1.0;
    const double eastSign = gt[1] > 0 ? 1.0 : -1.0;
    for (int r = 0; r < h; ++r) {
        const GroundSpacing s = grid.groundSpacing(r);
        for (int c = 0; c < w; ++c) {
            const float z0 = dem[static_cast<std::size_t>(r) * w + c];
            if (!std::isfinite(z0))
                continue;
            const auto z = [&](int dr, int dc) -> double {
                const int rr = r + dr, cc = c + dc;
                if (rr < 0 || cc < 0 || rr >= h || cc >= w)
                    return z0;
                const float v = dem[static_cast<std::size_t>(rr) * w + cc];
                return std::isfinite(v) ? v : z0;
            };
            // a b c / d e f / g h i with row 0 on top.
            const double a = z(-1, -1), b = z(-1, 0), cc = z(-1, 1);
            const double d = z(0, -1), f = z(0, 1);
            const double g = z(1, -1), hh = z(1, 0), i = z(1, 1);
            const double dzEast =
                eastSign * ((cc + 2 * f + i) - (a + 2 * d + g)) / (8.0 * s.dxMetres);
            const double dzNorth =
                northSign * ((a + 2 * b + cc) - (g + 2 * hh + i)) / (8.0 * s.dyMetres);
            const std::size_t k = static_cast<std::size_t>(r) * w + c;
            out.slopeDegrees[k] =
                static_cast<float>(std::atan(std::hypot(dzEast, dzNorth)) * degrees);
            if (dzEast != 0.0 || dzNorth != 0.0) {
                double aspect = std::atan2(-dzEast, -dzNorth) * degrees;
                if (aspect < 0)
                    aspect += 360.0;
                out.aspectDegrees[k] = static_cast<float>(aspect);
            }
        }
    }
    return out;
}

std::vector<float> slopeDegrees(const std::vector<float>& dem, const Grid& grid) {
    return slopeAspect(dem, grid).slopeDegrees;
}

std::vector<float> aspectDegrees(const std::vector<float>& dem, const Grid& grid) {
    return slopeAspect(dem, grid).aspectDegrees;
}

} // namespace soilscope::geo
