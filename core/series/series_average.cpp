#include "series/series_average.h"

#include <cmath>
#include <map>

namespace soilscope::series {

TimeSeries averageSeries(const std::vector<const TimeSeries*>& members) {
    TimeSeries out;
    if (members.empty())
        return out;
    out.name = members.front()->name;
    out.units = members.front()->units;
    // The mean as first value + mean deviation from it, so identical members give exactly
    // their value back.
    struct Sum {
        double first = 0, deviations = 0;
        int count = 0;
    };
    std::map<TimePoint, Sum> sums;
    for (const auto* m : members)
        for (std::size_t i = 0; i < m->size(); ++i)
            if (std::isfinite(m->values[i])) {
                auto& s = sums[m->times[i]];
                if (s.count++ == 0)
                    s.first = m->values[i];
                else
                    s.deviations += m->values[i] - s.first;
            }
    out.reserve(sums.size());
    for (const auto& [t, s] : sums)
        out.push(t, s.first + s.deviations / s.count);
    return out;
}

} // namespace soilscope::series
