#include "widgets/map_context.h"

#include "base/error.h"

#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <QFileInfo>
#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <functional>
#include <map>
#include <mutex>

namespace soilscope::widgets {

namespace {

ContextOutlines::Line lineOf(const OGRLineString& ring) {
    ContextOutlines::Line line;
    line.points.reserve(static_cast<std::size_t>(ring.getNumPoints()));
    for (int i = 0; i < ring.getNumPoints(); ++i)
        line.points.emplace_back(ring.getX(i), ring.getY(i));
    return line;
}

void addPolygon(const OGRPolygon& polygon, std::vector<ContextOutlines::Line>& out) {
    if (const auto* exterior = polygon.getExteriorRing())
        out.push_back(lineOf(*exterior));
    for (int i = 0; i < polygon.getNumInteriorRings(); ++i)
        out.push_back(lineOf(*polygon.getInteriorRing(i)));
}

QRectF boundsOf(const std::vector<QPointF>& points) {
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const auto& p : points) {
        x0 = std::min(x0, p.x());
        y0 = std::min(y0, p.y());
        x1 = std::max(x1, p.x());
        y1 = std::max(y1, p.y());
    }
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

/// A "nice" graticule step (degrees) giving about 4–8 lines over `span` degrees.
double graticuleStep(double span) {
    for (const double s : {0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0})
        if (span / s <= 8.0)
            return s;
    return 60.0;
}

QString degreeLabel(double v, bool lon) {
    const QChar hemi = lon ? (v < 0 ? QLatin1Char('W') : QLatin1Char('E'))
                           : (v < 0 ? QLatin1Char('S') : QLatin1Char('N'));
    const double a = std::fabs(v);
    int decimals = 0;
    while (decimals < 2 && std::fabs(a * std::pow(10.0, decimals) -
                                     std::round(a * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    return QStringLiteral("%1°%2").arg(a, 0, 'f', decimals).arg(v == 0 ? QChar() : hemi);
}

} // namespace

QString ContextOutlines::worldMapPath() {
    const QString env = qEnvironmentVariable("SOILSCOPE_WORLD_MAP");
    if (!env.isEmpty())
        return QFileInfo::exists(env) ? env : QString();
    const QString debian = QStringLiteral("/usr/share/qgis/resources/data/world_map.gpkg");
    return QFileInfo::exists(debian) ? debian : QString();
}

std::shared_ptr<const ContextOutlines>
ContextOutlines::load(const QString& path, const QString& layerName, double toleranceDeg) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.toStdString().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds)
        throw Error("not a vector file GDAL/OGR can read", path.toStdString());
    OGRLayer* layer = ds->GetLayerByName(layerName.toStdString().c_str());
    if (!layer)
        throw Error("no layer '" + layerName.toStdString() + "'", path.toStdString());
    auto out = std::make_shared<ContextOutlines>();
    layer->ResetReading();
    while (auto* raw = layer->GetNextFeature()) {
        std::unique_ptr<OGRFeature> feature(raw);
        const OGRGeometry* g = feature->GetGeometryRef();
        if (!g || g->IsEmpty())
            continue;
        std::unique_ptr<OGRGeometry> simple(g->SimplifyPreserveTopology(toleranceDeg));
        const OGRGeometry* use = simple ? simple.get() : g;
        const auto type = wkbFlatten(use->getGeometryType());
        if (type == wkbPolygon)
            addPolygon(*use->toPolygon(), out->m_lines);
        else if (type == wkbMultiPolygon)
            for (const auto* part : *use->toMultiPolygon())
                addPolygon(*part, out->m_lines);
    }
    for (auto& l : out->m_lines)
        l.bounds = boundsOf(l.points);
    return out;
}

std::shared_ptr<const ContextOutlines> ContextOutlines::fromLines(std::vector<Line> lines) {
    auto out = std::make_shared<ContextOutlines>();
    out->m_lines = std::move(lines);
    for (auto& l : out->m_lines)
        l.bounds = boundsOf(l.points);
    return out;
}

std::shared_ptr<const ContextOutlines> ContextOutlines::loadShared(const QString& path) {
    static std::mutex mutex;
    static std::map<QString, std::shared_ptr<const ContextOutlines>> loaded;
    const std::lock_guard lock(mutex);
    auto& outlines = loaded[path];
    if (!outlines)
        outlines = load(path);
    return outlines;
}

std::vector<ContextOutlines::Line> ContextOutlines::projected(const geo::Grid& crs) const {
    if (crs.isGeographic())
        return m_lines;
    std::vector<Line> out;
    for (const auto& l : m_lines) {
        std::vector<double> xs, ys;
        for (const auto& p : l.points) {
            xs.push_back(p.x());
            ys.push_back(p.y());
        }
        try {
            crs.lonLatToMap(xs, ys);
        } catch (const std::exception&) {
            continue;
        }
        Line part;
        part.label = l.label;
        const auto flush = [&] {
            if (part.points.size() >= 2) {
                part.bounds = boundsOf(part.points);
                out.push_back(std::move(part));
            }
            part = Line{}; // a ring split by the projection is labelled once
        };
        for (std::size_t i = 0; i < xs.size(); ++i) {
            if (!std::isfinite(xs[i]) || !std::isfinite(ys[i]) || std::fabs(xs[i]) > 1e12) {
                flush();
                continue;
            }
            part.points.emplace_back(xs[i], ys[i]);
        }
        flush();
    }
    return out;
}

void drawOutlines(QPainter& p, const std::vector<ContextOutlines::Line>& lines,
                  const QRectF& visibleMap, const std::function<QPointF(double, double)>& toScreen,
                  const QPen& pen) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    for (const auto& l : lines) {
        if (!l.bounds.intersects(visibleMap) && !visibleMap.contains(l.bounds.topLeft()))
            continue;
        QPainterPath path;
        path.moveTo(toScreen(l.points.front().x(), l.points.front().y()));
        for (std::size_t i = 1; i < l.points.size(); ++i)
            path.lineTo(toScreen(l.points[i].x(), l.points[i].y()));
        p.drawPath(path);
        // A label in the middle of its outline when the outline is wide enough on screen.
        const QRectF screen = path.boundingRect();
        if (!l.label.isEmpty() && screen.width() > p.fontMetrics().horizontalAdvance(l.label) + 8)
            p.drawText(screen, Qt::AlignCenter, l.label);
    }
    p.restore();
}

void drawGraticule(QPainter& p, const geo::Grid& view,
                   const std::function<QPointF(double, double)>& toScreen) {
    // The view's extent in lon/lat, from points along its border.
    const double w = view.width(), h = view.height();
    std::vector<double> xs, ys;
    for (int i = 0; i <= 20; ++i) {
        const double f = i / 20.0;
        for (const auto& [c, r] : {std::pair{f * w, 0.0}, std::pair{f * w, h},
                                   std::pair{0.0, f * h}, std::pair{w, f * h}}) {
            const auto m = view.pixelToMap(c, r);
            xs.push_back(m.x);
            ys.push_back(m.y);
        }
    }
    try {
        if (!view.isGeographic())
            view.mapToLonLat(xs, ys);
    } catch (const std::exception&) {
        return;
    }
    double lon0 = 1e300, lon1 = -1e300, lat0 = 1e300, lat1 = -1e300;
    for (std::size_t i = 0; i < xs.size(); ++i)
        if (std::isfinite(xs[i]) && std::isfinite(ys[i])) {
            lon0 = std::min(lon0, xs[i]);
            lon1 = std::max(lon1, xs[i]);
            lat0 = std::min(lat0, ys[i]);
            lat1 = std::max(lat1, ys[i]);
        }
    if (!(lon1 > lon0) || !(lat1 > lat0))
        return;
    lon0 = std::max(lon0, -180.0);
    lon1 = std::min(lon1, 180.0);
    lat0 = std::max(lat0, -90.0);
    lat1 = std::min(lat1, 90.0);
    const double step = graticuleStep(std::max(lon1 - lon0, lat1 - lat0));
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    QFont font = p.font();
    font.setPointSizeF(font.pointSizeF() * 0.8);
    p.setFont(font);
    const auto line = [&](bool meridian, double value) {
        std::vector<double> lx, ly;
        const double from = meridian ? lat0 : lon0, to = meridian ? lat1 : lon1;
        for (int i = 0; i <= 64; ++i) {
            const double t = from + (to - from) * i / 64.0;
            lx.push_back(meridian ? value : t);
            ly.push_back(meridian ? t : value);
        }
        try {
            if (!view.isGeographic())
                view.lonLatToMap(lx, ly);
        } catch (const std::exception&) {
            return;
        }
        QPainterPath path;
        bool started = false;
        QPointF labelAt;
        for (std::size_t i = 0; i < lx.size(); ++i) {
            if (!std::isfinite(lx[i]) || !std::isfinite(ly[i]))
                continue;
            const QPointF s = toScreen(lx[i], ly[i]);
            started ? path.lineTo(s) : path.moveTo(s);
            if (!started)
                labelAt = s;
            started = true;
        }
        p.setPen(QPen(QColor(0x50, 0x50, 0x50, 90), 0.7, Qt::DashLine));
        p.drawPath(path);
        p.setPen(QColor(0x40, 0x40, 0x40, 200));
        const QString label = degreeLabel(value, meridian);
        // Meridians labelled at the bottom edge, parallels at the left edge.
        const QRectF bounds = path.boundingRect();
        const QPointF at = meridian ? QPointF(bounds.center().x() + 3, bounds.bottom() - 4)
                                    : QPointF(bounds.left() + 3, bounds.center().y() - 3);
        p.drawText(at, label);
    };
    for (double v = std::ceil(lon0 / step) * step; v <= lon1 + 1e-9; v += step)
        line(true, v);
    for (double v = std::ceil(lat0 / step) * step; v <= lat1 + 1e-9; v += step)
        line(false, v);
    p.restore();
}

} // namespace soilscope::widgets
