// MainWindow: data layers and series, each loaded as a job (progress and Cancel in the Jobs
// panel; a failure shown in the status bar with the file named).
#include "gui/main_window.h"

#include "analysis/metrics.h"
#include "base/error.h"
#include "base/units.h"
#include "features/product_layer.h"
#include "geo/raster_series.h"
#include "gui/predictor_preview.h"
#include "gui/project_editor.h"
#include "gui/station_metrics_table.h"
#include "gui/task_panel.h"
#include "gui/variable_chooser.h"
#include "products/point_source.h"
#include "products/product_gridding.h"
#include "project/project_dataset.h"
#include "project/project_file.h"
#include "tasks/network_validation_outputs.h"
#include "tasks/task_registry.h"
#include "widgets/job_queue.h"
#include "widgets/log_panel.h"
#include "widgets/map_canvas.h"
#include "widgets/scatter_plot.h"
#include "widgets/station_store.h"
#include "widgets/task_job.h"
#include "widgets/time_series_plot.h"

#include <gdal_priv.h>

#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>

#include <cmath>
#include <map>
#include <memory>

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

/// The farthest grid point of a point product taken at a station: validate-network's
/// --max-distance default, read from its declaration.
double stationProductDistanceKm() {
    if (const auto task = tasks::TaskRegistry::instance().create("validate-network"))
        for (const auto& p : task->parameters())
            if (p.name == "max-distance")
                return std::stod(p.defaultValue);
    throw Error("validate-network declares no --max-distance");
}

/// A file GDAL/OGR opens as vector data (a GeoPackage may hold rasters instead).
bool isVectorFile(const QString& path) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.toStdString().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    return ds && ds->GetLayerCount() > 0;
}

/// What a series layer shows at a station.
enum class SeriesUse { None, Moisture, Prediction, Precipitation, Overpass };

/// From what is declared, never from a layer's name: a task's output is a prediction, the
/// project's target role soil moisture; otherwise the units (the file's, else those the project
/// declares for the role): a volumetric fraction is soil moisture, a depth or rate of water
/// precipitation, dB backscatter (its overpass times are marked).
SeriesUse seriesUseOf(const MapLayer& l, const QString& declaredUnits, bool isTarget) {
    if (l.result)
        return SeriesUse::Prediction;
    if (isTarget)
        return SeriesUse::Moisture;
    const std::string u = (l.units.isEmpty() ? declaredUnits : l.units).trimmed().toStdString();
    if (u.empty() || u == "1")
        return SeriesUse::None; // dimensionless: an index, a fraction of anything
    if (QString::fromStdString(u).compare(QLatin1String("dB"), Qt::CaseInsensitive) == 0)
        return SeriesUse::Overpass;
    if (!units::parses(u))
        return SeriesUse::None;
    if (units::isVolumetric(u))
        return SeriesUse::Moisture;
    if (units::convertible(u, "mm") || units::convertible(u, "mm h-1"))
        return SeriesUse::Precipitation;
    return SeriesUse::None;
}

/// Samples each raster series of `sources` at a point in turn (each a slice of the progress);
/// one that cannot be read adds its message to `errors` and the others go on.
template <class Source, class Use>
void sampleEachAt(const QList<Source>& sources, double lon, double lat, Feedback& feedback,
                  QStringList& errors, Use&& use) {
    for (qsizetype k = 0; k < sources.size(); ++k) {
        const Source& source = sources[k];
        FeedbackSlice slice(feedback, 100.0 * double(k) / double(sources.size()),
                            100.0 * double(k + 1) / double(sources.size()));
        try {
            series::TimeSeries s = sampleRasterAt(source.path, lon, lat, source.name, &slice);
            if (!s.empty())
                use(source, std::move(s));
        } catch (const CanceledError&) {
            throw;
        } catch (const std::exception& e) {
            errors << QString::fromStdString(e.what());
        }
    }
}

} // namespace

TaskJob* MainWindow::startLoad(const QString& title, TaskJob::Work work,
                               std::function<void()> done) {
    ++m_pendingLoads;
    auto* job = new TaskJob(std::move(work), title);
    connect(job, &TaskJob::finished, this,
            [this, job, title, done = std::move(done)](TaskJob::State state) {
                --m_pendingLoads;
                if (state == TaskJob::State::Succeeded) {
                    try {
                        done();
                    } catch (const std::exception& e) {
                        reportError(QString::fromStdString(e.what()), title);
                    }
                } else if (state == TaskJob::State::Canceled) {
                    m_log->append(LogPanel::Warning, tr("canceled"), title);
                } else {
                    reportError(job->errorMessage(), title);
                }
                zoomWhenLoaded();
            });
    m_jobs->enqueue(job);
    return job;
}

void MainWindow::previewRole(const QString& role) {
    const nlohmann::json layer = m_project->value("/data/" + role.toStdString());
    if (!layer.is_object())
        return;
    QString path = QString::fromStdString(layer.value("path", ""));
    if (QFileInfo(path).isRelative() && !m_projectPath.isEmpty())
        path = QFileInfo(m_projectPath).absoluteDir().absoluteFilePath(path);
    const bool imageFolder = QFileInfo(path).isDir() &&
                             !geo::RasterSeries::knownFolderPattern(path.toStdString()).empty();
    if (features::needsGridding(path.toStdString())) {
        previewGriddedRole(role);
        return;
    }
    if (layer.value("kind", "raster") == "stations" || StationStore::isStationSource(path)) {
        addStations(path);
        return;
    }
    // Described as a job: netCDF files with thousands of time steps take a while. Project data
    // go below the layers already there (results, the user's own files); only the first one
    // becomes visible when no raster is shown yet.
    const std::string variable = layer.value("variable", "");
    const int band = layer.value("band", 1);
    auto loaded = std::make_shared<MapLayer>();
    startLoad(
        tr("Layer %1").arg(role),
        [loaded, path, variable, imageFolder](Feedback& feedback) {
            std::string source = path.toStdString();
            if (imageFolder) // daily images: one raster series, as the project reads them
                source = geo::RasterSeries::folderAsVrt(source, variable).first;
            else if (!variable.empty())
                for (const auto& v : geo::RasterSeries::listVariables(source))
                    if (v.name == variable)
                        source = v.source;
            *loaded = describeRasterFile(QString::fromStdString(source), &feedback);
        },
        [this, loaded, role, band] {
            MapLayer l = *loaded;
            l.name = role;
            l.band = std::clamp(band, 1, l.bandCount);
            if (!l.bandUnits.value(l.band - 1).isEmpty())
                l.units = l.bandUnits.value(l.band - 1);
            addRoleLayer(l);
            m_log->append(LogPanel::Info,
                          tr("Added raster %1 (%2)")
                              .arg(loaded->path, QString::fromStdString(loaded->grid.describe())));
        });
}

void MainWindow::previewPredictor(int index) {
    const nlohmann::json document = m_project->document();
    const QString projectPath = m_project->projectPath();
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                        QStringLiteral("/previews");
    struct Computed {
        PredictorPreview preview;
        MapLayer layer;
    };
    auto computed = std::make_shared<Computed>();
    startLoad(
        tr("Predictor %1").arg(index + 1),
        [computed, document, projectPath, index, dir](Feedback& feedback) {
            computed->preview =
                computePredictorPreview(document, projectPath, index, dir, &feedback);
            computed->layer = describeRasterFile(computed->preview.path);
        },
        [this, computed] {
            const PredictorPreview* preview = &computed->preview;
            // One preview layer per predictor: a new computation replaces the old one.
            for (int i = m_map->layerCount() - 1; i >= 0; --i)
                if (m_map->layer(i).path == preview->path)
                    m_map->removeLayer(i);
            MapLayer l = computed->layer;
            l.name = preview->date.isEmpty()
                         ? tr("predictor %1").arg(preview->name)
                         : tr("predictor %1 (%2)").arg(preview->name, preview->date);
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
                    .arg(preview->name)
                    .arg(preview->validPixels)
                    .arg(preview->date.isEmpty() ? QString() : tr(" on %1").arg(preview->date));
            m_log->append(LogPanel::Info, done);
            statusBar()->showMessage(done, 8000);
            showView(QStringLiteral("map"));
        });
}

int MainWindow::addRaster(const QString& path, bool result) {
    try {
        MapLayer layer = describeRasterFile(path);
        layer.result = result;
        return addRasterLayer(layer);
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
    m_log->append(
        LogPanel::Info,
        tr("Added raster %1 (%2)")
            .arg(layer.opened(), QString::fromStdString(m_map->layer(index).grid.describe())));
    return index;
}

void MainWindow::addStations(const QString& path) {
    auto loaded = std::make_shared<MapLayer>();
    auto store = m_stations;
    startLoad(
        tr("Stations %1").arg(QFileInfo(path).fileName()),
        [loaded, store, path](Feedback& feedback) { *loaded = store->loadLayer(path, &feedback); },
        [this, loaded, path] {
            // Markers go on top; a raster being looked at stays the current layer.
            const int current = m_map->currentLayer();
            const bool rasterCurrent =
                current >= 0 && m_map->layer(current).type == MapLayer::Type::Raster;
            m_map->addLayer(*loaded);
            if (rasterCurrent)
                m_map->setCurrentLayer(current);
            const bool product = StationStore::isPointProduct(path);
            if (!product)
                m_stationLayerPath = path;
            if (m_stationMetrics)
                applyStationMetrics(StationMetricsTable(*m_stationMetrics));
            m_log->append(
                LogPanel::Info,
                product ? tr("Added %1 grid points from %2").arg(loaded->stations.size()).arg(path)
                        : tr("Added %1 stations from %2").arg(loaded->stations.size()).arg(path));
        });
}

void MainWindow::loadRaster(const QString& path, const QString& name) {
    struct Loaded {
        MapLayer layer;
        std::vector<geo::RasterVariable> variables; ///< of a file of several: one is chosen
    };
    auto loaded = std::make_shared<Loaded>();
    startLoad(
        tr("Raster %1").arg(name.isEmpty() ? QFileInfo(path).fileName() : name),
        [loaded, path](Feedback& feedback) {
            if (QFileInfo(path).isFile()) { // a file, not a variable's name in it
                try {
                    const geo::Raster probe(path.toStdString());
                    if (probe.subdatasets().size() > 1 || probe.driverName() == "GRIB")
                        loaded->variables = geo::RasterSeries::listVariables(path.toStdString());
                } catch (const Error&) {
                    // describing it says what is wrong with it
                }
                if (loaded->variables.size() > 1)
                    return;
                loaded->variables.clear();
            }
            loaded->layer = describeRasterFile(path, &feedback);
        },
        [this, loaded, path, name] {
            if (loaded->variables.empty()) {
                MapLayer layer = loaded->layer;
                if (!name.isEmpty())
                    layer.name = name;
                addRasterLayer(layer);
                return;
            }
            // Several variables (a netCDF product's soil moisture, its uncertainty, flags…):
            // each chosen becomes a layer of its own, named with the file.
            const QStringList chosen = chooseVariables(this, path, loaded->variables, m_askUser);
            if (chosen.isEmpty())
                m_log->append(LogPanel::Info, tr("No variable of %1 was chosen").arg(path));
            const QString stem = QFileInfo(path).completeBaseName();
            for (const auto& v : loaded->variables)
                if (chosen.contains(QString::fromStdString(v.name)))
                    loadRaster(QString::fromStdString(v.source),
                               QStringLiteral("%1 (%2)").arg(QString::fromStdString(v.name), stem));
        });
}

void MainWindow::addRoleLayer(const MapLayer& layer) {
    MapLayer l = layer;
    // While a project opens, the backdrop is chosen when every layer is there; a layer previewed
    // later from the project editor is shown at once. Project data go below the layers already
    // there.
    l.visible = !m_zoomPending;
    const int current = m_map->currentLayer();
    const int index = m_map->addLayer(l);
    m_map->moveLayer(index, 0);
    m_map->setCurrentLayer(l.visible ? 0 : (current >= 0 ? current + 1 : 0));
}

void MainWindow::previewGriddedRole(const QString& role) {
    // A point, swath or SMAP product shows as the project reads it: gridded onto the sample grid
    // (written to a GeoTIFF in the session's scratch folder, which QGIS can open too).
    if (!m_scratch)
        m_scratch = std::make_unique<QTemporaryDir>();
    const QString out = m_scratch->filePath(role + QStringLiteral("_gridded.tif"));
    auto loaded = std::make_shared<MapLayer>();
    startLoad(
        tr("Layer %1").arg(role),
        [loaded, out, role, document = m_project->document(),
         projectPath = m_projectPath.toStdString()](Feedback& feedback) {
            const auto p = project::parseProject(document, projectPath);
            const std::string gridRole = project::sampleGridRole(p);
            const auto& g = p.layer(gridRole);
            const geo::Grid grid =
                features::LayerSource::open(gridRole, g.path, g.variable, g.kind, g.band)->grid();
            const auto& l = p.layer(role.toStdString());
            FeedbackSlice gridding(feedback, 0, 90);
            const auto gridded = features::gridLayerProduct(
                l.role, l.path, l.variable, grid, l.gridding.value_or(features::LayerGridding{}),
                gridding);
            products::writeGriddedProduct(out.toStdString(), grid, gridded,
                                          {{"source", l.path.string()}, {"role", l.role}});
            *loaded = describeRasterFile(out, &feedback);
        },
        [this, loaded, role] {
            MapLayer l = *loaded;
            l.name = role;
            const QString grid = QString::fromStdString(l.grid.describe());
            addRoleLayer(l);
            m_log->append(LogPanel::Info,
                          tr("Added %1 gridded onto the sample grid (%2)").arg(role, grid));
        });
}

void MainWindow::loadImageFolder(const QString& folder) {
    auto loaded = std::make_shared<MapLayer>();
    startLoad(
        tr("Images %1").arg(QFileInfo(folder).fileName()),
        [loaded, folder](Feedback& feedback) {
            // The daily images as one raster series (a VRT in GDAL's memory).
            const auto vrt = geo::RasterSeries::folderAsVrt(folder.toStdString()).first;
            *loaded = describeRasterFile(QString::fromStdString(vrt), &feedback);
            loaded->name = QFileInfo(folder).fileName();
            loaded->source = folder;
        },
        [this, loaded] { addRasterLayer(*loaded); });
}

void MainWindow::addFiles(const QStringList& paths) {
    for (const QString& p : paths) {
        const QString suffix = QFileInfo(p).suffix().toLower();
        if (suffix == QLatin1String("json") && p.endsWith(QLatin1String(".soilscope.json"))) {
            if (maybeSave())
                openProject(p);
        } else if (suffix == QLatin1String("json")) {
            openResult(p);
        } else if (QFileInfo(p).isDir() &&
                   !geo::RasterSeries::knownFolderPattern(p.toStdString()).empty()) {
            loadImageFolder(p);
        } else if (const auto kind = products::recogniseProduct(p.toStdString());
                   products::needsGridding(kind) && !StationStore::isPointProduct(kind)) {
            gridProduct(p);
        } else if (kind == products::ProductKind::Sentinel1Folder) {
            const QString message =
                tr("%1 is a folder of Sentinel-1 scenes, each on a grid of its own: open its "
                   "scene files as rasters, or validate it as a product (station-metrics)")
                    .arg(p);
            m_log->append(LogPanel::Error, message, tr("Open"));
            statusBar()->showMessage(message, 12000);
        } else if (StationStore::isStationSource(p, kind)) {
            addStations(p);
        } else if (QStringList{QStringLiteral("shp"), QStringLiteral("geojson"),
                               QStringLiteral("kml")}
                       .contains(suffix) ||
                   (suffix == QLatin1String("gpkg") && isVectorFile(p))) {
            addPolygons(p);
        } else {
            if (!rasterSuffixes().contains(suffix))
                m_log->append(LogPanel::Warning,
                              tr("Trying %1 as a raster (unknown extension)").arg(p));
            loadRaster(p);
        }
    }
}

void MainWindow::gridProduct(const QString& path) {
    // Swaths and SMAP files have no grid a map can draw: product-to-grid puts them on their own
    // grid (the swath's extent at its default resolution, SMAP's EASE-Grid 2.0); the Parameters
    // dock is left on that task with the product filled in, to grid it again with other settings.
    if (!m_scratch)
        m_scratch = std::make_unique<QTemporaryDir>();
    const QString base = QFileInfo(path).completeBaseName();
    QString out = m_scratch->filePath(base + QStringLiteral(".tif"));
    for (int n = 2; QFileInfo::exists(out); ++n)
        out = m_scratch->filePath(QStringLiteral("%1-%2.tif").arg(base).arg(n));
    const QString task = QStringLiteral("product-to-grid");
    if (m_tasks->selectTask(task))
        m_tasks->setValues({{"input", path.toStdString()}});
    runTask(task, {{"input", path.toStdString()}, {"out", out.toStdString()}});
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

void MainWindow::addPolygons(const QString& path) {
    auto loaded = std::make_shared<MapLayer>();
    startLoad(
        tr("Polygons %1").arg(QFileInfo(path).fileName()),
        [loaded, path](Feedback&) { *loaded = widgets::describePolygonFile(path); },
        [this, loaded, path] {
            const int current = m_map->currentLayer();
            const int index = m_map->addLayer(*loaded);
            if (current >= 0)
                m_map->setCurrentLayer(current);
            m_log->append(LogPanel::Info,
                          tr("Added %1 polygons from %2 (named by %3)")
                              .arg(loaded->regionNames.size())
                              .arg(path)
                              .arg(loaded->regionAttribute.isEmpty() ? tr("their feature id")
                                                                     : loaded->regionAttribute));
            if (m_map->layerCount() == 1)
                m_map->zoomToLayer(index);
        });
}

void MainWindow::useAsValidationRegion(int index) {
    if (index < 0 || index >= m_map->layerCount() ||
        m_map->layer(index).type != MapLayer::Type::Polygons)
        return;
    const MapLayer& layer = m_map->layer(index);
    if (m_tasks->currentTask() != QLatin1String("validate-grid"))
        m_tasks->selectTask(QStringLiteral("validate-network"));
    m_tasks->setValues({{"regions", layer.path.toStdString()},
                        {"region-attribute", layer.regionAttribute.toStdString()},
                        {"bbox", ""}});
    showView(QStringLiteral("parameters"));
    statusBar()->showMessage(tr("%1 is the region of %2: %3 polygons")
                                 .arg(layer.name, m_tasks->currentTask())
                                 .arg(layer.regionNames.size()),
                             8000);
}

bool MainWindow::validateAtStations(int index) {
    if (index < 0 || index >= m_map->layerCount())
        return false;
    const MapLayer& product = m_map->layer(index);
    QString stations;
    for (int i = m_map->layerCount() - 1; i >= 0 && stations.isEmpty(); --i) {
        const MapLayer& l = m_map->layer(i);
        if (l.type == MapLayer::Type::Stations && !l.result &&
            StationStore::isStationSource(l.path) && !StationStore::isPointProduct(l.path))
            stations = l.path;
    }
    if (stations.isEmpty()) {
        statusBar()->showMessage(
            tr("No ISMN stations on the map to validate %1 against: add a station network first")
                .arg(product.name),
            8000);
        return false;
    }
    m_tasks->selectTask(QStringLiteral("validate-network"));
    m_tasks->setValues({{"stations", stations.toStdString()},
                        {"products", product.opened().toStdString()},
                        {"names", product.name.toStdString()},
                        {"masks", product.mask.toStdString()}});
    showView(QStringLiteral("parameters"));
    statusBar()->showMessage(
        tr("validate-network: %1 against the stations of %2").arg(product.name, stations), 8000);
    return true;
}

bool MainWindow::spectrumOfShownStation() {
    const auto& [network, station] = m_shownStation;
    for (int i = 0; i < m_map->layerCount() && !station.isEmpty(); ++i)
        for (const auto& s : m_map->layer(i).stations) {
            if (s.network != network || s.name != station)
                continue;
            const std::string path = m_map->layer(i).opened().toStdString();
            m_tasks->selectTask(QStringLiteral("spectrum"));
            if (StationStore::isPointProduct(m_map->layer(i).path)) // with the layer's mask
                m_tasks->setValues({{"input", path},
                                    {"lon", QString::number(s.lon, 'g', 10).toStdString()},
                                    {"lat", QString::number(s.lat, 'g', 10).toStdString()},
                                    {"mask", m_map->layer(i).mask.toStdString()},
                                    {"network", ""},
                                    {"station", ""}});
            else // the values the view draws on the curve: C and D flagged ones apart
                m_tasks->setValues({{"input", path},
                                    {"network", network.toStdString()},
                                    {"station", station.toStdString()},
                                    {"flags", "G,U"},
                                    {"lon", ""},
                                    {"lat", ""}});
            showView(QStringLiteral("parameters"));
            return true;
        }
    statusBar()->showMessage(
        tr("No station in the time-series view: click a station or a grid point on the map"), 8000);
    return false;
}

void MainWindow::setProductMask(int index, const QString& mask) {
    if (index < 0 || index >= m_map->layerCount())
        return;
    const QString path = m_map->layer(index).path;
    auto loaded = std::make_shared<MapLayer>();
    auto store = m_stations;
    const QString title = tr("Mask %1").arg(QFileInfo(path).fileName());
    auto* job = startLoad(
        title,
        [loaded, store, path, mask](Feedback& feedback) {
            *loaded = store->loadLayer(path, &feedback, mask);
        },
        [this, loaded, path, title] {
            int at = -1; // the layer may have moved or gone while it was read
            for (int i = 0; i < m_map->layerCount(); ++i)
                if (m_map->layer(i).path == path &&
                    m_map->layer(i).type == MapLayer::Type::Stations)
                    at = i;
            if (at < 0)
                return;
            const MapLayer& old = m_map->layer(at);
            MapLayer layer = *loaded;
            layer.name = old.name;
            layer.visible = old.visible;
            layer.opacity = old.opacity;
            layer.colourMapName = old.colourMapName;
            if (!layer.metricNames().contains(old.colourMetric))
                layer.colourMetric.clear();
            else
                layer.colourMetric = old.colourMetric;
            m_map->updateLayer(at, layer);
            const QString kept = layer.mask.isEmpty()
                                     ? tr("Every observation of %1 kept").arg(path)
                                     : tr("Observations of %1 kept where %2").arg(path, layer.mask);
            m_log->append(LogPanel::Info, kept, title);
            statusBar()->showMessage(kept, 8000);
            // The marker shown, a grid point of this layer or a station beside one, again.
            if (!m_shownStation.second.isEmpty())
                showStation(m_shownStation.first, m_shownStation.second);
        });
    // A refused mask leaves the layer as it was: the field shows its mask again.
    connect(job, &TaskJob::finished, this, [this, path](TaskJob::State state) {
        for (int i = 0; i < m_map->layerCount() && state != TaskJob::State::Succeeded; ++i)
            if (m_map->layer(i).path == path && m_map->layer(i).type == MapLayer::Type::Stations) {
                const MapLayer same = m_map->layer(i);
                m_map->updateLayer(i, same);
            }
    });
}

void MainWindow::addStationsDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Add station network"), QString(),
                                     tr("ISMN archives (*.zip *.stm);;All files (*)"));
    if (!path.isEmpty())
        addStations(path);
}

void MainWindow::showStation(const QString& network, const QString& station) {
    if (showMatchedPairs(network, station))
        return;
    // Station position, for sampling the predictions and products at it, and the layer (ISMN
    // archive or point product) the marker belongs to.
    double lon = std::nan(""), lat = std::nan("");
    QString archive, mask;
    for (int i = 0; i < m_map->layerCount(); ++i)
        for (const auto& s : m_map->layer(i).stations)
            if (s.network == network && s.name == station) {
                lon = s.lon;
                lat = s.lat;
                archive = m_map->layer(i).path;
                mask = m_map->layer(i).mask;
            }
    if (archive.isEmpty())
        return;
    const bool product = StationStore::isPointProduct(archive);
    struct Loaded {
        std::vector<series::TimeSeries> observed; // the station's depths, shallowest first
        series::TimeSeries rejected;              // a product's observations outside its mask
        series::TimeSeries soilTemperature;       // nearest in depth to the shallowest
        std::vector<std::pair<series::TimeSeries, SeriesRole>> others;
        std::vector<TimePoint> overpasses;
        QStringList errors;
    };
    // Layers with a time axis worth plotting at the station: soil moisture (products, truth,
    // predictions), precipitation (bars), and satellite observables (overpass marks only); and
    // point products (ASCAT cells) other than the station's own layer: their nearest grid point,
    // as validate-network takes it (within its --max-distance default).
    struct Source {
        QString name;
        QString path;
        SeriesUse use;
    };
    struct PointLayer {
        QString name;
        QString path;
        QString mask;
    };
    QList<Source> rasters;
    QList<PointLayer> pointLayers;
    for (int i = 0; i < m_map->layerCount(); ++i) {
        const MapLayer& l = m_map->layer(i);
        if (l.type == MapLayer::Type::Stations && l.visible && l.path != archive &&
            StationStore::isPointProduct(l.path))
            pointLayers.append({l.name, l.path, l.mask});
        if (l.type != MapLayer::Type::Raster || l.bandCount < 2)
            continue;
        const bool role = m_projectRoles.contains(l.name);
        const nlohmann::json units =
            role ? m_project->value("/data/" + l.name.toStdString() + "/units") : nlohmann::json();
        const QString declared =
            units.is_string() ? QString::fromStdString(units.get<std::string>()) : QString();
        const SeriesUse use = seriesUseOf(l, declared, role && l.name == m_targetRole);
        if (use != SeriesUse::None)
            rasters.append({l.name, l.path, use});
    }
    const double maxDistanceKm = stationProductDistanceKm();
    auto loaded = std::make_shared<Loaded>();
    auto store = m_stations;
    startLoad(
        tr("Time series at %1").arg(station),
        [loaded, store, archive, network, station, rasters, pointLayers, maxDistanceKm, lon, lat,
         product, mask](Feedback& feedback) {
            Loaded& r = *loaded;
            try {
                if (product) {
                    auto s = StationStore::productSeries(archive, station.toLongLong(), mask);
                    r.observed = {std::move(s.series)};
                    r.rejected = std::move(s.rejected);
                } else {
                    r.observed = store->soilMoisture(archive, network, station);
                    r.soilTemperature = store->soilTemperature(archive, network, station);
                }
            } catch (const CanceledError&) {
                throw;
            } catch (const std::exception& e) {
                r.errors << QString::fromStdString(e.what());
            }
            const std::string toUnits = r.observed.empty() ? "" : r.observed.front().units;
            for (const auto& p : pointLayers) {
                feedback.throwIfCanceled();
                try {
                    QString porosity;
                    auto s = StationStore::productSeriesAt(p.path, lon, lat, maxDistanceKm, p.mask,
                                                           toUnits, porosity);
                    s.series.name =
                        (porosity.isEmpty()
                             ? tr("%1, %2 km away").arg(p.name).arg(s.distanceKm, 0, 'f', 1)
                             : tr("%1, %2 km away, × %3 / 100")
                                   .arg(p.name)
                                   .arg(s.distanceKm, 0, 'f', 1)
                                   .arg(porosity))
                            .toStdString();
                    r.others.emplace_back(std::move(s.series), SeriesRole::Product);
                } catch (const CanceledError&) {
                    throw;
                } catch (const std::exception& e) {
                    r.errors << QString::fromStdString(e.what());
                }
            }
            sampleEachAt(rasters, lon, lat, feedback, r.errors,
                         [&r](const Source& source, series::TimeSeries s) {
                             if (source.use == SeriesUse::Overpass) {
                                 for (std::size_t i = 0; i < s.size(); ++i)
                                     if (std::isfinite(s.values[i]))
                                         r.overpasses.push_back(s.times[i]);
                                 return;
                             }
                             const SeriesRole role =
                                 source.use == SeriesUse::Precipitation ? SeriesRole::Precipitation
                                 : source.use == SeriesUse::Prediction  ? SeriesRole::Prediction
                                                                        : SeriesRole::Product;
                             r.others.emplace_back(std::move(s), role);
                         });
        },
        [this, loaded, network, station, product, mask] {
            const Loaded& r = *loaded;
            m_shownStation = {network, station};
            m_timeSeries->clear();
            m_timeSeries->setTitle(product ? tr("%1, grid point %2").arg(network, station)
                                           : tr("%1 / %2").arg(network, station));
            const series::TimeSeries observed =
                r.observed.empty() ? series::TimeSeries{} : r.observed.front();
            const QString name = QString::fromStdString(observed.name);
            const QString units = QString::fromStdString(units::display(observed.units));
            if (product) // its own units on the axis (ASCAT: % saturation, not m³ m⁻³)
                m_timeSeries->setValueAxisLabel(units.isEmpty() ? name
                                                                : tr("%1 [%2]").arg(name, units));
            if (product)
                m_timeSeries->addMaskedSeries(observed, r.rejected, mask, SeriesRole::Observation,
                                              units.isEmpty() ? name
                                                              : tr("%1 (%2)").arg(name, units));
            else
                m_timeSeries->addSeries(observed, SeriesRole::Observation,
                                        tr("in situ %1").arg(name));
            for (std::size_t k = 1; k < r.observed.size(); ++k) // the deeper sensors
                m_timeSeries->addSeries(
                    r.observed[k], SeriesRole::Observation,
                    tr("in situ %1").arg(QString::fromStdString(r.observed[k].name)));
            for (const auto& [s, role] : r.others) {
                const bool otherUnits =
                    s.units != observed.units && !s.units.empty() && !observed.units.empty();
                if (otherUnits && (product || units::isPercent(s.units)))
                    m_log->append(LogPanel::Warning, // one axis, one unit
                                  tr("%1 is in %2, the station in %3: not drawn")
                                      .arg(QString::fromStdString(s.name),
                                           QString::fromStdString(units::display(s.units)),
                                           QString::fromStdString(units::display(observed.units))),
                                  station);
                else
                    m_timeSeries->addSeries(s, role);
            }
            if (!r.overpasses.empty())
                m_timeSeries->setOverpasses(r.overpasses);
            if (!r.soilTemperature.empty()) {
                try {
                    m_timeSeries->setSoilTemperature(r.soilTemperature);
                } catch (const std::exception& e) { // units that are no temperature
                    m_log->append(LogPanel::Warning, QString::fromStdString(e.what()), station);
                }
            }
            for (const QString& e : r.errors)
                m_log->append(LogPanel::Warning, e, station);
            scatterStationPairs(station);
            showView(QStringLiteral("timeseries"));
        });
}

void MainWindow::scatterStationPairs(const QString& station) {
    const auto labelWithUnits = [this](int i) {
        const QString units =
            QString::fromStdString(units::display(m_timeSeries->seriesAt(i).units));
        return units.isEmpty() ? m_timeSeries->labelAt(i)
                               : tr("%1 [%2]").arg(m_timeSeries->labelAt(i), units);
    };
    int observation = -1;
    for (int i = 0; i < m_timeSeries->seriesCount(); ++i) {
        const SeriesRole role = m_timeSeries->roleAt(i);
        if (role == SeriesRole::Observation && observation < 0)
            observation = i;
        if (observation < 0 || (role != SeriesRole::Product && role != SeriesRole::Prediction) ||
            m_timeSeries->isHidden(m_timeSeries->legendText(i)))
            continue;
        const auto pairs = m_timeSeries->pairsWithObservation(i);
        if (pairs.reference.size() < 3)
            continue;
        const nlohmann::json metrics = analysis::metricsToJson(analysis::computeMetrics(pairs));
        m_scatter->setData(
            pairs.reference, pairs.candidate,
            QJsonDocument::fromJson(QByteArray::fromStdString(metrics.dump())).object());
        m_scatter->setAxisLabels(labelWithUnits(observation), labelWithUnits(i));
        m_scatter->setTitle(tr("%1 against %2 (matched within ±1 h)")
                                .arg(m_timeSeries->labelAt(i), m_timeSeries->labelAt(observation)));
        return;
    }
    m_scatter->setData({}, {});
    m_scatter->setTitle(
        tr("No product or prediction shares times (±1 h) with the observations at %1")
            .arg(station));
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
        return l.result ? SeriesRole::Prediction : SeriesRole::Product;
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
    auto loaded = std::make_shared<Loaded>();
    startLoad(
        tr("Time series at %1\u00b0, %2\u00b0").arg(lon, 0, 'f', 4).arg(lat, 0, 'f', 4),
        [loaded, sources, lon, lat](Feedback& feedback) {
            sampleEachAt(sources, lon, lat, feedback, loaded->errors,
                         [&loaded](const Source& source, series::TimeSeries s) {
                             loaded->curves.emplace_back(std::move(s), source.role);
                         });
        },
        [this, loaded, lon, lat, axis] {
            for (const QString& e : loaded->errors)
                m_log->append(LogPanel::Warning, e, tr("Time series"));
            m_shownStation = {};
            m_timeSeries->clear();
            m_timeSeries->setTitle(
                tr("Pixel at lon %1\u00b0, lat %2\u00b0").arg(lon, 0, 'f', 4).arg(lat, 0, 'f', 4));
            if (!axis.isEmpty())
                m_timeSeries->setValueAxisLabel(axis);
            int shown = 0;
            for (const auto& [s, role] : loaded->curves)
                shown += m_timeSeries->addSeries(s, role);
            if (shown == 0)
                statusBar()->showMessage(tr("No data at lon %1\u00b0, lat %2\u00b0")
                                             .arg(lon, 0, 'f', 4)
                                             .arg(lat, 0, 'f', 4),
                                         5000);
            showView(QStringLiteral("timeseries"));
        });
    return true;
}

bool MainWindow::showMatchedPairs(const QString& network, const QString& station) {
    if (m_matchedPairs.isEmpty() || !m_stationMetrics)
        return false;
    QStringList metrics; // one "product: R …, ubRMSD …, bias …, n …" per candidate
    QStringList notes;
    for (const auto& row : m_stationMetrics->rows) {
        if (row.network != network || row.station != station)
            continue;
        QStringList parts;
        for (const char* name : {"R", "ubRMSD", "bias", "n"})
            if (const double v = row.metrics.value(QLatin1String(name), std::nan(""));
                std::isfinite(v))
                parts << QStringLiteral("%1 %2").arg(QLatin1String(name)).arg(v, 0, 'g', 3);
        metrics << QStringLiteral("%1: %2").arg(row.product, parts.join(QStringLiteral(", ")));
        if (const QString note = row.attributes.value(QStringLiteral("note")); !note.isEmpty())
            notes << QStringLiteral("%1: %2").arg(row.product, note);
    }
    if (metrics.isEmpty())
        return false;
    auto loaded = std::make_shared<std::vector<tasks::StationMatchedPairs>>();
    const std::string path = m_matchedPairs.toStdString();
    const QString units = m_stationMetrics->units;
    startLoad(
        tr("Matched pairs at %1").arg(station),
        [loaded, path, n = network.toStdString(), s = station.toStdString()](Feedback&) {
            *loaded = tasks::readMatchedPairs(path, n, s);
        },
        [this, loaded, network, station, metrics, notes, units] {
            m_shownStation = {};
            m_timeSeries->clear();
            m_timeSeries->setTitle(tr("%1 / %2, matched pairs of the validation run\n%3")
                                       .arg(network, station, metrics.join(QStringLiteral("; "))));
            if (!units.isEmpty())
                m_timeSeries->setValueAxisLabel(
                    tr("soil moisture [%1]")
                        .arg(QString::fromStdString(units::display(units.toStdString()))));
            // The reference once (its values are those of every candidate's pairs unless it
            // was scaled to each candidate), then each candidate at its pairs.
            std::map<TimePoint, double> reference;
            for (const auto& p : *loaded)
                for (std::size_t i = 0; i < p.pairs.size(); ++i)
                    reference.emplace(p.pairs.times[i], p.pairs.reference[i]);
            series::TimeSeries ref;
            ref.units = units.toStdString();
            for (const auto& [t, v] : reference) {
                ref.times.push_back(t);
                ref.values.push_back(v);
            }
            m_timeSeries->addSeries(ref, SeriesRole::Observation, tr("reference"));
            for (const auto& p : *loaded) {
                series::TimeSeries c;
                c.units = ref.units;
                c.times = p.pairs.times;
                c.values = p.pairs.candidate;
                m_timeSeries->addSeries(c, SeriesRole::Product, QString::fromStdString(p.product));
            }
            if (loaded->empty())
                m_log->append(LogPanel::Warning,
                              tr("No matched pairs at %1 / %2: %3")
                                  .arg(network, station,
                                       notes.isEmpty() ? tr("the run kept none")
                                                       : notes.join(QStringLiteral("; "))),
                              station);
            showView(QStringLiteral("timeseries"));
        });
    return true;
}

} // namespace soilscope::gui
