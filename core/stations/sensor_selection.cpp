#include "stations/sensor_selection.h"

#include "base/comparison.h"
#include "base/error.h"
#include "base/text.h"
#include "series/quality_flags.h"

#include <algorithm>
#include <cstdlib>

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
    if (!stations.empty() && std::find(stations.begin(), stations.end(), st.name) == stations.end())
        return false;
    if (!instrument.empty() &&
        lowerAscii(sensor.instrument).find(lowerAscii(instrument)) == std::string::npos)
        return false;
    if (!landCover.empty()) {
        const auto* lc = landCover2010(st);
        if (!lc || !lc->number)
            return false;
        const int code = static_cast<int>(*lc->number);
        if (std::none_of(landCover.begin(), landCover.end(), [&](int c) {
                return c == code || (c % 10 == 0 && code > c && code < c + 10);
            }))
            return false;
    }
    if (!climate.empty()) {
        const auto* cl = st.climate();
        if (!cl || std::none_of(climate.begin(), climate.end(),
                                [&](const std::string& c) { return cl->value.rfind(c, 0) == 0; }))
            return false;
    }
    const double depth = 0.5 * (sensor.depthFrom_m + sensor.depthTo_m);
    for (const auto& c : staticConditions) {
        const auto* v = st.staticVariable(c.quantity, depth);
        if (!v || !v->number || !c.holds(*v->number))
            return false;
    }
    return true;
}

const StaticVariable* landCover2010(const Station& station) {
    for (const auto& v : station.staticVariables)
        if (lowerAscii(v.quantity) == "land cover classification" &&
            v.source.find("2010") != std::string::npos)
            return &v;
    return station.landCover();
}

StaticCondition StaticCondition::parse(const std::string& text) {
    static const char* const ops[] = {"<=", ">=", "==", "!=", "<", ">"};
    for (const char* op : ops) {
        const auto at = text.find(op);
        if (at == std::string::npos)
            continue;
        StaticCondition c;
        c.quantity = std::string(trimSpace(text.substr(0, at)));
        c.op = op;
        const std::string number = std::string(trimSpace(text.substr(at + std::string(op).size())));
        char* end = nullptr;
        c.value = std::strtod(number.c_str(), &end);
        if (c.quantity.empty() || number.empty() || *end != '\0')
            break;
        return c;
    }
    throw UsageError("a site condition reads QUANTITY OP NUMBER, e.g. \"clay fraction >= 20\" "
                     "(got '" +
                     text + "')");
}

bool StaticCondition::holds(double v) const {
    return compare(v, op, value);
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
