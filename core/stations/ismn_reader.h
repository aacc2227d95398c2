#pragma once
#include "base/feedback.h"
#include "stations/station.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace soilscope::stations {

/// What an ISMN file name says:
/// CSE_Network_Station_variable_depthfrom_depthto_instrument_startdate_enddate.stm
/// (ceop combined files: CSE_Network_Station_startdate_enddate.stm, no variable).
struct IsmnFileName {
    std::string cse;
    std::string network;
    std::string station;      ///< as in the name (ceop files may abbreviate it)
    std::string prefix;       ///< "CSE_Network_Station": shared with *_static_variables.csv
    bool hasVariable = false; ///< false for ceop combined files
    std::string variable;     ///< long name ("soil_moisture")
    double depthFrom_m = 0.0;
    double depthTo_m = 0.0;
    std::string instrument;
};

/// Parses a file name (no folders); nullopt when it does not follow the ISMN convention.
std::optional<IsmnFileName> parseIsmnFileName(std::string_view fileName);

/// Reads one ISMN data file of any of the three formats into a Station with its sensors.
/// With loadData=false only the header is read (ceop combined files are always read whole,
/// their sensors come out loaded). Throws soilscope::Error naming the file and line.
Station readIsmnFile(const std::string& path, bool loadData = true, Feedback* feedback = nullptr);

/// Parses the content of an ISMN file already in memory; path is used for the file name
/// (variable, instrument) and for error messages.
Station parseIsmnBuffer(std::string_view content, const std::string& path, bool loadData = true);

/// Streams the records of a single-sensor file (header_values or ceop_sep) in file order to
/// `visit` (false stops), reading it in chunks: memory stays bounded whatever the file's size.
/// Records come as written (not sorted, duplicates kept). Throws soilscope::Error naming file
/// and line, and for a ceop combined file (several sensors: use readIsmnFile).
void streamIsmnRecords(const std::string& path, Feedback* feedback,
                       const std::function<bool(const IsmnRecord&)>& visit);

/// Loads the observations of a sensor from its source file (no-op when loaded).
/// Throws soilscope::Error naming the file and line on malformed content.
void loadSensorData(Sensor& sensor);

} // namespace soilscope::stations
