#pragma once
#include <cstddef>
#include <vector>

namespace soilscope::kernels {

/// Solves the k × k system A β = b (A row-major) by Gaussian elimination with partial
/// pivoting; false when A is singular. Used by the ridge fits (CNN workload baselines, the
/// ridge plugin family).
bool solveLinearSystem(std::vector<double> a, std::vector<double> b, std::size_t k,
                       std::vector<double>& beta);

} // namespace soilscope::kernels
