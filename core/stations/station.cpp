#include "stations/station.h"

#include <cctype>
#include <cmath>

namespace soilscope::stations {

namespace {
bool equalsNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}
} // namespace

const StaticVariable* Station::staticVariable(std::string_view quantity, double depth_m) const {
    for (const auto& v : staticVariables) {
        if (!equalsNoCase(v.quantity, quantity))
            continue;
        if (std::isnan(depth_m))
            return &v;
        if (std::isfinite(v.depthFrom_m) && std::isfinite(v.depthTo_m) && v.depthFrom_m >= 0 &&
            depth_m >= v.depthFrom_m && depth_m <= v.depthTo_m)
            return &v;
    }
    return nullptr;
}

const StaticVariable* Station::landCover() const {
    const StaticVariable* latest = nullptr;
    for (const auto& v : staticVariables)
        if (equalsNoCase(v.quantity, "land cover classification") &&
            (!latest || v.source >= latest->source))
            latest = &v;
    return latest;
}

const StaticVariable* Station::climate() const {
    return staticVariable("climate classification");
}

Station* Network::findStation(std::string_view stationName) {
    for (auto& s : stations)
        if (s.name == stationName)
            return &s;
    return nullptr;
}

const Station* Network::findStation(std::string_view stationName) const {
    for (const auto& s : stations)
        if (s.name == stationName)
            return &s;
    return nullptr;
}

} // namespace soilscope::stations
