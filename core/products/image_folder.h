#pragma once
#include "products/observation_mask.h"
#include "products/point_series_file.h"

#include <filesystem>
#include <string>
#include <vector>

namespace soilscope::products {

/// A folder (searched recursively, as the year sub-folders of ESA CCI SM downloads) of daily
/// netCDF images of one product on a regular lon/lat grid, dated by their names
/// (ESACCI-SOILMOISTURE-L3S-SSMV-COMBINED-20160607000000-fv04.2.nc). Series at points read
/// the pixel containing each point from every file. When the files carry `t0` (the observation
/// time of each pixel, days since 1970) that time is used, so temporal matching sees when the
/// satellite actually observed; otherwise the file's own time variable (CCI: 00:00 UTC).
class ImageFolder {
  public:
    /// True for a folder holding ESA CCI SM image files.
    static bool recognises(const std::filesystem::path& folder);
    /// Lists and dates the files; throws soilscope::Error naming the folder when it holds none.
    explicit ImageFolder(const std::filesystem::path& folder);

    struct DatedFile {
        TimePoint time;
        std::filesystem::path path;
    };
    const std::vector<DatedFile>& files() const { return m_files; }
    /// The variable of soil moisture ("sm").
    std::string soilMoistureVariable() const { return "sm"; }
    /// The observation-time variable used when present.
    static constexpr const char* kObservationTime = "t0";

    /// Series of `variable` at lon/lat points (the pixel containing each; an empty series with
    /// a note for points outside the grid); observations the mask rejects are removed.
    /// `progress(done, total)` is called after each file and may throw to cancel.
    std::vector<LocationSeries>
    seriesAt(const std::vector<std::pair<double, double>>& lonLat, const std::string& variable,
             const ObservationMask& mask,
             const std::function<void(std::size_t, std::size_t)>& progress = {}) const;

  private:
    std::filesystem::path m_folder;
    std::vector<DatedFile> m_files;
};

} // namespace soilscope::products
