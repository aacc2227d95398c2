#pragma once
#include "geo/grid.h"

#include <string>
#include <vector>

namespace soilscope::products {

/// How scattered observations (grid points, swath nodes) become raster cells.
enum class GriddingMethod {
    Nearest,         ///< the nearest observation within the radius of the cell centre
    InverseDistance, ///< the inverse-distance-squared mean of those within the radius
    CellMean,        ///< the mean of the observations that fall inside the cell
};

/// "nearest", "idw", "mean"; throws soilscope::UsageError for others.
GriddingMethod parseGriddingMethod(const std::string& text);

/// Scattered lon/lat values on a grid (row-major, NaN where no observation qualifies). NaN
/// values are ignored. Distances are great-circle distances between lon/lat positions.
class PointGridder {
  public:
    PointGridder(const geo::Grid& grid, GriddingMethod method, double radiusKm);

    /// Grids one set of observations (e.g. one day, one overpass).
    std::vector<float> grid(const std::vector<double>& lon, const std::vector<double>& lat,
                            const std::vector<double>& values) const;

  private:
    geo::Grid m_grid;
    GriddingMethod m_method;
    double m_radiusKm;
    std::vector<double> m_cellLon, m_cellLat; ///< cell centres
};

} // namespace soilscope::products
