#include "features/dataset.h"

#include "base/error.h"

#include <functional>
#include <numeric>

namespace soilscope::features {

namespace {
std::size_t product(const std::vector<std::int64_t>& shape) {
    return std::accumulate(shape.begin(), shape.end(), std::size_t{1},
                           [](std::size_t a, std::int64_t b) { return a * std::size_t(b); });
}

template <class T>
std::vector<T> pick(const std::vector<T>& v, const std::vector<std::size_t>& idx) {
    if (v.empty())
        return {};
    std::vector<T> out;
    out.reserve(idx.size());
    for (const std::size_t i : idx)
        out.push_back(v[i]);
    return out;
}

template <class T>
std::vector<T> pickBlocks(const std::vector<T>& v, std::size_t block,
                          const std::vector<std::size_t>& idx) {
    if (v.empty())
        return {};
    std::vector<T> out;
    out.reserve(idx.size() * block);
    for (const std::size_t i : idx)
        out.insert(out.end(), v.begin() + i * block, v.begin() + (i + 1) * block);
    return out;
}
} // namespace

std::size_t Dataset::featureSize() const {
    return product(featureShape);
}
std::size_t Dataset::targetSize() const {
    return product(targetShape);
}

std::size_t Dataset::sampleCount() const {
    const std::size_t f = featureSize();
    return f == 0 ? 0 : x.size() / f;
}

Dataset Dataset::subset(const std::vector<std::size_t>& indices) const {
    Dataset out;
    out.featureShape = featureShape;
    out.targetShape = targetShape;
    out.featureNames = featureNames;
    out.x = pickBlocks(x, featureSize(), indices);
    out.y = pickBlocks(y, targetSize(), indices);
    out.targetMask = pickBlocks(targetMask, targetSize(), indices);
    out.groups.station = pick(groups.station, indices);
    out.groups.cell = pick(groups.cell, indices);
    out.groups.date = pick(groups.date, indices);
    out.groups.year = pick(groups.year, indices);
    out.groups.network = pick(groups.network, indices);
    out.groups.landCover = pick(groups.landCover, indices);
    out.groups.user = pick(groups.user, indices);
    return out;
}

void Dataset::checkConsistent(const std::string& context) const {
    const std::size_t n = sampleCount();
    if (n == 0)
        throw Error("no samples (after masking and matching)", context);
    if (x.size() != n * featureSize())
        throw Error("feature array size mismatch", context);
    if (y.size() != n * targetSize())
        throw Error("target array size mismatch", context);
    if (!targetMask.empty() && targetMask.size() != y.size())
        throw Error("target mask size mismatch", context);
    auto check = [&](std::size_t size, const char* what) {
        if (size != 0 && size != n)
            throw Error(std::string("group label '") + what + "' has the wrong length", context);
    };
    check(groups.station.size(), "station");
    check(groups.cell.size(), "cell");
    check(groups.date.size(), "date");
    check(groups.year.size(), "year");
    check(groups.network.size(), "network");
    check(groups.landCover.size(), "land cover");
    check(groups.user.size(), "user");
}

} // namespace soilscope::features
