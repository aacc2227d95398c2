#include "gui/station_metrics_view.h"

#include "base/units.h"
#include "widgets/sweep_chart.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace soilscope::gui {

namespace {
/// Metrics in the reference's units (their interval bounds too).
constexpr std::array<const char*, 5> kUnitMetrics{"bias", "RMSD", "ubRMSD", "MAE", "Std"};

QString groupLabel(const QString& column) {
    if (column == QLatin1String("product"))
        return StationMetricsView::tr("product");
    if (column == QLatin1String("network"))
        return StationMetricsView::tr("network");
    if (column == QLatin1String("land_cover"))
        return StationMetricsView::tr("land cover");
    if (column == QLatin1String("climate"))
        return StationMetricsView::tr("climate");
    if (column == QLatin1String("window"))
        return StationMetricsView::tr("season or window");
    return StationMetricsView::tr("region");
}
} // namespace

StationMetricsView::StationMetricsView(QWidget* parent)
    : QWidget(parent), m_metric(new QComboBox), m_groupBy(new QComboBox),
      m_chart(new widgets::SweepChart), m_table(new QTableWidget) {
    m_metric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_groupBy->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Metric")));
    controls->addWidget(m_metric);
    controls->addWidget(new QLabel(tr("Group by")));
    controls->addWidget(m_groupBy);
    controls->addStretch(1);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(controls);
    leftLayout->addWidget(m_chart, 1);
    // Side by side: the docks at the bottom of the window are wide and low.
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    m_chart->setTitle(
        tr("Run station-metrics or validate-network (Tasks menu) to see each station's scores"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->hide();
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] { updateChart(); });
    connect(m_groupBy, &QComboBox::currentIndexChanged, this, [this] { updateChart(); });
}

int StationMetricsView::rowCount() const {
    return m_table->rowCount();
}

bool StationMetricsView::showBoxPlots(const QString& metric, const QString& column) {
    const int m = m_metric->findText(metric);
    const int g = m_groupBy->findData(column);
    if (m < 0 || g < 0)
        return false;
    m_metric->setCurrentIndex(m);
    m_groupBy->setCurrentIndex(g);
    updateChart();
    return true;
}

void StationMetricsView::updateChart() {
    const QString metric = m_metric->currentText();
    const QString column = m_groupBy->currentData().toString();
    if (metric.isEmpty() || column.isEmpty())
        return;
    // One group per value of the column (and per product when grouping by something else).
    // Groups in the order they first appear (seasons DJF, MAM, JJA, SON as the table has them).
    QStringList names;
    std::vector<std::vector<double>> values;
    const bool perProduct = column != QLatin1String("product") && m_data.products.size() > 1;
    const bool byWindow = column == QLatin1String("window");
    for (const auto& row : byWindow ? m_data.windowRows : m_data.rows) {
        const auto it = row.metrics.find(metric);
        if (it == row.metrics.end())
            continue;
        QString key = column == QLatin1String("product")   ? row.product
                      : column == QLatin1String("network") ? row.network
                                                           : row.attributes.value(column);
        if (key.isEmpty())
            key = tr("unknown");
        if (perProduct)
            key = row.product + QStringLiteral(" \u00b7 ") + key;
        int g = static_cast<int>(names.indexOf(key));
        if (g < 0) {
            g = static_cast<int>(names.size());
            names << key;
            values.emplace_back();
        }
        values[std::size_t(g)].push_back(it.value());
    }
    m_chart->setTitle(tr("Per-station %1 by %2").arg(metric, groupLabel(column)));
    const bool inUnits = !m_data.units.isEmpty() &&
                         std::any_of(kUnitMetrics.begin(), kUnitMetrics.end(), [&](const char* m) {
                             return metric.startsWith(QLatin1String(m));
                         });
    m_chart->setMetricLabel(
        inUnits ? QStringLiteral("%1 (%2)").arg(
                      metric, QString::fromStdString(units::display(m_data.units.toStdString())))
                : metric);
    m_chart->setGroups(names, values);
}

void StationMetricsView::setTable(const StationMetricsTable& table) {
    m_data = table;
    {
        const QSignalBlocker blockMetric(m_metric);
        const QSignalBlocker blockGroup(m_groupBy);
        m_metric->clear();
        m_metric->addItems(table.metricNames);
        const int r = m_metric->findText(QStringLiteral("R"));
        m_metric->setCurrentIndex(std::max(0, r));
        m_groupBy->clear();
        for (const auto& c : table.groupingColumns())
            m_groupBy->addItem(groupLabel(c), c);
    }
    updateChart();

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
