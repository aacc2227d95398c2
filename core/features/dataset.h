#pragma once
#include "base/time_utils.h"

#include <cstdint>
#include <string>
#include <vector>

namespace soilscope::features {

/// Labels every sample carries so that any split (random, temporal, spatial, by station,
/// by group) can be formed from them. Vectors are empty or one entry per sample.
struct GroupLabels {
    std::vector<std::string> station; ///< "" when the sample is not a station sample
    std::vector<std::int64_t> cell;   ///< row * width + col on the sample grid, -1 if none
    std::vector<TimePoint> date;
    std::vector<int> year;
    std::vector<std::string> network;
    std::vector<int> landCover;    ///< ESA WorldCover code, -1 if unknown
    std::vector<std::string> user; ///< free user groups (k-fold on user groups)
};

/// Samples ready for learning, independent of the model family and of LibTorch:
/// features x in row-major order [n, featureShape...], targets y [n, targetShape...] and a
/// validity mask over y (1 = valid) used by masked losses.
///   tabular:  featureShape {p},        targetShape {1}
///   sequence: featureShape {T, p},     targetShape {T}
///   image:    featureShape {C, H, W},  targetShape {H, W}
struct Dataset {
    std::vector<float> x;
    std::vector<std::int64_t> featureShape;
    std::vector<float> y;
    std::vector<std::int64_t> targetShape;
    std::vector<std::uint8_t> targetMask;
    std::vector<std::string> featureNames;
    GroupLabels groups;

    std::size_t sampleCount() const;
    std::size_t featureSize() const; ///< product of featureShape
    std::size_t targetSize() const;  ///< product of targetShape
    /// The samples at the given indices (groups included), in that order.
    Dataset subset(const std::vector<std::size_t>& indices) const;
    /// Throws soilscope::Error when sizes disagree or there are no samples.
    void checkConsistent(const std::string& context) const;
};

} // namespace soilscope::features
