#pragma once
#include "base/time_utils.h"
#include "geo/grid.h"
#include "products/observation_mask.h"
#include "products/point_series_file.h"

#include <filesystem>
#include <string>
#include <vector>

namespace soilscope::products {

/// One overpass group of a SMAP L3 file: AM (descending, 6 am local solar time) or PM
/// (ascending, 6 pm), whose variables carry the suffix "_pm" in the PM group.
struct SmapPass {
    std::string group;  ///< Soil_Moisture_Retrieval_Data_AM or _PM
    std::string suffix; ///< "" or "_pm"
};

/// A SMAP Level 3 radiometer soil-moisture file (SPL3SMP 36 km, SPL3SMP_E 9 km; HDF5, read
/// through the netCDF-4 library): soil_moisture (cm³/cm³) and retrieval_qual_flag per pass on the
/// global EASE-Grid 2.0, with each pixel's observation time in tb_time_seconds (seconds since
/// 2000-01-01T11:58:55.816Z, the J2000 epoch). The file's own latitude/longitude (fill where
/// there is no retrieval) place it: the EPSG:6933 geotransform is fitted to them.
class SmapL3File {
  public:
    static bool recognises(const std::filesystem::path& path);
    explicit SmapL3File(const std::filesystem::path& path);

    const std::filesystem::path& path() const { return m_path; }
    /// The passes the file holds (AM, PM).
    const std::vector<SmapPass>& passes() const { return m_passes; }
    /// The EASE-Grid 2.0 grid (EPSG:6933) of the file, fitted to its latitude/longitude.
    const geo::Grid& grid() const { return m_grid; }
    /// Physical values of a pass variable ("soil_moisture" reads soil_moisture_pm in PM), rows of
    /// grid(), NaN for fill.
    std::vector<double> values(const SmapPass& pass, const std::string& variable) const;
    /// Units of a pass variable.
    std::string units(const SmapPass& pass, const std::string& variable) const;
    /// Observation times of a pass (TimePoint::min() where there is none).
    std::vector<TimePoint> times(const SmapPass& pass) const;

  private:
    std::filesystem::path m_path;
    std::vector<SmapPass> m_passes;
    geo::Grid m_grid;
};

/// The SMAP L3 files of a folder (recursively), in name order.
std::vector<std::filesystem::path> smapFilesIn(const std::filesystem::path& folder);

/// Series of a variable at lon/lat points from SMAP L3 files: both passes of every file, the
/// pixel containing each point, observations the mask rejects removed.
std::vector<LocationSeries> smapSeriesAt(const std::vector<std::filesystem::path>& files,
                                         const std::vector<std::pair<double, double>>& lonLat,
                                         const std::string& variable, const ObservationMask& mask);

} // namespace soilscope::products
