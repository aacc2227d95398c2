#include "stations/sensor_selection.h"

#include "base/error.h"
#include "series/quality_flags.h"

namespace soilscope::stations {

namespace {
// Depths in ISMN files carry two decimals; compare with a tolerance so 0.1 selects 0.10.
constexpr double kDepthTolerance_m = 1e-6;
} // namespace

bool SensorSelection::matches(const Network& net, const Station& st, const Sensor& sensor) const {
    if (!variable.empty() && sensor.variable != variable &&
        sensor.variable != variableLongName(variable))
        return false;
    if (depthMin_m && sensor.depthFrom_m < *depthMin_m - kDepthTolerance_m)
        return false;
    if (depthMax_m && sensor.depthTo_m > *depthMax_m + kDepthTolerance_m)
        return false;
    if (!network.empty() && net.name != network)
        return false;
    if (!station.empty() && st.name != station)
        return false;
    return true;
}

series::TimeSeries SensorSelection::applyFlags(const Sensor& sensor) const {
    return sensor.series.filtered(acceptedFlags);
}

std::uint32_t parseAcceptedFlags(const std::string& list) {
    if (list.empty() || list == "all" || list == "ALL")
        return ~0u;
    const std::uint32_t mask = series::parseFlags(list);
    if (mask & series::flag::Other)
        throw UsageError("unknown ISMN flag in '" + list + "' (use G, C01-C03, D01-D10, U or all)");
    return mask;
}

} // namespace soilscope::stations
