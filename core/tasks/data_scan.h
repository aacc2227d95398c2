#pragma once
// Internal to core/tasks: what a folder of downloaded data holds, for `project-new` — the
// distributed products SoilScope reads, ISMN archives, and plain GeoTIFF / netCDF / GRIB layers
// with the data role each one can play in a project.
#include "base/feedback.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace soilscope::tasks {

/// One thing found in the folder.
struct FoundData {
    std::filesystem::path path;
    std::string what;     ///< "netCDF variable tp (m, 744 times)", "ISMN archive, 12 stations"
    std::string role;     ///< the data role it can play in a project; empty when none
    std::string variable; ///< netCDF/GRIB variable of the role, if any
    int band = 0;         ///< GeoTIFF band of the role (> 0), if any
    std::string units;
    std::string note; ///< how it can be used when it is no project layer (e.g. a point product)
    int rank = 0;     ///< how specifically the names point to the role (lower: more)
    std::string grid; ///< "width x height, geotransform" of a raster layer, to compare grids

    nlohmann::json toJson() const;
};

/// Walks `folder` (at most `maxDepth` levels, hidden entries skipped) and recognises each file or
/// product folder. Unreadable files are listed with the reason, never fatal. Throws
/// soilscope::Error when the folder does not exist.
std::vector<FoundData> scanDataFolder(const std::filesystem::path& folder, Feedback& feedback,
                                      int maxDepth = 4);

/// The layer to take for each role among those found: the most specific name first, then a
/// layer on the grid of the first role of `preferredOrder` that has one, then the path.
std::map<std::string, const FoundData*>
chooseLayers(const std::vector<FoundData>& found, const std::vector<std::string>& preferredOrder);

/// What a data role is, for messages about a missing one ("Sentinel-1 VV backscatter, dB").
std::string describeRole(const std::string& role);

} // namespace soilscope::tasks
