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

Collocation extendedCollocation(const std::vector<std::vector<double>>& columns,
                                int referenceIndex) {
    const std::size_t m = columns.size();
    if (m < 3)
        throw Error("extended collocation needs at least 3 data sets");
    if (referenceIndex < 0 || static_cast<std::size_t>(referenceIndex) >= m)
        throw Error("extended collocation: the reference index is out of range");
    const std::size_t n = columns.front().size();
    for (const auto& c : columns) {
        if (c.size() != n)
            throw Error("extended collocation: the data sets differ in length");
        for (const double v : c)
            if (!std::isfinite(v))
                throw Error("extended collocation: inputs must be finite");
    }
    if (n < 3)
        throw Error("extended collocation needs at least 3 collocated samples");
    std::vector<double> mean(m, 0.0);
    for (std::size_t k = 0; k < m; ++k) {
        for (const double v : columns[k])
            mean[k] += v;
        mean[k] /= static_cast<double>(n);
    }
    std::vector<std::vector<double>> q(m, std::vector<double>(m, 0.0));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t p = 0; p < m; ++p)
            for (std::size_t r = p; r < m; ++r)
                q[p][r] += (columns[p][i] - mean[p]) * (columns[r][i] - mean[r]);
    for (std::size_t p = 0; p < m; ++p)
        for (std::size_t r = p; r < m; ++r) {
            q[p][r] /= static_cast<double>(n - 1);
            q[r][p] = q[p][r];
        }
    // Normal equations of log a_i + log a_j = log Q_ij: ((m − 2) I + J) x = S.
    std::vector<double> sumLog(m, 0.0);
    double total = 0.0;
    for (std::size_t p = 0; p < m; ++p)
        for (std::size_t r = p + 1; r < m; ++r) {
            if (!(q[p][r] > 0.0))
                throw Error("extended collocation needs a positive covariance between every pair "
                            "of data sets (data sets " +
                            std::to_string(p + 1) + " and " + std::to_string(r + 1) + ": " +
                            std::to_string(q[p][r]) + ")");
            const double y = std::log(q[p][r]);
            sumLog[p] += y;
            sumLog[r] += y;
            total += y;
        }
    const double md = static_cast<double>(m);
    const double sumX = total / (md - 1.0);
    Collocation out;
    out.n = n;
    std::vector<double> a(m);
    for (std::size_t p = 0; p < m; ++p)
        a[p] = std::exp((sumLog[p] - sumX) / (md - 2.0));
    const auto ref = static_cast<std::size_t>(referenceIndex);
    for (std::size_t p = 0; p < m; ++p) {
        const double errVar = q[p][p] - a[p] * a[p];
        const double beta = a[ref] / a[p];
        out.beta.push_back(beta);
        out.snrDb.push_back(10.0 * std::log10(a[p] * a[p] / errVar));
        out.errorStd.push_back(errVar >= 0.0 ? std::sqrt(errVar) * beta
                                             : std::numeric_limits<double>::quiet_NaN());
    }
    return out;
}

} // namespace soilscope::analysis
