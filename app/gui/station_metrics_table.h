#pragma once
#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace soilscope::gui {

/// The per-station table of the station-metrics task (station_metrics.csv): one row per
/// station and product with the metrics as numbers.
struct StationMetricsTable {
    struct Row {
        QString network;
        QString station;
        QString product;
        QMap<QString, double> metrics;
    };
    QStringList metricNames;
    QStringList products;
    std::vector<Row> rows;

    /// Reads the CSV; throws soilscope::Error naming the file when it is not such a table.
    static StationMetricsTable read(const QString& path);
    /// Splits one CSV line, honouring "..." quotes.
    static QStringList splitLine(const QString& line);
};

} // namespace soilscope::gui
