#pragma once
// Internal to core/workloads: cnn_ascat_intraday's images, one per satellite overpass. The
// ASCAT-like product stamps each observation with its nearest UTC hour, so one overpass over
// a wide box lands in two or more hourly time stamps, each a partial image; the method's
// images are whole overpasses with every pixel matched to its own hour.
#include "features/dataset.h"

#include <chrono>
#include <cstdint>
#include <vector>

namespace soilscope::workloads {

/// Images merged from time-stamp images of the same overpass.
struct OverpassImages {
    features::Dataset data;                       ///< one image per overpass; date = first stamp
    std::vector<int> orbit;                       ///< orbit direction of each image
    std::vector<std::vector<std::size_t>> stamps; ///< time-stamp samples merged into each image
    /// Per image and pixel: the position in stamps[i] of the stamp the pixel comes from (−1:
    /// no stamp observed it).
    std::vector<std::vector<std::int32_t>> owner;
};

/// Groups the time-stamp images of `stamps` (image layout) by orbit direction, starting a new
/// overpass when a stamp is more than `window` after the first stamp of the current one
/// (window 0: every stamp is its own image). A pixel takes every channel, its target and its
/// mask from the first stamp of the group where its target is valid, else from the first stamp
/// where its first channel (σ40) is finite, else from the first stamp.
OverpassImages mergeOverpasses(const features::Dataset& stamps, const std::vector<int>& orbit,
                               std::chrono::seconds window);

} // namespace soilscope::workloads
