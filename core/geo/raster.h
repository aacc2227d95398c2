#pragma once
#include "geo/grid.h"

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::geo {

/// Resampling kernels for warping and reduced-resolution reads.
enum class Resampling { Nearest, Bilinear, Average };

/// "nearest", "bilinear", "average".
const char* resamplingName(Resampling r);
/// Parses "nearest" / "bilinear" / "average"; throws soilscope::Error otherwise.
Resampling parseResampling(const std::string& name);

/// A pixel window of a raster.
struct Window {
    int x0 = 0;
    int y0 = 0;
    int width = 0;
    int height = 0;
};

/// What describes one band (1-based index).
struct BandInfo {
    int index = 1;
    std::string dtype;            ///< GDAL data type name: "Byte", "Int16", "Float32", ...
    std::optional<double> nodata; ///< raw (unscaled) nodata value
    double scale = 1.0;           ///< physical = raw * scale + offset
    double offset = 0.0;
    std::string units;
    std::string description;
    bool hasColorTable = false;
    int overviewCount = 0;
    std::map<std::string, std::string> metadata; ///< default-domain band metadata
};

/// Valid-pixel statistics of a band (nodata and NaN excluded, scale/offset applied).
struct BandStatistics {
    std::size_t validCount = 0;
    std::size_t totalCount = 0;
    double min = 0.0; ///< NaN when validCount == 0 (also max, mean, stddev)
    double max = 0.0;
    double mean = 0.0;
    double stddev = 0.0;
};

/// A read-only GDAL raster (any format GDAL reads). One Raster per thread: the handle is not
/// shared (opened with shared = false) and must not be used from two threads at once.
/// Reads return physical values (scale/offset applied) with nodata as NaN. A NetCDF grid with
/// CF lon/lat axes (degrees_east/north) but no grid_mapping is taken as WGS 84, as CF implies.
class Raster {
  public:
    /// Opens a raster or subdataset name ("NETCDF:\"f.nc\":var"); throws soilscope::Error naming
    /// the file with GDAL's message when it cannot be opened, is not a raster, or is inconsistent.
    explicit Raster(const std::filesystem::path& path);
    ~Raster();
    Raster(Raster&&) noexcept;
    Raster& operator=(Raster&&) noexcept;
    Raster(const Raster&) = delete;
    Raster& operator=(const Raster&) = delete;

    /// The path or subdataset name as given.
    const std::string& path() const { return m_path; }
    /// GDAL driver short name ("GTiff", "netCDF", ...).
    std::string driverName() const;
    /// The grid (CRS, geotransform, size).
    const Grid& grid() const { return m_grid; }
    /// Number of columns.
    int width() const { return m_grid.width(); }
    /// Number of rows.
    int height() const { return m_grid.height(); }
    /// Number of bands (0 for a container of subdatasets).
    int bandCount() const { return m_bandCount; }
    /// Band properties (1-based); throws soilscope::Error for an invalid index.
    BandInfo band(int band) const;
    /// True when the raster is positioned by geolocation arrays (e.g. 2-D lat/lon in NetCDF)
    /// rather than a geotransform; warp uses them automatically.
    bool hasGeolocationArrays() const;
    /// True when the file carried a geotransform (false: the grid is in pixel units).
    bool hasGeoTransform() const { return m_hasGeoTransform; }

    /// Fractional pixel positions of lon/lat (WGS 84) points: through the CRS and geotransform,
    /// or, for rasters placed by geolocation arrays, by inverting those arrays. NaN where a
    /// point cannot be placed.
    std::vector<PixelPoint> lonLatToPixel(const std::vector<LonLat>& points) const;

    /// Lon/lat (WGS 84) of fractional pixel positions, through the geotransform and CRS or the
    /// geolocation arrays; NaN where a position cannot be placed.
    std::vector<LonLat> pixelToLonLat(const std::vector<PixelPoint>& pixels) const;
    /// The mean ground distance in metres between neighbouring pixel centres along rows (dx)
    /// and columns (dy) of a raster placed by geolocation arrays (great circle, over a lattice
    /// of the raster); nullopt for other rasters or when no pair can be placed.
    std::optional<GroundSpacing> geolocationSpacing() const;

    /// Whole band as physical values, row-major, nodata -> NaN.
    std::vector<float> readBand(int band) const;
    /// A window as physical values, row-major, nodata -> NaN.
    std::vector<float> readWindow(int band, int x0, int y0, int width, int height) const;
    /// A window as physical values.
    std::vector<float> readWindow(int band, const Window& window) const;
    /// A window as double-precision physical values.
    std::vector<double> readWindowDouble(int band, const Window& window) const;
    /// A window read into an outWidth x outHeight buffer; GDAL uses overviews where they exist.
    std::vector<float> readWindowResampled(int band, const Window& window, int outWidth,
                                           int outHeight,
                                           Resampling resampling = Resampling::Average) const;
    /// Valid-pixel statistics computed from the data (not from cached metadata).
    BandStatistics statistics(int band) const;

    /// Dataset metadata of a domain ("" = default, "SUBDATASETS", "GEOLOCATION", ...).
    std::map<std::string, std::string> metadata(const std::string& domain = {}) const;
    /// One dataset metadata item, empty when absent.
    std::string metadataItem(const std::string& key, const std::string& domain = {}) const;
    /// Subdataset names (openable with Raster), e.g. every variable of a NetCDF file.
    std::vector<std::string> subdatasets() const;

    /// The underlying GDALDatasetH, for code in core/geo that calls GDAL directly.
    void* nativeHandle() const { return m_dataset; }

    /// The netCDF library lock (see netcdf_lock.h) for a netCDF dataset, an empty lock for other
    /// formats: hold it around direct GDAL calls on nativeHandle().
    std::unique_lock<std::recursive_mutex> libraryLock() const;

  private:
    void checkBand(int band) const;
    void checkGeolocation() const;
    std::string m_path;
    void* m_dataset = nullptr;
    Grid m_grid;
    int m_bandCount = 0;
    bool m_hasGeoTransform = false;
    bool m_netcdf = false; ///< read through GDAL's netCDF driver
};

/// Counts the finite values of a buffer.
std::size_t countValid(const std::vector<float>& values);
/// Throws soilscope::Error "all nodata" naming the context when no value is finite.
void requireValidData(const std::vector<float>& values, const std::string& context);

} // namespace soilscope::geo
