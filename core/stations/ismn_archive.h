#pragma once
#include "base/feedback.h"
#include "stations/sensor_selection.h"
#include "stations/station.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::stations {

/// How to scan an archive.
struct ScanOptions {
    bool loadData = false;        ///< read every observation now (otherwise on demand with load())
    Feedback* feedback = nullptr; ///< progress while scanning and cancellation (optional)
};

/// Where a sensor lives in an archive (indices, stable for the archive's lifetime).
struct SensorRef {
    std::size_t network = 0;
    std::size_t station = 0;
    std::size_t sensor = 0;
};

/// An ISMN download: a folder (network/station sub-folders, scanned recursively), a zip
/// archive read in place through GDAL's /vsizip/, or a single .stm file. Headers are read on
/// open; observations are loaded lazily. Files that cannot be read are skipped with a warning.
class IsmnArchive {
  public:
    /// Opens and scans path. Throws soilscope::Error when path does not exist, when a single
    /// file is malformed, or when a folder/zip holds no readable ISMN data file.
    static IsmnArchive open(const std::filesystem::path& path, const ScanOptions& options = {});

    /// The path as given.
    const std::filesystem::path& path() const { return m_path; }
    const std::vector<Network>& networks() const { return m_networks; }
    /// One line per skipped file: "<file>: <reason>".
    const std::vector<std::string>& warnings() const { return m_warnings; }

    /// Every sensor, network by network, station by station.
    std::vector<SensorRef> sensors() const;
    /// The sensors whose metadata matches the selection.
    std::vector<SensorRef> select(const SensorSelection& selection) const;

    const Network& network(const SensorRef& ref) const { return m_networks.at(ref.network); }
    const Station& station(const SensorRef& ref) const;
    const Sensor& sensor(const SensorRef& ref) const;
    /// The sensor with its observations loaded (throws soilscope::Error naming file and line).
    const Sensor& load(const SensorRef& ref);
    /// Number of sensors.
    std::size_t sensorCount() const;

  private:
    std::filesystem::path m_path;
    std::vector<Network> m_networks;
    std::vector<std::string> m_warnings;

    void scanFolder(const std::string& root, const ScanOptions& options, bool isZip);
};

/// The station's soil temperature sensor whose depth is nearest that of `moisture` (the
/// shallower of two equally near); nullopt when it has none.
std::optional<SensorRef> soilTemperatureSensor(const IsmnArchive& archive,
                                               const SensorRef& moisture);

} // namespace soilscope::stations
