#pragma once
#include "base/feedback.h"
#include "base/time_utils.h"
#include "geo/grid.h"
#include "geo/raster.h"
#include "products/gridding.h"
#include "products/point_source.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace soilscope::products {

/// What to take from a product without a grid of its own, and how to put it on a grid.
struct ProductGridding {
    std::string variable; ///< "" = the product's soil moisture
    std::string mask;     ///< observations to keep, e.g. "ssf == 1 and proc_flag == 0"
    GriddingMethod method = GriddingMethod::Nearest;
    double radiusKm = 0.0; ///< 0 = the product's own spacing (defaultGriddingRadiusKm)
    TimePoint from = TimePoint::min();
    TimePoint to = TimePoint::max(); ///< observations in [from, to)
};

/// A product on a grid: one band per UTC day (point products), per overpass (swaths) or per
/// pass of each file (SMAP L3).
struct GriddedProduct {
    std::vector<TimePoint> times;
    std::vector<std::vector<float>> bands; ///< rows of the grid, NaN where nothing qualifies
    std::string variable, units;
    double radiusKm = 0.0; ///< the radius used
};

/// Point products (ASCAT/ERS cells), swaths (ASCAT Level 2) and SMAP L3 files or folders: the
/// products that reach a project grid only through gridProduct.
bool needsGridding(ProductKind kind);
/// The search radius that finds a product's observation from any cell centre it covers:
/// 12.5 km for ASCAT (the WARP grid and the 12.5 km swath spacing), half the pixel diagonal of a
/// SMAP file's EASE-Grid 2.0 (25.5 km at 36 km).
double defaultGriddingRadiusKm(const std::filesystem::path& input, ProductKind kind);

/// The WGS 84 pixel size (degrees) a product is gridded at when none is asked for: near the
/// 12.5 km spacing of ASCAT's swaths and WARP grid.
inline constexpr double kDefaultGridResolutionDeg = 0.1;

/// The grid a product is put on when none is given: a SMAP file's own EASE-Grid 2.0 (the first
/// file's, for a folder), else a WGS 84 grid of `resolutionDeg` over the places the product
/// observes (edges on multiples of the resolution, within ±180° and ±90°). Throws
/// soilscope::Error naming the file when it has no place with coordinates.
geo::Grid productGrid(const std::filesystem::path& input, double resolutionDeg);

/// Puts `input` on `grid`. Point products become daily means of each grid point's observations
/// (labelled at the daily label time, 12:00 UTC by default), swaths one band per overpass and
/// SMAP files one band per pass (labelled with the median time of the observations used). Throws
/// soilscope::Error naming the file when nothing lies within reach, or the bands would not fit.
GriddedProduct gridProduct(const std::filesystem::path& input, const geo::Grid& grid,
                           const ProductGridding& how, Feedback& feedback);

/// Writes a gridded product as a GeoTIFF raster series (each band's time as its description, the
/// product's units) with `metadata` added, and a QGIS style fitted to its values beside it.
void writeGriddedProduct(const std::filesystem::path& out, const geo::Grid& grid,
                         const GriddedProduct& gridded,
                         const std::map<std::string, std::string>& metadata);

} // namespace soilscope::products
