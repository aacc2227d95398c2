#include "widgets/training_monitor.h"

#include "widgets/qcp.h"
#include "widgets/titled_plot.h"

#include <QLabel>
#include <QTimer>

#include <cmath>

namespace soilscope::widgets {

TrainingMonitor::TrainingMonitor(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_title(new QLabel(this)) {
    layOutTitledPlot(this, m_title, m_plot);
    m_plot->xAxis->setLabel(tr("Epoch"));
    m_plot->yAxis->setLabel(tr("Loss"));
    m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(font().family(), 8));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    reset(tr("Start a training to follow its learning curves"));
}

void TrainingMonitor::finish(const QString& summary) {
    m_title->setText(summary.isEmpty() ? m_titleText
                                       : QStringLiteral("%1 \u2014 %2").arg(m_titleText, summary));
    if (m_data.isEmpty()) {
        m_placeholder = tr("No learning curve: this model is fitted in one step, not over epochs.");
        auto* text = new QCPItemText(m_plot);
        text->position->setType(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.5, 0.5);
        text->setText(m_placeholder);
        text->setColor(QColor(0x60, 0x60, 0x60));
        showAxes(false);
        m_plot->replot();
    }
}

QString TrainingMonitor::placeholder() const {
    return m_data.isEmpty() ? m_placeholder : QString();
}

void TrainingMonitor::reset(const QString& title) {
    m_titleText = title;
    m_placeholder.clear();
    // No axes and no legend until the first epoch arrives (an empty log axis reads "0.001-1").
    showAxes(false);
    m_title->setText(title);
    m_data.clear();
    m_plot->clearGraphs();
    m_plot->clearItems();
    m_plot->replot();
}

int TrainingMonitor::pointCount(const QString& name) const {
    return m_data.value(name).size();
}

void TrainingMonitor::addMetric(int step, const QString& name, double value) {
    if (!std::isfinite(value))
        return;
    m_data[name].append(QPointF(step, value));
    if (!m_replotPending) {
        m_replotPending = true;
        QTimer::singleShot(100, this, &TrainingMonitor::replotNow);
    }
}

void TrainingMonitor::replotNow() {
    m_replotPending = false;
    m_plot->clearGraphs();
    m_plot->clearItems();
    static const QList<QColor> colours{QColor(0x1b, 0x9e, 0x77), QColor(0xd9, 0x5f, 0x02),
                                       QColor(0x75, 0x70, 0xb3), QColor(0xe7, 0x29, 0x8a),
                                       QColor(0x66, 0xa6, 0x1e)};
    // Curves of the same quantity share a colour: train_loss / val_loss.
    QStringList bases;
    bool allPositive = true;
    // Losses and errors share the axis; the learning rate and timings are bookkeeping.
    static const QRegularExpression bookkeeping(
        QStringLiteral("^(lr|learning_rate|seconds|time|.*_seconds)$"));
    for (auto it = m_data.begin(); it != m_data.end(); ++it) {
        if (bookkeeping.match(it.key()).hasMatch())
            continue;
        QString base = it.key();
        base.remove(QRegularExpression(QStringLiteral("^(train|val|valid|validation)[_ ]")));
        if (!bases.contains(base))
            bases << base;
        const bool validation = it.key().startsWith(QLatin1String("val"));
        QVector<double> x, y;
        for (const QPointF& p : it.value()) {
            x << p.x();
            y << p.y();
            allPositive = allPositive && p.y() > 0;
        }
        auto* g = m_plot->addGraph();
        g->setData(x, y, true);
        g->setName(it.key());
        QPen pen(colours[bases.indexOf(base) % colours.size()], validation ? 1.6 : 1.4);
        if (validation)
            pen.setStyle(Qt::DashLine);
        g->setPen(pen);
        if (validation && it.key().contains(QLatin1String("loss")) && !y.isEmpty()) {
            const auto best = std::min_element(y.begin(), y.end()) - y.begin();
            auto* tracer = new QCPItemTracer(m_plot);
            tracer->setGraph(g);
            tracer->setGraphKey(x[best]);
            tracer->setStyle(QCPItemTracer::tsCircle);
            tracer->setPen(pen);
            tracer->setSize(8);
        }
    }
    m_plot->yAxis->setScaleType(allPositive ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (allPositive)
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    showAxes(m_plot->graphCount() > 0);
    m_plot->rescaleAxes();
    m_plot->replot();
}

void TrainingMonitor::showAxes(bool shown) {
    m_plot->legend->setVisible(shown);
    m_plot->xAxis->setVisible(shown);
    m_plot->yAxis->setVisible(shown);
}

} // namespace soilscope::widgets
