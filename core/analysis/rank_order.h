#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace soilscope::analysis {

/// Indices 0..n−1 stably sorted by value: an LSD radix sort on the IEEE-754 bit patterns,
/// O(n) for the few passes whose digit varies. Values must not be NaN.
std::vector<std::uint32_t> sortedOrder(std::span<const double> values);

/// Stably re-sorts `order` (indices into values) by value, keeping the current order of equal
/// values: sorting by y and then by x gives the (x, y) lexicographic order.
void stableSortBy(std::span<const double> values, std::vector<std::uint32_t>& order);

/// Number of pairs i < j with v[i] > v[j] for dense ranks 0 <= v[i] < rankCount, counted
/// with a Fenwick tree in O(n log rankCount).
std::int64_t countInversions(std::span<const std::int32_t> v, std::int32_t rankCount);

} // namespace soilscope::analysis
