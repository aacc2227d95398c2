#include "kernels/linear_solve.h"

#include <cmath>
#include <utility>

namespace soilscope::kernels {

bool solveLinearSystem(std::vector<double> a, std::vector<double> b, std::size_t k,
                       std::vector<double>& beta) {
    for (std::size_t i = 0; i < k; ++i) {
        std::size_t piv = i;
        for (std::size_t r = i + 1; r < k; ++r)
            if (std::abs(a[r * k + i]) > std::abs(a[piv * k + i]))
                piv = r;
        if (std::abs(a[piv * k + i]) < 1e-12)
            return false;
        if (piv != i) {
            for (std::size_t c = 0; c < k; ++c)
                std::swap(a[i * k + c], a[piv * k + c]);
            std::swap(b[i], b[piv]);
        }
        for (std::size_t r = i + 1; r < k; ++r) {
            const double f = a[r * k + i] / a[i * k + i];
            for (std::size_t c = i; c < k; ++c)
                a[r * k + c] -= f * a[i * k + c];
            b[r] -= f * b[i];
        }
    }
    beta.assign(k, 0.0);
    for (std::size_t i = k; i-- > 0;) {
        double s = b[i];
        for (std::size_t c = i + 1; c < k; ++c)
            s -= a[i * k + c] * beta[c];
        beta[i] = s / a[i * k + i];
    }
    return true;
}

} // namespace soilscope::kernels
