#pragma once
#include "geo/grid.h"

#include <array>
#include <cstdint>
#include <vector>

namespace soilscope::demo {

/// ESA WorldCover class codes used by the twin.
namespace landcover {
inline constexpr int Tree = 10;
inline constexpr int Grassland = 30;
inline constexpr int Cropland = 40;
inline constexpr int BuiltUp = 50;
inline constexpr int Water = 80;
/// The five classes in a fixed order (index used for fractions).
inline constexpr std::array<int, 5> Classes{Tree, Grassland, Cropland, BuiltUp, Water};
/// "Tree cover", "Grassland", ...
const char* name(int code);
/// Index of a code in Classes (0..4).
int index(int code);
} // namespace landcover

/// Soil and terrain of one place (a point, a pixel or a cell average).
struct SoilSite {
    double elevation_m = 0.0;
    double sand_pct = 40.0;
    double clay_pct = 20.0;
    double silt_pct = 40.0;
    double organicCarbon_pct = 1.0;
    double porosity = 0.45;      ///< saturated water content, m3/m3
    double residual = 0.05;      ///< residual water content, m3/m3
    double fieldCapacity = 0.3;  ///< m3/m3
    double ksat_mm_h = 10.0;     ///< saturated hydraulic conductivity
    double bulkDensity = 1.4;    ///< g/cm3
    double wetness = 0.0;        ///< topographic wetness anomaly, about -1..1
    double soilBrightness = 1.0; ///< dry-soil reflectance factor
    int landCover = landcover::Grassland;
    double phenologyShift_days = 0.0;
    double vegetationVigour = 1.0;
};

/// The continuous static landscape of a twin: every property is a smooth function of lon/lat
/// (fractal value noise), so grids of any resolution sample the same landscape.
class Landscape {
  public:
    explicit Landscape(std::uint64_t seed) : m_seed(seed) {}
    /// Properties at a point (no averaging).
    SoilSite at(double lon, double lat) const;
    /// Cell average over n x n sub-samples of a lon/lat box; landCover = dominant land class
    /// (water excluded when any land exists), fractions filled in the order of landcover::Classes.
    SoilSite cellAverage(double lonMin, double latMin, double lonMax, double latMax, int n,
                         std::array<double, 5>& fractions) const;
    /// Pedotransfer: fills porosity, residual, field capacity, ksat and bulk density from texture.
    static void applyPedotransfer(SoilSite& s);

  private:
    double elevation(double lon, double lat) const;
    std::uint64_t m_seed;
};

/// Fractal value noise in about [-1, 1]: octaves of smoothly interpolated hashed lattice values.
double fractalNoise(std::uint64_t seed, std::uint64_t stream, double x, double y, double wavelength,
                    int octaves, double persistence = 0.5);

/// Standard deviation of fractalNoise with these octaves and persistence, estimated on a
/// 128 × 128 lattice of points a quarter wavelength apart (deterministic).
double fractalNoiseStd(int octaves, double persistence);

/// Slope and aspect in degrees of the centre of a 3 × 3 elevation block (row-major from the
/// north-west corner; Horn's method).
struct SlopeAspect {
    double slope_deg = 0.0;
    double aspect_deg = 0.0; ///< downslope direction, clockwise from north
};
SlopeAspect hornSlopeAspect(const std::array<double, 9>& z, double dxMetres, double dyMetres);

/// Slope (degrees) and aspect (degrees clockwise from north, downslope direction) of an
/// elevation raster on a grid (Horn's method, metric spacing; edges replicated).
void slopeAspect(const geo::Grid& grid, const std::vector<float>& elevation,
                 std::vector<float>& slope_deg, std::vector<float>& aspect_deg);

} // namespace soilscope::demo
