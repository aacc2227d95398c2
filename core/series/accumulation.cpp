#include "series/accumulation.h"

#include <algorithm>
#include <chrono>
#include <limits>

namespace soilscope::series {

bool needsHourBefore(TimePoint t) {
    return t - std::chrono::floor<std::chrono::days>(t) != std::chrono::hours(1);
}

void sumsOfStep(std::span<float> values, TimePoint t,
                std::optional<std::span<const float>> hourBefore) {
    if (!needsHourBefore(t))
        return;
    if (!hourBefore || hourBefore->size() != values.size()) {
        std::fill(values.begin(), values.end(), std::numeric_limits<float>::quiet_NaN());
        return;
    }
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] -= (*hourBefore)[i];
}

} // namespace soilscope::series
