#include "widgets/scatter_plot.h"

#include "stations/csv_time_series.h"
#include "widgets/colour_map.h"
#include "widgets/qcp.h"
#include "widgets/titled_plot.h"

#include <QLabel>

#include <cmath>

namespace soilscope::widgets {

namespace {

QString metricLine(const QJsonObject& m, const QString& key, const QString& label, int decimals) {
    const QJsonValue v = m.value(key);
    if (!v.isDouble())
        return {};
    return QStringLiteral("%1 = %2").arg(label, QString::number(v.toDouble(), 'f', decimals));
}

} // namespace

ScatterPlot::ScatterPlot(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_title(new QLabel(this)) {
    layOutTitledPlot(this, m_title, m_plot);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setAxisLabels(tr("Reference [m\u00b3/m\u00b3]"), tr("Estimate [m\u00b3/m\u00b3]"));
    setTitle(
        tr("Run a validation, or click a station on the map, to see estimate against reference"));
    showTickLabels(false); // no pairs yet: no made-up 0–5 m³/m³ scale
}

void ScatterPlot::showTickLabels(bool show) {
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis})
        axis->setTickLabels(show);
}

QString ScatterPlot::title() const {
    return m_title->text();
}

void ScatterPlot::setTitle(const QString& title) {
    m_title->setText(title);
}

void ScatterPlot::setAxisLabels(const QString& reference, const QString& candidate) {
    m_plot->xAxis->setLabel(reference);
    m_plot->yAxis->setLabel(candidate);
}

void ScatterPlot::setData(const std::vector<double>& reference,
                          const std::vector<double>& candidate, const QJsonObject& metrics) {
    m_plot->clearPlottables();
    m_plot->clearItems();
    QVector<double> xs, ys;
    double lo = 1e300, hi = -1e300;
    for (std::size_t i = 0; i < std::min(reference.size(), candidate.size()); ++i) {
        if (!std::isfinite(reference[i]) || !std::isfinite(candidate[i]))
            continue;
        xs << reference[i];
        ys << candidate[i];
        lo = std::min({lo, reference[i], candidate[i]});
        hi = std::max({hi, reference[i], candidate[i]});
    }
    m_pairs = static_cast<int>(xs.size());
    m_slope = m_intercept = std::nan("");
    showTickLabels(!xs.isEmpty());
    if (xs.isEmpty()) {
        m_plot->replot();
        return;
    }
    if (!(hi > lo))
        hi = lo + 1e-3;
    const double pad = (hi - lo) * 0.04;
    lo -= pad;
    hi += pad;
    if (xs.size() > 2000) {
        // Density: counts in a 2-D histogram, log-scaled colours, empty bins transparent.
        const int bins = 90;
        auto* map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
        map->data()->setSize(bins, bins);
        map->data()->setRange(QCPRange(lo, hi), QCPRange(lo, hi));
        std::vector<double> counts(static_cast<std::size_t>(bins) * bins, 0.0);
        for (int i = 0; i < xs.size(); ++i) {
            const int bx =
                std::clamp(static_cast<int>((xs[i] - lo) / (hi - lo) * bins), 0, bins - 1);
            const int by =
                std::clamp(static_cast<int>((ys[i] - lo) / (hi - lo) * bins), 0, bins - 1);
            counts[static_cast<std::size_t>(by) * bins + bx] += 1.0;
        }
        double maxCount = 1.0;
        for (int by = 0; by < bins; ++by)
            for (int bx = 0; bx < bins; ++bx) {
                const double c = counts[static_cast<std::size_t>(by) * bins + bx];
                maxCount = std::max(maxCount, c);
                map->data()->setCell(bx, by, c > 0 ? std::log10(c) : std::nan(""));
            }
        QCPColorGradient gradient;
        gradient.clearColorStops();
        const ColourMap viridis = ColourMap::named(QStringLiteral("viridis"));
        for (int i = 0; i <= 10; ++i)
            gradient.setColorStopAt(i / 10.0, QColor::fromRgb(viridis.at(i / 10.0)));
        gradient.setNanHandling(QCPColorGradient::nhTransparent);
        map->setGradient(gradient);
        map->setDataRange(QCPRange(0, std::log10(maxCount)));
        map->setInterpolate(false);
        auto* scale = new QCPColorScale(m_plot);
        if (m_plot->plotLayout()->elementCount() > 1)
            m_plot->plotLayout()->removeAt(1);
        m_plot->plotLayout()->addElement(0, 1, scale);
        scale->setLabel(tr("log\u2081\u2080 count"));
        map->setColorScale(scale);
        scale->setGradient(gradient); // a map attached to a scale takes the scale's gradient
        scale->setDataRange(map->dataRange());
    } else {
        if (m_plot->plotLayout()->elementCount() > 1) {
            m_plot->plotLayout()->removeAt(1);
            m_plot->plotLayout()->simplify();
        }
        auto* g = m_plot->addGraph();
        g->setData(xs, ys);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x21, 0x91, 0x8c, 160), 5));
    }
    // Least-squares line of candidate on reference (display only).
    double mx = 0, my = 0;
    for (int i = 0; i < xs.size(); ++i) {
        mx += xs[i];
        my += ys[i];
    }
    mx /= xs.size();
    my /= ys.size();
    double sxy = 0, sxx = 0;
    for (int i = 0; i < xs.size(); ++i) {
        sxy += (xs[i] - mx) * (ys[i] - my);
        sxx += (xs[i] - mx) * (xs[i] - mx);
    }
    auto* one = new QCPItemStraightLine(m_plot);
    one->point1->setCoords(lo, lo);
    one->point2->setCoords(hi, hi);
    one->setPen(QPen(QColor(0x40, 0x40, 0x40), 1.2, Qt::DashLine));
    if (sxx > 0) {
        m_slope = sxy / sxx;
        m_intercept = my - m_slope * mx;
        auto* fit = new QCPItemStraightLine(m_plot);
        fit->point1->setCoords(lo, m_intercept + m_slope * lo);
        fit->point2->setCoords(hi, m_intercept + m_slope * hi);
        fit->setPen(QPen(QColor(0xd9, 0x5f, 0x02), 1.8));
    }
    QStringList lines;
    lines << tr("n = %1").arg(metrics.value(QStringLiteral("n")).isDouble()
                                  ? metrics.value(QStringLiteral("n")).toInt()
                                  : m_pairs);
    for (const auto& [key, label, decimals] :
         {std::tuple{QStringLiteral("R"), QStringLiteral("R"), 3},
          {QStringLiteral("ubRMSD"), QStringLiteral("ubRMSD"), 4},
          {QStringLiteral("RMSD"), QStringLiteral("RMSD"), 4},
          {QStringLiteral("bias"), QStringLiteral("bias"), 4},
          {QStringLiteral("KGE"), QStringLiteral("KGE"), 3}})
        if (const QString l = metricLine(metrics, key, label, decimals); !l.isEmpty())
            lines << l;
    if (std::isfinite(m_slope))
        lines << tr("fit: y = %1 x %2 %3")
                     .arg(m_slope, 0, 'f', 3)
                     .arg(m_intercept < 0 ? '-' : '+')
                     .arg(std::abs(m_intercept), 0, 'f', 3);
    m_metricsText = lines.join(QLatin1Char('\n'));
    auto* box = new QCPItemText(m_plot);
    box->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
    box->position->setType(QCPItemPosition::ptAxisRectRatio);
    box->position->setCoords(0.03, 0.03);
    box->setTextAlignment(Qt::AlignLeft);
    box->setText(m_metricsText);
    box->setFont(QFont(font().family(), 8));
    box->setPadding(QMargins(6, 4, 6, 4));
    box->setBrush(QColor(255, 255, 255, 225));
    box->setPen(QPen(QColor(0xb0, 0xb0, 0xb0)));
    m_plot->xAxis->setRange(lo, hi);
    m_plot->yAxis->setRange(lo, hi);
    m_plot->replot();
}

void ScatterPlot::loadPairsCsv(const QString& path, const QJsonObject& metrics) {
    const auto csv = stations::CsvTimeSeries::read(path.toStdString());
    const std::string ref =
        csv.hasColumn("reference") ? "reference" : (csv.columns().empty() ? "" : csv.columns()[0]);
    const std::string cand = csv.hasColumn("candidate")
                                 ? "candidate"
                                 : (csv.columns().size() > 1 ? csv.columns()[1] : "");
    setData(csv.numbers(ref), csv.numbers(cand), metrics);
}

} // namespace soilscope::widgets
