#pragma once
// Geographic context under the map's layers: country borders and coastlines from the Natural
// Earth world map that QGIS ships (Debian's qgis-common), and a labelled graticule.
#include "geo/grid.h"

#include <QColor>
#include <QPen>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <memory>
#include <vector>

class QPainter;

namespace soilscope::widgets {

/// Outlines in longitude/latitude, simplified for drawing at desktop scales.
class ContextOutlines {
  public:
    /// The world map: $SOILSCOPE_WORLD_MAP, else QGIS's world_map.gpkg where Debian installs it;
    /// empty when neither exists.
    static QString worldMapPath();
    /// Reads the outlines of every polygon of `layer` in `path` (rings simplified to
    /// `toleranceDeg`); throws soilscope::Error naming the file.
    static std::shared_ptr<const ContextOutlines>
    load(const QString& path, const QString& layer = QStringLiteral("countries"),
         double toleranceDeg = 0.02);

    /// load() once per file and process: every map shares the outlines (thread-safe).
    static std::shared_ptr<const ContextOutlines> loadShared(const QString& path);

    struct Line {
        std::vector<QPointF> points; ///< lon/lat, or map coordinates once projected
        QRectF bounds;
        QString label; ///< drawn inside the outline when it is wide enough (a region's name)
    };
    const std::vector<Line>& lines() const { return m_lines; }
    /// Outlines from lines already in lon/lat (their bounds are computed).
    static std::shared_ptr<const ContextOutlines> fromLines(std::vector<Line> lines);
    /// The outlines in the CRS of `crs` (a grid carrying the map CRS); points that do not
    /// transform split their line.
    std::vector<Line> projected(const geo::Grid& crs) const;

  private:
    std::vector<Line> m_lines;
};

/// Draws projected outlines and a graticule for a view: `toScreen` maps map coordinates to
/// widget pixels, `view` is the visible part of the map (its grid gives the CRS and extent).
void drawOutlines(QPainter& p, const std::vector<ContextOutlines::Line>& lines,
                  const QRectF& visibleMap, const std::function<QPointF(double, double)>& toScreen,
                  const QPen& pen = QPen(QColor(0x33, 0x33, 0x33, 170), 0.9));
void drawGraticule(QPainter& p, const geo::Grid& view,
                   const std::function<QPointF(double, double)>& toScreen);

} // namespace soilscope::widgets
