#pragma once
#include "stations/station.h"

#include <filesystem>
#include <string>

namespace soilscope::stations {

/// The conventional ISMN file name of a sensor:
/// "NET_NET_Station_sm_0.050000_0.050000_Instrument_20170101_20171231.stm".
std::string headerValuesFileName(const Sensor& sensor, const Station& station);

/// Writes a sensor as an ISMN header_values file (header line, then
/// "YYYY/MM/DD HH:MM value flags provider_flag" lines, "\n" endings), atomically.
/// Missing values are written as NaN; flags as ISMN codes ("D01,D03"). Throws soilscope::Error.
void writeHeaderValuesFile(const Sensor& sensor, const Station& station,
                           const std::filesystem::path& path);

/// The same content as a string.
std::string formatHeaderValues(const Sensor& sensor, const Station& station);

} // namespace soilscope::stations
