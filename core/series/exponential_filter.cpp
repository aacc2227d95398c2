#include "series/exponential_filter.h"

#include "base/error.h"

#include <cmath>
#include <limits>

namespace soilscope::series {

TimeSeries exponentialFilter(const TimeSeries& series, double characteristicTimeDays) {
    if (!(characteristicTimeDays > 0.0) || !std::isfinite(characteristicTimeDays))
        throw Error("the SWI characteristic time T must be a positive number of days");
    TimeSeries out = series;
    bool started = false;
    double gain = 1.0, swi = 0.0;
    TimePoint last{};
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double ms = series.values[i];
        if (!std::isfinite(ms)) {
            out.values[i] = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        if (!started) {
            started = true;
            swi = ms;
            gain = 1.0;
        } else {
            const double days =
                std::chrono::duration<double>(series.times[i] - last).count() / 86400.0;
            gain = gain / (gain + std::exp(-days / characteristicTimeDays));
            swi += gain * (ms - swi);
        }
        last = series.times[i];
        out.values[i] = swi;
    }
    return out;
}

} // namespace soilscope::series
