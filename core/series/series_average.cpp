#include "series/series_average.h"

#include <cmath>
#include <map>
#include <utility>

namespace soilscope::series {

TimeSeries averageSeries(const std::vector<const TimeSeries*>& members) {
    TimeSeries out;
    if (members.empty())
        return out;
    out.name = members.front()->name;
    out.units = members.front()->units;
    std::map<TimePoint, std::pair<double, int>> sums;
    for (const auto* m : members)
        for (std::size_t i = 0; i < m->size(); ++i)
            if (std::isfinite(m->values[i])) {
                auto& [sum, count] = sums[m->times[i]];
                sum += m->values[i];
                ++count;
            }
    out.reserve(sums.size());
    for (const auto& [t, sc] : sums)
        out.push(t, sc.first / sc.second);
    return out;
}

} // namespace soilscope::series
