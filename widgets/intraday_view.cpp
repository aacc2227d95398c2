#include "widgets/intraday_view.h"

#include "widgets/map_canvas.h"
#include "widgets/qcp.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QJsonArray>
#include <QLabel>

#include <algorithm>

namespace soilscope::widgets {

IntradayView::IntradayView(QWidget* parent)
    : QWidget(parent), m_delta(new MapCanvas(this)), m_hour(new MapCanvas(this)),
      m_chart(new QCustomPlot(this)), m_title(new QLabel(this)) {
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    m_title->setStyleSheet(QStringLiteral("font-weight: 600;"));
    m_title->setText(tr("Run the intraday analysis to see daily amplitudes"));
    layout->addWidget(m_title, 0, 0, 1, 3);
    auto caption = [this](const QString& text) {
        auto* l = new QLabel(text, this);
        l->setAlignment(Qt::AlignCenter);
        return l;
    };
    layout->addWidget(caption(tr("Mean daily amplitude \u0394SM")), 1, 0);
    layout->addWidget(caption(tr("Hour of the daily maximum")), 1, 1);
    layout->addWidget(caption(tr("Correlation against number of days")), 1, 2);
    layout->addWidget(m_delta, 2, 0);
    layout->addWidget(m_hour, 2, 1);
    layout->addWidget(m_chart, 2, 2);
    layout->setRowStretch(2, 1);
    for (int c = 0; c < 3; ++c)
        layout->setColumnStretch(c, 1);
    for (MapCanvas* map : {m_delta, m_hour}) {
        map->setEmptyText(tr("Drawn by the intraday analysis (Tasks menu)"));
        map->setAcceptDrops(false); // result maps, not a place to drop data
    }
    m_chart->xAxis->setLabel(tr("Days (N)"));
    m_chart->yAxis->setLabel(tr("Pearson r"));
    m_chart->yAxis->setRange(-1.0, 1.0);
    m_chart->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
}

namespace {

/// The 1-based band described `label`, else `fallback` (the task's band order).
int bandOf(const MapLayer& means, const QString& label, int fallback) {
    const int i = means.bandLabels.indexOf(label);
    return i >= 0 ? i + 1 : std::min(fallback, means.bandCount);
}

} // namespace

MapLayer IntradayView::deltaLayer(const MapLayer& means) {
    MapLayer delta = means;
    delta.band = bandOf(means, QStringLiteral("delta_sm"), 5);
    delta.name = QStringLiteral("\u0394SM");
    delta.colourMapName = QStringLiteral("magma"); // an amplitude: sequential from 0
    delta.bandCount = 1;                           // one quantity per map: no time slider
    delta.units = means.bandUnits.value(delta.band - 1);
    return delta;
}

MapLayer IntradayView::hourLayer(const MapLayer& means) {
    MapLayer hour = means;
    hour.band = bandOf(means, QStringLiteral("hour_max"), 1);
    hour.name = tr("hour of max");
    hour.bandCount = 1;
    hour.colourMapName = QStringLiteral("twilight"); // 0 h and 24 h meet
    hour.stretch.mode = Stretch::Mode::Manual;
    hour.stretch.low = 0.0;
    hour.stretch.high = 24.0;
    hour.stretchResolved = true;
    hour.units = tr("h");
    return hour;
}

void IntradayView::setMeans(const QString& meansPath) {
    m_delta->clearLayers();
    m_hour->clearLayers();
    const MapLayer base = describeRasterFile(meansPath);
    m_delta->addLayer(deltaLayer(base));
    m_hour->addLayer(hourLayer(base));
    m_title->setText(tr("Intraday amplitude: %1").arg(QFileInfo(meansPath).fileName()));
}

int IntradayView::setCorrelations(const QJsonObject& json) {
    m_chart->clearPlottables();
    m_chart->clearItems();
    auto points = [](const QJsonArray& rows, QVector<double>& n, QVector<double>& r,
                     QStringList& labels) {
        for (const QJsonValue& v : rows) {
            const QJsonObject o = v.toObject();
            const QJsonValue rv = o.contains(QStringLiteral("r_delta"))
                                      ? o.value(QStringLiteral("r_delta"))
                                      : o.value(QStringLiteral("r"));
            if (!rv.isDouble() || !o.value(QStringLiteral("n")).isDouble())
                continue;
            n << o.value(QStringLiteral("n")).toDouble();
            r << rv.toDouble();
            labels << o.value(QStringLiteral("condition")).toString();
        }
    };
    QVector<double> sn, sr, cn, cr;
    QStringList sl, cl;
    points(json.value(QStringLiteral("r_vs_n")).toArray(), sn, sr, sl);
    points(json.value(QStringLiteral("conditions")).toArray(), cn, cr, cl);
    auto* sweep = m_chart->addGraph();
    sweep->setData(sn, sr);
    sweep->setName(tr("precipitation thresholds"));
    sweep->setLineStyle(QCPGraph::lsNone);
    sweep->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(0x75, 0x70, 0xb3), 5));
    auto* named = m_chart->addGraph();
    named->setData(cn, cr);
    named->setName(tr("conditions"));
    named->setLineStyle(QCPGraph::lsNone);
    named->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0xd9, 0x5f, 0x02), 7));
    for (int i = 0; i < cn.size(); ++i) {
        auto* label = new QCPItemText(m_chart);
        label->position->setCoords(cn[i], cr[i]);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setText(QStringLiteral(" ") + cl[i]);
        label->setFont(QFont(font().family(), 7));
    }
    QVector<double> n = sn + cn, r = sr + cr;
    m_chart->legend->setVisible(!sn.isEmpty());
    m_chart->legend->setFont(QFont(font().family(), 7));
    m_chart->rescaleAxes();
    const QCPRange x = m_chart->xAxis->range(), y = m_chart->yAxis->range();
    m_chart->xAxis->setRange(0, x.upper * 1.2 + 1);
    m_chart->yAxis->setRange(std::min(0.0, y.lower - 0.05), std::min(1.0, y.upper + 0.08));
    m_chart->replot();
    m_rows = static_cast<int>(n.size());
    return m_rows;
}

} // namespace soilscope::widgets
