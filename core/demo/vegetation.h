#pragma once
#include "demo/static_fields.h"

namespace soilscope::demo {

/// Vegetation of the twin: LAI seasonal cycles per WorldCover class, NDVI from LAI and
/// vegetation water content (VWC) from NDVI.
namespace vegetation {

/// Leaf area index (m2 m-2) of a class on a day of year, with a site's phenology shift and
/// vigour and a per-year factor (about 0.85..1.15).
double lai(int landCover, double dayOfYear, double shift_days, double vigour, double yearFactor);
/// Fraction of ground covered by vegetation, 1 - exp(-0.5 LAI).
double cover(double lai);
/// NDVI of a site from its LAI (water: -0.2 whatever the LAI).
double ndvi(int landCover, double lai);
/// VWC (kg m-2) = a NDVI^2 + b NDVI + stem(class) (Jackson-type quadratic, coefficients below).
double vwc(int landCover, double ndvi);
inline constexpr double kVwcA = 1.9134;
inline constexpr double kVwcB = -0.3215;
/// Stem water of woody classes, kg m-2 (0 for others).
double stemWater(int landCover);
/// Year factor of the vegetation for a calendar year (seeded).
double yearFactor(std::uint64_t seed, int year);

} // namespace vegetation
} // namespace soilscope::demo
