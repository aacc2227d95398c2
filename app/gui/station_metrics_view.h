#pragma once
#include "gui/station_metrics_table.h"

#include <QWidget>

class QComboBox;
class QTableWidget;

namespace soilscope::widgets {
class SweepChart;
}

namespace soilscope::gui {

/// The validation view: box plots of any metric over the stations (or grid cells), grouped by
/// product, network, land cover, climate or region, above a table of every metric (one row
/// per station and product).
class StationMetricsView : public QWidget {
    Q_OBJECT
  public:
    explicit StationMetricsView(QWidget* parent = nullptr);
    void setTable(const StationMetricsTable& table);
    /// Shows `metric` grouped by `column` (a groupingColumns() entry); false when unknown.
    bool showBoxPlots(const QString& metric, const QString& column);
    int rowCount() const;
    QTableWidget* table() const { return m_table; }
    widgets::SweepChart* chart() const { return m_chart; }

  private:
    void updateChart();
    StationMetricsTable m_data;
    QComboBox* m_metric;
    QComboBox* m_groupBy;
    widgets::SweepChart* m_chart;
    QTableWidget* m_table;
};

} // namespace soilscope::gui
