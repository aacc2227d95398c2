#include "analysis/within_cell_agreement.h"

#include <cmath>

namespace soilscope::analysis {

double WithinCellAgreement::add(const std::vector<float>& a, const std::vector<float>& b,
                                const std::vector<std::int64_t>& cellOf) {
    std::vector<double> sumA(m_cells, 0.0), sumB(m_cells, 0.0);
    std::vector<std::size_t> n(m_cells, 0);
    auto usable = [&](std::size_t j) {
        return cellOf[j] >= 0 && std::size_t(cellOf[j]) < m_cells && std::isfinite(a[j]) &&
               std::isfinite(b[j]);
    };
    for (std::size_t j = 0; j < a.size(); ++j)
        if (usable(j)) {
            const std::size_t c = std::size_t(cellOf[j]);
            sumA[c] += a[j];
            sumB[c] += b[j];
            ++n[c];
        }
    double aa = 0.0, bb = 0.0, ab = 0.0;
    std::size_t count = 0;
    for (std::size_t j = 0; j < a.size(); ++j) {
        if (!usable(j))
            continue;
        const std::size_t c = std::size_t(cellOf[j]);
        if (n[c] < 2)
            continue;
        const double da = a[j] - sumA[c] / double(n[c]), db = b[j] - sumB[c] / double(n[c]);
        aa += da * da;
        bb += db * db;
        ab += da * db;
        ++count;
    }
    m_aa += aa;
    m_bb += bb;
    m_ab += ab;
    m_count += count;
    return aa > 0.0 && bb > 0.0 ? ab / std::sqrt(aa * bb) : NAN;
}

double WithinCellAgreement::r() const {
    return m_aa > 0.0 && m_bb > 0.0 ? m_ab / std::sqrt(m_aa * m_bb) : NAN;
}

double WithinCellAgreement::sdA() const {
    return m_count ? std::sqrt(m_aa / double(m_count)) : NAN;
}

double WithinCellAgreement::sdB() const {
    return m_count ? std::sqrt(m_bb / double(m_count)) : NAN;
}

} // namespace soilscope::analysis
