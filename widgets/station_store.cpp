#include "widgets/station_store.h"

#include "base/error.h"
#include "base/units.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "products/cell_folder.h"
#include "products/point_series_file.h"
#include "products/point_source.h"
#include "stations/ismn_archive.h"
#include "stations/sensor.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

namespace soilscope::widgets {

std::shared_ptr<stations::IsmnArchive> StationStore::archive(const QString& path,
                                                             Feedback* feedback) {
    {
        std::lock_guard lock(m_mutex);
        if (const auto it = m_archives.find(path); it != m_archives.end())
            return it->second;
    }
    stations::ScanOptions options;
    options.feedback = feedback;
    auto opened = std::make_shared<stations::IsmnArchive>(
        stations::IsmnArchive::open(path.toStdString(), options));
    std::lock_guard lock(m_mutex);
    return m_archives.emplace(path, opened).first->second;
}

bool StationStore::isPointProduct(products::ProductKind kind) {
    return kind == products::ProductKind::PointSeriesFile ||
           kind == products::ProductKind::CellFolder;
}

bool StationStore::isPointProduct(const QString& path) {
    return isPointProduct(products::recogniseProduct(path.toStdString()));
}

bool StationStore::isStationSource(const QString& path, products::ProductKind kind) {
    const QFileInfo fi(path);
    // A folder is an ISMN download unless it holds dated images (a raster series).
    return (fi.isDir() && geo::RasterSeries::knownFolderPattern(path.toStdString()).empty()) ||
           fi.suffix().toLower() == QLatin1String("zip") ||
           fi.suffix().toLower() == QLatin1String("stm") || isPointProduct(kind);
}

bool StationStore::isStationSource(const QString& path) {
    return isStationSource(path, products::recogniseProduct(path.toStdString()));
}

namespace {

/// Masks the product's providers document, where it has their variables: ASCAT's surface
/// state flag with its processing flag (H SAF), and with its frozen and snow probabilities above
/// 80 % removed (as pytesmo's validation example reads ASCAT).
QStringList documentedMasks(const products::PointSeriesFile& f) {
    const auto has = [&](const char* name) {
        return std::any_of(f.variables().begin(), f.variables().end(),
                           [&](const auto& v) { return v.name == name; });
    };
    QStringList masks;
    if (has("ssf") && has("proc_flag"))
        masks << QStringLiteral("ssf == 1 and proc_flag == 0");
    if (has("ssf") && has("frozen") && has("snow"))
        masks << QStringLiteral("ssf == 1 and frozen < 80 and snow < 80");
    return masks;
}

MapLayer pointProductLayer(const QString& path, Feedback* feedback, const QString& maskText) {
    MapLayer layer;
    layer.type = MapLayer::Type::Stations;
    layer.path = path;
    layer.name = QFileInfo(path).completeBaseName();
    layer.colourMapName = QStringLiteral("viridis");
    layer.mask = maskText.trimmed();
    const auto mask = products::ObservationMask::parse(layer.mask.toStdString());
    std::vector<std::filesystem::path> files{path.toStdString()};
    if (products::recogniseProduct(path.toStdString()) == products::ProductKind::CellFolder)
        files = products::CellFolder(path.toStdString()).cells();
    const QString outside = QStringLiteral("outside the mask");
    for (std::size_t k = 0; k < files.size(); ++k) {
        reportFraction(feedback, double(k) / double(files.size()));
        const products::PointSeriesFile f(files[k]);
        if (k == 0) {
            for (const auto& v : f.variables())
                if (v.shape != products::VariableShape::Other)
                    layer.maskVariables << QString::fromStdString(v.name);
            layer.maskSuggestions = documentedMasks(f);
        }
        // Each grid point's soil moisture summarised, to colour the points by: the values the
        // mask keeps (all of them, as the product gives them, without one).
        const std::string variable = f.soilMoistureVariable();
        const QString mean = QStringLiteral("mean %1 (%2)")
                                 .arg(QString::fromStdString(variable),
                                      QString::fromStdString(f.variable(variable).units));
        const auto all = f.allSeries(variable, mask);
        if (layer.colourMetric.isEmpty())
            layer.colourMetric = mean; // the points coloured by their soil moisture at first
        for (std::size_t i = 0; i < f.locations().size(); ++i) {
            const auto& loc = f.locations()[i];
            StationMarker m;
            m.network = layer.name;
            m.name = QString::number(loc.id);
            m.lon = loc.lon;
            m.lat = loc.lat;
            double sum = 0.0;
            int n = 0;
            for (const double v : all[i].series.values)
                if (std::isfinite(v)) {
                    sum += v;
                    ++n;
                }
            m.metrics[QStringLiteral("observations")] = n;
            if (!mask.empty())
                m.metrics[outside] = static_cast<double>(all[i].masked);
            if (n > 0)
                m.metrics[mean] = sum / n;
            layer.stations.push_back(m);
        }
    }
    return layer;
}

/// A station's soil-moisture sensors, shallowest first (by depth_to, then depth_from).
std::vector<stations::SensorRef> moistureSensors(const stations::IsmnArchive& a,
                                                 const QString& network, const QString& station) {
    std::vector<stations::SensorRef> refs;
    for (const auto& ref : a.sensors())
        if (a.network(ref).name == network.toStdString() &&
            a.station(ref).name == station.toStdString() &&
            a.sensor(ref).variable == "soil_moisture")
            refs.push_back(ref);
    std::stable_sort(refs.begin(), refs.end(), [&](const auto& x, const auto& y) {
        return std::pair(a.sensor(x).depthTo_m, a.sensor(x).depthFrom_m) <
               std::pair(a.sensor(y).depthTo_m, a.sensor(y).depthFrom_m);
    });
    return refs;
}

} // namespace

MapLayer StationStore::loadLayer(const QString& path, Feedback* feedback, const QString& mask) {
    if (isPointProduct(path))
        return pointProductLayer(path, feedback, mask);
    const auto a = archive(path, feedback);
    MapLayer layer;
    layer.type = MapLayer::Type::Stations;
    layer.path = path;
    layer.name = QFileInfo(path).completeBaseName();
    layer.colourMapName = QStringLiteral("viridis");
    std::lock_guard lock(m_mutex);
    for (const auto& network : a->networks())
        for (const auto& s : network.stations) {
            if (!std::isfinite(s.lon) || !std::isfinite(s.lat))
                continue;
            StationMarker m;
            m.network = QString::fromStdString(network.name);
            m.name = QString::fromStdString(s.name);
            m.lon = s.lon;
            m.lat = s.lat;
            if (std::isfinite(s.elevation_m))
                m.metrics.insert(QStringLiteral("elevation_m"), s.elevation_m);
            int sm = 0;
            for (const auto& sensor : s.sensors)
                sm += sensor.variable == "soil_moisture";
            m.metrics.insert(QStringLiteral("soil_moisture_sensors"), sm);
            for (const auto& v : s.staticVariables)
                if (v.number && !m.metrics.contains(QString::fromStdString(v.quantity)))
                    m.metrics.insert(QString::fromStdString(v.quantity), *v.number);
            layer.stations.push_back(m);
        }
    return layer;
}

std::vector<series::TimeSeries>
StationStore::soilMoisture(const QString& path, const QString& network, const QString& station) {
    const auto a = archive(path, nullptr);
    std::lock_guard lock(m_mutex);
    const auto refs = moistureSensors(*a, network, station);
    const auto depth = [&](const stations::SensorRef& r) {
        return std::pair(a->sensor(r).depthTo_m, a->sensor(r).depthFrom_m);
    };
    std::vector<series::TimeSeries> out;
    for (const auto& ref : refs) {
        const bool shared = std::count_if(refs.begin(), refs.end(), [&](const auto& other) {
                                return depth(other) == depth(ref);
                            }) > 1;
        const auto& sensor = a->load(ref);
        series::TimeSeries s = sensor.series;
        QString name = QStringLiteral("%1 %2\u2013%3 m")
                           .arg(station)
                           .arg(sensor.depthFrom_m)
                           .arg(sensor.depthTo_m);
        if (shared)
            name += QLatin1Char(' ') + QString::fromStdString(sensor.instrument);
        s.name = name.toStdString();
        s.units = stations::variableUnits(sensor.variable);
        out.push_back(std::move(s));
    }
    return out;
}

products::PointSeries StationStore::productSeries(const QString& path, long long id,
                                                  const QString& mask) {
    products::PointQuery q;
    q.id = id;
    q.mask = mask.trimmed().toStdString();
    Feedback quiet;
    return products::readPointSeries(path.toStdString(), q, quiet);
}

products::PointSeries StationStore::productSeriesAt(const QString& path, double lon, double lat,
                                                    double maxDistanceKm, const QString& mask,
                                                    const std::string& toUnits, QString& porosity) {
    products::PointQuery q;
    q.lon = lon;
    q.lat = lat;
    q.maxDistanceKm = maxDistanceKm;
    q.mask = mask.trimmed().toStdString();
    Feedback quiet;
    auto read = products::readPointSeries(path.toStdString(), q, quiet);
    porosity.clear();
    if (!units::isPercent(read.series.units) || !units::isVolumetric(toUnits))
        return read;
    for (const char* variable : {"por_gldas", "por_hwsd"}) {
        q.porosity = variable;
        try {
            auto converted = products::readPointSeries(path.toStdString(), q, quiet);
            porosity = QString::fromLatin1(variable);
            return converted;
        } catch (const Error&) {
            // not in this product, or missing at the grid point: the next, else unconverted
        }
    }
    return read;
}

series::TimeSeries StationStore::soilTemperature(const QString& path, const QString& network,
                                                 const QString& station) {
    if (isPointProduct(path))
        return {};
    const auto a = archive(path, nullptr);
    std::lock_guard lock(m_mutex);
    const auto moisture = moistureSensors(*a, network, station);
    if (moisture.empty())
        return {};
    const auto ref = stations::soilTemperatureSensor(*a, moisture.front());
    if (!ref)
        return {};
    const auto& sensor = a->load(*ref);
    series::TimeSeries s = sensor.series;
    s.name = QStringLiteral("soil temperature %1\u2013%2 m")
                 .arg(sensor.depthFrom_m)
                 .arg(sensor.depthTo_m)
                 .toStdString();
    s.units = stations::variableUnits(sensor.variable);
    return s;
}

series::TimeSeries sampleRasterAt(const QString& path, double lon, double lat, const QString& name,
                                  Feedback* feedback) {
    series::TimeSeries out;
    out.name = (name.isEmpty() ? QFileInfo(path).completeBaseName() : name).toStdString();
    // A regular netCDF grid gives a pixel's whole series in one read.
    std::optional<geo::RasterSeries> netcdf;
    try {
        netcdf = geo::RasterSeries::openNetcdfGrid(path.toStdString());
    } catch (const Error&) {
        return out; // a variable without a time axis
    }
    if (netcdf) {
        const auto px = netcdf->lonLatToPixel({{lon, lat}}).front();
        const int col = static_cast<int>(std::floor(px.col));
        const int row = static_cast<int>(std::floor(px.row));
        if (col < 0 || row < 0 || col >= netcdf->grid().width() || row >= netcdf->grid().height())
            return out;
        out.units = netcdf->units();
        const auto values = netcdf->readPixelSeries(col, row);
        out.reserve(values.size());
        for (std::size_t i = 0; i < values.size(); ++i)
            out.push(netcdf->times()[i], values[i]);
        return out;
    }
    const geo::Raster raster(path.toStdString());
    const auto times = geo::RasterSeries::bandTimes(raster);
    if (times.empty())
        return out;
    const geo::Grid& grid = raster.grid();
    geo::MapPoint p{lon, lat};
    if (grid.hasCrs() && !grid.isGeographic())
        p = grid.lonLatToMap(lon, lat);
    const geo::PixelPoint px = grid.mapToPixel(p.x, p.y);
    const int col = static_cast<int>(std::floor(px.col));
    const int row = static_cast<int>(std::floor(px.row));
    if (col < 0 || row < 0 || col >= grid.width() || row >= grid.height())
        return out;
    out.units = raster.band(1).units;
    out.reserve(times.size());
    const int bands = std::min(raster.bandCount(), static_cast<int>(times.size()));
    for (int b = 1; b <= bands; ++b) {
        if (b % 64 == 0)
            reportFraction(feedback, double(b) / double(bands));
        const auto v = raster.readWindow(b, col, row, 1, 1);
        out.push(times[b - 1], v.empty() ? std::nan("") : v[0]);
    }
    out.sortAndDeduplicate();
    return out;
}

} // namespace soilscope::widgets
