#pragma once
#include <QMap>
#include <QString>
#include <QStringList>
#include <cmath>

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
        QMap<QString, QString> attributes; ///< text columns: land_cover, climate, region, ...
        double lon = std::nan("");
        double lat = std::nan("");
    };
    QStringList metricNames;
    QStringList products;
    QString units; ///< of the reference, when the run says (bias, RMSD, ... are in them)
    std::vector<Row> rows;
    /// Metrics per intra-annual window (intra_annual.csv of validate-network): the window's
    /// name in attributes["window"]; empty when the run had none.
    std::vector<Row> windowRows;

    /// The text columns the rows can be grouped by ("land_cover", "climate", "region",
    /// "network", "product") that hold at least one value.
    QStringList groupingColumns() const;
    /// Adds the rows of an intra-annual table (network, station, product, window, metrics).
    void readWindows(const QString& path);
    /// Reads the CSV; throws soilscope::Error naming the file when it is not such a table.
    static StationMetricsTable read(const QString& path);
    /// Splits one CSV line, honouring "..." quotes.
    static QStringList splitLine(const QString& line);
};

} // namespace soilscope::gui
