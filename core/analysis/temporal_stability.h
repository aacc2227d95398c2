#pragma once
// Temporal stability of soil moisture stations (Vachaud et al. 1985): how each member of a group
// departs from the group's spatial mean over time. Used to leave unrepresentative stations out
// before they are averaged into one pixel's reference (upscaling).
#include "series/time_series.h"

#include <cstddef>
#include <vector>

namespace soilscope::analysis {

/// One member's relative differences δ_t = (θ_t − θ̄_t) / θ̄_t from the mean θ̄_t of every member
/// valid at t, over the times where at least two members are valid (and θ̄_t ≠ 0).
struct MemberStability {
    double meanRelativeDifference = 0.0; ///< MRD: the mean of δ_t (NaN when n = 0)
    double sdRelativeDifference = 0.0;   ///< SDRD: their standard deviation, N − 1 (NaN if n < 2)
    std::size_t n = 0;                   ///< times used
    /// √(MRD² + SDRD²) (Jacobs et al. 2004): the smallest is the most representative member.
    double distance() const;
};

/// The stability of each member (series sorted by time; values compared at identical times).
std::vector<MemberStability>
temporalStability(const std::vector<const series::TimeSeries*>& members);

/// Which members a filter keeps: |MRD| ≤ maxAbsMrd and SDRD ≤ maxSdrd, with at least `minTimes`
/// times. When none passes, the most representative member (smallest distance) is kept alone;
/// when no member has `minTimes` times there is nothing to judge by and every member is kept.
std::vector<bool> stableMembers(const std::vector<MemberStability>& stability, double maxAbsMrd,
                                double maxSdrd, std::size_t minTimes = 10);

} // namespace soilscope::analysis
