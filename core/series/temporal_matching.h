#pragma once
#include "base/time_utils.h"
#include "series/time_series.h"

#include <chrono>
#include <cstdint>
#include <vector>

namespace soilscope::series {

/// How a reference observation picks its candidate observation.
enum class MatchingMode {
    /// Nearest *valid* candidate (finite value, accepted flags) within ±window; invalid
    /// candidates are removed before the search.
    Nearest,
    /// As pytesmo's combined_temporal_collocation: the nearest candidate among *all* candidate
    /// observations wins, and the pair is dropped afterwards when that candidate is missing or
    /// flagged. Gives fewer pairs than Nearest when invalid candidates lie close by.
    Pytesmo,
};

/// Options of reference-driven temporal matching.
struct MatchOptions {
    std::chrono::seconds window{3600};          ///< ±window, both ends inclusive
    std::uint32_t referenceAcceptedFlags = ~0u; ///< flag mask accepted for the reference
    std::uint32_t candidateAcceptedFlags = ~0u; ///< flag mask accepted for the candidate(s)
    MatchingMode mode = MatchingMode::Nearest;
};

/// Reference/candidate pairs produced by matching, in reference time order.
struct MatchedPairs {
    std::vector<TimePoint> times;          ///< reference observation times
    std::vector<TimePoint> candidateTimes; ///< time of the matched candidate observation
    std::vector<double> reference;
    std::vector<double> candidate;

    std::size_t size() const { return times.size(); }
    bool empty() const { return times.empty(); }
    void reserve(std::size_t n);
};

/// Reference observations with matched values from several other series, all finite
/// (a reference time is kept only when every other series found a partner).
struct Collocation {
    std::vector<TimePoint> times;
    std::vector<double> reference;
    std::vector<std::vector<double>> others; ///< one column per other series

    std::size_t size() const { return times.size(); }
};

/// Reference-driven nearest-neighbour matching in O(n + m) with two pointers. Both series
/// must be sorted by time (TimeSeries::sortAndDeduplicate). Reference observations that are
/// missing or flagged are dropped first. On equal distance the later candidate wins (as
/// pandas' nearest reindexing). One candidate may serve several reference observations.
MatchedPairs matchTemporal(const TimeSeries& reference, const TimeSeries& candidate,
                           const MatchOptions& options = {});

/// Matches every series in `others` to the reference and keeps the reference times where all
/// of them have a partner (pytesmo's combined collocation with combined dropna).
Collocation collocate(const TimeSeries& reference, const std::vector<const TimeSeries*>& others,
                      const MatchOptions& options = {});

} // namespace soilscope::series
