#include "gui/station_metrics_view.h"

#include "gui/station_metrics_table.h"
#include "widgets/sweep_chart.h"

#include <QHeaderView>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace soilscope::gui {

StationMetricsView::StationMetricsView(QWidget* parent)
    : QWidget(parent), m_chart(new widgets::SweepChart), m_table(new QTableWidget) {
    // Side by side: the docks at the bottom of the window are wide and low.
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_chart);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    m_chart->setTitle(tr("Station metrics appear here"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->hide();
}

int StationMetricsView::rowCount() const {
    return m_table->rowCount();
}

void StationMetricsView::setTable(const StationMetricsTable& table) {
    // R of every station, per product, as box plots.
    std::vector<std::vector<double>> values(table.products.size());
    for (const auto& row : table.rows)
        if (row.metrics.contains(QStringLiteral("R")))
            values[table.products.indexOf(row.product)].push_back(
                row.metrics.value(QStringLiteral("R")));
    m_chart->setTitle(tr("Per-station R of each product"));
    m_chart->setMetricLabel(QStringLiteral("R"));
    m_chart->setGroups(table.products, values);

    m_table->setSortingEnabled(false);
    m_table->clear();
    QStringList header{tr("Network"), tr("Station"), tr("Product")};
    header += table.metricNames;
    m_table->setColumnCount(header.size());
    m_table->setHorizontalHeaderLabels(header);
    m_table->setRowCount(static_cast<int>(table.rows.size()));
    for (int r = 0; r < static_cast<int>(table.rows.size()); ++r) {
        const auto& row = table.rows[std::size_t(r)];
        m_table->setItem(r, 0, new QTableWidgetItem(row.network));
        m_table->setItem(r, 1, new QTableWidgetItem(row.station));
        m_table->setItem(r, 2, new QTableWidgetItem(row.product));
        for (int m = 0; m < table.metricNames.size(); ++m) {
            const auto it = row.metrics.find(table.metricNames[m]);
            if (it == row.metrics.end())
                continue;
            auto* item = new QTableWidgetItem;
            item->setData(Qt::DisplayRole, it.value()); // numbers sort as numbers
            m_table->setItem(r, 3 + m, item);
        }
    }
    m_table->setSortingEnabled(true);
    m_table->resizeColumnsToContents();
}

} // namespace soilscope::gui
