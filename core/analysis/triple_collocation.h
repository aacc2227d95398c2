#pragma once
#include <array>
#include <cstddef>
#include <span>
#include <vector>

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

/// Collocation metrics of N ≥ 3 data sets with mutually independent errors.
struct Collocation {
    std::size_t n = 0;
    std::vector<double> snrDb;    ///< per data set
    std::vector<double> errorStd; ///< in the reference's units; NaN for a negative error variance
    std::vector<double> beta;     ///< scaling factor of each data set to the reference
};

/// Extended collocation (Gruber et al. 2016) of N ≥ 3 collocated data sets (equal length,
/// finite): with the model Q_ij = a_i a_j for i ≠ j, log a is fitted by least squares to the
/// logarithms of every off-diagonal covariance (closed form), error variances are Q_ii − a_i².
/// For three data sets it reduces to triple collocation (tested against tripleCollocation).
/// Throws soilscope::Error when a covariance between two data sets is not positive.
Collocation extendedCollocation(const std::vector<std::vector<double>>& columns,
                                int referenceIndex = 0);

} // namespace soilscope::analysis
