#pragma once
#include "products/point_series_file.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::products {

/// A folder of point-series cell files (ASCAT/ERS WARP cells such as
/// TUW_METOP_ASCAT_WARP55R12_1358.nc, one 5°×5° cell each), optionally with the product's grid
/// file (a netCDF file with gpi, lon, lat and cell variables, e.g. TUW_WARP5_grid_info_2_3.nc).
/// With a grid file the nearest grid point and its cell come from the grid; without one every
/// cell's locations are compared.
class CellFolder {
  public:
    /// True for a folder holding at least one point-series file.
    static bool recognises(const std::filesystem::path& folder);
    /// Lists the cell files and finds the grid file; throws soilscope::Error naming the folder
    /// when it holds no cell file.
    explicit CellFolder(const std::filesystem::path& folder);

    const std::vector<std::filesystem::path>& cells() const { return m_cells; }
    /// The grid file, empty when the folder has none.
    const std::filesystem::path& gridFile() const { return m_grid; }

    /// The cell file and location nearest to lon/lat, with the distance in km.
    struct Found {
        std::filesystem::path cell;
        std::size_t location = 0;
        double distanceKm = 0.0;
    };
    Found nearest(double lon, double lat) const;
    /// The cell file and location of a grid-point id; throws when no cell holds it.
    Found findId(long long id) const;

  private:
    std::optional<std::filesystem::path> cellFileOf(long long cell) const;
    std::filesystem::path m_folder;
    std::vector<std::filesystem::path> m_cells;
    std::filesystem::path m_grid;
};

} // namespace soilscope::products
