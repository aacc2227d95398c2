#include "analysis/subcell_attribution.h"

#include <cmath>

namespace soilscope::analysis {

SubCellAttribution::SubCellAttribution(std::vector<std::string> predictors, std::size_t cells)
    : m_predictors(std::move(predictors)), m_cells(cells),
      m_agreement(m_predictors.size(), WithinCellAgreement(cells)) {}

void SubCellAttribution::add(const std::vector<float>& rows, const std::vector<std::size_t>& where,
                             std::size_t pixelCount, const std::vector<std::int64_t>& cellOf,
                             const std::vector<float>& truth, const Predict& predict) {
    const std::size_t nf = m_predictors.size();
    auto cellOfRow = [&](std::size_t j) { return cellOf[where[j]]; };
    for (std::size_t k = 0; k < nf; ++k) {
        std::vector<double> sum(m_cells, 0.0);
        std::vector<std::size_t> n(m_cells, 0);
        for (std::size_t j = 0; j < where.size(); ++j)
            if (const auto c = cellOfRow(j); c >= 0) {
                sum[std::size_t(c)] += rows[j * nf + k];
                ++n[std::size_t(c)];
            }
        std::vector<float> held = rows;
        for (std::size_t j = 0; j < where.size(); ++j)
            if (const auto c = cellOfRow(j); c >= 0)
                held[j * nf + k] = float(sum[std::size_t(c)] / double(n[std::size_t(c)]));
        const auto yhat = predict(held.data(), where.size());
        std::vector<float> map(pixelCount, NAN);
        for (std::size_t j = 0; j < where.size(); ++j)
            map[where[j]] = yhat[j];
        m_agreement[k].add(map, truth, cellOf);
    }
}

} // namespace soilscope::analysis
