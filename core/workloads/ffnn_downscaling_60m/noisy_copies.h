#pragma once
#include "features/dataset.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace soilscope::workloads {

/// Appends `copies` copies of each sample at `rows` of d, each with its own draw of the noise
/// (covariance over d's features), and returns the indices of the copies.
std::vector<std::size_t> appendNoisyCopies(features::Dataset& d,
                                           const std::vector<std::size_t>& rows, std::size_t copies,
                                           const std::vector<double>& cov, std::uint64_t seed);

} // namespace soilscope::workloads
