#pragma once
// Internal to core/workloads: how cnn_ascat_intraday fills inputs that an overpass did not
// observe (swath gaps) and which pixels see such gaps in their neighbourhood.
#include "features/dataset.h"

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace soilscope::workloads {

/// Replaces, in the normalised images `normalised`, every input that is not finite in `raw`
/// (same samples, before normalisation) by the pixel's mean of that channel over the images
/// `fit` (the channel's overall mean, 0, where the pixel was never observed there).
void fillMissingWithPixelMean(features::Dataset& normalised, const features::Dataset& raw,
                              const std::vector<std::size_t>& fit);

/// Splits the non-test images into (train, validation) with `count` validation images:
/// "random" images, the "last" images in time (as Keras' validation_split takes the end of its
/// input), or whole random calendar "months" until at least `count` are held out.
std::pair<std::vector<std::size_t>, std::vector<std::size_t>>
drawValidation(std::vector<std::size_t> images, const std::vector<TimePoint>& dates,
               std::size_t count, const std::string& draw, std::mt19937_64& rng);

/// The images with only the given channels (in that order); feature names follow.
features::Dataset selectChannels(const features::Dataset& images,
                                 const std::vector<std::size_t>& channels);

/// Per sample of `samples` and pixel: how many in-grid pixels of the k × k neighbourhood
/// lack channel `channel` in `raw` (0 = complete neighbourhood).
std::vector<std::uint8_t> missingNeighbours(const features::Dataset& raw,
                                            const std::vector<std::size_t>& samples, int kernel,
                                            std::size_t channel = 0);

} // namespace soilscope::workloads
