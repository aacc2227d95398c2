// MainWindow: figures, tables and layers out (PNG/SVG/PDF, CSV, GeoTIFF, animations, QGIS).
#include "gui/main_window.h"

#include "base/error.h"
#include "base/text.h"
#include "base/units.h"
#include "geo/raster_series.h"
#include "gui/predictor_preview.h"
#include "gui/project_editor.h"
#include "gui/station_metrics_table.h"
#include "gui/task_panel.h"
#include "project/project_file.h"
#include "series/series_table.h"
#include "widgets/figure_export.h"
#include "widgets/intraday_view.h"
#include "widgets/job_queue.h"
#include "widgets/layer_panel.h"
#include "widgets/log_panel.h"
#include "widgets/map_animation.h"
#include "widgets/map_canvas.h"
#include "widgets/qgis_project.h"
#include "widgets/scatter_plot.h"
#include "widgets/spectrum_plot.h"
#include "widgets/sweep_chart.h"
#include "widgets/task_job.h"
#include "widgets/time_series_plot.h"
#include "widgets/training_monitor.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageBox>
#include <QPainter>
#include <QProcess>
#include <QProgressDialog>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>

#include <cmath>

namespace soilscope::gui {

using namespace widgets;

QWidget* MainWindow::currentFigureWidget(QString* name) const {
    // The visible plot dock that has focus wins; otherwise the map.
    for (const auto& [key, dock] : m_docks) {
        if (!dock->isVisible() || dock->visibleRegion().isEmpty())
            continue;
        if (dock->widget()->isAncestorOf(QApplication::focusWidget())) {
            *name = key;
            return dock->widget();
        }
    }
    *name = QStringLiteral("map");
    return m_map;
}

void MainWindow::exportFigure() {
    QString name;
    QWidget* w = currentFigureWidget(&name);
    ExportDialog dialog(QDir::home().filePath(QStringLiteral("soilscope-%1.png").arg(name)),
                        w->size(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ExportSettings s = dialog.settings();
    try {
        QCustomPlot* plot = nullptr;
        if (auto* p = qobject_cast<TimeSeriesPlot*>(w))
            plot = p->plot();
        else if (auto* p = qobject_cast<ScatterPlot*>(w))
            plot = p->plot();
        else if (auto* p = qobject_cast<SpectrumPlot*>(w))
            plot = p->plot();
        else if (auto* p = qobject_cast<TrainingMonitor*>(w))
            plot = p->plot();
        else if (auto* p = qobject_cast<SweepChart*>(w))
            plot = p->plot();
        if (plot) {
            exportPlot(plot, s);
        } else {
            const QImage image = m_map->renderImage(s.size * (s.dpi / 96.0));
            exportPainted(
                [&image](QPainter& p, const QSize& size) {
                    p.drawImage(QRect(QPoint(0, 0), size), image);
                },
                s);
        }
        m_log->append(LogPanel::Info, tr("Exported %1").arg(s.path));
    } catch (const std::exception& e) {
        QMessageBox::critical(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::exportLayerGeoTiff(int index) {
    if (index < 0 || index >= m_map->layerCount() ||
        m_map->layer(index).type != MapLayer::Type::Raster) {
        QMessageBox::information(this, tr("Export layer"), tr("Select a raster layer first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export layer as GeoTIFF"),
        QDir::home().filePath(m_map->layer(index).name + QStringLiteral(".tif")),
        tr("GeoTIFF (*.tif)"));
    if (path.isEmpty())
        return;
    try {
        exportRasterGeoTiff(m_map->layer(index), path);
        m_log->append(LogPanel::Info, tr("Wrote %1 with a QGIS style").arg(path));
    } catch (const std::exception& e) {
        QMessageBox::critical(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

bool MainWindow::writeQgisProject(const QString& path) {
    try {
        widgets::writeQgisProject(path, *m_map);
        m_log->append(LogPanel::Info, tr("Wrote the QGIS project %1").arg(path), tr("QGIS"));
        return true;
    } catch (const std::exception& e) {
        m_log->append(LogPanel::Error, QString::fromStdString(e.what()), tr("QGIS"));
        statusBar()->showMessage(QString::fromStdString(e.what()), 8000);
        return false;
    }
}

void MainWindow::exportAnimationDialog() {
    const int index = m_map->currentLayer();
    if (index < 0 || m_map->layer(index).type != MapLayer::Type::Raster ||
        m_map->layer(index).bandCount < 2) {
        statusBar()->showMessage(tr("Select a raster series layer to animate"), 8000);
        return;
    }
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Folder for the animation frames"));
    if (folder.isEmpty())
        return;
    QProgressDialog progress(tr("Rendering the animation\u2026"), tr("Stop"), 0,
                             m_map->layer(index).bandCount, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    try {
        const auto result = widgets::exportAnimation(
            *m_map, index, folder, m_map->size(), m_layers->framesPerSecond(),
            [&progress](int done, int) {
                progress.setValue(done);
                QCoreApplication::processEvents(); // the window stays alive between frames
                return !progress.wasCanceled();
            });
        QStringList wrote{tr("%1 frames").arg(result.frames.size())};
        for (const QString& file : {result.video, result.gif})
            if (!file.isEmpty())
                wrote << QFileInfo(file).fileName();
        QString text = tr("Wrote %1 to %2").arg(wrote.join(QStringLiteral(", ")), folder);
        if (!result.note.isEmpty())
            text += QStringLiteral(" (%1)").arg(result.note);
        m_log->append(LogPanel::Info, text, tr("Animation"));
        statusBar()->showMessage(text, 8000);
    } catch (const std::exception& e) {
        m_log->append(LogPanel::Error, QString::fromStdString(e.what()), tr("Animation"));
    }
}

void MainWindow::openInQgis() {
    const QString suggested =
        (m_projectPath.isEmpty() ? QDir::homePath() : QFileInfo(m_projectPath).absolutePath()) +
        QStringLiteral("/soilscope.qgz");
    const QString path = QFileDialog::getSaveFileName(this, tr("Open in QGIS"), suggested,
                                                      tr("QGIS projects (*.qgz *.qgs)"));
    if (path.isEmpty() || !writeQgisProject(path))
        return;
    const QString qgis = widgets::qgisExecutable();
    if (qgis.isEmpty()) {
        statusBar()->showMessage(
            tr("QGIS is not installed; the project is written to %1").arg(path), 8000);
        return;
    }
    QProcess::startDetached(qgis, {path});
}

void MainWindow::exportTable() {
    if (m_lastResult.isEmpty()) {
        QMessageBox::information(this, tr("Export table"),
                                 tr("Run a task first; its result table is exported."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export table"), QDir::home().filePath(m_lastResultTask + QStringLiteral(".json")),
        tr("JSON (*.json);;CSV (*.csv)"));
    if (!path.isEmpty() && !writeResultTable(path))
        QMessageBox::critical(this, tr("Export failed"), statusBar()->currentMessage());
}

bool MainWindow::writeResultTable(const QString& path) {
    const auto fail = [this](const QString& why) {
        m_log->append(LogPanel::Error, why, tr("Export table"));
        statusBar()->showMessage(why, 8000);
        return false;
    };
    if (m_lastResult.isEmpty())
        return fail(tr("No result to export: run a task or open a result first"));
    QSaveFile file(path); // written beside, renamed over the old file once complete
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    int rows = 0;
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        // The result's scalars as key,value rows; its tables and lists are in the JSON export.
        file.write("key,value\n");
        for (auto it = m_lastResult.begin(); it != m_lastResult.end(); ++it) {
            const QJsonValue v = it.value();
            if (!v.isDouble() && !v.isString() && !v.isBool())
                continue;
            const std::string value = v.isDouble()
                                          ? csvNumber(v.toDouble())
                                          : csvQuote(v.toVariant().toString().toStdString());
            file.write((csvQuote(it.key().toStdString()) + "," + value + "\n").c_str());
            ++rows;
        }
    } else {
        file.write(QJsonDocument(m_lastResult).toJson());
        rows = static_cast<int>(m_lastResult.size());
    }
    if (!file.commit())
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    statusBar()->showMessage(
        tr("Wrote %1 entries of the %2 result to %3").arg(rows).arg(m_lastResultTask, path), 5000);
    return true;
}

void MainWindow::exportTimeSeriesDialog() {
    if (m_timeSeries->seriesCount() == 0) {
        QMessageBox::information(this, tr("Export time-series data"),
                                 tr("The time-series view is empty: click a station or a raster "
                                    "series on the map first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export time-series data"),
        QDir::home().filePath(QStringLiteral("time_series.csv")), tr("CSV (*.csv)"));
    if (!path.isEmpty())
        writeTimeSeriesTable(path);
}

bool MainWindow::writeTimeSeriesTable(const QString& path) {
    if (m_timeSeries->seriesCount() == 0) {
        statusBar()->showMessage(tr("No time series to export: the view is empty"), 8000);
        return false;
    }
    try {
        series::writeSeriesTable(path.toStdString(), m_timeSeries->tableColumns());
    } catch (const std::exception& e) {
        m_log->append(LogPanel::Error, QString::fromStdString(e.what()),
                      tr("Export time-series data"));
        statusBar()->showMessage(QString::fromStdString(e.what()), 8000);
        return false;
    }
    statusBar()->showMessage(tr("Wrote %1 curves of \"%2\" to %3")
                                 .arg(m_timeSeries->seriesCount())
                                 .arg(m_timeSeries->title(), path),
                             5000);
    return true;
}

void MainWindow::copyFigure() {
    QString name;
    QWidget* w = currentFigureWidget(&name);
    QApplication::clipboard()->setPixmap(
        w == m_map ? QPixmap::fromImage(m_map->renderImage(m_map->size())) : w->grab());
    statusBar()->showMessage(tr("Copied the %1 to the clipboard").arg(name), 3000);
}

} // namespace soilscope::gui
