#include "tasks/map_date.h"

#include <cmath>

namespace soilscope::tasks {

TimePoint defaultMapDate(const features::Dataset& dataset, TimePoint fallback) {
    const std::size_t n = dataset.sampleCount();
    if (dataset.groups.date.size() != n || dataset.featureShape.empty() || n == 0)
        return fallback;
    const std::size_t size = dataset.featureSize();
    const std::size_t channels = std::size_t(dataset.featureShape.front());
    const std::size_t perChannel = channels > 0 ? size / channels : 0;
    bool found = false;
    TimePoint best{};
    for (std::size_t s = 0; s < n; ++s) {
        const TimePoint t = dataset.groups.date[s];
        if (found && t <= best)
            continue;
        const float* x = dataset.x.data() + s * size;
        bool complete = perChannel > 0;
        for (std::size_t c = 0; c < channels && complete; ++c) {
            bool any = false;
            for (std::size_t i = 0; i < perChannel && !any; ++i)
                any = std::isfinite(x[c * perChannel + i]);
            complete = any;
        }
        if (complete) {
            best = t;
            found = true;
        }
    }
    return found ? best : fallback;
}

} // namespace soilscope::tasks
