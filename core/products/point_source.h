#pragma once
// One entry to the distributed products that give a series at a point.
#include "base/feedback.h"
#include "series/time_series.h"

#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::products {

enum class ProductKind {
    None,
    PointSeriesFile, ///< a CF timeSeries file (ASCAT/ERS WARP cell)
    CellFolder,      ///< a folder of such cells (with or without the grid file)
    ImageFolder,     ///< a folder of dated daily images (ESA CCI SM)
    SwathFile,       ///< a satellite swath (EUMETSAT ASCAT Level 2 soil moisture)
    SwathFolder,     ///< a folder of swaths: a series of overpasses
    SmapFile,        ///< a SMAP L3 radiometer file (AM and PM passes, EASE-Grid 2.0)
    SmapFolder,      ///< a folder of SMAP L3 files
    Sentinel1Folder, ///< a folder of Sentinel-1 σ⁰ scenes (GeoTIFF per acquisition)
};

/// What a path is, by content (not by extension); None for anything else.
ProductKind recogniseProduct(const std::filesystem::path& path);
/// "ASCAT/ERS point time series (CF timeSeries)", ...
std::string describeProductKind(ProductKind kind);

/// Which series to take from a product.
struct PointQuery {
    std::optional<double> lon, lat; ///< the nearest location / the pixel containing it
    std::optional<long long> id;    ///< a location id (ASCAT grid point index)
    std::string variable;           ///< empty: the product's soil moisture
    std::string mask;               ///< ObservationMask text, e.g. "ssf == 1 and proc_flag == 0"
    /// Farthest location accepted; swaths take the nearest node within it (25 km when infinite).
    double maxDistanceKm = std::numeric_limits<double>::infinity();
    /// Per-location porosity variable (ASCAT: por_gldas, por_hwsd): degree of saturation in %
    /// becomes volumetric m3 m-3 (sm / 100 × porosity).
    std::string porosity;
};

/// A series taken from a product, with where it was taken and what was removed.
struct PointSeries {
    series::TimeSeries series;
    std::string description; ///< "TUW_..._1358.nc gpi 1234 (8.12 E, 42.3 N, 3.1 km away) sm"
    double lon = std::numeric_limits<double>::quiet_NaN();
    double lat = std::numeric_limits<double>::quiet_NaN();
    double distanceKm = std::numeric_limits<double>::quiet_NaN();
    std::size_t observations = 0, masked = 0, duplicates = 0;
    series::TimeSeries rejected; ///< the observations the mask removed (point-series files)
};

/// Reads the series the query names. Throws soilscope::Error naming the file: no location
/// given, nearest location farther than maxDistanceKm, unknown variable, a mask variable the
/// product lacks, a porosity for a variable that is not a percentage.
PointSeries readPointSeries(const std::filesystem::path& path, const PointQuery& query,
                            Feedback& feedback);

/// The series at many points (stations): the query's place is ignored; a point whose nearest
/// location is farther than maxDistanceKm (or outside an image grid) gets an empty series whose
/// description says why. Cell files are opened once each.
std::vector<PointSeries> readPointSeriesAt(const std::filesystem::path& path,
                                           const std::vector<std::pair<double, double>>& lonLat,
                                           const PointQuery& query, Feedback& feedback);

} // namespace soilscope::products
