#pragma once
#include <QJsonObject>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QLabel;

namespace soilscope::widgets {

/// Power density spectra on log-log axes (wavenumber in cycles per km against power), with
/// the fitted power law (slope in the legend) and the effective resolution marked.
class SpectrumPlot : public QWidget {
    Q_OBJECT
  public:
    /// One spectrum curve with its optional fit.
    struct Curve {
        QString name;
        std::vector<double> k; ///< cycles per metre
        std::vector<double> power;
        double slope = 0.0;                     ///< fitted log-log slope; NaN/0 = none
        double intercept = 0.0;                 ///< log10 power at k = 1 cycle per metre
        double kMin = 0.0, kMax = 0.0;          ///< fit range, cycles per metre
        double effectiveResolutionMetres = 0.0; ///< 0 = none
        bool temporal = false; ///< k holds frequencies in cycles per day (a time series)
    };
    explicit SpectrumPlot(QWidget* parent = nullptr);
    void setTitle(const QString& title);
    void clear();
    void addCurve(const Curve& curve);
    /// Reads the spectrum task's JSON: either one object or {"zonal": {...}, "meridional": {...}}
    /// (or a "spectra" array), each with "k" (or, for a time series, "frequency_per_day") and
    /// "power" arrays and an optional "fit" object
    /// ("slope", "intercept", "k_min", "k_max", "effective_resolution_m"). Returns curves added.
    int addJson(const QJsonObject& json);
    /// Reads the spectrum task's CSV (direction,k_cycles_per_m,wavelength_m,power,fitted_power)
    /// with the fits of its JSON result ("zonal", "meridional"); throws soilscope::Error.
    int addCsv(const QString& path, const QJsonObject& json = {});
    int curveCount() const { return static_cast<int>(m_curves.size()); }
    QString legendText(int i) const;
    QCustomPlot* plot() const { return m_plot; }

  private:
    void rebuild();
    QCustomPlot* m_plot;
    QLabel* m_title;
    std::vector<Curve> m_curves;
    std::vector<QString> m_legend;
};

} // namespace soilscope::widgets
