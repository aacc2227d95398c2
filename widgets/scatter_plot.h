#pragma once
#include <QJsonObject>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QLabel;

namespace soilscope::widgets {

/// A density scatter of candidate against reference: a 2-D histogram (log counts) when there
/// are many pairs, dots otherwise, with the 1:1 line, the least-squares regression line and a
/// box with the metrics the validate task computed.
class ScatterPlot : public QWidget {
    Q_OBJECT
  public:
    explicit ScatterPlot(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    QString title() const;
    void setAxisLabels(const QString& reference, const QString& candidate);
    /// Shows pairs; `metrics` is the validate task's JSON ("n", "R", "ubRMSD", "bias", ...).
    void setData(const std::vector<double>& reference, const std::vector<double>& candidate,
                 const QJsonObject& metrics = {});
    /// Reads a pairs CSV of the validate task (time,reference,candidate,...); throws
    /// soilscope::Error.
    void loadPairsCsv(const QString& path, const QJsonObject& metrics = {});
    /// Number of finite pairs shown.
    int pairCount() const { return m_pairs; }
    /// Slope and intercept of the regression line (NaN without data).
    double slope() const { return m_slope; }
    double intercept() const { return m_intercept; }
    /// The text of the metrics box.
    QString metricsText() const { return m_metricsText; }
    QCustomPlot* plot() const { return m_plot; }

  private:
    void showTickLabels(bool show);
    QCustomPlot* m_plot;
    QLabel* m_title;
    int m_pairs = 0;
    double m_slope = 0.0;
    double m_intercept = 0.0;
    QString m_metricsText;
};

} // namespace soilscope::widgets
