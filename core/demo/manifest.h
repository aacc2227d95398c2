#pragma once
#include "base/time_utils.h"
#include "geo/grid.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::demo {

/// A variable (or band) of an output file, as listed in twin.json.
struct ManifestVariable {
    std::string name;
    std::string units;
    std::string description;
    int band = 0; ///< 1-based band of a GeoTIFF; 0 for NetCDF variables
};

/// One output file of the twin.
struct ManifestFile {
    std::string path;   ///< relative to the twin folder, '/' separated
    std::string format; ///< "netcdf", "geotiff", "ismn-header-values-zip", "csv", "json"
    std::string role;   ///< what it stands for, e.g. "ascat-sigma40"
    std::string description;
    std::string grid; ///< name of a grid in the manifest's grids section; empty if none
    std::vector<ManifestVariable> variables;
    std::optional<TimePoint> firstTime;
    std::optional<TimePoint> lastTime;
    std::size_t timeCount = 0;
    std::string timeStep; ///< "1h", "1d", "5d", "irregular", ...
    bool truth = false;   ///< under truth/: never an input of a workload
    nlohmann::json extra = nlohmann::json::object();
};

/// The twin's manifest: grids, files, model parameters; written as DIR/twin.json.
class Manifest {
  public:
    void addGrid(const std::string& name, const geo::Grid& grid, const std::string& description);
    void addFile(ManifestFile file);
    /// Sets a top-level entry (parameters, overpasses, ...).
    void set(const std::string& key, nlohmann::json value) { m_extra[key] = std::move(value); }
    const std::vector<ManifestFile>& files() const { return m_files; }
    /// The file with that role; throws soilscope::Error when absent.
    const ManifestFile& byRole(const std::string& role) const;
    /// The whole manifest as JSON (keys sorted, no time stamps: deterministic).
    nlohmann::json toJson() const;

  private:
    nlohmann::json m_grids = nlohmann::json::object();
    std::vector<ManifestFile> m_files;
    nlohmann::json m_extra = nlohmann::json::object();
};

/// The grid description written into the manifest (crs, epsg, geotransform, size).
nlohmann::json gridJson(const geo::Grid& grid);

} // namespace soilscope::demo
