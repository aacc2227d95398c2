#include "workloads/cnn_ascat_inputs.h"

#include "base/error.h"

#include <cmath>

namespace soilscope::workloads {

void fillMissingWithPixelMean(features::Dataset& norm, const features::Dataset& raw, const std::vector<std::size_t>& fit) {
    if (raw.featureShape.size() != 3 || norm.x.size() != raw.x.size())
        throw Error("filling missing inputs needs the same image samples before and after normalisation", "cnn_ascat_intraday");
    const std::size_t channels = std::size_t(raw.featureShape[0]);
    const std::size_t pixels = std::size_t(raw.featureShape[1] * raw.featureShape[2]);
    std::vector<double> sum(channels * pixels, 0.0);
    std::vector<std::size_t> count(channels * pixels, 0);
    for (std::size_t s : fit)
        for (std::size_t e = 0; e < channels * pixels; ++e)
            if (std::isfinite(raw.x[s * channels * pixels + e])) {
                sum[e] += norm.x[s * channels * pixels + e];
                ++count[e];
            }
    for (std::size_t s = 0; s < raw.sampleCount(); ++s)
        for (std::size_t e = 0; e < channels * pixels; ++e)
            if (!std::isfinite(raw.x[s * channels * pixels + e]))
                norm.x[s * channels * pixels + e] = count[e] ? float(sum[e] / double(count[e])) : 0.0f;
}

std::vector<std::uint8_t> missingNeighbours(const features::Dataset& raw, const std::vector<std::size_t>& samples,
                                            int kernel, std::size_t channel) {
    const std::size_t channels = std::size_t(raw.featureShape[0]);
    const int h = int(raw.featureShape[1]), w = int(raw.featureShape[2]);
    const std::size_t pixels = std::size_t(h) * std::size_t(w);
    const int half = kernel / 2;
    std::vector<std::uint8_t> out(samples.size() * pixels, 0);
    for (std::size_t q = 0; q < samples.size(); ++q) {
        const float* plane = raw.x.data() + (samples[q] * channels + channel) * pixels;
        for (int r = 0; r < h; ++r)
            for (int c = 0; c < w; ++c) {
                int missing = 0;
                for (int dr = -half; dr <= half; ++dr)
                    for (int dc = -half; dc <= half; ++dc) {
                        const int rr = r + dr, cc = c + dc;
                        if (rr < 0 || rr >= h || cc < 0 || cc >= w) continue;
                        missing += std::isfinite(plane[std::size_t(rr) * std::size_t(w) + std::size_t(cc)]) ? 0 : 1;
                    }
                out[q * pixels + std::size_t(r) * std::size_t(w) + std::size_t(c)] = std::uint8_t(missing);
            }
    }
    return out;
}

} // namespace soilscope::workloads
