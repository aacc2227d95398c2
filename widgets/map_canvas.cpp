#include "widgets/map_canvas.h"

#include "widgets/colour_map.h"
#include "widgets/pool_work.h"

#include <QDragEnterEvent>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

namespace soilscope::widgets {

namespace {

constexpr double kZoomStep = 1.25;
constexpr int kStationRadius = 6;

/// The median distance from a marker to its nearest neighbour (of up to 400 markers spread over
/// the list, against all), 0 for fewer than two.
double medianNearestDistance(const std::vector<QPointF>& points) {
    const std::size_t n = points.size();
    if (n < 2)
        return 0.0;
    const std::size_t step = std::max<std::size_t>(1, n / 400);
    std::vector<double> nearest;
    for (std::size_t i = 0; i < n; i += step) {
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < n; ++j) {
            const QPointF d = points[j] - points[i];
            const double d2 = d.x() * d.x() + d.y() * d.y();
            if (j != i && d2 > 0 && d2 < best)
                best = d2;
        }
        if (std::isfinite(best))
            nearest.push_back(std::sqrt(best));
    }
    if (nearest.empty())
        return 0.0;
    std::nth_element(nearest.begin(), nearest.begin() + static_cast<long>(nearest.size() / 2),
                     nearest.end());
    return nearest[nearest.size() / 2];
}

QString formatValue(double v) {
    if (!std::isfinite(v))
        return {};
    const double a = std::abs(v);
    if (a != 0.0 && (a < 1e-3 || a >= 1e6))
        return QString::number(v, 'g', 4);
    return QString::number(v, 'f', a < 1 ? 4 : (a < 100 ? 3 : 1));
}

} // namespace

MapCanvas::MapCanvas(QWidget* parent) : QWidget(parent), m_renderTimer(new QTimer(this)) {
    setMouseTracking(true);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(200, 150);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_renderTimer->setSingleShot(true);
    m_renderTimer->setInterval(90);
    connect(m_renderTimer, &QTimer::timeout, this, &MapCanvas::startRenders);
    setToolTip(tr("Drag to pan, wheel to zoom, drop raster or station files here"));
    // The world map's outlines load in the background (a few seconds at most).
    const QString world = ContextOutlines::worldMapPath();
    if (world.isEmpty()) {
        m_contextStatus = tr("no world map for borders and coastlines (install qgis-common or set "
                             "SOILSCOPE_WORLD_MAP)");
        return;
    }
    struct Loaded {
        std::shared_ptr<const ContextOutlines> outlines;
        QString error;
    };
    auto loaded = std::make_shared<Loaded>();
    m_contextWork = runInPool(
        this,
        [world, loaded] {
            try {
                loaded->outlines = ContextOutlines::loadShared(world);
            } catch (const std::exception& e) {
                loaded->error = QString::fromStdString(e.what());
            }
        },
        [this, loaded] {
            if (loaded->outlines)
                m_outlines = loaded->outlines;
            else
                m_contextStatus = loaded->error;
            m_contextWork.reset();
            projectContext();
            update();
        });
}

void MapCanvas::setContextVisible(bool visible) {
    m_showContext = visible;
    update();
}

void MapCanvas::projectContext() {
    m_contextMap.clear();
    if (!m_outlines || m_crsWkt.isEmpty())
        return;
    try {
        m_contextMap = m_outlines->projected(m_crsGrid);
    } catch (const std::exception& e) {
        m_contextStatus = QString::fromStdString(e.what());
    }
}

MapCanvas::~MapCanvas() {
    for (auto& e : m_entries)
        if (e.work)
            e.work->wait();
    if (m_contextWork)
        m_contextWork->wait();
}

MapCanvas::Entry* MapCanvas::entryById(quint64 id) {
    for (auto& e : m_entries)
        if (e.id == id)
            return &e;
    return nullptr;
}

QString MapCanvas::mapCrs() const {
    return m_crsWkt;
}

QString MapCanvas::mapCrsLabel() const {
    if (m_crsWkt.isEmpty())
        return tr("no CRS");
    if (const auto code = m_crsGrid.epsg())
        return QStringLiteral("EPSG:%1").arg(*code);
    return tr("custom CRS");
}

geo::Grid MapCanvas::viewGrid(const ViewState& view) const {
    const double w = view.size.width(), h = view.size.height();
    return geo::Grid(m_crsWkt.toStdString(),
                     {view.cx - w / 2 * view.resolution, view.resolution, 0.0,
                      view.cy + h / 2 * view.resolution, 0.0, -view.resolution},
                     view.size.width(), view.size.height());
}

void MapCanvas::projectLayer(Entry& e) {
    e.stationMap.clear();
    e.polygonMap.clear();
    e.mapBounds.reset();
    if (e.layer.type == MapLayer::Type::Polygons) {
        if (!e.layer.outlines)
            return;
        try {
            e.polygonMap = m_crsWkt.isEmpty() ? e.layer.outlines->lines()
                                              : e.layer.outlines->projected(m_crsGrid);
        } catch (const std::exception&) {
            return;
        }
        geo::Bounds b{1e300, 1e300, -1e300, -1e300};
        for (const auto& l : e.polygonMap)
            b = {std::min(b.xmin, l.bounds.left()), std::min(b.ymin, l.bounds.top()),
                 std::max(b.xmax, l.bounds.right()), std::max(b.ymax, l.bounds.bottom())};
        if (b.xmax >= b.xmin)
            e.mapBounds = b;
        return;
    }
    if (e.layer.type == MapLayer::Type::Stations) {
        std::vector<double> xs, ys;
        for (const auto& s : e.layer.stations) {
            xs.push_back(s.lon);
            ys.push_back(s.lat);
        }
        if (!m_crsWkt.isEmpty() && !m_crsGrid.isGeographic()) {
            try {
                m_crsGrid.lonLatToMap(xs, ys);
            } catch (const std::exception&) {
            }
        }
        geo::Bounds b{1e300, 1e300, -1e300, -1e300};
        for (std::size_t i = 0; i < xs.size(); ++i) {
            e.stationMap.emplace_back(xs[i], ys[i]);
            if (!std::isfinite(xs[i]) || !std::isfinite(ys[i]))
                continue;
            b = {std::min(b.xmin, xs[i]), std::min(b.ymin, ys[i]), std::max(b.xmax, xs[i]),
                 std::max(b.ymax, ys[i])};
        }
        if (b.xmax >= b.xmin)
            e.mapBounds = b;
        e.stationSpacing = medianNearestDistance(e.stationMap);
        return;
    }
    const geo::Grid& g = e.layer.grid;
    if (m_crsWkt.isEmpty() || !g.hasCrs() || g.sameCrs(m_crsGrid)) {
        e.mapBounds = g.bounds();
        return;
    }
    // Extent of the raster's outline (edges sampled) in the map CRS.
    std::vector<double> xs, ys;
    for (int k = 0; k <= 20; ++k) {
        const double f = k / 20.0;
        for (const auto& [c, r] : {std::pair{f * g.width(), 0.0},
                                   {f * g.width(), double(g.height())},
                                   {0.0, f * g.height()},
                                   {double(g.width()), f * g.height()}}) {
            const geo::MapPoint p = g.pixelToMap(c, r);
            xs.push_back(p.x);
            ys.push_back(p.y);
        }
    }
    try {
        g.mapToLonLat(xs, ys);
        m_crsGrid.lonLatToMap(xs, ys);
    } catch (const std::exception&) {
        return;
    }
    geo::Bounds b{1e300, 1e300, -1e300, -1e300};
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i]))
            continue;
        b = {std::min(b.xmin, xs[i]), std::min(b.ymin, ys[i]), std::max(b.xmax, xs[i]),
             std::max(b.ymax, ys[i])};
    }
    if (b.xmax > b.xmin)
        e.mapBounds = b;
}

int MapCanvas::addLayer(const MapLayer& layer) {
    const bool first = m_entries.empty();
    if (m_crsWkt.isEmpty()) {
        if (layer.type == MapLayer::Type::Raster && layer.grid.hasCrs())
            m_crsWkt = QString::fromStdString(layer.grid.crsWkt());
        else if (layer.type != MapLayer::Type::Raster) // stations, polygons: lon/lat
            m_crsWkt = QStringLiteral("EPSG:4326");
        if (!m_crsWkt.isEmpty()) {
            m_crsGrid = geo::Grid(m_crsWkt.toStdString(), {0, 1, 0, 0, 0, -1}, 1, 1);
            for (auto& e : m_entries)
                projectLayer(e);
            projectContext();
        }
    }
    Entry e;
    e.id = m_nextId++;
    e.layer = layer;
    projectLayer(e);
    m_entries.push_back(std::move(e));
    m_current = layerCount() - 1;
    if (first)
        zoomToFullExtent();
    scheduleRender();
    Q_EMIT layersChanged();
    return m_current;
}

void MapCanvas::removeLayer(int index) {
    if (index < 0 || index >= layerCount())
        return;
    // its render's result is dropped: the entry is gone when it arrives
    if (const auto& work = m_entries[index].work)
        work->wait();
    m_entries.erase(m_entries.begin() + index);
    m_current = std::min(m_current, layerCount() - 1);
    update();
    Q_EMIT layersChanged();
}

void MapCanvas::moveLayer(int from, int to) {
    if (from < 0 || to < 0 || from >= layerCount() || to >= layerCount() || from == to)
        return;
    Entry e = std::move(m_entries[from]);
    m_entries.erase(m_entries.begin() + from);
    m_entries.insert(m_entries.begin() + to, std::move(e));
    if (m_current == from)
        m_current = to;
    update();
    Q_EMIT layersChanged();
}

void MapCanvas::clearLayers() {
    while (!m_entries.empty())
        removeLayer(layerCount() - 1);
    m_crsWkt.clear();
    m_crsGrid = geo::Grid();
    m_contextMap.clear();
    m_current = -1;
}

void MapCanvas::updateLayer(int index, const MapLayer& layer) {
    if (index < 0 || index >= layerCount())
        return;
    Entry& e = m_entries[index];
    const bool restyleOnly = e.layer.path == layer.path && e.layer.band == layer.band &&
                             e.hasRender && e.layer.type == MapLayer::Type::Raster;
    e.layer = layer;
    if (e.layer.type != MapLayer::Type::Raster)
        projectLayer(e);
    if (restyleOnly) {
        // Colours, stretch or opacity only: recolour the cached values at once.
        if (!layer.stretchResolved)
            resolveStretch(e.layer.stretch, e.render.values);
        e.layer.stretchResolved = true;
        e.render.stretch = e.layer.stretch;
        e.render.image = renderValues(e.render.values, e.render.width, e.render.height,
                                      e.layer.colourMap(), e.layer.stretch, e.layer.opacity);
    } else {
        scheduleRender();
    }
    update();
    Q_EMIT layersChanged();
}

void MapCanvas::setCurrentLayer(int index) {
    const int previous = m_current;
    m_current = (index >= 0 && index < layerCount()) ? index : -1;
    update();
    if (m_current != previous)
        Q_EMIT currentLayerChanged(m_current);
}

geo::Bounds MapCanvas::visibleBounds() const {
    const double w = width() * m_view.resolution / 2, h = height() * m_view.resolution / 2;
    return {m_view.cx - w, m_view.cy - h, m_view.cx + w, m_view.cy + h};
}

void MapCanvas::setVisibleBounds(const geo::Bounds& b) {
    if (!(b.width() > 0) && !(b.height() > 0))
        return;
    m_fitted = b;
    m_view.cx = (b.xmin + b.xmax) / 2;
    m_view.cy = (b.ymin + b.ymax) / 2;
    // Margins wider than the graticule's labels and a station marker: the outermost markers
    // are drawn whole, clear of the labels along the edges.
    constexpr int margin = 2 * (kStationRadius + 24);
    const double rx = b.width() / std::max(1, width() - margin);
    const double ry = b.height() / std::max(1, height() - margin);
    m_view.resolution = std::max({rx, ry, 1e-9});
    scheduleRender();
    update();
}

std::optional<geo::Bounds> MapCanvas::fullExtent() const {
    std::optional<geo::Bounds> out;
    for (const auto& e : m_entries) {
        if (!e.layer.visible || !e.mapBounds)
            continue;
        if (!m_crsWkt.isEmpty() && e.layer.type == MapLayer::Type::Raster && !e.layer.grid.hasCrs())
            continue;
        const auto& b = *e.mapBounds;
        out = out ? geo::Bounds{std::min(out->xmin, b.xmin), std::min(out->ymin, b.ymin),
                                std::max(out->xmax, b.xmax), std::max(out->ymax, b.ymax)}
                  : b;
    }
    if (out && out->width() <= 0) {
        out->xmin -= 0.01;
        out->xmax += 0.01;
    }
    if (out && out->height() <= 0) {
        out->ymin -= 0.01;
        out->ymax += 0.01;
    }
    return out;
}

void MapCanvas::zoomToFullExtent() {
    if (const auto b = fullExtent())
        setVisibleBounds(*b);
}

void MapCanvas::zoomToLayer(int index) {
    if (index >= 0 && index < layerCount() && m_entries[index].mapBounds)
        setVisibleBounds(*m_entries[index].mapBounds);
}

void MapCanvas::zoomIn() {
    zoomAround(rect().center(), 1.0 / kZoomStep);
}
void MapCanvas::zoomOut() {
    zoomAround(rect().center(), kZoomStep);
}

void MapCanvas::zoomAround(const QPointF& pos, double factor) {
    const geo::MapPoint anchor = toMap(pos);
    m_fitted.reset();
    m_view.resolution *= factor;
    m_view.cx = anchor.x - (pos.x() - width() / 2.0) * m_view.resolution;
    m_view.cy = anchor.y + (pos.y() - height() / 2.0) * m_view.resolution;
    scheduleRender();
    update();
}

void MapCanvas::setTool(Tool tool) {
    m_tool = tool;
    setCursor(tool == Tool::Identify ? Qt::WhatsThisCursor : Qt::OpenHandCursor);
}

geo::MapPoint MapCanvas::toMap(const QPointF& pos) const {
    return {m_view.cx + (pos.x() - width() / 2.0) * m_view.resolution,
            m_view.cy - (pos.y() - height() / 2.0) * m_view.resolution};
}

std::optional<geo::LonLat> MapCanvas::toLonLat(const QPointF& pos) const {
    if (m_crsWkt.isEmpty())
        return std::nullopt;
    const geo::MapPoint mp = toMap(pos);
    if (m_crsGrid.isGeographic())
        return geo::LonLat{mp.x, mp.y};
    try {
        return m_crsGrid.mapToLonLat(mp.x, mp.y);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

QPointF MapCanvas::toScreen(double x, double y) const {
    return {width() / 2.0 + (x - m_view.cx) / m_view.resolution,
            height() / 2.0 - (y - m_view.cy) / m_view.resolution};
}

bool MapCanvas::isRendering() const {
    if (m_renderTimer->isActive())
        return true;
    // Not the work's state: a finished render's result reaches the entry only with its queued
    // delivery.
    for (const auto& e : m_entries)
        if (e.rendering)
            return true;
    return false;
}

void MapCanvas::scheduleRender() {
    m_view.size = size();
    m_renderTimer->start();
}

void MapCanvas::startRenders() {
    m_view.size = size();
    for (auto& e : m_entries)
        if (e.layer.type == MapLayer::Type::Raster && e.layer.visible)
            startRender(e);
}

void MapCanvas::startRender(Entry& e) {
    if (m_crsWkt.isEmpty() && e.layer.grid.hasCrs())
        return;
    const int generation = ++e.generation;
    const quint64 id = e.id;
    const ViewState view = m_view;
    const MapLayer layer = e.layer;
    const geo::Grid grid = viewGrid(view);
    auto rendered = std::make_shared<RasterRender>();
    e.rendering = true;
    // A superseded render runs to its end in the pool; its result is dropped (generation).
    e.work = runInPool(
        this, [layer, grid, rendered] { *rendered = renderRasterLayer(layer, grid); },
        [this, id, generation, view, rendered] {
            Entry* entry = entryById(id);
            if (!entry || entry->generation != generation)
                return;
            entry->rendering = false;
            entry->render = std::move(*rendered);
            entry->renderedView = view;
            entry->hasRender = true;
            if (!entry->layer.stretchResolved) {
                entry->layer.stretch = entry->render.stretch;
                entry->layer.stretchResolved = true;
                Q_EMIT layersChanged();
            }
            update();
            if (!isRendering())
                Q_EMIT renderFinished();
        });
}

void MapCanvas::setEmptyText(const QString& text) {
    m_emptyText = text;
    update();
}

void MapCanvas::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), QColor(0xf4, 0xf5, 0xf7));
    if (m_entries.empty()) {
        p.setPen(QColor(0x70, 0x70, 0x70));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                   m_emptyText.isEmpty()
                       ? tr("Open a project, or drop rasters (GeoTIFF, NetCDF) and ISMN station "
                            "archives here.")
                       : m_emptyText);
        return;
    }
    ViewState view = m_view;
    view.size = size();
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (const auto& e : m_entries) {
        if (!e.layer.visible || e.layer.type != MapLayer::Type::Raster || !e.hasRender)
            continue;
        // Place the cached image where its extent lies in the current view (pan/zoom preview).
        const ViewState& r = e.renderedView;
        const double scale = r.resolution / view.resolution;
        const QPointF topLeft = toScreen(r.cx - r.size.width() / 2.0 * r.resolution,
                                         r.cy + r.size.height() / 2.0 * r.resolution);
        p.drawImage(QRectF(topLeft, QSizeF(r.size.width() * scale, r.size.height() * scale)),
                    e.render.image);
    }
    // Borders and a graticule over the rasters, under the stations.
    if (m_showContext && !m_crsWkt.isEmpty()) {
        const auto screen = [this](double x, double y) { return toScreen(x, y); };
        const double w = view.size.width() * view.resolution;
        const double h = view.size.height() * view.resolution;
        drawOutlines(p, m_contextMap, QRectF(view.cx - w / 2, view.cy - h / 2, w, h), screen);
        drawGraticule(p, viewGrid(view), screen);
    }
    // Polygon layers (catchments, areas of interest) over the context, under the stations.
    if (!m_crsWkt.isEmpty()) {
        const auto screen = [this](double x, double y) { return toScreen(x, y); };
        const double w = view.size.width() * view.resolution;
        const double h = view.size.height() * view.resolution;
        const QPen pen(QColor(0xb0, 0x1e, 0x8c, int(255 * 0.9)), 1.8);
        for (const auto& e : m_entries)
            if (e.layer.visible && e.layer.type == MapLayer::Type::Polygons)
                drawOutlines(p, e.polygonMap, QRectF(view.cx - w / 2, view.cy - h / 2, w, h),
                             screen, pen);
    }
    for (const auto& e : m_entries)
        if (e.layer.visible && e.layer.type == MapLayer::Type::Stations)
            drawStations(p, e, view);
    drawColourBar(p, rect());
    drawScaleBar(p, rect(), view);
}

namespace {

/// The colour map of a station layer's markers: diverging for biases and differences.
ColourMap markerColours(const MapLayer& layer) {
    return ColourMap::named(isDivergingQuantity(layer.colourMetric) ? QStringLiteral("rdbu")
                                                                    : layer.colourMapName);
}

/// The range the markers' colours span: the colour metric's values (symmetric around zero for
/// a diverging quantity); nullopt without a metric or a value.
std::optional<std::pair<double, double>> markerRange(const MapLayer& layer) {
    double lo = 1e300, hi = -1e300;
    if (!layer.colourMetric.isEmpty())
        for (const auto& s : layer.stations)
            if (const auto it = s.metrics.find(layer.colourMetric);
                it != s.metrics.end() && std::isfinite(*it)) {
                lo = std::min(lo, *it);
                hi = std::max(hi, *it);
            }
    if (!(hi >= lo))
        return std::nullopt;
    if (isDivergingQuantity(layer.colourMetric)) {
        hi = std::max(std::fabs(lo), std::fabs(hi));
        lo = -hi;
    }
    return std::pair{lo, hi};
}

} // namespace

void MapCanvas::drawStations(QPainter& p, const Entry& e, const ViewState&) const {
    const auto& layer = e.layer;
    const ColourMap map = markerColours(layer);
    const auto range = markerRange(layer);
    const double lo = range ? range->first : 1e300, hi = range ? range->second : -1e300;
    // Dense markers (a product's grid points) shrink to about their spacing on screen instead of
    // covering each other; small ones go without their rings.
    const double radius =
        e.stationSpacing > 0
            ? std::clamp(0.45 * e.stationSpacing / m_view.resolution, 2.5, double(kStationRadius))
            : double(kStationRadius);
    const bool rings = radius >= 4.0;
    p.setRenderHint(QPainter::Antialiasing, true);
    for (std::size_t i = 0; i < layer.stations.size() && i < e.stationMap.size(); ++i) {
        const QPointF pt = toScreen(e.stationMap[i].x(), e.stationMap[i].y());
        if (!rect().adjusted(-10, -10, 10, 10).contains(pt.toPoint()))
            continue;
        QColor fill(0xe6, 0x55, 0x0d);
        if (hi >= lo) {
            const auto it = layer.stations[i].metrics.find(layer.colourMetric);
            if (it != layer.stations[i].metrics.end() && std::isfinite(*it))
                fill = QColor::fromRgb(map.at(hi > lo ? (*it - lo) / (hi - lo) : 0.5));
            else
                fill = QColor(0xa0, 0xa0, 0xa0);
        }
        fill.setAlphaF(layer.opacity);
        p.setPen(rings ? QPen(Qt::white, 1.5) : QPen(Qt::NoPen));
        p.setBrush(fill);
        p.drawEllipse(pt, radius, radius);
        if (!rings)
            continue;
        p.setPen(QPen(QColor(0x20, 0x20, 0x20), 0.8));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(pt, radius + 1.2, radius + 1.2);
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

int MapCanvas::colourBarLayer() const {
    if (m_current >= 0 && m_current < layerCount() && m_entries[m_current].layer.visible &&
        m_entries[m_current].layer.type == MapLayer::Type::Raster)
        return m_current;
    for (int i = layerCount() - 1; i >= 0; --i)
        if (m_entries[i].layer.visible && m_entries[i].layer.type == MapLayer::Type::Raster)
            return i;
    return -1;
}

void MapCanvas::drawColourBar(QPainter& p, const QRect& area) const {
    if (const int index = colourBarLayer(); index >= 0) {
        const MapLayer& layer = m_entries[index].layer;
        if (!layer.stretchResolved || layer.categorical)
            return;
        QString title = layer.name;
        if (layer.bandCount > 1 && layer.band - 1 < layer.bandLabels.size() &&
            layer.bandLabels[layer.band - 1].compare(layer.name, Qt::CaseInsensitive) != 0)
            title += QStringLiteral(" \u2014 ") + layer.bandLabels[layer.band - 1];
        if (!layer.units.isEmpty())
            title += QStringLiteral(" [%1]").arg(layer.units);
        drawColourBarBox(p, area, layer.colourMap(), title, layer.stretch.low, layer.stretch.high);
        return;
    }
    // No raster shown: the markers' colours, when a metric colours them.
    for (int i = layerCount() - 1; i >= 0; --i) {
        const MapLayer& layer = m_entries[i].layer;
        if (!layer.visible || layer.type != MapLayer::Type::Stations)
            continue;
        if (const auto range = markerRange(layer)) {
            drawColourBarBox(p, area, markerColours(layer),
                             layer.name + QStringLiteral(" \u2014 ") + layer.colourMetric,
                             range->first, range->second);
            return;
        }
    }
}

void MapCanvas::drawColourBarBox(QPainter& p, const QRect& area, const ColourMap& colours,
                                 const QString& title, double low, double high) const {
    const int w = std::min(238, std::max(120, area.width() / 2 - 12));
    const QRect box(area.right() - w - 12, area.bottom() - 62, w, 52);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 255, 255, 225));
    p.drawRoundedRect(box, 4, 4);
    const QRect bar(box.left() + 10, box.top() + 22, box.width() - 20, 12);
    p.drawImage(bar, colours.gradient(bar.width(), 1));
    p.setPen(QColor(0x30, 0x30, 0x30));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar);
    QFont f = font();
    f.setPointSizeF(8.0);
    p.setFont(f);
    p.drawText(QRect(box.left() + 8, box.top() + 3, box.width() - 16, 16),
               Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(title, Qt::ElideMiddle, box.width() - 16));
    p.drawText(QRect(bar.left(), bar.bottom() + 2, bar.width(), 14), Qt::AlignLeft,
               formatValue(low));
    p.drawText(QRect(bar.left(), bar.bottom() + 2, bar.width(), 14), Qt::AlignRight,
               formatValue(high));
    // The middle value only where it leaves room between the ends (a narrow map).
    const QFontMetrics m = p.fontMetrics();
    const QString middle = formatValue((low + high) / 2);
    const int half = m.horizontalAdvance(middle) / 2 + 6;
    if (bar.width() / 2 - half >= m.horizontalAdvance(formatValue(low)) &&
        bar.width() / 2 - half >= m.horizontalAdvance(formatValue(high)))
        p.drawText(QRect(bar.left(), bar.bottom() + 2, bar.width(), 14), Qt::AlignHCenter, middle);
}

void MapCanvas::drawScaleBar(QPainter& p, const QRect& area, const ViewState& view) const {
    if (m_crsWkt.isEmpty())
        return;
    double metresPerUnit = 1.0;
    if (m_crsGrid.isGeographic()) {
        double lat = view.cy;
        metresPerUnit =
            111320.0 * std::cos(std::clamp(lat, -89.0, 89.0) * std::numbers::pi / 180.0);
    }
    const double metresPerPixel = view.resolution * metresPerUnit;
    if (!(metresPerPixel > 0))
        return;
    const double target = metresPerPixel * 120;
    const double magnitude = std::pow(10.0, std::floor(std::log10(target)));
    double nice = magnitude;
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude <= target)
            nice = m * magnitude;
    const int px = static_cast<int>(nice / metresPerPixel);
    const QString label = nice >= 1000 ? tr("%1 km").arg(nice / 1000) : tr("%1 m").arg(nice);
    const QRect box(area.left() + 10, area.bottom() - 40, px + 20, 30);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 255, 255, 225));
    p.drawRoundedRect(box, 4, 4);
    const int y = box.bottom() - 8;
    p.setPen(QPen(QColor(0x20, 0x20, 0x20), 2));
    p.drawLine(box.left() + 10, y, box.left() + 10 + px, y);
    p.drawLine(box.left() + 10, y - 5, box.left() + 10, y);
    p.drawLine(box.left() + 10 + px, y - 5, box.left() + 10 + px, y);
    QFont f = font();
    f.setPointSizeF(8.0);
    p.setFont(f);
    p.drawText(QRect(box.left(), box.top() + 2, box.width(), 14), Qt::AlignHCenter, label);
}

void MapCanvas::resizeEvent(QResizeEvent*) {
    // A view fitted to an extent (a layer, every layer) stays fitted as the window takes its
    // size, until the user pans or zooms.
    if (m_fitted)
        setVisibleBounds(*m_fitted);
    scheduleRender();
}

void MapCanvas::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0)
        return;
    zoomAround(event->position(), std::pow(kZoomStep, -steps));
    event->accept();
}

void MapCanvas::mousePressEvent(QMouseEvent* event) {
    m_pressPos = m_lastPos = event->pos();
    if (event->button() == Qt::LeftButton && m_tool == Tool::Pan) {
        m_dragging = true;
        setCursor(Qt::ClosedHandCursor);
    }
}

void MapCanvas::mouseMoveEvent(QMouseEvent* event) {
    if (m_dragging) {
        const QPoint d = event->pos() - m_lastPos;
        if (!d.isNull())
            m_fitted.reset();
        m_view.cx -= d.x() * m_view.resolution;
        m_view.cy += d.y() * m_view.resolution;
        m_lastPos = event->pos();
        scheduleRender();
        update();
    }
    const geo::MapPoint mp = toMap(event->position());
    const auto ll = toLonLat(event->position());
    const double lon = ll ? ll->lon : std::nan(""), lat = ll ? ll->lat : std::nan("");
    QString valueText;
    const int index = colourBarLayer();
    if (index >= 0) {
        const double v = valueAt(index, event->pos());
        if (std::isfinite(v)) {
            valueText = QStringLiteral("%1 = %2").arg(m_entries[index].layer.name, formatValue(v));
            if (!m_entries[index].layer.units.isEmpty())
                valueText += QLatin1Char(' ') + m_entries[index].layer.units;
        }
    }
    Q_EMIT cursorMoved(lon, lat, mp.x, mp.y, valueText);
}

void MapCanvas::mouseReleaseEvent(QMouseEvent* event) {
    const bool click = (event->pos() - m_pressPos).manhattanLength() < 4;
    if (m_dragging) {
        m_dragging = false;
        setCursor(m_tool == Tool::Identify ? Qt::WhatsThisCursor : Qt::OpenHandCursor);
    }
    if (!click || event->button() != Qt::LeftButton)
        return;
    int layerIndex = -1;
    const int station = stationAt(event->pos(), &layerIndex);
    if (station >= 0) {
        const auto& s = m_entries[layerIndex].layer.stations[station];
        Q_EMIT stationClicked(layerIndex, s.network, s.name);
    } else if (m_tool == Tool::Pan) {
        if (const auto ll = toLonLat(event->position()))
            Q_EMIT locationClicked(ll->lon, ll->lat);
    }
    if (m_tool == Tool::Identify)
        Q_EMIT identified(identifyReport(event->pos()));
}

void MapCanvas::leaveEvent(QEvent*) {
    Q_EMIT cursorMoved(std::nan(""), std::nan(""), std::nan(""), std::nan(""), QString());
}

void MapCanvas::keyPressEvent(QKeyEvent* event) {
    const double step = 60 * m_view.resolution;
    if (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right ||
        event->key() == Qt::Key_Up || event->key() == Qt::Key_Down)
        m_fitted.reset();
    switch (event->key()) {
    case Qt::Key_Left:
        m_view.cx -= step;
        break;
    case Qt::Key_Right:
        m_view.cx += step;
        break;
    case Qt::Key_Up:
        m_view.cy += step;
        break;
    case Qt::Key_Down:
        m_view.cy -= step;
        break;
    case Qt::Key_Plus:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    scheduleRender();
    update();
}

int MapCanvas::stationAt(const QPoint& pos, int* layerIndex) const {
    double best = (kStationRadius + 3) * (kStationRadius + 3);
    int found = -1;
    for (int li = layerCount() - 1; li >= 0; --li) {
        const Entry& e = m_entries[li];
        if (!e.layer.visible || e.layer.type != MapLayer::Type::Stations)
            continue;
        for (std::size_t i = 0; i < e.stationMap.size(); ++i) {
            const QPointF d = toScreen(e.stationMap[i].x(), e.stationMap[i].y()) - QPointF(pos);
            const double d2 = d.x() * d.x() + d.y() * d.y();
            if (d2 <= best) {
                best = d2;
                found = static_cast<int>(i);
                *layerIndex = li;
            }
        }
        if (found >= 0)
            return found;
    }
    return found;
}

QString MapCanvas::renderError(int index) const {
    if (index < 0 || index >= layerCount())
        return tr("no such layer");
    const Entry& e = m_entries[index];
    return e.hasRender ? e.render.error : tr("not rendered");
}

double MapCanvas::valueAt(int index, const QPoint& pos) const {
    if (index < 0 || index >= layerCount())
        return std::nan("");
    const Entry& e = m_entries[index];
    if (!e.hasRender || e.render.values.empty())
        return std::nan("");
    // Position in the rendered view's pixels.
    const ViewState& r = e.renderedView;
    const geo::MapPoint mp = toMap(pos);
    const int x = static_cast<int>(
        std::floor((mp.x - (r.cx - r.size.width() / 2.0 * r.resolution)) / r.resolution));
    const int y = static_cast<int>(
        std::floor(((r.cy + r.size.height() / 2.0 * r.resolution) - mp.y) / r.resolution));
    if (x < 0 || y < 0 || x >= e.render.width || y >= e.render.height)
        return std::nan("");
    return e.render.values[static_cast<std::size_t>(y) * e.render.width + x];
}

QString MapCanvas::identifyReport(const QPoint& pos) const {
    const geo::MapPoint mp = toMap(pos);
    QStringList lines;
    lines << tr("Map %1: x = %2, y = %3")
                 .arg(mapCrsLabel())
                 .arg(mp.x, 0, 'f', 4)
                 .arg(mp.y, 0, 'f', 4);
    for (int i = layerCount() - 1; i >= 0; --i) {
        const MapLayer& l = m_entries[i].layer;
        if (!l.visible)
            continue;
        if (l.type == MapLayer::Type::Raster) {
            const double v = valueAt(i, pos);
            lines << QStringLiteral("%1: %2").arg(
                l.name,
                std::isfinite(v) ? formatValue(v) + QLatin1Char(' ') + l.units : tr("no data"));
        }
    }
    int li = -1;
    if (const int s = stationAt(pos, &li); s >= 0) {
        const auto& st = m_entries[li].layer.stations[s];
        QString line = tr("Station %1 / %2 (%3, %4)")
                           .arg(st.network, st.name)
                           .arg(st.lon, 0, 'f', 4)
                           .arg(st.lat, 0, 'f', 4);
        for (auto it = st.metrics.begin(); it != st.metrics.end(); ++it)
            line += QStringLiteral("; %1 = %2").arg(it.key(), formatValue(it.value()));
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

void MapCanvas::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MapCanvas::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        Q_EMIT filesDropped(paths);
    }
}

QImage MapCanvas::renderImage(const QSize& size) {
    // Synchronous render of every raster layer for the requested size, same extent as on screen.
    const QSize old = this->size();
    const geo::Bounds b = visibleBounds();
    ViewState view;
    view.cx = (b.xmin + b.xmax) / 2;
    view.cy = (b.ymin + b.ymax) / 2;
    view.resolution = std::max(b.width() / size.width(), b.height() / size.height());
    view.size = size;
    std::vector<Entry> saved;
    for (auto& e : m_entries) {
        if (e.layer.type != MapLayer::Type::Raster || !e.layer.visible)
            continue;
        e.render = renderRasterLayer(e.layer, viewGrid(view));
        e.renderedView = view;
        e.hasRender = true;
        ++e.generation; // drop any running background render
        e.rendering = false;
    }
    const ViewState keep = m_view;
    const auto fitted = std::exchange(m_fitted, std::nullopt); // the view asked for, not a refit
    m_view = view;
    resize(size);
    QImage img(size, QImage::Format_ARGB32_Premultiplied);
    render(&img);
    resize(old);
    m_view = keep;
    m_fitted = fitted;
    scheduleRender();
    return img;
}

} // namespace soilscope::widgets
