#pragma once
// How well a fine map reproduces the sub-cell pattern of another: the correlation of their
// deviations from their own coarse-cell means, date by date and pooled over dates.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace soilscope::analysis {

class WithinCellAgreement {
  public:
    /// cells: how many coarse cells the cell index of add() ranges over.
    explicit WithinCellAgreement(std::size_t cells) : m_cells(cells) {}

    /// One date: a and b over the same pixels, cellOf[j] the pixel's cell (< 0: none). Pixels
    /// where either is not finite are left out, and cells with fewer than two pixels. Returns
    /// this date's correlation of the deviations (NaN when undefined).
    double add(const std::vector<float>& a, const std::vector<float>& b,
               const std::vector<std::int64_t>& cellOf);

    /// Pooled over the dates added: correlation, pixel count and the deviations' spreads.
    double r() const;
    std::size_t count() const { return m_count; }
    double sdA() const;
    double sdB() const;

  private:
    std::size_t m_cells;
    double m_aa = 0.0, m_bb = 0.0, m_ab = 0.0;
    std::size_t m_count = 0;
};

} // namespace soilscope::analysis
