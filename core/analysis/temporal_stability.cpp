#include "analysis/temporal_stability.h"

#include <cmath>
#include <limits>
#include <map>

namespace soilscope::analysis {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double MemberStability::distance() const {
    return std::sqrt(meanRelativeDifference * meanRelativeDifference +
                     sdRelativeDifference * sdRelativeDifference);
}

std::vector<MemberStability>
temporalStability(const std::vector<const series::TimeSeries*>& members) {
    // time → the members' valid values at it
    std::map<TimePoint, std::vector<std::pair<std::size_t, double>>> at;
    for (std::size_t m = 0; m < members.size(); ++m)
        for (std::size_t i = 0; i < members[m]->size(); ++i)
            if (std::isfinite(members[m]->values[i]))
                at[members[m]->times[i]].emplace_back(m, members[m]->values[i]);
    std::vector<std::vector<double>> deltas(members.size());
    for (const auto& [t, values] : at) {
        if (values.size() < 2)
            continue;
        double mean = 0.0;
        for (const auto& [m, v] : values)
            mean += v;
        mean /= static_cast<double>(values.size());
        if (mean == 0.0)
            continue;
        for (const auto& [m, v] : values)
            deltas[m].push_back((v - mean) / mean);
    }
    std::vector<MemberStability> out(members.size());
    for (std::size_t m = 0; m < members.size(); ++m) {
        const auto& d = deltas[m];
        MemberStability& s = out[m];
        s.n = d.size();
        if (d.empty()) {
            s.meanRelativeDifference = s.sdRelativeDifference = kNaN;
            continue;
        }
        double sum = 0.0;
        for (const double x : d)
            sum += x;
        s.meanRelativeDifference = sum / static_cast<double>(d.size());
        double ss = 0.0;
        for (const double x : d)
            ss += (x - s.meanRelativeDifference) * (x - s.meanRelativeDifference);
        s.sdRelativeDifference =
            d.size() > 1 ? std::sqrt(ss / static_cast<double>(d.size() - 1)) : kNaN;
    }
    return out;
}

std::vector<bool> stableMembers(const std::vector<MemberStability>& stability, double maxAbsMrd,
                                double maxSdrd, std::size_t minTimes) {
    std::vector<bool> keep(stability.size(), false);
    bool any = false;
    std::size_t best = stability.size();
    for (std::size_t m = 0; m < stability.size(); ++m) {
        const auto& s = stability[m];
        if (s.n < minTimes || !std::isfinite(s.distance()))
            continue;
        keep[m] =
            std::abs(s.meanRelativeDifference) <= maxAbsMrd && s.sdRelativeDifference <= maxSdrd;
        any = any || keep[m];
        if (best == stability.size() || s.distance() < stability[best].distance())
            best = m;
    }
    if (best == stability.size()) // nothing to judge by: every member stays
        return std::vector<bool>(stability.size(), true);
    if (!any)
        keep[best] = true;
    return keep;
}

} // namespace soilscope::analysis
