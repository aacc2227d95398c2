// MainWindow: projects, data layers, jobs and their results.
#include "gui/main_window.h"

#include "base/error.h"
#include "base/units.h"
#include "geo/raster_series.h"
#include "gui/predictor_preview.h"
#include "gui/project_editor.h"
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
#include <QFutureWatcher>
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
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace soilscope::gui {

using namespace widgets;

namespace {

const QStringList& rasterSuffixes() {
    static const QStringList s{QStringLiteral("tif"), QStringLiteral("tiff"), QStringLiteral("nc"),
                               QStringLiteral("nc4"), QStringLiteral("vrt"),  QStringLiteral("img"),
                               QStringLiteral("hdf"), QStringLiteral("h5"),   QStringLiteral("grd"),
                               QStringLiteral("asc"), QStringLiteral("jp2")};
    return s;
}

bool isStationSource(const QString& path) {
    const QFileInfo fi(path);
    return fi.isDir() || fi.suffix().toLower() == QLatin1String("zip") ||
           fi.suffix().toLower() == QLatin1String("stm") || StationStore::isPointProduct(path);
}

} // namespace

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
    // Rasters first (drawn below), then stations on top; other files (JSON parameters) are not
    // layers. Which raster becomes the backdrop is decided once all have loaded
    // (arrangeProjectLayers).
    for (const bool stationsPass : {false, true})
        for (const auto& [role, layer] : p.data) {
            const QString path = QString::fromStdString(layer.path.string());
            const bool stations = layer.kind == "stations" || isStationSource(path);
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
    m_projectPath = QFileInfo(path).absoluteFilePath();
    m_project->setProjectPath(m_projectPath);
    m_undo->setClean();
    addRecent(m_projectPath);
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(m_projectPath), 4000);
    return true;
}

void MainWindow::previewRole(const QString& role) {
    const nlohmann::json layer = m_project->value("/data/" + role.toStdString());
    if (!layer.is_object())
        return;
    QString path = QString::fromStdString(layer.value("path", ""));
    if (QFileInfo(path).isRelative() && !m_projectPath.isEmpty())
        path = QFileInfo(m_projectPath).absoluteDir().absoluteFilePath(path);
    if (layer.value("kind", "raster") == "stations" || isStationSource(path)) {
        addStations(path);
        return;
    }
    const std::string variable = layer.value("variable", "");
    QString source = path;
    if (!variable.empty()) {
        try {
            for (const auto& v : geo::RasterSeries::listVariables(path.toStdString()))
                if (v.name == variable)
                    source = QString::fromStdString(v.source);
        } catch (const std::exception& e) {
            m_log->append(LogPanel::Warning, QString::fromStdString(e.what()), role);
        }
    }
    // Described on a worker thread: NetCDF files with thousands of time steps take a while.
    // Project data go below the layers already there (results, the user's own files); only
    // the first one becomes visible when no raster is shown yet.
    const int band = layer.value("band", 1);
    ++m_pendingLoads;
    auto* watcher = new QFutureWatcher<MapLayer>(this);
    connect(watcher, &QFutureWatcher<MapLayer>::finished, this,
            [this, watcher, role, source, band] {
                --m_pendingLoads;
                watcher->deleteLater();
                try {
                    MapLayer l = watcher->result();
                    l.name = role;
                    l.band = std::clamp(band, 1, l.bandCount);
                    if (!l.bandUnits.value(l.band - 1).isEmpty())
                        l.units = l.bandUnits.value(l.band - 1);
                    // While a project opens, the backdrop is chosen when every layer is there; a
                    // layer previewed later from the project editor is shown at once.
                    l.visible = !m_zoomPending;
                    const int current = m_map->currentLayer();
                    const int index = m_map->addLayer(l);
                    m_map->moveLayer(index, 0);
                    m_map->setCurrentLayer(l.visible ? 0 : (current >= 0 ? current + 1 : 0));
                    m_log->append(LogPanel::Info,
                                  tr("Added raster %1 (%2)")
                                      .arg(source, QString::fromStdString(l.grid.describe())));
                } catch (const std::exception& e) {
                    m_log->append(LogPanel::Error, QString::fromStdString(e.what()), role);
                }
                zoomWhenLoaded();
            });
    watcher->setFuture(QtConcurrent::run([source] { return describeRasterFile(source); }));
}

void MainWindow::previewPredictor(int index) {
    const nlohmann::json document = m_project->document();
    const QString projectPath = m_project->projectPath();
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                        QStringLiteral("/previews");
    ++m_pendingLoads;
    statusBar()->showMessage(tr("Computing predictor %1\u2026").arg(index + 1));
    auto* watcher = new QFutureWatcher<PredictorPreview>(this);
    auto error = std::make_shared<QString>();
    connect(watcher, &QFutureWatcher<PredictorPreview>::finished, this, [this, watcher, error] {
        --m_pendingLoads;
        watcher->deleteLater();
        const PredictorPreview preview = watcher->result();
        if (!error->isEmpty()) {
            m_log->append(LogPanel::Error, *error, tr("Predictor preview"));
            statusBar()->showMessage(*error, 8000);
            return;
        }
        // One preview layer per predictor: a new computation replaces the old one.
        for (int i = m_map->layerCount() - 1; i >= 0; --i)
            if (m_map->layer(i).path == preview.path)
                m_map->removeLayer(i);
        try {
            MapLayer l = describeRasterFile(preview.path);
            l.name = preview.date.isEmpty()
                         ? tr("predictor %1").arg(preview.name)
                         : tr("predictor %1 (%2)").arg(preview.name, preview.date);
            int index = m_map->addLayer(l);
            for (int i = 0; i < index; ++i)
                if (m_map->layer(i).type == MapLayer::Type::Stations) {
                    m_map->moveLayer(index, i);
                    index = i;
                    break;
                }
            m_map->setCurrentLayer(index);
            const QString done =
                tr("Predictor %1: %2 pixels with a value%3")
                    .arg(preview.name)
                    .arg(preview.validPixels)
                    .arg(preview.date.isEmpty() ? QString() : tr(" on %1").arg(preview.date));
            m_log->append(LogPanel::Info, done);
            statusBar()->showMessage(done, 8000);
            showView(QStringLiteral("map"));
        } catch (const std::exception& e) {
            m_log->append(LogPanel::Error, QString::fromStdString(e.what()),
                          tr("Predictor preview"));
        }
    });
    watcher->setFuture(QtConcurrent::run([document, projectPath, index, dir, error] {
        try {
            return computePredictorPreview(document, projectPath, index, dir);
        } catch (const std::exception& e) {
            *error = QString::fromStdString(e.what());
            return PredictorPreview{};
        }
    }));
}

int MainWindow::addRaster(const QString& path) {
    try {
        return addRasterLayer(describeRasterFile(path));
    } catch (const std::exception& e) {
        m_log->append(LogPanel::Error, QString::fromStdString(e.what()), tr("Add raster"));
        return -1;
    }
}

int MainWindow::addRasterLayer(const MapLayer& layer) {
    int index = m_map->addLayer(layer);
    int below = index;
    for (int i = 0; i < index && below == index; ++i)
        if (m_map->layer(i).type == MapLayer::Type::Stations)
            below = i;
    if (below != index) {
        m_map->moveLayer(index, below);
        index = below;
        m_map->setCurrentLayer(index);
    }
    m_log->append(LogPanel::Info, tr("Added raster %1 (%2)")
                                      .arg(layer.path, QString::fromStdString(
                                                           m_map->layer(index).grid.describe())));
    return index;
}

void MainWindow::addStations(const QString& path) {
    ++m_pendingLoads;
    auto* watcher = new QFutureWatcher<MapLayer>(this);
    auto store = m_stations;
    connect(watcher, &QFutureWatcher<MapLayer>::finished, this, [this, watcher, path] {
        --m_pendingLoads;
        watcher->deleteLater();
        try {
            const MapLayer layer = watcher->result();
            // Markers go on top; a raster being looked at stays the current layer.
            const int current = m_map->currentLayer();
            const bool rasterCurrent =
                current >= 0 && m_map->layer(current).type == MapLayer::Type::Raster;
            m_map->addLayer(layer);
            if (rasterCurrent)
                m_map->setCurrentLayer(current);
            if (!StationStore::isPointProduct(path))
                m_stationLayerPath = path;
            if (m_stationMetrics)
                applyStationMetrics(StationMetricsTable(*m_stationMetrics));
            m_log->append(
                LogPanel::Info,
                StationStore::isPointProduct(path)
                    ? tr("Added %1 grid points from %2").arg(layer.stations.size()).arg(path)
                    : tr("Added %1 stations from %2").arg(layer.stations.size()).arg(path));
        } catch (const std::exception& e) {
            m_log->append(LogPanel::Error, QString::fromStdString(e.what()), tr("Add stations"));
        }
        zoomWhenLoaded();
    });
    watcher->setFuture(QtConcurrent::run([store, path] { return store->loadLayer(path); }));
}

void MainWindow::addFiles(const QStringList& paths) {
    for (const QString& p : paths) {
        const QString suffix = QFileInfo(p).suffix().toLower();
        if (suffix == QLatin1String("json") && p.endsWith(QLatin1String(".soilscope.json"))) {
            if (maybeSave())
                openProject(p);
        } else if (suffix == QLatin1String("json")) {
            openResult(p);
        } else if (isStationSource(p)) {
            addStations(p);
        } else {
            if (!rasterSuffixes().contains(suffix))
                m_log->append(LogPanel::Warning,
                              tr("Trying %1 as a raster (unknown extension)").arg(p));
            addRaster(p);
        }
    }
}

void MainWindow::zoomWhenLoaded() {
    // After a project's layers have all arrived, order them, show a backdrop and zoom to them.
    if (m_pendingLoads == 0 && m_zoomPending) {
        m_zoomPending = false;
        arrangeProjectLayers();
        m_map->zoomToFullExtent();
    }
}

int MainWindow::chooseBackdrop(const QList<int>& candidates) const {
    // A static layer (terrain first) gives context at every date; else the target or the truth
    // at its first date; else the first layer of the project.
    auto find = [&](auto&& accept) {
        for (int i : candidates)
            if (accept(m_map->layer(i)))
                return i;
        return -1;
    };
    const QStringList terrain{QStringLiteral("elevation"), QStringLiteral("dem"),
                              QStringLiteral("height")};
    int pick =
        find([&](const MapLayer& l) { return !l.hasTime && terrain.contains(l.name.toLower()); });
    if (pick < 0)
        pick = find([](const MapLayer& l) { return !l.hasTime && !l.categorical; });
    if (pick < 0 && !m_targetRole.isEmpty())
        pick = find([this](const MapLayer& l) { return l.name == m_targetRole; });
    if (pick < 0)
        pick = find([](const MapLayer& l) { return l.name.toLower() == QLatin1String("truth"); });
    if (pick < 0 && !candidates.isEmpty())
        pick = candidates.front();
    return pick;
}

void MainWindow::arrangeProjectLayers() {
    // The project's rasters in the project's role order (the first on top of them), below the
    // stations and the results, whatever order they finished loading in.
    // A result or file opened with the project stays the current layer.
    const int current = m_map->currentLayer();
    const bool keepCurrent = current >= 0 && current < m_map->layerCount() &&
                             m_map->layer(current).type == MapLayer::Type::Raster &&
                             !m_projectRoles.contains(m_map->layer(current).name);
    const QString currentPath = keepCurrent ? m_map->layer(current).path : QString();
    QList<MapLayer> project;
    for (int i = m_map->layerCount() - 1; i >= 0; --i) {
        const MapLayer& l = m_map->layer(i);
        if (l.type == MapLayer::Type::Raster && m_projectRoles.contains(l.name) && !l.visible)
            project.prepend(l);
    }
    if (project.isEmpty())
        return;
    std::stable_sort(project.begin(), project.end(), [this](const MapLayer& a, const MapLayer& b) {
        return m_projectRoles.indexOf(a.name) > m_projectRoles.indexOf(b.name);
    });
    for (int i = m_map->layerCount() - 1; i >= 0; --i) {
        const MapLayer& l = m_map->layer(i);
        if (l.type == MapLayer::Type::Raster && m_projectRoles.contains(l.name) && !l.visible)
            m_map->removeLayer(i);
    }
    for (int k = 0; k < project.size(); ++k) {
        const int index = m_map->addLayer(project[k]);
        m_map->moveLayer(index, k);
    }
    QList<int> candidates;
    for (int k = project.size() - 1; k >= 0; --k)
        candidates << k;
    const int backdrop = chooseBackdrop(candidates);
    if (backdrop < 0)
        return;
    MapLayer l = m_map->layer(backdrop);
    l.visible = true;
    m_map->updateLayer(backdrop, l);
    m_map->setCurrentLayer(backdrop);
    for (int i = 0; i < m_map->layerCount() && keepCurrent; ++i)
        if (m_map->layer(i).path == currentPath && !m_projectRoles.contains(m_map->layer(i).name))
            m_map->setCurrentLayer(i);
    m_log->append(LogPanel::Info, tr("Showing %1 as the backdrop").arg(l.name));
}

void MainWindow::addRasterDialog() {
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Add raster"), QString(),
        tr("Rasters and products (*.tif *.tiff *.nc *.nc4 *.vrt *.img *.hdf *.h5 *.jp2 *.grib "
           "*.grb *.grib2);;All files (*)"));
    addFiles(paths); // a point product (ASCAT cell) becomes markers, the rest rasters
}

void MainWindow::addStationsDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Add station network"), QString(),
                                     tr("ISMN archives (*.zip *.stm);;All files (*)"));
    if (!path.isEmpty())
        addStations(path);
}

void MainWindow::showStation(const QString& network, const QString& station) {
    // Station position, for sampling the predictions and products at it, and the layer (ISMN
    // archive or point product) the marker belongs to.
    double lon = std::nan(""), lat = std::nan("");
    QString archive;
    for (int i = 0; i < m_map->layerCount(); ++i)
        for (const auto& s : m_map->layer(i).stations)
            if (s.network == network && s.name == station) {
                lon = s.lon;
                lat = s.lat;
                archive = m_map->layer(i).path;
            }
    if (archive.isEmpty())
        return;
    const bool product = StationStore::isPointProduct(archive);
    struct Loaded {
        series::TimeSeries observed;
        std::vector<std::pair<series::TimeSeries, SeriesRole>> others;
        std::vector<TimePoint> overpasses;
        QStringList errors;
    };
    // Layers with a time axis worth plotting at the station: soil moisture (products, truth,
    // predictions), precipitation (bars), and satellite observables (overpass marks only).
    enum class Use { Moisture, Prediction, Precipitation, Overpass };
    struct Source {
        QString name;
        QString path;
        Use use;
    };
    QList<Source> rasters;
    for (int i = 0; i < m_map->layerCount(); ++i) {
        const MapLayer& l = m_map->layer(i);
        if (l.type != MapLayer::Type::Raster || l.bandCount < 2)
            continue;
        const QString lower = l.name.toLower();
        const QString units = l.units.toLower();
        if (lower.contains(QLatin1String("sigma")) || lower.contains(QLatin1String("ascat")))
            rasters.append({l.name, l.path, Use::Overpass});
        else if (lower.contains(QLatin1String("precip")) || lower.contains(QLatin1String("rain")) ||
                 lower == QLatin1String("tp"))
            rasters.append({l.name, l.path, Use::Precipitation});
        else if (lower.contains(QLatin1String("run-")) || lower.contains(QLatin1String("pred")))
            rasters.append({l.name, l.path, Use::Prediction});
        else if (units.contains(QLatin1String("m3")) || units.contains(QLatin1String("m^3")) ||
                 lower.contains(QLatin1String("_sm")) || lower.startsWith(QLatin1String("sm")) ||
                 lower.contains(QLatin1String("swvl")) ||
                 lower.contains(QLatin1String("moisture")) || lower == QLatin1String("target") ||
                 lower == QLatin1String("truth"))
            rasters.append({l.name, l.path, Use::Moisture});
    }
    ++m_pendingLoads;
    auto* watcher = new QFutureWatcher<Loaded>(this);
    auto store = m_stations;
    connect(watcher, &QFutureWatcher<Loaded>::finished, this,
            [this, watcher, network, station, product] {
                --m_pendingLoads;
                watcher->deleteLater();
                const Loaded r = watcher->result();
                m_timeSeries->clear();
                m_timeSeries->setTitle(product ? tr("%1, grid point %2").arg(network, station)
                                               : tr("%1 / %2").arg(network, station));
                const QString name = QString::fromStdString(r.observed.name);
                const QString units = QString::fromStdString(units::display(r.observed.units));
                if (product) // its own units on the axis (ASCAT: % saturation, not m³ m⁻³)
                    m_timeSeries->setValueAxisLabel(
                        units.isEmpty() ? name : tr("%1 [%2]").arg(name, units));
                m_timeSeries->addSeries(
                    r.observed, SeriesRole::Observation,
                    product ? (units.isEmpty() ? name : tr("%1 (%2)").arg(name, units))
                            : tr("in situ %1").arg(name));
                for (const auto& [s, role] : r.others)
                    if (!product || s.units == r.observed.units) // one axis, one unit
                        m_timeSeries->addSeries(s, role);
                if (!r.overpasses.empty())
                    m_timeSeries->setOverpasses(r.overpasses);
                for (const QString& e : r.errors)
                    m_log->append(LogPanel::Warning, e, station);
                showView(QStringLiteral("timeseries"));
            });
    watcher->setFuture(QtConcurrent::run([store, archive, network, station, rasters, lon, lat] {
        Loaded r;
        try {
            r.observed = store->soilMoisture(archive, network, station);
        } catch (const std::exception& e) {
            r.errors << QString::fromStdString(e.what());
        }
        for (const auto& source : rasters) {
            try {
                series::TimeSeries s = sampleRasterAt(source.path, lon, lat, source.name);
                if (s.empty())
                    continue;
                if (source.use == Use::Overpass) {
                    for (std::size_t i = 0; i < s.size(); ++i)
                        if (std::isfinite(s.values[i]))
                            r.overpasses.push_back(s.times[i]);
                    continue;
                }
                const SeriesRole role = source.use == Use::Precipitation ? SeriesRole::Precipitation
                                        : source.use == Use::Prediction  ? SeriesRole::Prediction
                                                                         : SeriesRole::Product;
                r.others.emplace_back(std::move(s), role);
            } catch (const std::exception& e) {
                r.errors << QString::fromStdString(e.what());
            }
        }
        return r;
    }));
}

bool MainWindow::showPixelSeries(double lon, double lat) {
    const int current = m_map->currentLayer();
    if (current < 0 || current >= m_map->layerCount())
        return false;
    const MapLayer& main = m_map->layer(current);
    if (main.type != MapLayer::Type::Raster || !main.hasTime || main.bandCount < 2)
        return false;
    // The current series first, then the visible series in the same units (on the same axis).
    struct Source {
        QString name;
        QString path;
        SeriesRole role;
    };
    auto roleOf = [](const MapLayer& l) {
        const QString lower = l.name.toLower();
        return lower.contains(QLatin1String("run-")) || lower.contains(QLatin1String("pred"))
                   ? SeriesRole::Prediction
                   : SeriesRole::Product;
    };
    QList<Source> sources{{main.name, main.path, roleOf(main)}};
    for (int i = m_map->layerCount() - 1; i >= 0; --i) {
        const MapLayer& l = m_map->layer(i);
        if (i != current && l.type == MapLayer::Type::Raster && l.visible && l.hasTime &&
            l.bandCount > 1 && l.units == main.units)
            sources.append({l.name, l.path, roleOf(l)});
    }
    const bool moisture =
        main.units.contains(QLatin1String("m3")) || main.units.contains(QLatin1String("m^3"));
    const QString axis = moisture || main.units.isEmpty()
                             ? (moisture ? QString() : main.name)
                             : QStringLiteral("%1 [%2]").arg(main.name, main.units);
    struct Loaded {
        std::vector<std::pair<series::TimeSeries, SeriesRole>> curves;
        QStringList errors;
    };
    ++m_pendingLoads;
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, lon, lat, axis] {
        --m_pendingLoads;
        watcher->deleteLater();
        const Loaded r = watcher->result();
        for (const QString& e : r.errors)
            m_log->append(LogPanel::Warning, e, tr("Time series"));
        m_timeSeries->clear();
        m_timeSeries->setTitle(
            tr("Pixel at lon %1\u00b0, lat %2\u00b0").arg(lon, 0, 'f', 4).arg(lat, 0, 'f', 4));
        if (!axis.isEmpty())
            m_timeSeries->setValueAxisLabel(axis);
        int shown = 0;
        for (const auto& [s, role] : r.curves)
            shown += m_timeSeries->addSeries(s, role);
        if (shown == 0)
            statusBar()->showMessage(
                tr("No data at lon %1\u00b0, lat %2\u00b0").arg(lon, 0, 'f', 4).arg(lat, 0, 'f', 4),
                5000);
        showView(QStringLiteral("timeseries"));
    });
    watcher->setFuture(QtConcurrent::run([sources, lon, lat] {
        Loaded r;
        for (const auto& source : sources) {
            try {
                series::TimeSeries s = sampleRasterAt(source.path, lon, lat, source.name);
                if (!s.empty())
                    r.curves.emplace_back(std::move(s), source.role);
            } catch (const std::exception& e) {
                r.errors << QString::fromStdString(e.what());
            }
        }
        return r;
    }));
    return true;
}

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
        const QString text =
            result.gif.isEmpty()
                ? tr("Wrote %1 frames to %2 (%3)")
                      .arg(result.frames.size())
                      .arg(folder, result.note)
                : tr("Wrote %1 frames and %2").arg(result.frames.size()).arg(result.gif);
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
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return;
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        // Scalars of the result as key,value rows.
        file.write("key,value\n");
        for (auto it = m_lastResult.begin(); it != m_lastResult.end(); ++it)
            if (it.value().isDouble() || it.value().isString() || it.value().isBool())
                file.write(QStringLiteral("%1,%2\n")
                               .arg(it.key(), it.value().toVariant().toString())
                               .toUtf8());
    } else {
        file.write(QJsonDocument(m_lastResult).toJson());
    }
    if (!file.commit())
        QMessageBox::critical(this, tr("Export failed"), file.errorString());
}

void MainWindow::copyFigure() {
    QString name;
    QWidget* w = currentFigureWidget(&name);
    QApplication::clipboard()->setPixmap(
        w == m_map ? QPixmap::fromImage(m_map->renderImage(m_map->size())) : w->grab());
    statusBar()->showMessage(tr("Copied the %1 to the clipboard").arg(name), 3000);
}

} // namespace soilscope::gui
