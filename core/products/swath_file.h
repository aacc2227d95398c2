#pragma once
#include "base/time_utils.h"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::products {

class NetcdfFile;

/// A satellite swath file: latitude and longitude per node on (rows, cells) and the time of
/// each row (or of each node), such as EUMETSAT ASCAT Level 2 soil moisture (12.5 and 25 km,
/// netCDF: utc_line_nodes, latitude/longitude scaled integers, soil_moisture in percent).
/// Throws soilscope::Error naming the file when lat/lon or time are missing or disagree.
class SwathFile {
  public:
    explicit SwathFile(const std::filesystem::path& path);
    ~SwathFile();
    SwathFile(SwathFile&&) noexcept;
    SwathFile& operator=(SwathFile&&) noexcept;

    /// True for a netCDF file with 2-D latitude/longitude and a time over its rows (or nodes).
    static bool recognises(const std::filesystem::path& path);

    const std::string& path() const;
    std::size_t nodeCount() const { return m_lon.size(); }
    const std::vector<double>& lon() const { return m_lon; } ///< NaN for nodes without a place
    const std::vector<double>& lat() const { return m_lat; }
    TimePoint timeOf(std::size_t node) const;
    /// The soil-moisture variable ("soil_moisture"), "" when the file has none.
    std::string soilMoistureVariable() const;
    /// Units of a variable ("" when it has none).
    std::string units(const std::string& variable) const;
    /// Physical values of a node variable (rows x cells, or per row repeated over the cells).
    std::vector<double> values(const std::string& variable) const;
    /// The node nearest to lon/lat within maxKm, with its distance.
    std::optional<std::pair<std::size_t, double>> nearest(double lon, double lat,
                                                          double maxKm) const;

  private:
    std::unique_ptr<NetcdfFile> m_file;
    std::string m_rowDim;
    std::size_t m_rows = 0, m_cells = 0;
    std::vector<double> m_lon, m_lat;
    std::vector<TimePoint> m_times; ///< per row, or per node
};

/// The swath files of a folder (not recursive), in name order.
std::vector<std::filesystem::path> swathFilesIn(const std::filesystem::path& folder);

} // namespace soilscope::products
