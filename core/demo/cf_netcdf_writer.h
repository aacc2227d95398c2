#pragma once
#include "base/time_utils.h"
#include "geo/grid.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace soilscope::demo {

/// How a variable is stored on disk. Int16 and Byte are packed with scale/offset
/// (physical = raw * scale + offset) and a _FillValue for missing values.
enum class NcStorage { Float32, Float64, Int16, Byte };

/// One data variable of a CF NetCDF file.
struct NcVariable {
    std::string name;
    std::string longName;
    std::string standardName; ///< CF standard name; empty when none fits
    std::string units;
    NcStorage storage = NcStorage::Float32;
    double scale = 1.0;
    double offset = 0.0;
    bool timeDependent = true;
    std::map<std::string, std::string> textAttributes; ///< e.g. flag_meanings, comment
    std::vector<double> flagValues;                    ///< written as flag_values when not empty
};

/// Writes a CF-1.8 NetCDF-4 file with (time, y, x) variables on a north-up grid: coordinate
/// variables (lat/lon or projected x/y), a grid-mapping variable from the grid's CRS, a CF time
/// axis, DEFLATE compression and no time stamps, so that the same data give the same bytes.
/// The file is written under a temporary name and renamed on close().
class CfNetcdfWriter {
  public:
    /// Creates the file; times may be empty for a file of static variables only.
    CfNetcdfWriter(const std::filesystem::path& path, const geo::Grid& grid,
                   const std::vector<TimePoint>& times, const std::vector<NcVariable>& variables,
                   const std::map<std::string, std::string>& globalAttributes);
    ~CfNetcdfWriter();
    CfNetcdfWriter(const CfNetcdfWriter&) = delete;
    CfNetcdfWriter& operator=(const CfNetcdfWriter&) = delete;

    /// Writes nt consecutive time steps from t0 of a variable; data holds nt * ny * nx physical
    /// values (row 0 = north), NaN = missing. Static variables take t0 = 0, nt = 1.
    void write(const std::string& variable, std::size_t t0, std::size_t nt, const float* data);
    /// Double-precision overload (for Float64 variables such as water-balance fluxes).
    void write(const std::string& variable, std::size_t t0, std::size_t nt, const double* data);
    /// Closes the file and moves it into place.
    void close();
    /// Number of time steps.
    std::size_t timeCount() const { return m_timeCount; }
    /// Time steps per chunk on disk (write in multiples of it for speed).
    std::size_t timeChunk() const { return m_timeChunk; }

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::filesystem::path m_path;
    std::filesystem::path m_tmp;
    std::size_t m_timeCount = 0;
    std::size_t m_timeChunk = 1;
    bool m_closed = false;
};

} // namespace soilscope::demo
