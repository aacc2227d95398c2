#pragma once
#include "base/feedback.h"
#include "products/point_source.h"
#include "series/time_series.h"
#include "widgets/map_layer.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace soilscope::stations {
class IsmnArchive;
}

namespace soilscope::widgets {

/// Opened ISMN archives and point products (ASCAT/ERS cells), shared by the map (markers) and
/// the time-series view (observations). Thread-safe: loading runs on worker threads.
class StationStore {
  public:
    /// True for a point product whose locations become markers (a CF timeSeries cell file or a
    /// folder of cells).
    static bool isPointProduct(const QString& path);
    static bool isPointProduct(products::ProductKind kind);
    /// True for what becomes a marker layer: a folder, a zip or .stm file (ISMN) or a point
    /// product (`kind`: what recogniseProduct made of `path`, when already known).
    static bool isStationSource(const QString& path);
    static bool isStationSource(const QString& path, products::ProductKind kind);
    /// A marker layer: ISMN stations (with elevation, sensor counts and numeric site properties
    /// as metrics) or a point product's grid points (with the observations `mask` keeps, their
    /// mean soil moisture and how many it removed); throws soilscope::Error naming the file (a
    /// mask that does not parse or names a variable the product lacks); CanceledError when
    /// `feedback` is canceled.
    MapLayer loadLayer(const QString& path, Feedback* feedback = nullptr, const QString& mask = {});
    /// A point product's grid point (`id`) with the observations `mask` keeps, and those it
    /// removed in `rejected`. Throws soilscope::Error naming the file.
    static products::PointSeries productSeries(const QString& path, long long id,
                                               const QString& mask);
    /// A point product at a station: the nearest grid point within `maxDistanceKm`, with the
    /// observations `mask` keeps; a degree of saturation in % becomes m³ m⁻³ through the
    /// product's porosity (por_gldas, else por_hwsd; named in `porosity`) when `toUnits` is
    /// volumetric. Throws soilscope::Error naming the file (no grid point near enough).
    static products::PointSeries productSeriesAt(const QString& path, double lon, double lat,
                                                 double maxDistanceKm, const QString& mask,
                                                 const std::string& toUnits, QString& porosity);
    /// The soil moisture of every sensor of an ISMN station, shallowest first (named by station
    /// and depth, and instrument where two share a depth); empty when there is none. Throws
    /// soilscope::Error on unreadable data. (A point product's grid point: productSeries.)
    std::vector<series::TimeSeries> soilMoisture(const QString& path, const QString& network,
                                                 const QString& station);

    /// The station's soil temperature sensor nearest in depth to its shallowest soil-moisture
    /// sensor (as validate-network's --station-soil-temperature takes it), named by depth; empty
    /// when it has none or `path` is a point product.
    series::TimeSeries soilTemperature(const QString& path, const QString& network,
                                       const QString& station);

  private:
    std::shared_ptr<stations::IsmnArchive> archive(const QString& path, Feedback* feedback);
    std::mutex m_mutex;
    std::map<QString, std::shared_ptr<stations::IsmnArchive>> m_archives;
};

/// The values of every band (time step) of a raster at a lon/lat position, with the band
/// times (CF time or ISO band descriptions); an empty series when the point lies outside or
/// the raster has no time axis. Throws soilscope::Error when the file cannot be read,
/// CanceledError when `feedback` is canceled.
series::TimeSeries sampleRasterAt(const QString& path, double lon, double lat,
                                  const QString& name = {}, Feedback* feedback = nullptr);

} // namespace soilscope::widgets
