#include "widgets/map_layer.h"

#include "base/time_utils.h"
#include "geo/cf_time.h"
#include "geo/netcdf_grid_variables.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "geo/regions.h"
#include "geo/warp.h"
#include "widgets/colour_map.h"

#include <gdal.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <set>

namespace soilscope::widgets {

ColourMap MapLayer::colourMap() const {
    if (categorical)
        return ColourMap::categorical(colourTable);
    if (colourMapName.endsWith(QLatin1String("_r")))
        return ColourMap::named(colourMapName.chopped(2)).reversed();
    return ColourMap::named(colourMapName);
}

QStringList MapLayer::metricNames() const {
    std::set<QString> names;
    for (const auto& s : stations)
        for (auto it = s.metrics.begin(); it != s.metrics.end(); ++it)
            names.insert(it.key());
    return QStringList(names.begin(), names.end());
}

geo::Bounds MapLayer::nativeBounds() const {
    if (type == Type::Raster)
        return grid.bounds();
    geo::Bounds b{1e300, 1e300, -1e300, -1e300};
    if (type == Type::Polygons && outlines)
        for (const auto& l : outlines->lines())
            b = {std::min(b.xmin, l.bounds.left()), std::min(b.ymin, l.bounds.top()),
                 std::max(b.xmax, l.bounds.right()), std::max(b.ymax, l.bounds.bottom())};
    for (const auto& s : stations) {
        b.xmin = std::min(b.xmin, s.lon);
        b.xmax = std::max(b.xmax, s.lon);
        b.ymin = std::min(b.ymin, s.lat);
        b.ymax = std::max(b.ymax, s.lat);
    }
    return b;
}

namespace {

/// A band's label from its NetCDF dimension values (GDAL's NETCDF_DIM_<dim> band metadata):
/// CF times as ISO dates, other dimensions as "name = value units"; empty for other bands.
QString netcdfBandLabel(const geo::Raster& raster, const geo::BandInfo& info) {
    QString extra = QString::fromStdString(raster.metadataItem("NETCDF_DIM_EXTRA"));
    extra.remove(QLatin1Char('{')).remove(QLatin1Char('}'));
    QStringList parts;
    for (const QString& dim : extra.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const std::string d = dim.trimmed().toStdString();
        const auto it = info.metadata.find("NETCDF_DIM_" + d);
        if (it == info.metadata.end())
            continue;
        const std::string units = raster.metadataItem(d + "#units");
        bool number = false;
        const double value = QString::fromStdString(it->second).toDouble(&number);
        QString text = QStringLiteral("%1 = %2 %3")
                           .arg(dim.trimmed(), QString::fromStdString(it->second),
                                QString::fromStdString(units))
                           .trimmed();
        if (number &&
            QString::fromStdString(units).contains(QLatin1String(" since "), Qt::CaseInsensitive)) {
            try {
                text = QString::fromStdString(formatIsoTime(geo::cfToTime(
                    value, geo::parseCfTimeUnits(units, raster.metadataItem(d + "#calendar")))));
            } catch (const std::exception&) {
                // Not CF time units after all: keep the raw value with its units.
            }
        }
        parts << text;
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

namespace {
/// The first text field of a vector file's first layer (or of "file#layer"), empty when none.
QString firstTextField(const QString& pathAndLayer) {
    const QString path = pathAndLayer.section(QLatin1Char('#'), 0, 0);
    const QString layerName = pathAndLayer.section(QLatin1Char('#'), 1);
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.toStdString().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    OGRLayer* layer = !ds                   ? nullptr
                      : layerName.isEmpty() ? ds->GetLayer(0)
                                            : ds->GetLayerByName(layerName.toStdString().c_str());
    if (!layer)
        return {};
    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (defn->GetFieldDefn(i)->GetType() == OFTString)
            return QString::fromUtf8(defn->GetFieldDefn(i)->GetNameRef());
    return {};
}
} // namespace

MapLayer describePolygonFile(const QString& path, const QString& attribute) {
    MapLayer layer;
    layer.type = MapLayer::Type::Polygons;
    layer.path = path;
    layer.name = QFileInfo(path.section(QLatin1Char('#'), 0, 0)).completeBaseName();
    layer.regionAttribute = attribute.isEmpty() ? firstTextField(path) : attribute;
    const geo::Regions regions =
        geo::Regions::open(path.toStdString(), layer.regionAttribute.toStdString());
    std::vector<ContextOutlines::Line> lines;
    for (const auto& ring : regions.rings()) {
        ContextOutlines::Line line;
        if (!ring.hole)
            line.label = QString::fromStdString(ring.region);
        for (std::size_t i = 0; i < ring.lons.size(); ++i)
            line.points.emplace_back(ring.lons[i], ring.lats[i]);
        if (line.points.size() >= 2)
            lines.push_back(std::move(line));
    }
    layer.outlines = ContextOutlines::fromLines(std::move(lines));
    for (const auto& name : regions.names())
        layer.regionNames << QString::fromStdString(name);
    return layer;
}

MapLayer describeRasterFile(const QString& path, Feedback* feedback) {
    MapLayer layer;
    layer.type = MapLayer::Type::Raster;
    layer.path = path;
    layer.name = QFileInfo(path).completeBaseName();
    if (isDivergingQuantity(layer.name))
        layer.colourMapName = QStringLiteral("rdbu"); // differences and anomalies
    // A series on a regular netCDF grid: its times from the time coordinate, without GDAL's
    // raster view of one band (and its metadata) per step.
    if (const auto v = geo::netcdfGridVariable(path.toStdString()); v && !v->times.empty()) {
        layer.grid = v->grid;
        layer.bandCount = static_cast<int>(v->times.size());
        layer.units = QString::fromStdString(v->units);
        for (const TimePoint t : v->times) {
            layer.bandLabels << QString::fromStdString(formatIsoTime(t));
            layer.bandUnits << layer.units;
        }
        layer.hasTime = true;
        return layer;
    }
    const geo::Raster raster(path.toStdString());
    layer.grid = raster.grid();
    layer.bandCount = raster.bandCount();
    for (int b = 1; b <= raster.bandCount(); ++b) {
        if (b % 64 == 0)
            reportFraction(feedback, 0.5 * double(b) / double(raster.bandCount()));
        const geo::BandInfo info = raster.band(b);
        QString label = netcdfBandLabel(raster, info);
        if (label.isEmpty())
            label = QString::fromStdString(info.description);
        if (label.isEmpty())
            label = QObject::tr("Band %1").arg(b);
        layer.bandLabels << label;
        layer.bandUnits << QString::fromStdString(info.units);
        if (b == 1)
            layer.units = QString::fromStdString(info.units);
    }
    // Dates of a series (CF time or ISO band descriptions) label the time slider.
    reportFraction(feedback, 0.5);
    try {
        const auto times = geo::RasterSeries::bandTimes(raster);
        if (static_cast<int>(times.size()) == layer.bandCount) {
            for (int b = 0; b < layer.bandCount; ++b)
                layer.bandLabels[b] = QString::fromStdString(formatIsoTime(times[b]));
            layer.hasTime = true;
        }
    } catch (const std::exception&) {
        // No readable time axis: keep the band descriptions.
    }
    // A curvilinear grid (2-D longitude and latitude, no CRS) is drawn warped through them onto
    // a regular WGS 84 grid as fine as its pixels, so that it sits where it belongs on the map.
    if (raster.hasGeolocationArrays() && !raster.hasGeoTransform()) {
        layer.grid = geo::geographicGridCovering(raster);
        layer.path = QString::fromStdString(geo::geolocatedVrt(raster, layer.grid));
        layer.source = path;
    }
    const geo::BandInfo first = raster.band(1);
    if (first.hasColorTable) {
        const auto lock = raster.libraryLock();
        auto* handle = static_cast<GDALDatasetH>(raster.nativeHandle());
        GDALColorTableH table = GDALGetRasterColorTable(GDALGetRasterBand(handle, 1));
        const int n = table ? GDALGetColorEntryCount(table) : 0;
        for (int i = 0; i < n; ++i) {
            const GDALColorEntry* e = GDALGetColorEntry(table, i);
            layer.colourTable << QColor(e->c1, e->c2, e->c3, e->c4);
        }
        if (first.nodata && *first.nodata >= 0 && *first.nodata < n)
            layer.colourTable[static_cast<int>(*first.nodata)] = Qt::transparent;
        layer.categorical = n > 0;
    }
    return layer;
}

namespace {

constexpr int kControlStep = 16; // pixels between exactly transformed control points

} // namespace

namespace {
/// The file behind a raster name: the path itself, or the quoted file of a subdataset name
/// (NETCDF:"file":variable).
std::string fileOfRasterName(const std::string& name) {
    const auto open = name.find('"');
    const auto close = open == std::string::npos ? open : name.find('"', open + 1);
    return close == std::string::npos ? name : name.substr(open + 1, close - open - 1);
}

/// What a render reads of a layer's file: a regular netCDF grid variable through GDAL's
/// multidimensional API (its raster view of a long series takes a second or more to open: two
/// hourly years), anything else through GDAL's raster view, which also averages source pixels
/// into screen pixels from overviews.
class RenderFile {
  public:
    explicit RenderFile(const std::string& name) {
        if (auto variable = geo::netcdfGridVariable(name)) {
            m_reader = std::make_unique<geo::NetcdfGridReader>(*variable);
            m_variable = std::move(variable);
        } else {
            m_raster = std::make_unique<geo::Raster>(name);
        }
    }
    const geo::Grid& grid() const { return m_variable ? m_variable->grid : m_raster->grid(); }
    int bandCount() const {
        return m_variable ? std::max<int>(1, static_cast<int>(m_variable->times.size()))
                          : m_raster->bandCount();
    }
    /// Band `band` of `window`, at outW x outH pixels (the kernel's choice of source pixels).
    std::vector<float> read(int band, const geo::Window& window, int outW, int outH,
                            geo::Resampling kernel) const {
        const bool full = outW == window.width && outH == window.height;
        if (m_raster)
            return full ? m_raster->readWindow(band, window)
                        : m_raster->readWindowResampled(band, window, outW, outH, kernel);
        auto values = m_reader->readWindow(static_cast<std::size_t>(band - 1), window);
        if (full)
            return values;
        const geo::Grid fine = grid().window(window.x0, window.y0, window.width, window.height);
        if (kernel == geo::Resampling::Average)
            return geo::aggregateBlocks(values, fine, fine.resized(outW, outH), 0.0).mean;
        std::vector<float> out(static_cast<std::size_t>(outW) * std::size_t(outH));
        for (int y = 0; y < outH; ++y)
            for (int x = 0; x < outW; ++x) // the source pixel under the centre
                out[std::size_t(y) * std::size_t(outW) + std::size_t(x)] =
                    values[std::size_t((2 * y + 1) * window.height / (2 * outH)) *
                               std::size_t(window.width) +
                           std::size_t((2 * x + 1) * window.width / (2 * outW))];
        return out;
    }

  private:
    std::optional<geo::NetcdfGridVariable> m_variable;
    std::unique_ptr<geo::NetcdfGridReader> m_reader;
    std::unique_ptr<geo::Raster> m_raster;
};

/// Renders of a layer reuse its open file, which every pan, zoom and animation frame reopened.
/// Kept per thread (a reader is used by one thread at a time), a few at a time, reopened when
/// the file changes.
const RenderFile& openForRender(const std::string& name) {
    struct Open {
        std::string name;
        std::filesystem::file_time_type modified;
        std::uintmax_t size = 0;
        std::unique_ptr<RenderFile> file;
    };
    thread_local std::vector<Open> cache;
    constexpr std::size_t kKept = 4;
    std::error_code ec;
    const std::filesystem::path file = fileOfRasterName(name);
    const auto modified = std::filesystem::last_write_time(file, ec);
    const auto size = ec ? 0 : std::filesystem::file_size(file, ec);
    for (auto it = cache.begin(); it != cache.end(); ++it)
        if (it->name == name) {
            if (it->modified == modified && it->size == size) {
                std::rotate(cache.begin(), it, it + 1); // most recent first
                return *cache.front().file;
            }
            cache.erase(it);
            break;
        }
    auto opened = std::make_unique<RenderFile>(name);
    if (cache.size() >= kKept)
        cache.pop_back();
    cache.insert(cache.begin(), Open{name, modified, size, std::move(opened)});
    return *cache.front().file;
}
} // namespace

RasterRender renderRasterLayer(const MapLayer& layer, const geo::Grid& view) {
    RasterRender out;
    out.width = view.width();
    out.height = view.height();
    out.stretch = layer.stretch;
    out.values.assign(static_cast<std::size_t>(out.width) * out.height, std::nanf(""));
    try {
        const RenderFile& raster = openForRender(layer.path.toStdString());
        const geo::Grid& src = raster.grid();
        const int band = std::clamp(layer.band, 1, raster.bandCount());
        if (!layer.stretchResolved && !layer.categorical) {
            const int sw = std::min(src.width(), 512);
            const int sh = std::min(src.height(), 512);
            const auto sample = raster.read(band, {0, 0, src.width(), src.height()}, sw, sh,
                                            geo::Resampling::Nearest);
            resolveStretch(out.stretch, sample);
        }
        const bool reproject = src.hasCrs() && view.hasCrs() && !src.sameCrs(view);

        // Control points of the view grid, mapped into fractional source pixels.
        const int cw = out.width / kControlStep + 2;
        const int ch = out.height / kControlStep + 2;
        std::vector<double> xs(static_cast<std::size_t>(cw) * ch), ys(xs.size());
        for (int j = 0; j < ch; ++j)
            for (int i = 0; i < cw; ++i) {
                const geo::MapPoint p = view.pixelToMap(i * kControlStep, j * kControlStep);
                xs[static_cast<std::size_t>(j) * cw + i] = p.x;
                ys[static_cast<std::size_t>(j) * cw + i] = p.y;
            }
        if (reproject) {
            view.mapToLonLat(xs, ys);
            src.lonLatToMap(xs, ys);
        }
        double cmin = 1e300, cmax = -1e300, rmin = 1e300, rmax = -1e300;
        for (std::size_t k = 0; k < xs.size(); ++k) {
            if (!std::isfinite(xs[k]) || !std::isfinite(ys[k])) {
                xs[k] = ys[k] = std::nan("");
                continue;
            }
            const geo::PixelPoint pp = src.mapToPixel(xs[k], ys[k]);
            xs[k] = pp.col;
            ys[k] = pp.row;
            cmin = std::min(cmin, pp.col);
            cmax = std::max(cmax, pp.col);
            rmin = std::min(rmin, pp.row);
            rmax = std::max(rmax, pp.row);
        }
        const int x0 = std::clamp(static_cast<int>(std::floor(cmin)), 0, src.width());
        const int x1 = std::clamp(static_cast<int>(std::ceil(cmax)), 0, src.width());
        const int y0 = std::clamp(static_cast<int>(std::floor(rmin)), 0, src.height());
        const int y1 = std::clamp(static_cast<int>(std::ceil(rmax)), 0, src.height());
        if (x1 > x0 && y1 > y0 && cmax > cmin && rmax > rmin) {
            const geo::Window window{x0, y0, x1 - x0, y1 - y0};
            // Read no more source pixels than the screen shows: GDAL takes them from overviews.
            const double screenPerColumn = out.width / (cmax - cmin);
            const double screenPerRow = out.height / (rmax - rmin);
            const int outW = std::clamp(static_cast<int>(std::ceil(window.width * screenPerColumn)),
                                        1, window.width);
            const int outH = std::clamp(static_cast<int>(std::ceil(window.height * screenPerRow)),
                                        1, window.height);
            const auto kernel =
                layer.categorical ? geo::Resampling::Nearest : geo::Resampling::Average;
            const auto buffer = raster.read(band, window, outW, outH, kernel);
            const double sx = double(outW) / window.width;
            const double sy = double(outH) / window.height;
            for (int y = 0; y < out.height; ++y) {
                const int j = y / kControlStep;
                const double fy = double(y % kControlStep) / kControlStep;
                for (int x = 0; x < out.width; ++x) {
                    const int i = x / kControlStep;
                    const double fx = double(x % kControlStep) / kControlStep;
                    const std::size_t k00 = static_cast<std::size_t>(j) * cw + i;
                    const std::size_t k10 = k00 + 1, k01 = k00 + cw, k11 = k01 + 1;
                    // Pixel centres: offset by half a pixel within the control cell.
                    const double hx = 0.5 / kControlStep, hy = 0.5 / kControlStep;
                    const double ax = fx + hx, ay = fy + hy;
                    const double col = (1 - ay) * ((1 - ax) * xs[k00] + ax * xs[k10]) +
                                       ay * ((1 - ax) * xs[k01] + ax * xs[k11]);
                    const double row = (1 - ay) * ((1 - ax) * ys[k00] + ax * ys[k10]) +
                                       ay * ((1 - ax) * ys[k01] + ax * ys[k11]);
                    if (!std::isfinite(col) || !std::isfinite(row))
                        continue;
                    const int bx = static_cast<int>(std::floor((col - x0) * sx));
                    const int by = static_cast<int>(std::floor((row - y0) * sy));
                    if (bx < 0 || by < 0 || bx >= outW || by >= outH || col < x0 || row < y0)
                        continue;
                    out.values[static_cast<std::size_t>(y) * out.width + x] =
                        buffer[static_cast<std::size_t>(by) * outW + bx];
                }
            }
        }
        if (!layer.stretchResolved && layer.categorical)
            resolveStretch(out.stretch, out.values);
        out.image = renderValues(out.values, out.width, out.height, layer.colourMap(), out.stretch,
                                 layer.opacity);
    } catch (const std::exception& e) {
        out.error = QString::fromStdString(e.what());
        out.image = QImage(out.width, out.height, QImage::Format_ARGB32_Premultiplied);
        out.image.fill(Qt::transparent);
    }
    return out;
}

} // namespace soilscope::widgets
