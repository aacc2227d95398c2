#pragma once
#include <QMap>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QLabel;

namespace soilscope::widgets {

/// Live learning curves from a training job's Feedback metrics: one curve per metric name
/// (train_loss solid, val_* dashed), losses on a log axis, the best validation epoch marked.
class TrainingMonitor : public QWidget {
    Q_OBJECT
  public:
    explicit TrainingMonitor(QWidget* parent = nullptr);
    /// Starts a new run (clears the curves).
    void reset(const QString& title);
    /// Shows how the run ended (its test metrics); a run without learning curves (trees,
    /// kernels: fitted in one step) says so on the plot.
    void finish(const QString& summary);
    /// The text shown on an empty plot ("" while there are curves).
    QString placeholder() const;
    /// Number of points received for a metric.
    int pointCount(const QString& name) const;
    QStringList metricNames() const { return m_data.keys(); }
    QCustomPlot* plot() const { return m_plot; }

  public Q_SLOTS:
    /// Adds a metric value at a step (epoch); replots at most every 100 ms.
    void addMetric(int step, const QString& name, double value);

  private:
    void showAxes(bool shown);
    void replotNow();
    QCustomPlot* m_plot;
    QLabel* m_title;
    QString m_titleText;
    QString m_placeholder;
    QMap<QString, QVector<QPointF>> m_data;
    bool m_replotPending = false;
};

} // namespace soilscope::widgets
