#pragma once
#include "series/temporal_matching.h"
#include "series/time_series.h"

#include <QSet>
#include <QString>
#include <QWidget>

#include <utility>
#include <vector>

class QCPAbstractItem;
class QCustomPlot;
class QLabel;

namespace soilscope::widgets {

/// What a curve of the time-series view shows; decides its style and axis.
enum class SeriesRole { Observation, Prediction, Product, Precipitation };

/// Observations (a station's sensors, shallowest first), predictions and products of one place
/// over time, precipitation as bars on a second axis, the Pearson r of each against the first
/// observation in the legend, and
/// satellite overpass marks. Observations flagged C (outside the plausible range) or D (dubious)
/// by ISMN are drawn as marks apart from the curve and are left out of every r.
class TimeSeriesPlot : public QWidget {
    Q_OBJECT
  public:
    explicit TimeSeriesPlot(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    QString title() const;
    void clear();
    /// Adds a curve; returns false when the series has no finite value. An observation's values
    /// flagged C or D (or with an unknown flag) become its flagged marks.
    bool addSeries(const series::TimeSeries& series, SeriesRole role, const QString& label = {});
    /// Adds a product's series whose mask (its text: `mask`) removed the observations in
    /// `rejected`: those are drawn as marks apart, named by the mask, left out of every r and
    /// exported in a column of their own. Returns false when neither has a finite value.
    bool addMaskedSeries(const series::TimeSeries& kept, const series::TimeSeries& rejected,
                         const QString& mask, SeriesRole role, const QString& label = {});
    /// Adds every numeric column of a CSV whose first column is an ISO time; roles are guessed
    /// from the names (precip*, pred*/model*, obs*/insitu*/station*). Throws soilscope::Error.
    int addCsv(const QString& path);
    /// The label of the left axis (soil moisture unless set; clear() restores it).
    void setValueAxisLabel(const QString& label);
    /// A station's soil temperature: the spans where it is below 0 °C (frozen soil, which
    /// validate-network's --frozen-below leaves out by default) are shaded behind the curves;
    /// values ISMN flagged C or D are not used. The series joins the CSV export. Throws
    /// soilscope::Error when its units are no temperature.
    void setSoilTemperature(const series::TimeSeries& temperature);
    /// The shaded frozen spans (start, end), seconds since 1970.
    const std::vector<std::pair<double, double>>& frozenSpans() const { return m_frozen; }
    /// Shows every curve's whole span (the view opens on the first observation's record when
    /// the others reach beyond it); a double click on the plot does the same.
    void showWholeSpan();
    /// Vertical marks at overpass times.
    void setOverpasses(const std::vector<TimePoint>& times);
    int seriesCount() const { return static_cast<int>(m_entries.size()); }
    /// The (finite) values of curve i.
    const series::TimeSeries& seriesAt(int i) const {
        return m_entries.at(static_cast<std::size_t>(i)).series;
    }
    /// The flagged observations of curve i (empty unless it is an observation with flags or a
    /// series with observations outside its mask).
    const series::TimeSeries& flaggedAt(int i) const {
        return m_entries.at(static_cast<std::size_t>(i)).flagged;
    }
    /// Every curve as a series named by its label, an observation with its flagged values (and
    /// their flags) back in place, the observations outside a mask as a series of their own:
    /// what an export writes.
    std::vector<series::TimeSeries> tableColumns() const;
    /// Curve i against the first observation at matching times (±1 h, nearest, as validate
    /// matches them; flagged values and values outside a mask left out): the pairs its r in the
    /// legend is computed from. Empty without an observation or for the observation itself.
    series::MatchedPairs pairsWithObservation(int i) const;
    /// The role curve i was added with.
    SeriesRole roleAt(int i) const { return m_entries.at(static_cast<std::size_t>(i)).role; }
    /// The label of curve i ("model"), as added.
    QString labelAt(int i) const { return m_entries.at(static_cast<std::size_t>(i)).label; }
    /// The legend text of curve i ("model (r = 0.81)").
    QString legendText(int i) const;
    QCustomPlot* plot() const { return m_plot; }
    /// True when a click on the legend entry of that name hid its curve (until clear()).
    bool isHidden(const QString& legendName) const;
    /// What hovering at a time shows: the time (UTC), then each curve's value nearest to it
    /// (with its units, its ISMN flags when flagged, and its own time) where one lies within the
    /// curve's usual spacing; empty when none does.
    QString readoutAt(double secondsSinceEpoch) const;

  Q_SIGNALS:
    /// A click on the legend hid or showed a curve.
    void hiddenChanged();

  private:
    struct Entry {
        series::TimeSeries series;
        SeriesRole role;
        QString label;
        series::TimeSeries flagged;
        double typicalStep = 0.0; ///< median spacing of `series`, seconds
        QString mask;             ///< the mask that removed `flagged` (empty: ISMN flags did)
    };
    void rebuild();
    void applyHidden();
    QCustomPlot* m_plot;
    QLabel* m_title;
    std::vector<Entry> m_entries;
    std::vector<TimePoint> m_overpasses;
    std::vector<QString> m_legend;
    QSet<QString> m_hidden; ///< legend names of the curves hidden by a click
    series::TimeSeries m_soilTemperature;
    std::vector<std::pair<double, double>> m_frozen;
    QString m_frozenName;                      ///< legend name of the shading
    std::vector<QCPAbstractItem*> m_shade;     ///< the shaded spans of the current drawing
    double m_wholeFrom = 0.0, m_wholeTo = 0.0; ///< every curve's span, seconds (with margins)
};

} // namespace soilscope::widgets
