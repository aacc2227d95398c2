#include "analysis/triple_collocation.h"

#include "base/error.h"

#include <cmath>
#include <limits>

namespace soilscope::analysis {

TripleCollocation tripleCollocation(std::span<const double> x, std::span<const double> y,
                                    std::span<const double> z, int referenceIndex) {
    if (x.size() != y.size() || x.size() != z.size())
        throw Error("triple collocation: the three data sets differ in length");
    if (referenceIndex < 0 || referenceIndex > 2)
        throw Error("triple collocation: the reference index must be 0, 1 or 2");
    const std::size_t n = x.size();
    if (n < 3)
        throw Error("triple collocation needs at least 3 collocated triplets");
    const std::array<std::span<const double>, 3> d{x, y, z};
    std::array<double, 3> mean{};
    for (int k = 0; k < 3; ++k) {
        for (const double v : d[k]) {
            if (!std::isfinite(v))
                throw Error("triple collocation: inputs must be finite");
            mean[k] += v;
        }
        mean[k] /= static_cast<double>(n);
    }
    double cov[3][3] = {};
    for (std::size_t i = 0; i < n; ++i) {
        const double a[3] = {x[i] - mean[0], y[i] - mean[1], z[i] - mean[2]};
        for (int p = 0; p < 3; ++p)
            for (int q = p; q < 3; ++q)
                cov[p][q] += a[p] * a[q];
    }
    for (int p = 0; p < 3; ++p)
        for (int q = p; q < 3; ++q) {
            cov[p][q] /= static_cast<double>(n - 1);
            cov[q][p] = cov[p][q];
        }

    TripleCollocation out;
    out.n = n;
    std::array<double, 3> errVar{};
    for (int i = 0; i < 3; ++i) {
        const int j = (i + 1) % 3, k = (i + 2) % 3;
        const double ratio = cov[i][i] * cov[j][k] / (cov[i][j] * cov[i][k]);
        out.snrDb[i] = 10.0 * std::log10(1.0 / (ratio - 1.0));
        errVar[i] = cov[i][i] - cov[i][j] * cov[i][k] / cov[j][k];
    }
    for (int i = 0; i < 3; ++i) {
        if (i == referenceIndex) {
            out.beta[i] = 1.0;
        } else {
            const int other = 3 - i - referenceIndex; // the data set that is neither i nor ref
            out.beta[i] = cov[referenceIndex][other] / cov[i][other];
        }
        out.errorStd[i] = errVar[i] >= 0.0 ? std::sqrt(errVar[i]) * out.beta[i]
                                           : std::numeric_limits<double>::quiet_NaN();
    }
    return out;
}

} // namespace soilscope::analysis
