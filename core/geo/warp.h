#pragma once
#include "geo/grid.h"
#include "geo/raster.h"

#include <cstdint>
#include <string>
#include <vector>

namespace soilscope::geo {

/// Reprojects/resamples one band onto a target grid with GDAL's warper. Returns physical
/// values on `target` (row-major), NaN where there is no data or no source coverage.
/// Rasters placed by geolocation arrays (curvilinear NetCDF) are warped through them.
std::vector<float> warpBand(const Raster& source, int band, const Grid& target,
                            Resampling resampling, Feedback* feedback = nullptr);

/// Reprojects all bands of a raster onto a target grid (see warpBand).
std::vector<std::vector<float>> warpRaster(const Raster& source, const Grid& target,
                                           Resampling resampling, Feedback* feedback = nullptr);

/// Reprojects in-memory values (NaN = nodata) from a source grid onto a target grid.
std::vector<float> warpValues(const std::vector<float>& values, const Grid& source,
                              const Grid& target, Resampling resampling,
                              Feedback* feedback = nullptr);

/// Values computed on the pixels of a raster placed by geolocation arrays (same width and
/// height as `placedBy`; NaN = nodata), warped through those arrays onto `target`.
std::vector<std::vector<float>> warpThroughGeolocation(const std::vector<std::vector<float>>& bands,
                                                       const Raster& placedBy, const Grid& target,
                                                       Resampling resampling,
                                                       Feedback* feedback = nullptr);

/// A virtual raster of all bands of a raster placed by geolocation arrays, warped through them
/// (nearest pixel) onto `target` as it is read, with the bands' metadata and units: what a map
/// draws of a curvilinear grid. Returns its name (a GDAL VRT under /vsimem/). Throws
/// soilscope::Error naming the file for other rasters.
std::string geolocatedVrt(const Raster& placedBy, const Grid& target);

/// A regular WGS 84 grid covering a raster placed by geolocation arrays, its cell the finer of
/// the raster's mean ground spacings in degrees at the mean latitude. Throws soilscope::Error
/// naming the file for other rasters or when no pixel can be placed.
Grid geographicGridCovering(const Raster& placedBy);

/// Block aggregation of fine pixels into coarse cells.
struct BlockAggregate {
    std::vector<float> mean;     ///< mean of valid fine pixels; NaN below the coverage threshold
    std::vector<float> coverage; ///< valid fine area / coarse cell area, 0..1
    std::vector<std::uint32_t> count; ///< valid fine pixels per coarse cell
};

/// Mean of the valid fine pixels whose centres fall in each coarse cell, with the covered
/// fraction of the cell; cells with coverage < minCoverage (0..1) get NaN. The grids may use
/// different CRSs (e.g. 60 m UTM into 0.25° cells): areas are then compared in metres.
BlockAggregate aggregateBlocks(const std::vector<float>& fineValues, const Grid& fineGrid,
                               const Grid& coarseGrid, double minCoverage,
                               Feedback* feedback = nullptr);

/// How sampleAtPoints reads a value.
enum class SampleMode { Nearest, WindowMean };

/// Values at lon/lat points (WGS 84): the pixel containing the point, or the mean of the valid
/// pixels of a windowSize x windowSize window (odd) centred on it. NaN outside the raster or
/// when no valid pixel is found. Rasters placed by geolocation arrays are sampled through them.
std::vector<double> sampleAtPoints(const Raster& raster, int band,
                                   const std::vector<LonLat>& points, SampleMode mode,
                                   int windowSize = 3);

/// The same on in-memory values on a grid.
std::vector<double> sampleAtPoints(const std::vector<float>& values, const Grid& grid,
                                   const std::vector<LonLat>& points, SampleMode mode,
                                   int windowSize = 3);

} // namespace soilscope::geo
