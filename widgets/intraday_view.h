#pragma once
#include "widgets/map_layer.h"

#include <QJsonObject>
#include <QWidget>

class QCustomPlot;
class QLabel;

namespace soilscope::widgets {

class MapCanvas;

/// The intraday analysis: a map of the mean daily amplitude Δ_SM, a map of the hour of the
/// daily maximum (cyclic colours), and the r-vs-N chart of correlations under precipitation
/// conditions.
class IntradayView : public QWidget {
    Q_OBJECT
  public:
    explicit IntradayView(QWidget* parent = nullptr);
    /// Shows the per-pixel means of the intraday task (a GeoTIFF whose bands are described
    /// "hour_max", "delta_sm", ...). Throws soilscope::Error when it cannot be read.
    void setMeans(const QString& meansPath);
    /// The r-vs-N rows of the intraday task: objects with "condition", "n" and "r_delta" (or "r")
    /// under "r_vs_n" and "conditions". Returns the number of points.
    int setCorrelations(const QJsonObject& json);
    /// The mean daily amplitude Δ_SM band of a means raster, on a sequential colour map.
    static MapLayer deltaLayer(const MapLayer& means);
    /// The hour of the daily maximum band of a means raster, on a cyclic colour map over 0–24 h.
    static MapLayer hourLayer(const MapLayer& means);
    MapCanvas* deltaMap() const { return m_delta; }
    MapCanvas* hourMap() const { return m_hour; }
    QCustomPlot* chart() const { return m_chart; }
    int correlationCount() const { return m_rows; }

  private:
    MapCanvas* m_delta;
    MapCanvas* m_hour;
    QCustomPlot* m_chart;
    QLabel* m_title;
    int m_rows = 0;
};

} // namespace soilscope::widgets
