#pragma once
#include "stations/sensor.h"

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soilscope::stations {

/// One row of an ISMN *_static_variables.csv: a site property such as land cover, climate,
/// saturation or a clay/sand/silt fraction, possibly for a depth range.
struct StaticVariable {
    std::string quantity; ///< "clay fraction", "land cover classification", ...
    std::string unit;     ///< "% weight", "m^3*m^-3", or empty
    double depthFrom_m = std::numeric_limits<double>::quiet_NaN(); ///< NaN when not given
    double depthTo_m = std::numeric_limits<double>::quiet_NaN();
    std::string value;            ///< as written: "23.00", "130", "Cfa"
    std::optional<double> number; ///< value when it is numeric
    std::string description;      ///< "Grassland", "Temperate - Without dry season - Hot Summer"
    std::string source;           ///< "HWSD", "CCI_landcover_2010", "insitu", ...
};

/// A station: location, static site properties and its sensors.
struct Station {
    std::string name;
    std::string network;
    double lat = std::numeric_limits<double>::quiet_NaN();
    double lon = std::numeric_limits<double>::quiet_NaN();
    double elevation_m = std::numeric_limits<double>::quiet_NaN();
    std::vector<StaticVariable> staticVariables;
    std::vector<Sensor> sensors;

    /// The first static variable of that quantity (case-insensitive) whose depth range holds
    /// depth_m (NaN: any depth); nullptr when there is none.
    const StaticVariable*
    staticVariable(std::string_view quantity,
                   double depth_m = std::numeric_limits<double>::quiet_NaN()) const;
    /// The most recent "land cover classification" (ESA CCI code in number, name in description).
    const StaticVariable* landCover() const;
    /// The Koeppen-Geiger "climate classification" (code in value, e.g. "Cfa").
    const StaticVariable* climate() const;
};

/// A network of stations.
struct Network {
    std::string name;
    std::vector<Station> stations;

    /// The station of that name, or nullptr.
    Station* findStation(std::string_view stationName);
    const Station* findStation(std::string_view stationName) const;
};

} // namespace soilscope::stations
