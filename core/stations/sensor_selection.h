#pragma once
#include "stations/station.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::stations {

/// A condition on a station's static variable at the sensor's depth, e.g.
/// "clay fraction >= 20" (% weight, as the ISMN metadata give it).
struct StaticCondition {
    std::string quantity; ///< "clay fraction", "saturation", ...
    std::string op;       ///< <, <=, >, >=, ==, !=
    double value = 0;
    /// Parses "QUANTITY OP NUMBER"; throws UsageError naming the text.
    static StaticCondition parse(const std::string& text);
    bool holds(double v) const;
};

/// Which sensors to use: by variable, depth range, network, station, instrument, the site's
/// land cover, climate and soil properties; the accepted ISMN flags apply to the observations
/// (see applyFlags).
struct SensorSelection {
    std::string variable;              ///< "soil_moisture" (or "sm"); empty = any
    std::optional<double> depthMin_m;  ///< keep sensors with depth_from >= this
    std::optional<double> depthMax_m;  ///< keep sensors with depth_to <= this
    std::string network;               ///< exact network name; empty = any
    std::string station;               ///< exact station name; empty = any
    std::uint32_t acceptedFlags = ~0u; ///< series::flag mask; ~0 = every observation
    std::vector<std::string> stations; ///< exact station names; empty = any
    std::string instrument;            ///< part of the instrument name, any case; empty = any
    /// ESA CCI land cover codes of the site's 2010 class (QA4SM's lc_2010; the latest map when
    /// the metadata have no 2010 one); a code ending in 0 also takes its sub-classes
    /// (60 takes 61 and 62). Empty = any.
    std::vector<int> landCover;
    /// Köppen–Geiger classes as prefixes: "Cf" takes Cfa, Cfb and Cfc. Empty = any.
    std::vector<std::string> climate;
    std::vector<StaticCondition> staticConditions; ///< all must hold (a missing value fails)

    /// True when the sensor's metadata matches (flags are not looked at here).
    bool matches(const Network& network, const Station& station, const Sensor& sensor) const;
    /// The sensor's observations whose flags are accepted and whose values are finite.
    series::TimeSeries applyFlags(const Sensor& sensor) const;
};

/// The site's land cover class of the ESA CCI 2010 map (else the latest one); nullptr if none.
const StaticVariable* landCover2010(const Station& station);

/// Parses "G,U" / "G" / "all" into a flag mask (see series/quality_flags.h).
std::uint32_t parseAcceptedFlags(const std::string& list);

} // namespace soilscope::stations
