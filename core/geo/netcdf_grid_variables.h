#pragma once
#include "base/time_utils.h"
#include "geo/grid.h"
#include "geo/raster.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace soilscope::geo {

/// A data variable of a netCDF file laid out [time, y, x] (or [y, x]) on a regularly spaced
/// grid, seen through GDAL's multidimensional API. GDAL's raster view of such a variable makes
/// one band per time step with its own metadata, which costs about a second per 10 000 steps at
/// every open; the coordinate variables give the same description in milliseconds, and a pixel's
/// whole series is one read instead of one per step.
struct NetcdfGridVariable {
    std::string file;
    std::string name;
    std::string dtype; ///< GDAL data type name of the stored values
    std::string units;
    std::optional<double> nodata;                  ///< _FillValue, else missing_value (as stored)
    std::map<std::string, std::string> attributes; ///< the variable's text attributes
    Grid grid;                    ///< north up, as GDAL's raster view places the variable
    bool bottomUp = false;        ///< rows stored south to north (read in reverse)
    std::vector<TimePoint> times; ///< in storage order; empty for a [y, x] variable
    std::string calendar;         ///< CF calendar of the time axis
    /// GDAL's subdataset name of the variable (NETCDF:"file":name), which geo::Raster opens.
    std::string subdataset() const { return "NETCDF:\"" + file + "\":" + name; }
};

/// The data variables of a netCDF file, or nullopt when the file is not netCDF or holds one
/// this reader does not cover (groups, other dimensions than time, y and x, coordinates that
/// are not 1-D and regularly spaced, unsigned packing): GDAL's raster view reads those. Throws
/// soilscope::Error naming the file when it is truncated or its time axis cannot be decoded.
std::optional<std::vector<NetcdfGridVariable>> describeNetcdfGridVariables(const std::string& file);

/// The file and variable of a subdataset name NETCDF:"file":variable, or nullopt.
std::optional<std::pair<std::string, std::string>> parseNetcdfSubdataset(const std::string& name);

/// The variable a file of one variable or a subdataset name (NETCDF:"file":variable) names, when
/// describeNetcdfGridVariables covers it; nullopt otherwise.
std::optional<NetcdfGridVariable> netcdfGridVariable(const std::string& name);

/// Reads one such variable as GDAL's raster view would: physical values (no-data and values
/// outside valid_range/valid_min/valid_max become NaN, then scale_factor and add_offset apply),
/// rows north up. Keeps the file open; one reader per thread.
class NetcdfGridReader {
  public:
    explicit NetcdfGridReader(const NetcdfGridVariable& variable);
    ~NetcdfGridReader();
    NetcdfGridReader(const NetcdfGridReader&) = delete;
    NetcdfGridReader& operator=(const NetcdfGridReader&) = delete;

    /// A window of time step `step` (storage order; 0 for a [y, x] variable).
    std::vector<float> readWindow(std::size_t step, const Window& window) const;
    /// Pixel (col, row) at every time step, in storage order.
    std::vector<float> readPixelSeries(int col, int row) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace soilscope::geo
