#pragma once
#include <array>
#include <cstddef>
#include <span>

namespace soilscope::analysis {

/// Triple collocation of three collocated data sets with independent errors, as pytesmo's
/// tcol_metrics (covariance notation, McColl et al. 2014; Gruber et al. 2016).
struct TripleCollocation {
    std::size_t n = 0;
    std::array<double, 3> snrDb{};    ///< signal-to-noise ratio of each data set in dB
    std::array<double, 3> errorStd{}; ///< error standard deviation, in the reference's units
    std::array<double, 3> beta{};     ///< scaling factor of each data set to the reference
};

/// Triple collocation metrics of x, y, z (equal length, finite, n >= 3); `referenceIndex`
/// (0, 1 or 2) selects the data set whose space errorStd and beta refer to. Throws
/// soilscope::Error on bad input.
TripleCollocation tripleCollocation(std::span<const double> x, std::span<const double> y,
                                    std::span<const double> z, int referenceIndex = 0);

} // namespace soilscope::analysis
