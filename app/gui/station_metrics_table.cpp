#include "gui/station_metrics_table.h"

#include "base/error.h"

#include <QFile>

#include <cmath>

namespace soilscope::gui {

QStringList StationMetricsTable::splitLine(const QString& line) {
    QStringList cells;
    QString cell;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells << cell;
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells << cell;
    return cells;
}

StationMetricsTable StationMetricsTable::read(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw Error("cannot read the station table", path.toStdString());
    const QStringList header = splitLine(QString::fromUtf8(file.readLine()).trimmed());
    const int net = header.indexOf(QStringLiteral("network"));
    const int sta = header.indexOf(QStringLiteral("station"));
    const int prod = header.indexOf(QStringLiteral("product"));
    if (net < 0 || sta < 0 || prod < 0)
        throw Error("expected the columns network, station and product", path.toStdString());
    static const QStringList text{
        QStringLiteral("network"), QStringLiteral("station"),    QStringLiteral("product"),
        QStringLiteral("sensor"),  QStringLiteral("land_cover"), QStringLiteral("climate"),
        QStringLiteral("lon"),     QStringLiteral("lat"),        QStringLiteral("region"),
        QStringLiteral("cell"),    QStringLiteral("note"),       QStringLiteral("window")};
    StationMetricsTable table;
    for (const QString& h : header)
        if (!text.contains(h))
            table.metricNames << h;
    int lineNo = 1;
    while (!file.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList cells = splitLine(line);
        if (cells.size() != header.size())
            throw Error("line has " + std::to_string(cells.size()) + " cells, the header " +
                            std::to_string(header.size()),
                        path.toStdString() + ":" + std::to_string(lineNo));
        Row row{cells[net], cells[sta], cells[prod], {}, {}};
        for (int i = 0; i < header.size(); ++i) {
            if (cells[i].isEmpty())
                continue;
            if (header[i] == QLatin1String("lon") || header[i] == QLatin1String("lat")) {
                bool ok = false;
                const double v = cells[i].toDouble(&ok);
                (header[i] == QLatin1String("lon") ? row.lon : row.lat) = ok ? v : std::nan("");
                continue;
            }
            if (text.contains(header[i])) {
                row.attributes.insert(header[i], cells[i]);
                continue;
            }
            bool ok = false;
            const double v = cells[i].toDouble(&ok);
            if (ok && std::isfinite(v))
                row.metrics.insert(header[i], v);
        }
        if (!table.products.contains(row.product))
            table.products << row.product;
        table.rows.push_back(row);
    }
    return table;
}

void StationMetricsTable::readWindows(const QString& path) {
    const StationMetricsTable windows = read(path);
    windowRows = windows.rows;
}

QStringList StationMetricsTable::groupingColumns() const {
    QStringList out{QStringLiteral("product"), QStringLiteral("network")};
    if (!windowRows.empty())
        out << QStringLiteral("window");
    for (const QString& c :
         {QStringLiteral("land_cover"), QStringLiteral("climate"), QStringLiteral("region")})
        for (const auto& row : rows)
            if (!row.attributes.value(c).isEmpty()) {
                out << c;
                break;
            }
    return out;
}

} // namespace soilscope::gui
