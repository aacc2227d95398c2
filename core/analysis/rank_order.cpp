#include "analysis/rank_order.h"

#include <algorithm>
#include <array>
#include <bit>

namespace soilscope::analysis {

namespace {

/// Maps a double to an unsigned key with the same order (negative values flipped, −0 as +0).
std::uint64_t orderKey(double v) {
    const auto u = std::bit_cast<std::uint64_t>(v == 0.0 ? 0.0 : v);
    return (u & (std::uint64_t{1} << 63)) ? ~u : (u | (std::uint64_t{1} << 63));
}

constexpr int kBits = 11;
constexpr std::size_t kBuckets = std::size_t{1} << kBits;
constexpr int kShifts[3] = {32, 43, 54}; // digits of the upper 32 bits: 11 + 11 + 10

/// Stable LSD radix sort of items = (32-bit key prefix << 32 | index) by the prefix.
void radixSortPrefix(std::vector<std::uint64_t>& items) {
    const std::size_t n = items.size();
    std::array<std::array<std::uint32_t, kBuckets>, 3> hist{};
    for (const std::uint64_t it : items)
        for (int p = 0; p < 3; ++p)
            ++hist[static_cast<std::size_t>(p)][(it >> kShifts[p]) & (kBuckets - 1)];
    std::vector<std::uint64_t> buffer(n);
    for (int p = 0; p < 3; ++p) {
        auto& h = hist[static_cast<std::size_t>(p)];
        if (h[(items[0] >> kShifts[p]) & (kBuckets - 1)] == n)
            continue; // digit never varies
        std::uint32_t sum = 0;
        for (auto& c : h) {
            const std::uint32_t count = c;
            c = sum;
            sum += count;
        }
        for (const std::uint64_t it : items)
            buffer[h[(it >> kShifts[p]) & (kBuckets - 1)]++] = it;
        items.swap(buffer);
    }
}

} // namespace

std::vector<std::uint32_t> sortedOrder(std::span<const double> values) {
    std::vector<std::uint32_t> order(values.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<std::uint32_t>(i);
    stableSortBy(values, order);
    return order;
}

void stableSortBy(std::span<const double> values, std::vector<std::uint32_t>& order) {
    const auto byValue = [&](std::uint32_t a, std::uint32_t b) { return values[a] < values[b]; };
    const std::size_t n = order.size();
    if (n < 64) {
        std::stable_sort(order.begin(), order.end(), byValue);
        return;
    }
    // Radix sort on the upper 32 bits of the order key, then settle the (rare) runs whose
    // prefixes are equal while their full values differ.
    std::vector<std::uint64_t> items(n);
    for (std::size_t i = 0; i < n; ++i)
        items[i] = (orderKey(values[order[i]]) & 0xFFFFFFFF00000000ull) | order[i];
    radixSortPrefix(items);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = static_cast<std::uint32_t>(items[i]);
    std::size_t i = 0;
    while (i < n) {
        std::size_t j = i + 1;
        bool mixed = false;
        while (j < n && (items[j] >> 32) == (items[i] >> 32)) {
            mixed = mixed || values[order[j]] != values[order[i]];
            ++j;
        }
        if (mixed)
            std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(i),
                             order.begin() + static_cast<std::ptrdiff_t>(j), byValue);
        i = j;
    }
}

std::int64_t countInversions(std::span<const std::int32_t> v, std::int32_t rankCount) {
    std::vector<std::int32_t> tree(static_cast<std::size_t>(rankCount) + 1, 0);
    std::int64_t inversions = 0;
    for (std::size_t k = 0; k < v.size(); ++k) {
        const std::int32_t position = v[k] + 1; // 1-based
        std::int64_t notGreater = 0;            // earlier values <= v[k]
        for (std::int32_t j = position; j > 0; j -= j & -j)
            notGreater += tree[static_cast<std::size_t>(j)];
        inversions += static_cast<std::int64_t>(k) - notGreater;
        for (std::int32_t j = position; j <= rankCount; j += j & -j)
            ++tree[static_cast<std::size_t>(j)];
    }
    return inversions;
}

} // namespace soilscope::analysis
