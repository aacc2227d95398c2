#pragma once
#include <QJsonObject>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QLabel;

namespace soilscope::widgets {

/// Box plots (with the individual values as jittered dots, violin-style outline) of a metric
/// over the runs of each scenario of a sweep.
class SweepChart : public QWidget {
    Q_OBJECT
  public:
    explicit SweepChart(QWidget* parent = nullptr);
    void setTitle(const QString& title);
    void setMetricLabel(const QString& label);
    /// One group of values per scenario.
    void setGroups(const QStringList& names, const std::vector<std::vector<double>>& values);
    /// Reads {"scenarios": [{"name": .., "values": [..]}, ...]} or {"name": [..], ...}; returns
    /// groups.
    int setJson(const QJsonObject& json, const QString& metric = {});
    /// Reads learning curves {scenario: {method: [{"size", "values": [..]}]}}: one group per
    /// scenario with the values of every method and size; returns groups.
    int setLearningCurves(const QJsonObject& curves, const QString& metric);
    /// Median of a group (NaN when empty).
    double median(int group) const;
    int groupCount() const { return static_cast<int>(m_values.size()); }
    QCustomPlot* plot() const { return m_plot; }

  private:
    QCustomPlot* m_plot;
    QLabel* m_title;
    std::vector<std::vector<double>> m_values;
};

} // namespace soilscope::widgets
