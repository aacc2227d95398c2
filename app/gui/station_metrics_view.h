#pragma once
#include <QWidget>

class QTableWidget;

namespace soilscope::widgets {
class SweepChart;
}

namespace soilscope::gui {

struct StationMetricsTable;

/// The metrics of every station and product: R of each product as box plots above a table of
/// every metric (one row per station and product).
class StationMetricsView : public QWidget {
    Q_OBJECT
  public:
    explicit StationMetricsView(QWidget* parent = nullptr);
    void setTable(const StationMetricsTable& table);
    int rowCount() const;
    QTableWidget* table() const { return m_table; }
    widgets::SweepChart* chart() const { return m_chart; }

  private:
    widgets::SweepChart* m_chart;
    QTableWidget* m_table;
};

} // namespace soilscope::gui
