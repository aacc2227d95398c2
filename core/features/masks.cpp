#include "features/masks.h"

#include "base/error.h"

#include <cmath>

namespace soilscope::features {

Mask landCoverMask(const float* codes, std::size_t n, const std::set<int>& keep,
                   const std::set<int>& exclude) {
    Mask m(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(codes[i]))
            continue;
        const int c = int(std::lround(codes[i]));
        m[i] = (keep.empty() || keep.count(c)) && !exclude.count(c) ? 1 : 0;
    }
    return m;
}

Mask rangeMask(const float* values, std::size_t n, double lo, double hi) {
    Mask m(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        m[i] = std::isfinite(values[i]) && values[i] >= lo && values[i] <= hi ? 1 : 0;
    return m;
}

Mask qualityFlagMask(const std::uint32_t* flags, std::size_t n, std::uint32_t accepted) {
    Mask m(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        m[i] = (flags[i] & ~accepted) == 0 ? 1 : 0;
    return m;
}

Mask jointValidity(const std::vector<const float*>& planes, std::size_t n) {
    Mask m(n, 1);
    for (const float* p : planes)
        for (std::size_t i = 0; i < n; ++i)
            if (!std::isfinite(p[i]))
                m[i] = 0;
    return m;
}

void combineMasks(Mask& target, const Mask& other) {
    if (target.empty()) {
        target = other;
        return;
    }
    if (target.size() != other.size())
        throw Error("masks of different sizes cannot be combined");
    for (std::size_t i = 0; i < target.size(); ++i)
        target[i] = target[i] && other[i];
}

std::size_t countValid(const Mask& mask) {
    std::size_t n = 0;
    for (const auto v : mask)
        n += v ? 1 : 0;
    return n;
}

std::set<int> worldCoverNonSoilClasses() {
    return {50, 70, 80};
}

} // namespace soilscope::features
