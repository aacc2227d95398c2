#include "widgets/spectrum_plot.h"

#include "base/error.h"
#include "widgets/qcp.h"
#include "widgets/titled_plot.h"

#include <QFile>
#include <QJsonArray>
#include <QLabel>

#include <cmath>
#include <map>

namespace soilscope::widgets {

namespace {

std::vector<double> numbers(const QJsonValue& v) {
    std::vector<double> out;
    for (const QJsonValue& x : v.toArray())
        out.push_back(x.isDouble() ? x.toDouble() : std::nan(""));
    return out;
}

double number(const QJsonObject& o, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
        if (o.value(QLatin1String(k)).isDouble())
            return o.value(QLatin1String(k)).toDouble();
    return std::nan("");
}

bool parseCurve(const QString& name, const QJsonObject& o, SpectrumPlot::Curve& c) {
    c.name = name;
    c.temporal = o.contains(QStringLiteral("frequency_per_day"));
    c.k = numbers(c.temporal                        ? o.value(QStringLiteral("frequency_per_day"))
                  : o.contains(QStringLiteral("k")) ? o.value(QStringLiteral("k"))
                                                    : o.value(QStringLiteral("wavenumber")));
    c.power = numbers(o.value(QStringLiteral("power")));
    if (c.k.empty() || c.k.size() != c.power.size())
        return false;
    const QJsonObject fit =
        o.value(QStringLiteral("fit")).isObject() ? o.value(QStringLiteral("fit")).toObject() : o;
    c.slope = number(fit, {"slope", "beta"});
    c.intercept = number(fit, {"intercept"});
    c.kMin = number(fit, {"k_min", "kMin"});
    c.kMax = number(fit, {"k_max", "kMax"});
    c.effectiveResolutionMetres =
        number(fit, {"effective_resolution_m", "effective_resolution_metres", "r_eff_m"});
    return true;
}

const QList<QColor>& curveColours() {
    static const QList<QColor> colours{QColor(0x1b, 0x9e, 0x77), QColor(0xd9, 0x5f, 0x02),
                                       QColor(0x75, 0x70, 0xb3), QColor(0xe7, 0x29, 0x8a)};
    return colours;
}

} // namespace

SpectrumPlot::SpectrumPlot(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_title(new QLabel(this)) {
    layOutTitledPlot(this, m_title, m_plot);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
        axis->setTicker(ticker);
        axis->setNumberFormat(QStringLiteral("eb"));
        axis->setNumberPrecision(0);
    }
    m_plot->xAxis->setLabel(tr("Wavenumber [cycles/km]"));
    m_plot->yAxis->setLabel(tr("Power density"));
    m_plot->legend->setFont(QFont(font().family(), 8)); // shown once there are spectra
    setTitle(tr("Run the spectrum analysis to see power spectra"));
}

void SpectrumPlot::setTitle(const QString& title) {
    m_title->setText(title);
}

void SpectrumPlot::clear() {
    m_curves.clear();
    rebuild();
}

void SpectrumPlot::addCurve(const Curve& curve) {
    m_curves.push_back(curve);
    rebuild();
}

int SpectrumPlot::addJson(const QJsonObject& json) {
    int added = 0;
    Curve c;
    if (parseCurve(tr("spectrum"), json, c)) {
        addCurve(c);
        return 1;
    }
    for (const QString& key : {QStringLiteral("zonal"), QStringLiteral("meridional")})
        if (json.value(key).isObject() && parseCurve(key, json.value(key).toObject(), c)) {
            addCurve(c);
            ++added;
        }
    for (const QJsonValue& v : json.value(QStringLiteral("spectra")).toArray()) {
        const QJsonObject o = v.toObject();
        if (parseCurve(o.value(QStringLiteral("name")).toString(tr("spectrum")), o, c)) {
            addCurve(c);
            ++added;
        }
    }
    return added;
}

int SpectrumPlot::addCsv(const QString& path, const QJsonObject& json) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw Error("cannot read the spectrum table", path.toStdString());
    const QStringList header = QString::fromUtf8(file.readLine()).trimmed().split(',');
    const int dir = header.indexOf(QStringLiteral("direction"));
    const int prod = header.indexOf(QStringLiteral("product"));
    int kcol = header.indexOf(QStringLiteral("k_cycles_per_m"));
    if (kcol < 0)
        kcol = header.indexOf(QStringLiteral("k_per_m"));
    const int pcol = header.indexOf(QStringLiteral("power"));
    if (dir < 0 || kcol < 0 || pcol < 0)
        throw Error("expected the columns direction, k_cycles_per_m and power", path.toStdString());
    std::map<QString, Curve> curves;
    std::vector<QString> order;
    while (!file.atEnd()) {
        const QStringList cells = QString::fromUtf8(file.readLine()).trimmed().split(',');
        if (cells.size() <= std::max({dir, kcol, pcol, prod}))
            continue;
        const QString name = prod >= 0 ? cells[prod] + QLatin1Char(' ') + cells[dir] : cells[dir];
        if (!curves.count(name))
            order.push_back(name);
        Curve& c = curves[name];
        c.k.push_back(cells[kcol].toDouble());
        c.power.push_back(cells[pcol].isEmpty() ? std::nan("") : cells[pcol].toDouble());
    }
    for (const QString& name : order) {
        Curve c = curves[name];
        Curve fit;
        QJsonObject withArrays = json.value(name).toObject();
        withArrays.insert(QStringLiteral("k"), QJsonArray{1.0});
        withArrays.insert(QStringLiteral("power"), QJsonArray{1.0});
        if (parseCurve(name, withArrays, fit)) {
            c.slope = fit.slope;
            c.intercept = fit.intercept;
            c.kMin = fit.kMin;
            c.kMax = fit.kMax;
            c.effectiveResolutionMetres = fit.effectiveResolutionMetres;
        }
        c.name = name;
        addCurve(c);
    }
    return static_cast<int>(order.size());
}

QString SpectrumPlot::legendText(int i) const {
    return i >= 0 && i < static_cast<int>(m_legend.size()) ? m_legend[i] : QString();
}

void SpectrumPlot::rebuild() {
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_legend.clear();
    int colour = 0;
    const bool temporal = !m_curves.empty() && m_curves.front().temporal;
    m_plot->xAxis->setLabel(temporal ? tr("Frequency [cycles/day]") : tr("Wavenumber [cycles/km]"));
    for (const auto& c : m_curves) {
        const QColor col = curveColours()[colour++ % curveColours().size()];
        const double scale = c.temporal ? 1.0 : 1000.0; // cycles per km on the axis
        QVector<double> k, p;
        for (std::size_t i = 0; i < c.k.size(); ++i)
            if (c.k[i] > 0 && c.power[i] > 0 && std::isfinite(c.power[i])) {
                k << c.k[i] * scale;
                p << c.power[i];
            }
        auto* g = m_plot->addGraph();
        g->setData(k, p);
        g->setPen(QPen(col, 1.6));
        QString legend = c.name;
        if (std::isfinite(c.slope) && c.slope != 0.0)
            legend += QStringLiteral(" (slope %1)").arg(c.slope, 0, 'f', 2);
        if (c.effectiveResolutionMetres > 0)
            legend += QStringLiteral(", r_eff = %1 m").arg(c.effectiveResolutionMetres, 0, 'f', 0);
        g->setName(legend);
        m_legend.push_back(legend);
        if (std::isfinite(c.slope) && std::isfinite(c.intercept) && c.kMin > 0 && c.kMax > c.kMin) {
            auto* fit = m_plot->addGraph();
            QVector<double> fk, fp;
            for (int i = 0; i <= 20; ++i) {
                const double kk = c.kMin * std::pow(c.kMax / c.kMin, i / 20.0);
                fk << kk * scale;
                fp << std::pow(10.0, c.intercept) * std::pow(kk, c.slope);
            }
            fit->setData(fk, fp);
            fit->setPen(QPen(col.darker(140), 1.2, Qt::DashLine));
            fit->removeFromLegend();
        }
        if (c.effectiveResolutionMetres > 0) {
            auto* mark = new QCPItemStraightLine(m_plot);
            const double kEff = scale / (2.0 * c.effectiveResolutionMetres);
            mark->point1->setCoords(kEff, 1);
            mark->point2->setCoords(kEff, 2);
            mark->setPen(QPen(col, 1, Qt::DotLine));
        }
    }
    m_plot->legend->setVisible(!m_curves.empty()); // no empty frame before the first spectrum
    m_plot->rescaleAxes();
    m_plot->replot();
}

} // namespace soilscope::widgets
