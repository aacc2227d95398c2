#pragma once
#include "stations/station.h"

#include <string>
#include <string_view>
#include <vector>

namespace soilscope::stations {

/// Reads an ISMN *_static_variables.csv (semicolon-separated, header row) through GDAL VSI.
/// Throws soilscope::Error naming the file and line.
std::vector<StaticVariable> readStaticVariables(const std::string& path);

/// Parses the content of a static variables file already in memory.
std::vector<StaticVariable> parseStaticVariables(std::string_view content, const std::string& path);

} // namespace soilscope::stations
