#include "widgets/time_series_plot.h"

#include "analysis/metrics.h"
#include "base/units.h"
#include "series/quality_flags.h"
#include "series/temporal_matching.h"
#include "stations/csv_time_series.h"
#include "widgets/qcp.h"
#include "widgets/titled_plot.h"

#include <QDateTime>
#include <QLabel>
#include <QMouseEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace soilscope::widgets {

namespace {

double toSeconds(TimePoint t) {
    return static_cast<double>(t.time_since_epoch().count());
}

const QList<QColor>& curveColours() {
    static const QList<QColor> colours{QColor(0xd9, 0x5f, 0x02), QColor(0x1b, 0x9e, 0x77),
                                       QColor(0x75, 0x70, 0xb3), QColor(0xe7, 0x29, 0x8a),
                                       QColor(0x66, 0xa6, 0x1e), QColor(0xa6, 0x76, 0x1d)};
    return colours;
}

SeriesRole guessRole(const QString& column) {
    const QString c = column.toLower();
    if (c.startsWith(QLatin1String("precip")) || c.startsWith(QLatin1String("rain")) ||
        c == QLatin1String("p") || c.startsWith(QLatin1String("tp")))
        return SeriesRole::Precipitation;
    if (c.contains(QLatin1String("pred")) || c.contains(QLatin1String("model")) ||
        c.contains(QLatin1String("estimate")))
        return SeriesRole::Prediction;
    if (c.contains(QLatin1String("obs")) || c.contains(QLatin1String("insitu")) ||
        c.contains(QLatin1String("station")) || c.contains(QLatin1String("truth")) ||
        c.contains(QLatin1String("reference")))
        return SeriesRole::Observation;
    return SeriesRole::Product;
}

/// ISMN flags that take an observation off a curve: C (implausible), D (dubious), unknown.
constexpr std::uint32_t kSuspectFlags =
    series::flag::AnyC | series::flag::AnyD | series::flag::Other;

/// The median spacing of the series' times in seconds (0 for fewer than two).
double typicalStep(const series::TimeSeries& s) {
    std::vector<double> steps;
    for (std::size_t i = 1; i < s.size(); ++i)
        steps.push_back(toSeconds(s.times[i]) - toSeconds(s.times[i - 1]));
    if (steps.empty())
        return 0.0;
    std::nth_element(steps.begin(), steps.begin() + static_cast<long>(steps.size() / 2),
                     steps.end());
    return steps[steps.size() / 2];
}

/// The index of the time of `s` nearest to `seconds`, or -1 when `s` is empty.
long nearestIndex(const series::TimeSeries& s, double seconds) {
    if (s.empty())
        return -1;
    const TimePoint t{std::chrono::seconds(static_cast<long long>(std::llround(seconds)))};
    const auto it = std::lower_bound(s.times.begin(), s.times.end(), t);
    long i = it - s.times.begin();
    if (i == static_cast<long>(s.size()) ||
        (i > 0 && seconds - toSeconds(s.times[i - 1]) < toSeconds(s.times[i]) - seconds))
        --i;
    return i;
}

} // namespace

TimeSeriesPlot::TimeSeriesPlot(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_title(new QLabel(this)) {
    layOutTitledPlot(this, m_title, m_plot);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(font().family(), 8));
    m_plot->legend->setBrush(QColor(255, 255, 255, 220));
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("yyyy-MM-dd"));
    ticker->setDateTimeSpec(Qt::UTC);
    m_plot->xAxis->setTicker(ticker);
    // Days apart: dates; within a few days: the hour too (else ticks repeat the same date).
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [ticker](const QCPRange& range) {
                ticker->setDateTimeFormat(range.size() > 10 * 86400.0
                                              ? QStringLiteral("yyyy-MM-dd")
                                              : QStringLiteral("yyyy-MM-dd\nHH:mm"));
            });
    m_plot->yAxis->setLabel(tr("Soil moisture [m\u00b3/m\u00b3]"));
    m_plot->yAxis2->setLabel(tr("Precipitation [mm]"));
    m_plot->yAxis2->setRangeReversed(true);
    setTitle(tr("Click a station or a raster series on the map to see its time series"));
    // A click on a legend entry hides its curve (or shows it again).
    connect(m_plot, &QCustomPlot::legendClick, this,
            [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
                if (auto* entry = qobject_cast<QCPPlottableLegendItem*>(item)) {
                    const QString name = entry->plottable()->name();
                    if (!m_hidden.remove(name))
                        m_hidden.insert(name);
                    applyHidden();
                    m_plot->replot();
                    Q_EMIT hiddenChanged();
                }
            });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent* event) {
        if (m_plot->legend->selectTest(event->pos(), false) < 0)
            showWholeSpan();
    });
    // Hovering shows the time under the cursor and each curve's nearest value.
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const QString text = m_plot->axisRect()->rect().contains(event->pos())
                                 ? readoutAt(m_plot->xAxis->pixelToCoord(event->pos().x()))
                                 : QString();
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
    });
    rebuild();
}

QString TimeSeriesPlot::readoutAt(double seconds) const {
    QStringList lines;
    for (std::size_t k = 0; k < m_entries.size(); ++k) {
        const Entry& e = m_entries[k];
        if (k < m_legend.size() && m_hidden.contains(m_legend[k]))
            continue;
        const series::TimeSeries* nearest = nullptr;
        long at = -1;
        for (const series::TimeSeries* s : {&e.series, &e.flagged}) {
            const long i = nearestIndex(*s, seconds);
            if (i >= 0 && (!nearest || std::abs(toSeconds(s->times[i]) - seconds) <
                                           std::abs(toSeconds(nearest->times[at]) - seconds))) {
                nearest = s;
                at = i;
            }
        }
        // Only a value at most one usual step away (no value read across a gap).
        const double tolerance = std::max(e.typicalStep, 3600.0);
        if (!nearest || std::abs(toSeconds(nearest->times[at]) - seconds) > tolerance)
            continue;
        QString line = QStringLiteral("%1: %2").arg(e.label).arg(nearest->values[at], 0, 'g', 4);
        if (const std::string units = units::display(nearest->units); !units.empty())
            line += QLatin1Char(' ') + QString::fromStdString(units);
        if (nearest == &e.flagged)
            line += QStringLiteral(" (%1)").arg(
                e.mask.isEmpty() ? QString::fromStdString(series::formatFlags(
                                       e.flagged.flags[static_cast<std::size_t>(at)]))
                                 : tr("outside the mask"));
        line += QStringLiteral(" \u2014 %1")
                    .arg(QDateTime::fromSecsSinceEpoch(
                             static_cast<qint64>(toSeconds(nearest->times[at])), Qt::UTC)
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        lines << line;
    }
    if (lines.isEmpty())
        return {};
    lines.prepend(QDateTime::fromSecsSinceEpoch(static_cast<qint64>(std::llround(seconds)), Qt::UTC)
                      .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
    return lines.join(QLatin1Char('\n'));
}

void TimeSeriesPlot::setTitle(const QString& title) {
    m_title->setText(title);
}
QString TimeSeriesPlot::title() const {
    return m_title->text();
}

void TimeSeriesPlot::setValueAxisLabel(const QString& label) {
    m_plot->yAxis->setLabel(label);
    m_plot->replot();
}

void TimeSeriesPlot::clear() {
    m_plot->yAxis->setLabel(tr("Soil moisture [m\u00b3/m\u00b3]"));
    m_entries.clear();
    m_hidden.clear();
    m_soilTemperature = {};
    m_frozen.clear();
    m_overpasses.clear();
    rebuild();
}

bool TimeSeriesPlot::addSeries(const series::TimeSeries& s, SeriesRole role, const QString& label) {
    const series::TimeSeries valid = s.valid();
    if (valid.empty())
        return false;
    Entry entry{{}, role, label.isEmpty() ? QString::fromStdString(s.name) : label, {}, 0.0, {}};
    if (role == SeriesRole::Observation && valid.hasFlags()) {
        entry.series = valid.filtered(~kSuspectFlags);
        entry.flagged.name = valid.name;
        entry.flagged.units = valid.units;
        for (std::size_t i = 0; i < valid.size(); ++i)
            if (valid.flags[i] & kSuspectFlags)
                entry.flagged.push(valid.times[i], valid.values[i], valid.flags[i]);
    } else {
        entry.series = valid;
    }
    entry.typicalStep = typicalStep(entry.series);
    m_entries.push_back(std::move(entry));
    rebuild();
    return true;
}

bool TimeSeriesPlot::addMaskedSeries(const series::TimeSeries& kept,
                                     const series::TimeSeries& rejected, const QString& mask,
                                     SeriesRole role, const QString& label) {
    Entry entry{kept.valid(),     role, label.isEmpty() ? QString::fromStdString(kept.name) : label,
                rejected.valid(), 0.0,  mask};
    if (entry.series.empty() && entry.flagged.empty())
        return false;
    entry.typicalStep = typicalStep(entry.series);
    m_entries.push_back(std::move(entry));
    rebuild();
    return true;
}

int TimeSeriesPlot::addCsv(const QString& path) {
    const auto csv = stations::CsvTimeSeries::read(path.toStdString());
    int added = 0;
    for (const auto& column : csv.columns()) {
        if (!csv.isNumeric(column))
            continue;
        series::TimeSeries s = csv.series(column);
        s.name = column;
        added += addSeries(s, guessRole(QString::fromStdString(column)));
    }
    return added;
}

bool TimeSeriesPlot::isHidden(const QString& legendName) const {
    return m_hidden.contains(legendName);
}

void TimeSeriesPlot::applyHidden() {
    for (int i = 0; i < m_plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = m_plot->plottable(i);
        const bool hidden = m_hidden.contains(p->name());
        p->setVisible(!hidden);
        if (auto* item = m_plot->legend->itemWithPlottable(p))
            item->setTextColor(hidden ? QColor(0xa0, 0xa0, 0xa0) : Qt::black);
    }
    for (QCPAbstractItem* span : m_shade)
        span->setVisible(!m_hidden.contains(m_frozenName));
}

std::vector<series::TimeSeries> TimeSeriesPlot::tableColumns() const {
    std::vector<series::TimeSeries> columns;
    for (const auto& e : m_entries) {
        series::TimeSeries s = e.series;
        if (!e.mask.isEmpty()) {
            s.name = e.label.toStdString();
            columns.push_back(std::move(s));
            if (!e.flagged.empty()) {
                columns.push_back(e.flagged);
                columns.back().name = tr("%1 outside %2").arg(e.label, e.mask).toStdString();
            }
            continue;
        }
        for (std::size_t i = 0; i < e.flagged.size(); ++i)
            s.push(e.flagged.times[i], e.flagged.values[i], e.flagged.flags[i]);
        s.sortAndDeduplicate();
        s.name = e.label.toStdString();
        columns.push_back(std::move(s));
    }
    if (!m_soilTemperature.empty())
        columns.push_back(m_soilTemperature);
    return columns;
}

void TimeSeriesPlot::setSoilTemperature(const series::TimeSeries& temperature) {
    m_soilTemperature = temperature.filtered(~kSuspectFlags);
    m_frozen.clear();
    m_frozenName = tr("frozen: %1 below 0 °C").arg(QString::fromStdString(m_soilTemperature.name));
    const auto toCelsius = units::conversion(
        m_soilTemperature.units.empty() ? std::string("degC") : m_soilTemperature.units, "degC");
    // Each frozen observation covers half a usual step on either side; runs of them join
    // unless a gap of more than three steps lies between.
    const double step = std::max(typicalStep(m_soilTemperature), 3600.0);
    bool previousFrozen = false;
    double previous = 0.0;
    for (std::size_t i = 0; i < m_soilTemperature.size(); ++i) {
        const double t = toSeconds(m_soilTemperature.times[i]);
        const bool frozen = toCelsius.apply(m_soilTemperature.values[i]) < 0.0;
        if (frozen && previousFrozen && t - previous <= 3 * step)
            m_frozen.back().second = t + step / 2;
        else if (frozen)
            m_frozen.emplace_back(t - step / 2, t + step / 2);
        previousFrozen = frozen;
        previous = t;
    }
    rebuild();
}

void TimeSeriesPlot::setOverpasses(const std::vector<TimePoint>& times) {
    m_overpasses = times;
    rebuild();
}

series::MatchedPairs TimeSeriesPlot::pairsWithObservation(int i) const {
    const auto observation = std::find_if(m_entries.begin(), m_entries.end(), [](const Entry& e) {
        return e.role == SeriesRole::Observation;
    });
    if (observation == m_entries.end() || i < 0 || i >= seriesCount() ||
        &*observation == &m_entries[static_cast<std::size_t>(i)])
        return {};
    return series::matchTemporal(observation->series, m_entries[static_cast<std::size_t>(i)].series,
                                 {});
}

void TimeSeriesPlot::showWholeSpan() {
    if (m_wholeTo > m_wholeFrom) {
        m_plot->xAxis->setRange(m_wholeFrom, m_wholeTo);
        m_plot->replot();
    }
}

QString TimeSeriesPlot::legendText(int i) const {
    return i >= 0 && i < static_cast<int>(m_legend.size()) ? m_legend[i] : QString();
}

void TimeSeriesPlot::rebuild() {
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_legend.clear();
    const Entry* observation = nullptr;
    for (const auto& e : m_entries)
        if (e.role == SeriesRole::Observation) {
            observation = &e;
            break;
        }
    bool hasPrecip = false;
    int colour = 0;
    int furtherObservations = 0;
    double tmin = 1e300, tmax = -1e300;
    for (const auto& e : m_entries) {
        QVector<double> keys, values;
        keys.reserve(static_cast<int>(e.series.size()));
        // Gaps much longer than the usual spacing break the line (a NaN point) instead of
        // bridging weeks of missing data.
        const double typical = e.typicalStep;
        for (std::size_t i = 0; i < e.series.size(); ++i) {
            const double t = toSeconds(e.series.times[i]);
            if (i > 0 && typical > 0 && e.role != SeriesRole::Precipitation &&
                t - keys.back() > std::max(10.0 * typical, 3.0 * 86400.0)) {
                keys << (t + keys.back()) / 2;
                values << std::nan("");
            }
            keys << t;
            values << e.series.values[i];
        }
        if (!keys.isEmpty()) {
            tmin = std::min(tmin, keys.front());
            tmax = std::max(tmax, keys.back());
        }
        QString legend = e.label;
        if (observation && &e != observation && e.role != SeriesRole::Precipitation) {
            const auto pairs = pairsWithObservation(static_cast<int>(&e - m_entries.data()));
            if (pairs.reference.size() >= 3) {
                const auto m = analysis::computeMetrics(pairs, {.rankCorrelations = false});
                if (std::isfinite(m.r))
                    legend += QStringLiteral(" (r = %1, n = %2)").arg(m.r, 0, 'f', 2).arg(m.n);
            }
        }
        m_legend.push_back(legend);
        if (e.role == SeriesRole::Precipitation) {
            hasPrecip = true;
            auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis2);
            bars->setData(keys, values, true);
            bars->setWidth(keys.size() > 1 ? (keys.back() - keys.front()) / keys.size() * 0.8
                                           : 3600);
            bars->setPen(Qt::NoPen);
            bars->setBrush(QColor(0x42, 0x92, 0xc6, 150));
            bars->setName(legend);
            continue;
        }
        auto* graph = m_plot->addGraph();
        graph->setData(keys, values, true);
        graph->setName(legend);
        if (e.role == SeriesRole::Observation) {
            // The first observation black; a station's deeper sensors in blues, darker deeper.
            static const QList<QColor> deeper{QColor(0x6b, 0xae, 0xd6), QColor(0x31, 0x82, 0xbd),
                                              QColor(0x08, 0x51, 0x9c), QColor(0x08, 0x30, 0x6b)};
            graph->setPen(
                &e == observation
                    ? QPen(QColor(0x20, 0x20, 0x20), 1.2)
                    : QPen(deeper[std::min<int>(furtherObservations++, int(deeper.size()) - 1)],
                           1.0));
            if (keys.size() < 400)
                graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 3));
        } else {
            const QColor c = curveColours()[colour++ % curveColours().size()];
            QPen pen(c, e.role == SeriesRole::Prediction ? 1.8 : 1.2);
            if (e.role == SeriesRole::Product)
                pen.setStyle(Qt::DashLine);
            graph->setPen(pen);
            if (keys.size() < 200)
                graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
        }
        graph->setLineStyle(keys.size() < 2 ? QCPGraph::lsNone : QCPGraph::lsLine);
        if (!e.flagged.empty()) {
            QVector<double> fk, fv;
            for (std::size_t i = 0; i < e.flagged.size(); ++i) {
                fk << toSeconds(e.flagged.times[i]);
                fv << e.flagged.values[i];
            }
            tmin = std::min(tmin, fk.front());
            tmax = std::max(tmax, fk.back());
            auto* marks = m_plot->addGraph();
            marks->setData(fk, fv, true);
            marks->setLineStyle(QCPGraph::lsNone);
            marks->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross,
                                                   QPen(QColor(0xc0, 0x39, 0x2b), 1.2), {}, 5));
            marks->setName(e.mask.isEmpty()
                               ? tr("flagged C or D: %1, not in r").arg(fk.size())
                               : tr("outside %1: %2, not in r").arg(e.mask).arg(fk.size()));
        }
    }
    // Overpasses: short ticks along the bottom of the plot (x in time, y relative to the axis
    // rect).
    for (const TimePoint t : m_overpasses) {
        auto* tick = new QCPItemLine(m_plot);
        for (QCPItemPosition* p : {tick->start, tick->end}) {
            p->setTypeX(QCPItemPosition::ptPlotCoords);
            p->setTypeY(QCPItemPosition::ptAxisRectRatio);
        }
        tick->start->setCoords(toSeconds(t), 1.0);
        tick->end->setCoords(toSeconds(t), 0.955);
        tick->setPen(QPen(QColor(0x55, 0x55, 0x55, 140), 1));
    }
    // Frozen soil: shaded spans behind the curves, with a legend entry of their own.
    m_shade.clear();
    if (!m_frozen.empty() && !m_entries.empty()) {
        const QColor ice(0x9e, 0xca, 0xe1, 110);
        for (const auto& [from, to] : m_frozen) {
            auto* span = new QCPItemRect(m_plot);
            span->setLayer(QStringLiteral("grid"));
            for (QCPItemPosition* p : {span->topLeft, span->bottomRight}) {
                p->setTypeX(QCPItemPosition::ptPlotCoords);
                p->setTypeY(QCPItemPosition::ptAxisRectRatio);
            }
            span->topLeft->setCoords(from, 0.0);
            span->bottomRight->setCoords(to, 1.0);
            span->setPen(Qt::NoPen);
            span->setBrush(ice);
            m_shade.push_back(span);
        }
        auto* key = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        key->setPen(Qt::NoPen);
        key->setBrush(ice);
        key->setName(m_frozenName);
    }
    applyHidden();
    m_plot->yAxis2->setVisible(hasPrecip);
    // No curve yet: no made-up dates on the axis.
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis})
        axis->setTickLabels(!m_entries.empty());
    m_plot->legend->setVisible(!m_entries.empty());
    m_plot->rescaleAxes();
    if (hasPrecip) {
        // Bars hang from the top; give them a third of the height.
        const QCPRange r = m_plot->yAxis2->range();
        m_plot->yAxis2->setRange(0, std::max(1.0, r.upper) * 3.0);
    }
    m_wholeFrom = tmax > tmin ? tmin - (tmax - tmin) * 0.01 : 0.0;
    m_wholeTo = tmax > tmin ? tmax + (tmax - tmin) * 0.01 : 0.0;
    // The view opens on the first observation's record (a station's years, not a product's
    // decades around them); showWholeSpan() and a double click show every curve.
    double omin = 1e300, omax = -1e300;
    for (const series::TimeSeries* s : {observation ? &observation->series : nullptr,
                                        observation ? &observation->flagged : nullptr})
        if (s && !s->empty()) {
            omin = std::min(omin, toSeconds(s->times.front()));
            omax = std::max(omax, toSeconds(s->times.back()));
        }
    if (omax > omin && (omin > tmin || omax < tmax))
        m_plot->xAxis->setRange(omin - (omax - omin) * 0.02, omax + (omax - omin) * 0.02);
    else if (tmax > tmin)
        m_plot->xAxis->setRange(m_wholeFrom, m_wholeTo);
    const QCPRange y = m_plot->yAxis->range();
    m_plot->yAxis->setRange(y.lower - y.size() * 0.05, y.upper + y.size() * 0.08);
    m_plot->replot();
}

} // namespace soilscope::widgets
