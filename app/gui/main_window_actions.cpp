// MainWindow: projects (new, open, save, templates).
#include "gui/main_window.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "base/json_text.h"
#include "base/units.h"
#include "features/product_layer.h"
#include "geo/raster_series.h"
#include "gui/predictor_preview.h"
#include "gui/project_autosave.h"
#include "gui/project_editor.h"
#include "gui/project_wizard.h"
#include "gui/station_metrics_table.h"
#include "gui/task_panel.h"
#include "project/project_file.h"
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
#include <QLocale>
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

namespace {} // namespace

void MainWindow::newProject() {
    if (!maybeSave())
        return;
    m_project->setDocument(nlohmann::json{{"format", "soilscope-project"},
                                          {"version", project::kProjectFormatVersion},
                                          {"name", "untitled"}});
    m_undo->clear();
    m_projectPath.clear();
    m_map->clearLayers();
    updateTitle();
}

void MainWindow::newProjectFromData() {
    if (!maybeSave())
        return;
    ProjectWizard wizard(
        [this](const QString& id, const std::map<std::string, std::string>& values) {
            return runTask(id, values);
        },
        this);
    if (wizard.exec() == QDialog::Accepted && !wizard.writtenPath().isEmpty())
        openProject(wizard.writtenPath());
}

void MainWindow::openProjectDialog() {
    if (!maybeSave())
        return;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open project"), QFileInfo(m_projectPath).path(),
                                     tr("SoilScope projects (*.soilscope.json *.json)"));
    if (!path.isEmpty())
        openProject(path);
}

bool MainWindow::openProject(const QString& path, bool quiet) {
    project::ProjectFile p;
    try {
        p = project::loadProject(path.toStdString());
    } catch (const std::exception& e) {
        m_log->append(LogPanel::Error, QString::fromStdString(e.what()), tr("Project"));
        if (!quiet)
            QMessageBox::critical(this, tr("Cannot open the project"),
                                  QString::fromStdString(e.what()));
        return false;
    }
    m_project->setDocument(p.toJson(p.file.parent_path()));
    m_undo->clear();
    m_projectPath = QFileInfo(path).absoluteFilePath();
    m_project->setProjectPath(m_projectPath);
    addRecent(m_projectPath);
    updateTitle();
    m_map->clearLayers();
    m_zoomPending = true;
    m_projectRoles.clear();
    // Rasters first (drawn below), then stations on top; parameters (model constants, inline or
    // in JSON files) are not layers. Which raster becomes the backdrop is decided once all have
    // loaded (arrangeProjectLayers).
    for (const bool stationsPass : {false, true})
        for (const auto& [role, layer] : p.data) {
            if (layer.kind == "parameters")
                continue;
            const QString path = QString::fromStdString(layer.path.string());
            const bool stations =
                layer.kind == "stations" ||
                (StationStore::isStationSource(path) && !features::needsGridding(layer.path));
            if (stations != stationsPass)
                continue;
            if (stations) {
                addStations(path);
            } else if (QFileInfo(path).suffix().toLower() != QLatin1String("json")) {
                m_projectRoles << QString::fromStdString(role);
                previewRole(QString::fromStdString(role));
            }
        }
    m_targetRole = QString::fromStdString(p.target.role);
    m_log->append(LogPanel::Info, tr("Opened project '%1' (%2 data layers, %3 predictors)")
                                      .arg(QString::fromStdString(p.name))
                                      .arg(p.data.size())
                                      .arg(p.predictors.size()));
    // Ready to train the project: its form is shown with the project filled in.
    if (!m_tasks->selectTask(QStringLiteral("train")))
        m_tasks->setValues({{"project", m_projectPath.toStdString()}});
    if (const QString pending = ProjectAutosave::pendingFor(m_projectPath); !pending.isEmpty())
        offerAutosave(pending, quiet);
    return true;
}

void MainWindow::offerAutosave(const QString& file, bool quiet) {
    const QString when = QLocale().toString(QFileInfo(file).lastModified(), QLocale::ShortFormat);
    if (quiet) {
        m_log->append(LogPanel::Warning,
                      tr("Unsaved edits of this project from %1 were autosaved in %2; they are "
                         "kept until the project is saved")
                          .arg(when, file),
                      tr("Project"));
        return;
    }
    const auto answer = QMessageBox::question(
        this, tr("Unsaved edits found"),
        tr("This project has edits from %1 that were never saved (autosaved in %2). Restore "
           "them?")
            .arg(when, file),
        QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
    if (answer == QMessageBox::Yes)
        restoreAutosave(file);
    else
        QFile::remove(file);
}

bool MainWindow::restoreAutosave(const QString& file) {
    nlohmann::json document;
    try {
        document = parseJsonText(readTextFile(file.toStdString()), file.toStdString());
        if (!document.is_object())
            throw Error("an autosaved project is a JSON object", file.toStdString());
    } catch (const std::exception& e) {
        m_log->append(LogPanel::Error, QString::fromStdString(e.what()), tr("Project"));
        return false;
    }
    m_project->edit("", document, tr("Restore unsaved edits"));
    m_log->append(LogPanel::Info, tr("Restored the unsaved edits autosaved in %1").arg(file),
                  tr("Project"));
    return true;
}

void MainWindow::loadTemplate(const QString& path) {
    if (!maybeSave() || !openProject(path))
        return;
    // A template is a starting point: it is saved under a new name.
    m_projectPath.clear();
    m_project->edit(
        "/name",
        nlohmann::json(
            (QFileInfo(path).completeBaseName() + QStringLiteral(" copy")).toStdString()),
        tr("New from template"));
    updateTitle();
}

bool MainWindow::saveProject() {
    if (m_projectPath.isEmpty())
        return saveProjectAs(QString());
    return saveProjectAs(m_projectPath);
}

bool MainWindow::saveProjectAs(const QString& requested) {
    QString path = requested;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Save project"), m_projectPath,
                                            tr("SoilScope projects (*.soilscope.json)"));
    if (path.isEmpty())
        return false;
    try {
        const auto parsed = project::parseProject(m_project->document(), path.toStdString());
        project::saveProject(parsed, path.toStdString());
    } catch (const std::exception& e) {
        m_log->append(LogPanel::Error, QString::fromStdString(e.what()), tr("Project"));
        QMessageBox::critical(this, tr("Cannot save the project"),
                              QString::fromStdString(e.what()));
        return false;
    }
    m_autosave->discard(m_projectPath); // the edits are in the saved file now
    m_projectPath = QFileInfo(path).absoluteFilePath();
    m_project->setProjectPath(m_projectPath);
    m_undo->setClean();
    m_autosave->discard(m_projectPath);
    addRecent(m_projectPath);
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(m_projectPath), 4000);
    return true;
}

} // namespace soilscope::gui
