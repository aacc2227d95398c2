#pragma once
#include "stations/station.h"

#include <cstdint>
#include <optional>
#include <string>

namespace soilscope::stations {

/// Which sensors to use: by variable, depth range, network and station; the accepted ISMN
/// flags apply to the observations (see applyFlags).
struct SensorSelection {
    std::string variable;              ///< "soil_moisture" (or "sm"); empty = any
    std::optional<double> depthMin_m;  ///< keep sensors with depth_from >= this
    std::optional<double> depthMax_m;  ///< keep sensors with depth_to <= this
    std::string network;               ///< exact network name; empty = any
    std::string station;               ///< exact station name; empty = any
    std::uint32_t acceptedFlags = ~0u; ///< series::flag mask; ~0 = every observation

    /// True when the sensor's metadata matches (flags are not looked at here).
    bool matches(const Network& network, const Station& station, const Sensor& sensor) const;
    /// The sensor's observations whose flags are accepted and whose values are finite.
    series::TimeSeries applyFlags(const Sensor& sensor) const;
};

/// Parses "G,U" / "G" / "all" into a flag mask (see series/quality_flags.h).
std::uint32_t parseAcceptedFlags(const std::string& list);

} // namespace soilscope::stations
