#include "workloads/cnn_ascat_intraday/cnn_ascat_overpass.h"

#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace soilscope::workloads {

OverpassImages mergeOverpasses(const features::Dataset& d, const std::vector<int>& orbit,
                               std::chrono::seconds window) {
    const std::size_t n = d.sampleCount();
    if (d.featureShape.size() != 3 || d.targetShape.size() != 2 || orbit.size() != n ||
        d.groups.date.size() != n || d.targetMask.size() != d.y.size())
        throw Error("overpass images need image samples with dates, orbits and a target mask",
                    "cnn_ascat_intraday");
    const std::size_t channels = std::size_t(d.featureShape[0]), pixels = d.targetSize();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return orbit[a] != orbit[b] ? orbit[a] < orbit[b] : d.groups.date[a] < d.groups.date[b];
    });
    OverpassImages out;
    for (std::size_t i : order) {
        const bool same = !out.stamps.empty() && orbit[out.stamps.back().front()] == orbit[i] &&
                          d.groups.date[i] - d.groups.date[out.stamps.back().front()] <= window;
        if (same)
            out.stamps.back().push_back(i);
        else
            out.stamps.push_back({i});
    }
    auto& m = out.data;
    m.featureShape = d.featureShape;
    m.targetShape = d.targetShape;
    m.featureNames = d.featureNames;
    m.x.resize(out.stamps.size() * channels * pixels);
    m.y.resize(out.stamps.size() * pixels);
    m.targetMask.resize(out.stamps.size() * pixels);
    for (std::size_t g = 0; g < out.stamps.size(); ++g) {
        const auto& group = out.stamps[g];
        std::vector<std::int32_t> owner(pixels, -1);
        for (std::size_t j = 0; j < pixels; ++j) {
            std::int32_t pick = -1, sigma = -1;
            for (std::size_t k = 0; k < group.size() && pick < 0; ++k) {
                if (d.targetMask[group[k] * pixels + j])
                    pick = std::int32_t(k);
                else if (sigma < 0 && std::isfinite(d.x[group[k] * channels * pixels + j]))
                    sigma = std::int32_t(k);
            }
            owner[j] = pick >= 0 ? pick : sigma;
            const std::size_t s = group[std::size_t(std::max(owner[j], 0))];
            for (std::size_t c = 0; c < channels; ++c)
                m.x[(g * channels + c) * pixels + j] = d.x[(s * channels + c) * pixels + j];
            m.y[g * pixels + j] = d.y[s * pixels + j];
            m.targetMask[g * pixels + j] = d.targetMask[s * pixels + j];
        }
        out.owner.push_back(std::move(owner));
        out.orbit.push_back(orbit[group.front()]);
        m.groups.date.push_back(d.groups.date[group.front()]);
        m.groups.year.push_back(d.groups.year.size() == n ? d.groups.year[group.front()] : 0);
        m.groups.cell.push_back(d.groups.cell.size() == n ? d.groups.cell[group.front()] : -1);
    }
    return out;
}

} // namespace soilscope::workloads
