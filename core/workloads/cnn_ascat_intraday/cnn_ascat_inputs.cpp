#include "workloads/cnn_ascat_intraday/cnn_ascat_inputs.h"

#include "base/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace soilscope::workloads {

void fillMissingWithPixelMean(features::Dataset& norm, const features::Dataset& raw,
                              const std::vector<std::size_t>& fit) {
    if (raw.featureShape.size() != 3 || norm.x.size() != raw.x.size())
        throw Error(
            "filling missing inputs needs the same image samples before and after normalisation",
            "cnn_ascat_intraday");
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
                norm.x[s * channels * pixels + e] =
                    count[e] ? float(sum[e] / double(count[e])) : 0.0f;
}

std::pair<std::vector<std::size_t>, std::vector<std::size_t>>
drawValidation(std::vector<std::size_t> images, const std::vector<TimePoint>& dates,
               std::size_t count, const std::string& draw, std::mt19937_64& rng) {
    std::sort(images.begin(), images.end(),
              [&](std::size_t a, std::size_t b) { return dates[a] < dates[b]; });
    if (draw == "random")
        std::shuffle(images.begin(), images.end(), rng);
    if (draw == "months") {
        std::map<std::pair<int, unsigned>, std::vector<std::size_t>> byMonth;
        for (std::size_t i : images) {
            const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(dates[i])};
            byMonth[{int(ymd.year()), unsigned(ymd.month())}].push_back(i);
        }
        std::vector<std::vector<std::size_t>> months;
        for (auto& [m, v] : byMonth)
            months.push_back(std::move(v));
        std::shuffle(months.begin(), months.end(), rng);
        images.clear();
        std::vector<std::size_t> val;
        for (auto& m : months) {
            auto& into = val.size() < count ? val : images;
            into.insert(into.end(), m.begin(), m.end());
        }
        return {images, val};
    }
    if (draw != "last" && draw != "random")
        throw Error("unknown validation draw '" + draw + "'", "cnn_ascat_intraday");
    count = std::min(count, images.size());
    const std::vector<std::size_t> val(images.end() - std::ptrdiff_t(count), images.end());
    images.resize(images.size() - count);
    return {images, val};
}

features::Dataset selectChannels(const features::Dataset& d,
                                 const std::vector<std::size_t>& channels) {
    const std::size_t all = std::size_t(d.featureShape.at(0));
    const std::size_t pixels = std::size_t(d.featureShape.at(1) * d.featureShape.at(2));
    features::Dataset out = d;
    out.featureShape[0] = std::int64_t(channels.size());
    out.featureNames.clear();
    out.x.assign(d.sampleCount() * channels.size() * pixels, 0.0f);
    for (std::size_t c : channels) {
        if (c >= all)
            throw Error("channel " + std::to_string(c) + " out of range", "cnn_ascat_intraday");
        if (c < d.featureNames.size())
            out.featureNames.push_back(d.featureNames[c]);
    }
    for (std::size_t s = 0; s < d.sampleCount(); ++s)
        for (std::size_t k = 0; k < channels.size(); ++k)
            std::copy_n(d.x.begin() + std::ptrdiff_t((s * all + channels[k]) * pixels), pixels,
                        out.x.begin() + std::ptrdiff_t((s * channels.size() + k) * pixels));
    return out;
}

std::vector<std::uint8_t> missingNeighbours(const features::Dataset& raw,
                                            const std::vector<std::size_t>& samples, int kernel,
                                            std::size_t channel) {
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
                        if (rr < 0 || rr >= h || cc < 0 || cc >= w)
                            continue;
                        missing +=
                            std::isfinite(plane[std::size_t(rr) * std::size_t(w) + std::size_t(cc)])
                                ? 0
                                : 1;
                    }
                out[q * pixels + std::size_t(r) * std::size_t(w) + std::size_t(c)] =
                    std::uint8_t(missing);
            }
    }
    return out;
}

} // namespace soilscope::workloads
