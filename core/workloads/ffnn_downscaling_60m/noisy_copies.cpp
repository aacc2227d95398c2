#include "workloads/ffnn_downscaling_60m/noisy_copies.h"

#include "analysis/pixel_noise.h"

#include <random>

namespace soilscope::workloads {

std::vector<std::size_t> appendNoisyCopies(features::Dataset& d,
                                           const std::vector<std::size_t>& rows, std::size_t copies,
                                           const std::vector<double>& cov, std::uint64_t seed) {
    const std::size_t first = d.sampleCount();
    std::vector<std::size_t> order(first);
    for (std::size_t i = 0; i < first; ++i)
        order[i] = i;
    for (std::size_t c = 0; c < copies; ++c)
        order.insert(order.end(), rows.begin(), rows.end());
    d = d.subset(order);
    std::mt19937_64 rng(seed);
    analysis::addCorrelatedNoise(d.x.data() + first * d.featureSize(), order.size() - first, cov,
                                 rng);
    std::vector<std::size_t> added(order.size() - first);
    for (std::size_t i = 0; i < added.size(); ++i)
        added[i] = first + i;
    return added;
}

} // namespace soilscope::workloads
