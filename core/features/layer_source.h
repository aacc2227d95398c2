#pragma once
#include "base/time_utils.h"
#include "geo/raster.h"
#include "geo/warp.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::features {

/// How an accumulated variable (precipitation, radiation) is stored in its file.
enum class Accumulation {
    PerStep,      ///< each time holds its own step's sum (ERA5 hourly tp)
    SinceDayStart ///< sums since 00 UTC, the 00 UTC value the previous day's total (ERA5-Land)
};

/// An opened data layer behind a role: a static multi-band raster, or a raster series with
/// one band per time (NetCDF variable with a CF time axis, or a GeoTIFF whose band
/// descriptions are ISO dates). Reads are serialised, so one LayerSource may be shared.
class LayerSource {
  public:
    /// Opens `path` (the NetCDF `variable` when given). kind "series" requires a time axis;
    /// "raster" keeps the bands static even when they carry dates; "auto" makes a series of a
    /// raster whose bands carry times.
    /// `band` > 0 makes the layer that single band of the file (its band 1).
    static std::shared_ptr<LayerSource> open(const std::string& role,
                                             const std::filesystem::path& path,
                                             const std::string& variable, const std::string& kind,
                                             int band = 0);
    /// A layer from an already opened raster with the given band times (empty = static).
    LayerSource(std::string role, geo::Raster raster, std::vector<TimePoint> times,
                int fileBand = 0);

    /// A raster series held in memory (e.g. a product gridded onto a sample grid): one band of
    /// grid's rows per time.
    static std::shared_ptr<LayerSource> inMemory(std::string role, std::string path,
                                                 const geo::Grid& grid,
                                                 std::vector<TimePoint> times,
                                                 std::vector<std::vector<float>> bands);

    const std::string& role() const { return m_role; }
    const std::string& path() const { return m_path; }
    const geo::Grid& grid() const { return m_grid; }
    int bandCount() const { return m_bandCount; }
    /// Band times (one per band) of a series; empty for a static layer.
    const std::vector<TimePoint>& times() const { return m_times; }
    bool isSeries() const { return !m_times.empty(); }

    /// A window of a band (1-based) as physical values, NaN = nodata. The window may reach
    /// outside the raster; those pixels are NaN. Accumulations since 00 UTC come back as sums
    /// per time step (the band minus the one an hour before; NaN when that hour is missing).
    std::vector<float> read(int band, const geo::Window& window) const;
    /// Declares how the layer's values accumulate (copies made later keep it).
    void setAccumulation(Accumulation accumulation);
    /// A copy of this layer reprojected/resampled onto `grid` (every band warped into memory;
    /// reads of the copy never touch the file again).
    std::shared_ptr<LayerSource> resampledTo(const geo::Grid& grid,
                                             geo::Resampling resampling) const;
    /// A copy held in memory as block means on a coarser grid: every cell is the mean of the
    /// valid fine pixels whose centres fall in it, whatever share of the cell they cover (warp's
    /// average leaves cells that a small fine raster covers only in part empty).
    std::shared_ptr<LayerSource> aggregatedTo(const geo::Grid& grid) const;

    /// 1-based band of the time nearest to t within ±tolerance, if any.
    std::optional<int> nearestBand(TimePoint t, std::chrono::seconds tolerance) const;
    /// 1-based bands whose times lie in [from, to).
    std::vector<int> bandsBetween(TimePoint from, TimePoint to) const;
    /// Band times of a series; throws naming the layer when it is static.
    const std::vector<TimePoint>& requireTimes() const;

  private:
    LayerSource() = default;
    /// A folder of dated images (ESA CCI SM daily files): `variable` of every file (default sm).
    static std::shared_ptr<LayerSource> openFolder(const std::string& role,
                                                   const std::filesystem::path& folder,
                                                   const std::string& variable);
    std::vector<float> readStored(int band, const geo::Window& window) const;
    /// Throws unless the layer reads a file (only those can be warped onto `target`).
    void requireFile(const geo::Grid& target) const;
    Accumulation m_accumulation = Accumulation::PerStep;
    std::string m_role;
    std::string m_path;
    std::unique_ptr<geo::Raster> m_raster;
    geo::Grid m_grid;
    int m_bandCount = 0;
    std::vector<TimePoint> m_times;
    int m_fileBand = 0;                       ///< > 0: the layer is this single band of the file
    std::vector<std::vector<float>> m_memory; ///< resampled bands (empty: read the file)
    mutable std::mutex m_mutex;
};

/// Band times of a raster: CF time ("NETCDF_DIM_time" with "time#units" such as
/// "hours since 1970-01-01") or ISO dates in band descriptions; empty when neither.
std::vector<TimePoint> rasterBandTimes(const geo::Raster& raster);

} // namespace soilscope::features
