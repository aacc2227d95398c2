#pragma once
// Internal to core/workloads: the 14 predictors of the 60 m downscaling workload on the fine
// grid, and their aggregation into the 0.25° cells of the target product.
#include "base/time_utils.h"
#include "geo/grid.h"
#include "geo/raster_series.h"
#include "project/project_file.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::workloads {

/// The predictor stack of one date on the 60 m grid: 14 planes and the joint validity mask.
struct FineFrame {
    TimePoint date;
    std::vector<std::vector<float>> planes; ///< 14 × pixels, NaN outside the joint mask
    std::vector<std::uint8_t> valid;        ///< joint mask (all predictors valid, land cover kept)
    std::size_t validCount = 0;
};

/// Opens the fine-grid layers of an ffnn_downscaling_60m project and computes its 14
/// predictors per Sentinel-2 date: B05, B06, B8A, B11, NDVI, EVI, GNDVI, MSI (reflectance
/// valid in [3e-4, 1]), LST (> 274 K, nearest 1 km pixel), elevation, slope, precipitation
/// sums over 3 and 15 days (nearest 0.1° pixel) and sand; built-up and water masked.
class FineStack {
  public:
    /// rolePrefix selects another set of the same layers, e.g. "sample_" for 60 m pixels sampled
    /// over a larger area (the precipitation layer is shared).
    explicit FineStack(const project::ProjectFile& project, const std::string& rolePrefix = "");
    /// Whether the project has the layers of a role prefix.
    static bool available(const project::ProjectFile& project, const std::string& rolePrefix);

    static const std::vector<std::string>& names();
    const geo::Grid& grid() const { return m_grid; }
    /// The Sentinel-2 dates.
    const std::vector<TimePoint>& dates() const { return m_s2.front().times(); }
    /// The predictor stack of Sentinel-2 date index i.
    FineFrame frame(std::size_t i) const;

    /// Fine pixel → cell index of `coarse` (-1 outside) and each cell's area in fine pixels
    /// (so a cell's coverage is its valid share, also where the fine grid covers it partly).
    struct CellMap {
        std::vector<std::int64_t> cellOf;
        std::vector<double> cellAreaPixels;
    };
    CellMap cellMap(const geo::Grid& coarse) const;

  private:
    std::string m_file;
    geo::Grid m_grid;
    std::vector<geo::RasterSeries> m_s2; ///< B02 B03 B04 B05 B06 B08 B8A B11 B12
    std::optional<geo::RasterSeries> m_lst;
    std::optional<geo::RasterSeries> m_precip;
    std::vector<float> m_elevation, m_slope, m_sand, m_landCover;
    std::vector<std::int64_t> m_lstIndex;    ///< fine pixel → LST pixel (-1 outside)
    std::vector<std::int64_t> m_precipIndex; ///< fine pixel → precipitation pixel
};

/// The per-pixel noise covariance of the predictors (names() order) that change from date to
/// date, estimated on up to `dates` mostly clear dates spread over the stack's dates (static
/// layers get none); empty when no date has usable pixels.
std::vector<double> estimatePixelNoise(const FineStack& stack, std::size_t dates);

/// Per-cell means of the valid fine pixels of each plane and the valid share of each cell.
struct CellMeans {
    std::vector<std::vector<float>> planes; ///< planes × cells (NaN: no valid pixel)
    std::vector<double> coverage;           ///< valid fine area / cell area
};
CellMeans aggregateToCells(const std::vector<std::vector<float>>& planes,
                           const std::vector<std::uint8_t>& valid, const FineStack::CellMap& map,
                           std::size_t cells);

} // namespace soilscope::workloads
