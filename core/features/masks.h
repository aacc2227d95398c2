#pragma once
#include <cstddef>
#include <cstdint>
#include <set>
#include <vector>

namespace soilscope::features {

/// A per-sample validity mask (1 = valid).
using Mask = std::vector<std::uint8_t>;

/// Valid where the land-cover code is in `keep` (when not empty) and not in `exclude`;
/// NaN codes are invalid.
Mask landCoverMask(const float* codes, std::size_t n, const std::set<int>& keep,
                   const std::set<int>& exclude);
/// Valid where lo <= value <= hi (finite values only).
Mask rangeMask(const float* values, std::size_t n, double lo, double hi);
/// Valid where every set bit of the flag word is among the accepted bits.
Mask qualityFlagMask(const std::uint32_t* flags, std::size_t n, std::uint32_t accepted);
/// Valid where every predictor plane is finite at that element.
Mask jointValidity(const std::vector<const float*>& planes, std::size_t n);
/// Element-wise AND of masks of equal size into `target` (empty target = first mask).
void combineMasks(Mask& target, const Mask& other);
/// Number of valid elements.
std::size_t countValid(const Mask& mask);

/// ESA WorldCover classes excluded by the 60 m workload: built-up (50), snow/ice (70), water (80).
std::set<int> worldCoverNonSoilClasses();

} // namespace soilscope::features
