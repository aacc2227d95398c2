#pragma once
#include "base/time_utils.h"
#include "geo/grid.h"
#include "geo/netcdf_grid_variables.h"
#include "geo/raster.h"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::geo {

/// One variable of a raster file, as listed by RasterSeries::listVariables.
struct RasterVariable {
    std::string name; ///< variable name (NetCDF variable, band description or file stem)
    std::string
        source; ///< what Raster/RasterSeries::open take to read it (subdataset name or path)
    int bands = 0;
    std::string dtype;
    std::string units;
    std::vector<TimePoint> times;                  ///< empty when the variable has no time axis
    Grid grid;                                     ///< the grid its bands lie on
    std::map<std::string, std::string> attributes; ///< metadata of its first band
    std::optional<double> nodata;                  ///< of its first band
};

/// A raster with a time axis: a NetCDF/HDF variable with CF time units (any CF calendar),
/// GRIB messages with valid times, a multi-band raster whose band descriptions are ISO dates,
/// or a folder of dated files. A netCDF `expver` dimension (ERA5 downloads that mix final
/// ERA5 and preliminary ERA5T) is merged: each time takes the first version with a value.
/// Times are sorted ascending. Reading keeps one GDAL handle open, so use one RasterSeries
/// per thread (copies are independent).
class RasterSeries {
  public:
    /// Opens a file's time series. `variable` selects a NetCDF/HDF variable and may be empty
    /// when the file holds one data variable. Throws soilscope::Error naming the file when
    /// there is no time axis (neither CF time metadata nor ISO dates as band descriptions).
    static RasterSeries open(const std::filesystem::path& path, const std::string& variable = {});
    /// open() for a variable of a netCDF file (or its subdataset name NETCDF:"file":variable)
    /// that describeNetcdfGridVariables covers; nullopt for other files and variables.
    static std::optional<RasterSeries> openNetcdfGrid(const std::string& path,
                                                      const std::string& variable = {});

    /// A series from the files of a folder whose names match `pattern`: a template with date
    /// fields in braces such as "sm_{YYYYMMDD}.tif", "S1_{YYYY-MM-DD}T{hhmmss}_*.tif",
    /// "MOD_{YYYY}{DDD}.tif" (DDD = day of year; * and ? are wildcards), or — without braces —
    /// a regular expression over the whole file name whose first capture group is the date
    /// (ISO or compact digits such as 20170810, 2017081012, 2017222). All files must share a grid.
    /// `variable` names the NetCDF/HDF variable of every file (its subdataset) instead of a band.
    static RasterSeries fromFolder(const std::filesystem::path& folder, const std::string& pattern,
                                   int band = 1, Feedback* feedback = nullptr,
                                   const std::string& variable = {});

    /// The file-name pattern of a folder of dated files SoilScope knows by their distributed
    /// names (ESA CCI SM daily images), or "" when the folder holds none.
    static std::string knownFolderPattern(const std::filesystem::path& folder);

    /// A folder of dated images SoilScope knows (knownFolderPattern): `variable` (default "sm")
    /// of every file, one step per day. Throws soilscope::Error naming the folder when it holds
    /// no such images or mixes products or versions.
    static RasterSeries fromKnownFolder(const std::filesystem::path& folder,
                                        const std::string& variable = {});
    /// fromKnownFolder as one raster: a VRT in GDAL's memory (/vsimem/, for the process's
    /// lifetime) with one band per day, and the days' times.
    static std::pair<std::string, std::vector<TimePoint>>
    folderAsVrt(const std::filesystem::path& folder, const std::string& variable = {});

    /// Writes a GDAL VRT (a path GDAL can write, /vsimem/ included) with one band per time
    /// step of this series, described by its ISO time: a multi-file series as one raster,
    /// readable wherever a raster series is. Throws soilscope::Error naming the path.
    void writeVrt(const std::string& path) const;

    /// The data variables of a file: NetCDF/HDF subdatasets without coordinate and bounds
    /// variables, each with its times; other formats give one variable.
    static std::vector<RasterVariable> listVariables(const std::filesystem::path& path);
    /// listVariables of a netCDF file described by describeNetcdfGridVariables.
    static std::vector<RasterVariable>
    listVariables(const std::vector<NetcdfGridVariable>& variables);

    /// Times of the bands of an open raster: CF time metadata, else ISO band descriptions;
    /// one entry per band, or empty when the raster has no time axis.
    static std::vector<TimePoint> bandTimes(const Raster& raster);

    RasterSeries(const RasterSeries& other);
    RasterSeries& operator=(const RasterSeries& other);
    RasterSeries(RasterSeries&&) noexcept;
    RasterSeries& operator=(RasterSeries&&) noexcept;
    ~RasterSeries();

    /// Number of time steps.
    std::size_t size() const { return m_steps.size(); }
    /// All times, ascending.
    const std::vector<TimePoint>& times() const { return m_times; }
    /// The common grid.
    const Grid& grid() const { return m_grid; }
    /// Variable name.
    const std::string& variable() const { return m_variable; }
    /// Physical units ("" when unknown).
    const std::string& units() const { return m_units; }
    /// GDAL data type name of the stored values.
    const std::string& dtype() const { return m_dtype; }
    /// The CF calendar of the time axis ("" for non-CF series).
    const std::string& calendar() const { return m_calendar; }
    /// The file or subdataset holding time step i.
    const std::string& sourceOf(std::size_t i) const;
    /// Values of time step i (physical, nodata -> NaN, row-major on grid()).
    std::vector<float> readTime(std::size_t i) const;
    /// A window of time step i (physical values, nodata -> NaN).
    std::vector<float> readTimeWindow(std::size_t i, const Window& window) const;
    /// One pixel's value at every time step, in time order (reads one pixel per step).
    std::vector<float> readPixelSeries(int col, int row) const;
    /// Fractional pixel positions of lon/lat (WGS 84) points on grid(), also for series placed
    /// by geolocation arrays (see Raster::lonLatToPixel).
    std::vector<PixelPoint> lonLatToPixel(const std::vector<LonLat>& points) const;
    /// Index of the time step nearest to `time` within `tolerance`, or nullopt.
    std::optional<std::size_t>
    indexOf(TimePoint time, std::chrono::seconds tolerance = std::chrono::seconds{0}) const;

  private:
    struct Step {
        std::string source;
        int band = 1;
        std::vector<int> fillers; ///< bands filling the missing values (ERA5T after ERA5)
    };
    RasterSeries() = default;
    void sortByTime();
    std::vector<Step> m_steps;
    std::vector<TimePoint> m_times;
    Grid m_grid;
    std::string m_variable;
    std::string m_units;
    std::string m_dtype;
    std::string m_calendar;
    mutable std::unique_ptr<Raster> m_open; ///< the handle of the last read source
    /// A netCDF variable [time, y, x] on a regular grid: read through the multidimensional API.
    std::optional<NetcdfGridVariable> m_netcdf;
    mutable std::unique_ptr<NetcdfGridReader> m_netcdfReader;
    const NetcdfGridReader& netcdfReader() const;
};

} // namespace soilscope::geo
