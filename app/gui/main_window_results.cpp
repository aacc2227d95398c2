// MainWindow: running tasks as jobs and showing their declared outputs, one presenter per kind.
#include "gui/main_window.h"

#include "base/error.h"
#include "gui/station_metrics_table.h"
#include "gui/station_metrics_view.h"
#include "tasks/task_registry.h"
#include "widgets/intraday_view.h"
#include "widgets/job_queue.h"
#include "widgets/log_panel.h"
#include "widgets/map_canvas.h"
#include "widgets/output_presenters.h"
#include "widgets/scatter_plot.h"
#include "widgets/spectrum_plot.h"
#include "widgets/sweep_chart.h"
#include "widgets/task_job.h"
#include "widgets/training_monitor.h"

#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QStatusBar>
#include <algorithm>

namespace soilscope::gui {

using namespace widgets;

namespace {

QString pathOf(const OutputValue& o) {
    return QString::fromStdString(o.path);
}

/// The value labelled `label`, else the first.
const OutputValue& preferred(const std::vector<OutputValue>& values, const std::string& label) {
    for (const auto& v : values)
        if (v.label == label)
            return v;
    return values.front();
}

/// Where a file output that the task writes only when asked goes, when the user did not say.
QString resultFile(const QString& task, const OutputSpec& output) {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                        QStringLiteral("/results");
    QDir().mkpath(dir);
    return QStringLiteral("%1/%2-%3-%4.csv")
        .arg(dir, task, QString::fromStdString(output.name),
             QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")));
}

} // namespace

void MainWindow::registerPresenters() {
    m_presenters = std::make_unique<OutputPresenters>();
    auto addLayers = [this](const std::vector<OutputValue>& values, const QJsonObject&) {
        // Results appear as layers; series written by predictions keep their time slider.
        for (const auto& v : values) {
            const int index = addRaster(pathOf(v), true);
            if (index >= 0)
                m_map->setCurrentLayer(index);
        }
    };
    m_presenters->add(OutputKind::Raster, addLayers);
    m_presenters->add(OutputKind::RasterSeries, addLayers);
    m_presenters->add(OutputKind::SeriesPairs, [this](const std::vector<OutputValue>& values,
                                                      const QJsonObject& result) {
        const OutputValue& pairs = values.front();
        m_scatter->loadPairsCsv(pathOf(pairs), result);
        const QString candidate = result.value(QStringLiteral("candidate"))
                                      .toObject()
                                      .value(QStringLiteral("series"))
                                      .toString();
        const QString reference = result.value(QStringLiteral("reference"))
                                      .toObject()
                                      .value(QStringLiteral("series"))
                                      .toString();
        m_scatter->setTitle(!candidate.isEmpty() ? tr("%1 against %2").arg(candidate, reference)
                                                 : QString::fromStdString(pairs.description));
        showView(QStringLiteral("scatter"));
    });
    m_presenters->add(OutputKind::Spectrum, [this](const std::vector<OutputValue>& values,
                                                   const QJsonObject& result) {
        m_spectrum->clear();
        const OutputValue& spectra = values.front();
        int curves = m_spectrum->addJson(OutputPresenters::jsonOf(spectra, result));
        if (curves == 0 && !spectra.path.empty())
            curves = m_spectrum->addCsv(pathOf(spectra), result);
        const QString input = result.value(QStringLiteral("input")).toString();
        m_spectrum->setTitle(input.isEmpty()
                                 ? QString::fromStdString(spectra.description)
                                 : tr("Power spectra of %1").arg(QFileInfo(input).fileName()));
        if (curves == 0)
            throw Error("no spectrum to draw in the output " + spectra.name, spectra.path);
        showView(QStringLiteral("spectrum"));
    });
    m_presenters->add(OutputKind::IntradayMeans, [this](const std::vector<OutputValue>& values,
                                                        const QJsonObject&) {
        m_intraday->setMeans(pathOf(preferred(values, "product")));
        QList<QPair<QString, QString>> means;
        for (const auto& v : values)
            means.append({QString::fromStdString(v.label.empty() ? v.name : v.label), pathOf(v)});
        addIntradayLayers(means);
        showView(QStringLiteral("intraday"));
    });
    m_presenters->add(OutputKind::IntradayTable, [this](const std::vector<OutputValue>& values,
                                                        const QJsonObject& result) {
        m_intraday->setCorrelations(OutputPresenters::jsonOf(values.front(), result));
        showView(QStringLiteral("intraday"));
    });
    m_presenters->add(OutputKind::LearningCurves, [this](const std::vector<OutputValue>& values,
                                                         const QJsonObject& result) {
        const OutputValue& curves = values.front();
        const QJsonObject json = OutputPresenters::jsonOf(curves, result);
        const bool sweep = json.contains(QStringLiteral("scenarios"));
        m_sweeps->setTitle(
            sweep ? QString::fromStdString(curves.description)
                  : tr("Test RMSE per scenario (every method, training size and repeat)"));
        const int groups =
            sweep ? m_sweeps->setJson(json) : m_sweeps->setLearningCurves(json, tr("test RMSE"));
        if (groups == 0)
            throw Error("no scenario in the output " + curves.name, curves.path);
        showView(QStringLiteral("scenarios"));
    });
    m_presenters->add(OutputKind::StationMetrics, [this](const std::vector<OutputValue>& values,
                                                         const QJsonObject& json) {
        auto table = StationMetricsTable::read(pathOf(values.front()));
        table.units = json.value(QStringLiteral("units")).toString();
        if (const QString windows = json.value(QStringLiteral("intra_annual_csv")).toString();
            !windows.isEmpty())
            table.readWindows(windows);
        m_matchedPairs = json.value(QStringLiteral("matched_pairs_csv")).toString();
        applyStationMetrics(table, json.value(QStringLiteral("stations_path")).toString());
    });
    // Files that have no view of their own are listed in the log with their place.
    for (const OutputKind kind :
         {OutputKind::Table, OutputKind::Run, OutputKind::Bundle, OutputKind::Report,
          OutputKind::JsonDocument, OutputKind::LocationNetcdf, OutputKind::VectorLayer})
        m_presenters->add(kind, [this](const std::vector<OutputValue>& values, const QJsonObject&) {
            for (const auto& v : values)
                if (!v.path.empty())
                    m_log->append(
                        LogPanel::Info,
                        tr("%1: %2").arg(QString::fromStdString(v.description), pathOf(v)),
                        tr("Result"));
        });
}

void MainWindow::addIntradayLayers(const QList<QPair<QString, QString>>& means) {
    // References first (hidden), the product last: its Δ_SM ends on top, its hour of max below it.
    QList<QPair<QString, QString>> ordered;
    for (const auto& m : means)
        if (m.first != QLatin1String("product"))
            ordered.append(m);
    for (const auto& m : means)
        if (m.first == QLatin1String("product"))
            ordered.append(m);
    int top = -1;
    for (const auto& [key, path] : ordered) {
        try {
            const MapLayer base = describeRasterFile(path);
            const bool shown = key == QLatin1String("product") || ordered.size() == 1;
            MapLayer hour = IntradayView::hourLayer(base);
            hour.name = tr("hour of max \u00b7 %1").arg(key);
            hour.visible = shown;
            addRasterLayer(hour);
            MapLayer delta = IntradayView::deltaLayer(base);
            delta.name = tr("\u0394SM \u00b7 %1").arg(key);
            delta.visible = shown;
            const int index = addRasterLayer(delta);
            if (shown)
                top = index;
        } catch (const std::exception& e) {
            m_log->append(LogPanel::Error, QString::fromStdString(e.what()), tr("Intraday"));
        }
    }
    if (top >= 0) {
        m_map->setCurrentLayer(top);
        m_map->zoomToLayer(top);
    }
}

bool MainWindow::openResult(const QString& path) {
    // A task's JSON result (soilscope-cli TASK ... --json > result.json) with its declared outputs.
    QFile file(path);
    QJsonParseError error{};
    const QJsonObject result = file.open(QIODevice::ReadOnly)
                                   ? QJsonDocument::fromJson(file.readAll(), &error).object()
                                   : QJsonObject();
    try {
        if (result.isEmpty())
            throw Error("not a task result: " + error.errorString().toStdString(),
                        path.toStdString());
        presentOutputs(OutputPresenters::outputsOf(result, path.toStdString()), result,
                       QFileInfo(path).completeBaseName());
    } catch (const std::exception& e) {
        reportError(QString::fromStdString(e.what()), tr("Open result"));
        return false;
    }
    m_log->append(LogPanel::Info, tr("Opened the result %1").arg(path));
    return true;
}

TaskJob* MainWindow::runTask(const QString& taskId,
                             const std::map<std::string, std::string>& requested) {
    // The views read files that some tasks write only when asked: ask for those that have a view.
    std::map<std::string, std::string> values = requested;
    if (const auto task = tasks::TaskRegistry::instance().create(taskId.toStdString()))
        for (const OutputSpec& o : task->outputs())
            if (!o.parameter.empty() && m_presenters->has(o.kind) && !values.count(o.parameter))
                values[o.parameter] = resultFile(taskId, o).toStdString();
    TaskJob* job = m_jobs->submit(taskId, values);
    const QString title = job->title();
    connect(job, &TaskJob::messageLogged, m_log,
            [this, title](int level, const QString& text) { m_log->append(level, text, title); });
    connect(job, &TaskJob::metricReported, this,
            [this, job, title](int step, const QString& name, double value) {
                // The training view follows the latest job that reports epochs.
                if (m_trainingJob != job) {
                    m_trainingJob = job;
                    m_training->reset(tr("Training: %1").arg(title));
                    showView(QStringLiteral("training"));
                }
                m_training->addMetric(step, name, value);
            });
    m_log->append(LogPanel::Info, tr("Queued %1").arg(title));
    m_docks[QStringLiteral("jobs")]->raise();
    return job;
}

void MainWindow::onJobFinished(TaskJob* job) {
    if (!job->isTask()) // a load: its own callback (startLoad) presents it
        return;
    switch (job->state()) {
    case TaskJob::State::Succeeded: {
        m_log->append(LogPanel::Info, QString::fromStdString(job->outcome().result.summary),
                      job->title());
        const QJsonObject result = job->resultJson();
        const auto& outputs = job->outcome().result.outputs;
        const bool trainedARun =
            std::any_of(outputs.begin(), outputs.end(),
                        [](const OutputValue& o) { return o.kind == OutputKind::Run; });
        if (trainedARun && m_trainingJob != job) {
            // A model fitted in one step: the training view says so instead of drawing empty axes.
            m_trainingJob = job;
            m_training->reset(tr("Training: %1").arg(job->title()));
        }
        if (m_trainingJob == job) {
            // The test metrics of the run beside its curves.
            const QJsonObject metrics = result.value(QStringLiteral("metrics")).toObject();
            QString summary = result.value(QStringLiteral("family"))
                                  .toString(result.value(QStringLiteral("workload")).toString());
            if (metrics.contains(QStringLiteral("r")))
                summary += tr(": test r = %1, RMSE = %2, ubRMSE = %3")
                               .arg(metrics.value(QStringLiteral("r")).toDouble(), 0, 'f', 3)
                               .arg(metrics.value(QStringLiteral("rmse")).toDouble(), 0, 'f', 4)
                               .arg(metrics.value(QStringLiteral("ubrmse")).toDouble(), 0, 'f', 4);
            m_training->finish(summary);
        }
        presentOutputs(job->outcome().result.outputs, result, job->taskId());
        break;
    }
    case TaskJob::State::Canceled:
        m_log->append(LogPanel::Warning, tr("canceled"), job->title());
        break;
    default:
        reportError(job->errorMessage(), job->title());
        break;
    }
}

void MainWindow::presentOutputs(const std::vector<OutputValue>& outputs, const QJsonObject& result,
                                const QString& name) {
    m_lastResult = result;
    m_lastResultTask = name;
    if (outputs.empty()) {
        m_log->append(LogPanel::Info, tr("%1 produced no output to show").arg(name));
        return;
    }
    m_presenters->present(outputs, result, [this](const OutputValue& o, const QString& message) {
        reportError(message, QString::fromStdString(o.name));
    });
}

void MainWindow::reportError(const QString& message, const QString& source) {
    m_log->append(LogPanel::Error, message, source);
    // Where the user is looking: the status bar, until the next message (the log keeps it).
    statusBar()->setStyleSheet(QStringLiteral("QStatusBar { color: #b00020; }"));
    statusBar()->showMessage(tr("%1: %2").arg(source, message));
    connect(
        statusBar(), &QStatusBar::messageChanged, this,
        [this](const QString& text) {
            if (text.isEmpty())
                statusBar()->setStyleSheet(QString());
        },
        Qt::SingleShotConnection);
}

void MainWindow::applyStationMetrics(const StationMetricsTable& table,
                                     const QString& stationsPath) {
    // Kept for station layers that finish loading later.
    m_stationMetrics = std::make_shared<StationMetricsTable>(table);
    // Markers get "<product> <metric>" values (plain metric names with one product).
    const bool single = table.products.size() == 1;
    const auto addMetrics = [&](StationMarker& marker, const StationMetricsTable::Row& row) {
        for (auto it = row.metrics.begin(); it != row.metrics.end(); ++it)
            marker.metrics.insert(single ? it.key() : row.product + QLatin1Char(' ') + it.key(),
                                  it.value());
    };
    const QString r = single ? QStringLiteral("R") : table.products.value(0) + QStringLiteral(" R");
    int matched = 0;
    for (int i = 0; i < m_map->layerCount(); ++i) {
        MapLayer layer = m_map->layer(i);
        if (layer.type != MapLayer::Type::Stations)
            continue;
        for (auto& marker : layer.stations)
            for (const auto& row : table.rows)
                if (row.network == marker.network && row.station == marker.name) {
                    addMetrics(marker, row);
                    ++matched;
                }
        if (layer.metricNames().contains(r))
            layer.colourMetric = r;
        m_map->updateLayer(i, layer);
    }
    // No station layer shows these stations (or cells): a layer of their own, from the table.
    if (matched == 0) {
        MapLayer layer;
        layer.type = MapLayer::Type::Stations;
        layer.name = tr("validation metrics");
        layer.path = stationsPath; // a click on a marker opens the station's series
        QMap<QPair<QString, QString>, int> index;
        for (const auto& row : table.rows) {
            if (!std::isfinite(row.lon) || !std::isfinite(row.lat))
                continue;
            const auto key = qMakePair(row.network, row.station);
            if (!index.contains(key)) {
                index.insert(key, static_cast<int>(layer.stations.size()));
                layer.stations.push_back({row.network, row.station, row.lon, row.lat, {}});
            }
            addMetrics(layer.stations[std::size_t(index.value(key))], row);
        }
        if (!layer.stations.empty()) {
            if (layer.metricNames().contains(r))
                layer.colourMetric = r;
            m_map->setCurrentLayer(m_map->addLayer(layer));
        }
    }
    m_stationView->setTable(table);
    showView(QStringLiteral("stations"));
}

} // namespace soilscope::gui
