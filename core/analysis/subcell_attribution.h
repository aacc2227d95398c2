#pragma once
// Which predictors carry a fine map's sub-cell pattern: the map is recomputed with one
// predictor at a time held at its cell mean of the date, and its deviations from the cell
// means are compared with the truth's (correlation and spread), predictor by predictor.
#include "analysis/within_cell_agreement.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace soilscope::analysis {

class SubCellAttribution {
  public:
    using Predict = std::function<std::vector<float>(const float* rows, std::size_t n)>;

    SubCellAttribution(std::vector<std::string> predictors, std::size_t cells);

    /// One date: rows holds where.size() rows of the predictors as the model takes them, for
    /// the pixels `where` of a grid of pixelCount pixels; cellOf maps a pixel to its cell.
    void add(const std::vector<float>& rows, const std::vector<std::size_t>& where,
             std::size_t pixelCount, const std::vector<std::int64_t>& cellOf,
             const std::vector<float>& truth, const Predict& predict);

    const std::vector<std::string>& predictors() const { return m_predictors; }
    /// The agreement with predictor k held at its cell means.
    const WithinCellAgreement& heldAtCellMean(std::size_t k) const { return m_agreement.at(k); }

  private:
    std::vector<std::string> m_predictors;
    std::size_t m_cells;
    std::vector<WithinCellAgreement> m_agreement;
};

} // namespace soilscope::analysis
