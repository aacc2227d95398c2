#include "series/temporal_matching.h"

#include "series/quality_flags.h"

#include <cmath>
#include <limits>

namespace soilscope::series {

namespace {

bool isValid(const TimeSeries& s, std::size_t i, std::uint32_t accepted) {
    if (!std::isfinite(s.values[i]))
        return false;
    return s.flags.empty() || flagsAccepted(s.flags[i], accepted);
}

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

/// For each reference observation, the index of its candidate partner or kNone. Invalid
/// reference observations get kNone as well.
std::vector<std::size_t> matchIndices(const TimeSeries& reference, const TimeSeries& candidate,
                                      const MatchOptions& options) {
    const std::size_t n = reference.size();
    const std::size_t m = candidate.size();
    std::vector<std::size_t> out(n, kNone);
    const bool searchAll = options.mode == MatchingMode::Pytesmo;
    auto eligible = [&](std::size_t j) {
        return searchAll || isValid(candidate, j, options.candidateAcceptedFlags);
    };
    const auto window = options.window;
    std::size_t j = 0;        // first candidate with time >= current reference time
    std::size_t prev = kNone; // last eligible candidate before j
    std::size_t next = 0;     // first eligible candidate at or after j (m = none)
    for (std::size_t i = 0; i < n; ++i) {
        if (!isValid(reference, i, options.referenceAcceptedFlags))
            continue;
        const TimePoint t = reference.times[i];
        while (j < m && candidate.times[j] < t) {
            if (eligible(j))
                prev = j;
            ++j;
        }
        if (next < j)
            next = j;
        while (next < m && !eligible(next))
            ++next;
        std::size_t best = kNone;
        if (next < m && candidate.times[next] - t <= window)
            best = next;
        if (prev != kNone && t - candidate.times[prev] <= window &&
            (best == kNone || t - candidate.times[prev] < candidate.times[next] - t))
            best = prev;
        if (best != kNone && searchAll && !isValid(candidate, best, options.candidateAcceptedFlags))
            best = kNone;
        out[i] = best;
    }
    return out;
}

} // namespace

void MatchedPairs::reserve(std::size_t n) {
    times.reserve(n);
    candidateTimes.reserve(n);
    reference.reserve(n);
    candidate.reserve(n);
}

MatchedPairs matchTemporal(const TimeSeries& reference, const TimeSeries& candidate,
                           const MatchOptions& options) {
    const auto idx = matchIndices(reference, candidate, options);
    MatchedPairs out;
    out.reserve(reference.size());
    for (std::size_t i = 0; i < idx.size(); ++i) {
        if (idx[i] == kNone)
            continue;
        out.times.push_back(reference.times[i]);
        out.candidateTimes.push_back(candidate.times[idx[i]]);
        out.reference.push_back(reference.values[i]);
        out.candidate.push_back(candidate.values[idx[i]]);
    }
    return out;
}

Collocation collocate(const TimeSeries& reference, const std::vector<const TimeSeries*>& others,
                      const MatchOptions& options) {
    std::vector<std::vector<std::size_t>> idx;
    idx.reserve(others.size());
    for (const TimeSeries* other : others)
        idx.push_back(matchIndices(reference, *other, options));
    Collocation out;
    out.others.resize(others.size());
    for (std::size_t i = 0; i < reference.size(); ++i) {
        if (!isValid(reference, i, options.referenceAcceptedFlags))
            continue;
        bool all = true;
        for (const auto& column : idx)
            all = all && column[i] != kNone;
        if (!all)
            continue;
        out.times.push_back(reference.times[i]);
        out.reference.push_back(reference.values[i]);
        for (std::size_t k = 0; k < others.size(); ++k)
            out.others[k].push_back(others[k]->values[idx[k][i]]);
    }
    return out;
}

} // namespace soilscope::series
