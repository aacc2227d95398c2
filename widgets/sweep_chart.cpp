#include "widgets/sweep_chart.h"

#include "widgets/qcp.h"
#include "widgets/titled_plot.h"

#include <QJsonArray>
#include <QLabel>

#include <algorithm>
#include <cmath>

namespace soilscope::widgets {

namespace {

double quantile(std::vector<double> v, double q) {
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const double pos = q * (v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
}

std::vector<double> numbers(const QJsonValue& v) {
    std::vector<double> out;
    for (const QJsonValue& x : v.toArray())
        if (x.isDouble() && std::isfinite(x.toDouble()))
            out.push_back(x.toDouble());
    return out;
}

} // namespace

SweepChart::SweepChart(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_title(new QLabel(this)) {
    layOutTitledPlot(this, m_title, m_plot);
    setTitle(tr("Run a learning-curve sweep (Tasks \u25b8 sweep) or the sar_ml_scenarios workload "
                "to see its scores against the training size"));
    setMetricLabel(QStringLiteral("R"));
}

void SweepChart::setTitle(const QString& title) {
    m_title->setText(title);
}
void SweepChart::setMetricLabel(const QString& label) {
    m_plot->yAxis->setLabel(label);
}

double SweepChart::median(int group) const {
    return group >= 0 && group < groupCount() ? quantile(m_values[group], 0.5) : std::nan("");
}

void SweepChart::setGroups(const QStringList& names,
                           const std::vector<std::vector<double>>& values) {
    m_values = values;
    m_plot->clearPlottables();
    auto* boxes = new QCPStatisticalBox(m_plot->xAxis, m_plot->yAxis);
    boxes->setBrush(QColor(0x21, 0x91, 0x8c, 70));
    boxes->setPen(QPen(QColor(0x21, 0x91, 0x8c), 1.4));
    boxes->setMedianPen(QPen(QColor(0x20, 0x20, 0x20), 2));
    boxes->setWidth(0.45);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    auto* dots = m_plot->addGraph();
    dots->setLineStyle(QCPGraph::lsNone);
    dots->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x30, 0x30, 0x30, 120), 4));
    QVector<double> dx, dy;
    for (int g = 0; g < static_cast<int>(values.size()); ++g) {
        const auto& v = values[g];
        const double key = g + 1;
        ticker->addTick(key, g < names.size() ? names[g] : QString::number(key));
        if (v.empty())
            continue;
        const double q1 = quantile(v, 0.25), q3 = quantile(v, 0.75), iqr = q3 - q1;
        double lo = q1, hi = q3;
        QVector<double> outliers;
        for (double x : v) {
            if (x < q1 - 1.5 * iqr || x > q3 + 1.5 * iqr)
                outliers << x;
            else {
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
        }
        boxes->addData(key, lo, q1, quantile(v, 0.5), q3, hi, outliers);
        // Deterministic jitter so the same data always draw the same.
        for (std::size_t i = 0; i < v.size(); ++i) {
            dx << key + 0.25 * (std::fmod(i * 0.618034, 1.0) - 0.5);
            dy << v[i];
        }
    }
    dots->setData(dx, dy);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setRange(0.4, values.size() + 0.6);
    m_plot->yAxis->rescale(true);
    const QCPRange y = m_plot->yAxis->range();
    m_plot->yAxis->setRange(y.lower - y.size() * 0.08, y.upper + y.size() * 0.08);
    m_plot->replot();
}

int SweepChart::setJson(const QJsonObject& json, const QString& metric) {
    QStringList names;
    std::vector<std::vector<double>> values;
    const QString key = metric.isEmpty() ? QStringLiteral("values") : metric;
    if (json.value(QStringLiteral("scenarios")).isArray()) {
        for (const QJsonValue& s : json.value(QStringLiteral("scenarios")).toArray()) {
            const QJsonObject o = s.toObject();
            names << o.value(QStringLiteral("name")).toString();
            values.push_back(numbers(o.value(key)));
        }
    } else {
        for (auto it = json.begin(); it != json.end(); ++it)
            if (it.value().isArray()) {
                names << it.key();
                values.push_back(numbers(it.value()));
            }
    }
    if (!metric.isEmpty())
        setMetricLabel(metric);
    setGroups(names, values);
    return static_cast<int>(values.size());
}

int SweepChart::setLearningCurves(const QJsonObject& curves, const QString& metric) {
    // The scenarios in the order of their expected difficulty, others after them.
    QStringList names;
    for (const char* known : {"dependent", "temporal", "spatial"})
        if (curves.contains(QLatin1String(known)))
            names << QString::fromLatin1(known);
    for (auto it = curves.begin(); it != curves.end(); ++it)
        if (!names.contains(it.key()))
            names << it.key();
    std::vector<std::vector<double>> values;
    for (const QString& scenario : names) {
        std::vector<double> pooled;
        const QJsonObject byMethod = curves.value(scenario).toObject();
        for (auto m = byMethod.begin(); m != byMethod.end(); ++m)
            for (const QJsonValue& point : m.value().toArray()) {
                const auto v = numbers(point.toObject().value(QStringLiteral("values")));
                pooled.insert(pooled.end(), v.begin(), v.end());
            }
        values.push_back(std::move(pooled));
    }
    setMetricLabel(metric);
    setGroups(names, values);
    return static_cast<int>(values.size());
}

} // namespace soilscope::widgets
