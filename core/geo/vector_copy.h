#pragma once
#include <filesystem>
#include <string>

namespace soilscope::geo {

/// Copies a vector file (e.g. the GeoJSON of stations with their metrics) into a GeoPackage
/// with one table named `layerName`, through a temporary file so a failure leaves no output;
/// throws soilscope::Error naming the files.
void copyToGeoPackage(const std::filesystem::path& source, const std::filesystem::path& target,
                      const std::string& layerName);

} // namespace soilscope::geo
