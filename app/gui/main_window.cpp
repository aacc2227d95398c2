#include "gui/main_window.h"

#include "gui/project_autosave.h"
#include "gui/project_editor.h"
#include "gui/station_metrics_view.h"
#include "gui/task_panel.h"
#include "tasks/task_registry.h"
#include "widgets/intraday_view.h"
#include "widgets/job_queue.h"
#include "widgets/jobs_panel.h"
#include "widgets/layer_panel.h"
#include "widgets/log_panel.h"
#include "widgets/map_canvas.h"
#include "widgets/output_presenters.h"
#include "widgets/parameter_form.h"
#include "widgets/qcp.h"
#include "widgets/scatter_plot.h"
#include "widgets/spectrum_plot.h"
#include "widgets/sweep_chart.h"
#include "widgets/task_strings.h"
#include "widgets/time_series_plot.h"
#include "widgets/training_monitor.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

#include <cmath>

namespace soilscope::gui {

using namespace widgets;

namespace {
QIcon icon(const char* name) {
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_map(new MapCanvas(this)), m_jobs(new JobQueue(this)),
      m_undo(new QUndoStack(this)), m_stations(std::make_shared<StationStore>()) {
    initWidgetResources();
    setWindowIcon(icon("soilscope"));
    setCentralWidget(m_map);
    setDockNestingEnabled(true);
    setAnimated(false);
    createActions();
    createDocks();
    createMenus();
    registerPresenters();

    m_lonLat = new QLabel;
    m_mapXY = new QLabel;
    m_value = new QLabel;
    m_activity = new QLabel;
    m_lonLat->setToolTip(tr("Cursor position in longitude / latitude (WGS 84)"));
    m_mapXY->setToolTip(tr("Cursor position in the map's coordinate reference system"));
    m_value->setToolTip(tr("Value of the current raster layer under the cursor"));
    for (QLabel* l : {m_lonLat, m_mapXY, m_value})
        l->setMinimumWidth(170);
    statusBar()->addWidget(m_lonLat);
    statusBar()->addWidget(m_mapXY);
    statusBar()->addWidget(m_value, 1);
    statusBar()->addPermanentWidget(m_activity);
    connect(m_map, &MapCanvas::cursorMoved, this,
            [this](double lon, double lat, double x, double y, const QString& v) {
                m_lonLat->setText(
                    std::isfinite(lon)
                        ? tr("lon %1\u00b0  lat %2\u00b0").arg(lon, 0, 'f', 5).arg(lat, 0, 'f', 5)
                        : QString());
                m_mapXY->setText(std::isfinite(x) ? QStringLiteral("%1: %2, %3")
                                                        .arg(m_map->mapCrsLabel())
                                                        .arg(x, 0, 'f', 2)
                                                        .arg(y, 0, 'f', 2)
                                                  : QString());
                m_value->setText(v);
            });
    connect(m_map, &MapCanvas::filesDropped, this, &MainWindow::addFiles);
    connect(m_map, &MapCanvas::stationClicked, this,
            [this](int, const QString& network, const QString& station) {
                showStation(network, station);
            });
    connect(m_map, &MapCanvas::locationClicked, this,
            [this](double lon, double lat) { showPixelSeries(lon, lat); });
    connect(m_map, &MapCanvas::identified, this, [this](const QString& report) {
        m_log->append(LogPanel::Info, report, tr("Identify"));
        statusBar()->showMessage(QString(report).replace('\n', QStringLiteral(" | ")), 8000);
    });
    connect(m_jobs, &JobQueue::jobFinished, this, &MainWindow::onJobFinished);
    connect(m_jobs, &JobQueue::activityChanged, this, [this](int running, int pending) {
        m_activity->setText(running + pending > 0
                                ? tr("%1 running, %2 queued").arg(running).arg(pending)
                                : QString());
    });
    connect(m_undo, &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    m_autosave = new ProjectAutosave(m_project, m_undo, this);
    connect(m_autosave, &ProjectAutosave::failed, this, [this](const QString& message) {
        m_log->append(LogPanel::Warning, message, tr("Project"));
    });
    if (const QString untitled = ProjectAutosave::pendingFor(QString()); !untitled.isEmpty())
        m_log->append(LogPanel::Info,
                      tr("Unsaved edits of an untitled project were autosaved in %1: File \u2192 "
                         "Open project opens them")
                          .arg(untitled),
                      tr("Project"));
    restoreSettings();
    updateTitle();
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addDock(QWidget* widget, const QString& title, const QString& objectName,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    addDockWidget(area, dock);
    m_docks[objectName] = dock;
    return dock;
}

void MainWindow::createActions() {
    auto make = [this](const char* key, const QString& text, const char* iconName,
                       const QKeySequence& shortcut, const QString& tip, auto slot) {
        auto* a = new QAction(iconName ? icon(iconName) : QIcon(), text, this);
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        a->setToolTip(shortcut.isEmpty() ? tip
                                         : QStringLiteral("%1 (%2)").arg(
                                               tip, shortcut.toString(QKeySequence::NativeText)));
        a->setStatusTip(tip);
        connect(a, &QAction::triggered, this, slot);
        m_actions[QString::fromLatin1(key)] = a;
        return a;
    };
    make("new", tr("&New project"), "new", QKeySequence::New, tr("Start an empty project"),
         [this] { newProject(); });
    make("newFromData", tr("New project from a data &folder\u2026"), "new", QKeySequence(),
         tr("Scan a folder of downloaded products and station archives, check what a workload "
            "needs, and write a project"),
         [this] { newProjectFromData(); });
    make("open", tr("&Open project\u2026"), "open", QKeySequence::Open,
         tr("Open a SoilScope project file"), [this] { openProjectDialog(); });
    make("save", tr("&Save project"), "save", QKeySequence::Save, tr("Save the project"),
         [this] { saveProject(); });
    make("saveAs", tr("Save project &as\u2026"), "save-as", QKeySequence::SaveAs,
         tr("Save the project under a new name"), [this] { saveProjectAs(QString()); });
    make("addRaster", tr("Add &raster\u2026"), "add-raster",
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
         tr("Add a raster layer (GeoTIFF, NetCDF, any GDAL format)"),
         [this] { addRasterDialog(); });
    make("addStations", tr("Add &station network\u2026"), "add-stations",
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
         tr("Add ISMN stations from a zip archive or an .stm file"),
         [this] { addStationsDialog(); });
    make("addPolygons", tr("Add &polygons\u2026"), "layers", QKeySequence(),
         tr("Add catchments or areas of interest (Shapefile, GeoPackage, GeoJSON) to draw on the "
            "map and use as a validation's regions"),
         [this] {
             const QString path = QFileDialog::getOpenFileName(
                 this, tr("Add polygons"), QString(),
                 tr("Vector files (*.shp *.gpkg *.geojson *.json *.kml);;All files (*)"));
             if (!path.isEmpty())
                 addPolygons(path);
         });
    make("addStationsFolder", tr("Add station network &folder\u2026"), "add-stations",
         QKeySequence(), tr("Add ISMN stations from an unpacked archive folder"), [this] {
             const QString dir =
                 QFileDialog::getExistingDirectory(this, tr("Add station network folder"));
             if (!dir.isEmpty())
                 addStations(dir);
         });
    make("exportFigure", tr("&Export figure\u2026"), "export", QKeySequence(Qt::CTRL | Qt::Key_E),
         tr("Export the map or the visible plot as PNG, SVG or PDF"), [this] { exportFigure(); });
    make("exportLayer", tr("Export layer as &GeoTIFF\u2026"), "add-raster",
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
         tr("Write the current raster layer as a Cloud Optimized GeoTIFF with a QGIS style"),
         [this] { exportLayerGeoTiff(m_map->currentLayer()); });
    make("exportTable", tr("Export &table\u2026"), "table", QKeySequence(),
         tr("Write the last task result as JSON or CSV"), [this] { exportTable(); });
    make("exportSeries", tr("Export time-series &data\u2026"), "table", QKeySequence(),
         tr("Write the curves of the time-series view (the station's observations with their "
            "flags, products, predictions) as CSV"),
         [this] { exportTimeSeriesDialog(); });
    make("exportAnimation", tr("Export &animation\u2026"), "export", QKeySequence(),
         tr("Write every time step of the current series layer as PNG frames and an animated GIF"),
         [this] { exportAnimationDialog(); });
    make("openInQgis", tr("Open in &QGIS\u2026"), "export", QKeySequence(),
         tr("Write the map's layers as a QGIS project (.qgz) and open it in QGIS"),
         [this] { openInQgis(); });
    make("copy", tr("&Copy figure"), "copy", QKeySequence::Copy,
         tr("Copy the map or the visible plot to the clipboard"), [this] { copyFigure(); });
    make("quit", tr("&Quit"), "quit", QKeySequence::Quit, tr("Quit SoilScope"),
         [this] { close(); });
    make("zoomIn", tr("Zoom &in"), "zoom-in", QKeySequence::ZoomIn, tr("Zoom into the map"),
         [this] { m_map->zoomIn(); });
    make("zoomOut", tr("Zoom &out"), "zoom-out", QKeySequence::ZoomOut, tr("Zoom out of the map"),
         [this] { m_map->zoomOut(); });
    make("zoomFull", tr("&Full extent"), "zoom-full", QKeySequence(Qt::CTRL | Qt::Key_0),
         tr("Show all layers"), [this] { m_map->zoomToFullExtent(); });
    auto* pan = make("pan", tr("&Pan"), "pan", QKeySequence(Qt::Key_P), tr("Drag the map to pan"),
                     [this] { m_map->setTool(MapCanvas::Tool::Pan); });
    auto* identify = make("identify", tr("&Identify"), "identify", QKeySequence(Qt::Key_I),
                          tr("Click the map to list the values of every layer"),
                          [this] { m_map->setTool(MapCanvas::Tool::Identify); });
    auto* context =
        make("context", tr("&Borders and graticule"), nullptr, QKeySequence(),
             tr("Country borders, coastlines and a graticule under the stations"), [this](bool on) {
                 m_map->setContextVisible(on);
                 QSettings().setValue(QStringLiteral("map/context"), on);
             });
    context->setCheckable(true);
    context->setChecked(QSettings().value(QStringLiteral("map/context"), true).toBool());
    m_map->setContextVisible(context->isChecked());
    auto* tools = new QActionGroup(this);
    for (QAction* a : {pan, identify}) {
        a->setCheckable(true);
        tools->addAction(a);
    }
    pan->setChecked(true);
    make("prefs", tr("&Preferences\u2026"), "settings", QKeySequence::Preferences,
         tr("Language and job settings"), [this] { showPreferences(); });
    make("about", tr("&About SoilScope"), "help", QKeySequence(), tr("Version and licence"),
         [this] { showAbout(); });
    auto* undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setIcon(icon("undo"));
    undo->setShortcut(QKeySequence::Undo);
    auto* redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setIcon(icon("redo"));
    redo->setShortcut(QKeySequence::Redo);
    m_actions[QStringLiteral("undo")] = undo;
    m_actions[QStringLiteral("redo")] = redo;
}

void MainWindow::createDocks() {
    m_layers = new LayerPanel(m_map);
    connect(m_layers, &LayerPanel::exportLayerRequested, this, &MainWindow::exportLayerGeoTiff);
    connect(m_layers, &LayerPanel::regionRequested, this, &MainWindow::useAsValidationRegion);
    connect(m_layers, &LayerPanel::maskRequested, this, &MainWindow::setProductMask);
    connect(m_layers, &LayerPanel::validateRequested, this, &MainWindow::validateAtStations);
    m_tasks = new TaskPanel;
    connect(m_tasks, &TaskPanel::runRequested, this,
            [this](const QString& id, const std::map<std::string, std::string>& values) {
                runTask(id, values);
            });
    // Input path fields offer the map's layers, top first as the Layers dock lists them.
    connect(m_map, &MapCanvas::layersChanged, this, [this] {
        QList<QPair<QString, QString>> layers;
        for (int i = m_map->layerCount() - 1; i >= 0; --i)
            if (const MapLayer& l = m_map->layer(i); !l.path.isEmpty())
                layers.append({l.name, l.opened()});
        m_tasks->form()->setLayerPaths(layers);
    });
    // Any task's form gets the open project's file where it asks for one.
    connect(m_tasks, &TaskPanel::taskSelected, this, [this] {
        if (!m_projectPath.isEmpty())
            m_tasks->setValues({{"project", m_projectPath.toStdString()}});
    });
    m_project = new ProjectEditor(m_undo);
    connect(m_project, &ProjectEditor::previewRequested, this, &MainWindow::previewRole);
    connect(m_project, &ProjectEditor::predictorPreviewRequested, this,
            &MainWindow::previewPredictor);
    m_timeSeries = new TimeSeriesPlot;
    // Hiding a curve in the time-series legend takes it out of the station's scatter too.
    connect(m_timeSeries, &TimeSeriesPlot::hiddenChanged, this, [this] {
        if (!m_shownStation.second.isEmpty())
            scatterStationPairs(m_shownStation.second);
    });
    // Right-click on the time series: the station's power spectrum, or every curve's span.
    m_timeSeries->plot()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_timeSeries->plot(), &QWidget::customContextMenuRequested, this,
            [this](const QPoint& pos) {
                QMenu menu;
                QAction* spectrum = menu.addAction(tr("Power spectrum of %1…")
                                                       .arg(m_shownStation.second.isEmpty()
                                                                ? tr("the station")
                                                                : m_shownStation.second));
                spectrum->setEnabled(!m_shownStation.second.isEmpty());
                QAction* whole = menu.addAction(tr("Show every curve's whole span"));
                QAction* chosen = menu.exec(m_timeSeries->plot()->mapToGlobal(pos));
                if (chosen == spectrum)
                    spectrumOfShownStation();
                else if (chosen == whole)
                    m_timeSeries->showWholeSpan();
            });
    m_scatter = new ScatterPlot;
    m_spectrum = new SpectrumPlot;
    m_intraday = new IntradayView;
    m_training = new TrainingMonitor;
    m_sweeps = new SweepChart;
    m_stationView = new StationMetricsView;
    m_jobsPanel = new JobsPanel(m_jobs);
    m_log = new LogPanel;
    connect(m_jobsPanel, &JobsPanel::jobActivated, this, [this](TaskJob* job) {
        if (job->isTask())
            presentOutputs(job->outcome().result.outputs, job->resultJson(), job->taskId());
    });

    auto* layers =
        addDock(m_layers, tr("Layers"), QStringLiteral("layers"), Qt::LeftDockWidgetArea);
    auto* project =
        addDock(m_project, tr("Project"), QStringLiteral("project"), Qt::LeftDockWidgetArea);
    tabifyDockWidget(layers, project);
    layers->raise();
    addDock(m_tasks, tr("Parameters"), QStringLiteral("parameters"), Qt::RightDockWidgetArea);
    auto* ts = addDock(m_timeSeries, tr("Time series"), QStringLiteral("timeseries"),
                       Qt::BottomDockWidgetArea);
    for (auto [widget, title, name] :
         {std::tuple<QWidget*, QString, QString>{m_scatter, tr("Scatter"),
                                                 QStringLiteral("scatter")},
          {m_spectrum, tr("Spectrum"), QStringLiteral("spectrum")},
          {m_intraday, tr("Intraday"), QStringLiteral("intraday")},
          {m_training, tr("Training"), QStringLiteral("training")},
          {m_sweeps, tr("Scenarios"), QStringLiteral("scenarios")},
          {m_stationView, tr("Station metrics"), QStringLiteral("stations")}})
        tabifyDockWidget(ts, addDock(widget, title, name, Qt::BottomDockWidgetArea));
    ts->raise();
    auto* jobs = addDock(m_jobsPanel, tr("Jobs"), QStringLiteral("jobs"), Qt::RightDockWidgetArea);
    auto* log = addDock(m_log, tr("Log"), QStringLiteral("log"), Qt::RightDockWidgetArea);
    tabifyDockWidget(jobs, log);
    jobs->raise();
    resizeDocks({layers, m_docks[QStringLiteral("parameters")]}, {260, 330}, Qt::Horizontal);
    resizeDocks({ts}, {280}, Qt::Vertical);
}

void MainWindow::createMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    for (const char* k : {"new", "newFromData", "open"})
        file->addAction(m_actions[QLatin1String(k)]);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    auto* templates = file->addMenu(tr("New from &template"));
    templates->setToolTip(tr("The five workloads of the twin region as starting points"));
    connect(templates, &QMenu::aboutToShow, this, [this, templates] {
        templates->clear();
        const QString demo = QSettings().value(QStringLiteral("demoDir")).toString();
        const QStringList files = QDir(demo + QStringLiteral("/projects"))
                                      .entryList({QStringLiteral("*.soilscope.json")}, QDir::Files);
        if (files.isEmpty()) {
            templates->addAction(tr("(generate the twin region with --demo first)"))
                ->setEnabled(false);
            return;
        }
        for (const QString& f : files) {
            const QString path = demo + QStringLiteral("/projects/") + f;
            templates->addAction(QString(f).remove(QStringLiteral(".soilscope.json")), this,
                                 [this, path] { loadTemplate(path); });
        }
    });
    for (const char* k : {"save", "saveAs"})
        file->addAction(m_actions[QLatin1String(k)]);
    file->addSeparator();
    for (const char* k : {"addRaster", "addStations", "addStationsFolder", "addPolygons"})
        file->addAction(m_actions[QLatin1String(k)]);
    file->addSeparator();
    for (const char* k : {"exportFigure", "exportLayer", "exportAnimation", "exportTable",
                          "exportSeries", "openInQgis"})
        file->addAction(m_actions[QLatin1String(k)]);
    file->addSeparator();
    file->addAction(m_actions[QStringLiteral("quit")]);

    auto* edit = menuBar()->addMenu(tr("&Edit"));
    for (const char* k : {"undo", "redo", "copy"})
        edit->addAction(m_actions[QLatin1String(k)]);
    edit->addSeparator();
    edit->addAction(m_actions[QStringLiteral("prefs")]);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (const char* k : {"zoomIn", "zoomOut", "zoomFull"})
        m_viewMenu->addAction(m_actions[QLatin1String(k)]);
    m_viewMenu->addSeparator();
    for (const char* k : {"pan", "identify"})
        m_viewMenu->addAction(m_actions[QLatin1String(k)]);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_actions[QStringLiteral("context")]);
    m_viewMenu->addSeparator();
    auto* panels = m_viewMenu->addMenu(tr("&Panels"));
    int n = 1;
    for (const QString& name :
         {QStringLiteral("layers"), QStringLiteral("project"), QStringLiteral("parameters"),
          QStringLiteral("timeseries"), QStringLiteral("scatter"), QStringLiteral("spectrum"),
          QStringLiteral("intraday"), QStringLiteral("training"), QStringLiteral("scenarios"),
          QStringLiteral("jobs"), QStringLiteral("log")}) {
        QAction* toggle = m_docks[name]->toggleViewAction();
        if (n <= 9)
            toggle->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_0 + n)));
        ++n;
        panels->addAction(toggle);
    }

    // Every registered task, by group: choosing one opens its form in the Parameters dock.
    auto* tasksMenu = menuBar()->addMenu(tr("&Tasks"));
    std::map<std::string, QMenu*> groups;
    auto& registry = tasks::TaskRegistry::instance();
    for (const auto& id : registry.ids()) {
        const auto info = registry.create(id)->info();
        QMenu*& menu = groups[info.group];
        if (!menu)
            menu =
                tasksMenu->addMenu(info.group.empty() ? tr("Other") : widgets::trTask(info.group));
        QAction* a = menu->addAction(icon("run"), widgets::trTask(info.title));
        a->setToolTip(widgets::trTask(info.description));
        a->setStatusTip(widgets::trTask(info.description));
        const QString taskId = QString::fromStdString(id);
        connect(a, &QAction::triggered, this, [this, taskId] {
            m_tasks->selectTask(taskId);
            showView(QStringLiteral("parameters"));
        });
    }
    if (registry.ids().empty())
        tasksMenu->addAction(tr("(no task is registered)"))->setEnabled(false);

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_actions[QStringLiteral("about")]);

    auto* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolbar"));
    bar->setIconSize(QSize(20, 20));
    for (const char* k : std::initializer_list<const char*>{
             "open", "save", nullptr, "addRaster", "addStations", nullptr, "pan", "identify",
             "zoomIn", "zoomOut", "zoomFull", nullptr, "undo", "redo", nullptr, "exportFigure",
             "copy"}) {
        if (!k)
            bar->addSeparator();
        else
            bar->addAction(m_actions[QLatin1String(k)]);
    }
    updateRecentMenu();
}

void MainWindow::restoreSettings() {
    QSettings s;
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1440, 900);
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_jobs->setMaxConcurrent(s.value(QStringLiteral("jobs/maxConcurrent"), 1).toInt());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    if (m_jobs->runningCount() + m_jobs->pendingCount() > 0) {
        const auto answer = QMessageBox::question(this, tr("Jobs are running"),
                                                  tr("Cancel the running jobs and quit?"),
                                                  QMessageBox::Yes | QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_jobs->cancelAll();
    }
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

bool MainWindow::isModified() const {
    return !m_undo->isClean();
}

void MainWindow::updateTitle() {
    const QString name =
        m_projectPath.isEmpty() ? tr("Untitled project") : QFileInfo(m_projectPath).fileName();
    setWindowTitle(QStringLiteral("%1[*] \u2014 SoilScope").arg(name));
    setWindowModified(isModified());
}

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentProjects")).toStringList();
    for (const QString& path : recent)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (maybeSave())
                                openProject(path);
                        })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::addRecent(const QString& path) {
    QSettings s;
    QStringList recent = s.value(QStringLiteral("recentProjects")).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    recent.removeAll(abs);
    recent.prepend(abs);
    while (recent.size() > 10)
        recent.removeLast();
    s.setValue(QStringLiteral("recentProjects"), recent);
    updateRecentMenu();
}

bool MainWindow::maybeSave() {
    if (!isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("The project has unsaved changes. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return saveProject();
    if (answer != QMessageBox::Discard)
        return false;
    m_autosave->discard(m_projectPath);
    return true;
}

void MainWindow::showView(const QString& view, bool enlarge) {
    const QString name = view == QLatin1String("map") ? QStringLiteral("layers") : view;
    if (auto it = m_docks.find(name); it != m_docks.end()) {
        it->second->show();
        it->second->raise();
        if (enlarge && view != QLatin1String("map"))
            resizeDocks({it->second}, {height() * 9 / 20}, Qt::Vertical);
    }
}

bool MainWindow::waitUntilIdle(int timeoutMs, bool tasksToo) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
        const bool tasksDone =
            !tasksToo || (m_jobs->runningCount() == 0 && m_jobs->pendingCount() == 0);
        if (m_pendingLoads == 0 && tasksDone && !m_map->isRendering())
            return true;
    }
    return false;
}

} // namespace soilscope::gui

namespace soilscope::gui {

void MainWindow::showPreferences() {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Preferences"));
    auto* language = new QComboBox;
    language->addItem(tr("System default"), QString());
    language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    QSettings s;
    language->setCurrentIndex(
        std::max(0, language->findData(s.value(QStringLiteral("language")).toString())));
    auto* concurrent = new QSpinBox;
    concurrent->setRange(1, 8);
    concurrent->setValue(m_jobs->maxConcurrent());
    concurrent->setToolTip(
        tr("Jobs that run at the same time; training on one GPU is best run one at a time"));
    auto* autosave = new QSpinBox;
    autosave->setRange(0, 3600);
    autosave->setSuffix(tr(" s"));
    autosave->setSpecialValueText(tr("off"));
    autosave->setValue(m_autosave->intervalSeconds());
    autosave->setToolTip(tr("Unsaved project edits are written aside this often and offered back "
                            "when the project is opened after a crash"));
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Language (after restart)"), language);
    form->addRow(tr("Parallel jobs"), concurrent);
    form->addRow(tr("Autosave project edits every"), autosave);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    s.setValue(QStringLiteral("language"), language->currentData().toString());
    s.setValue(QStringLiteral("jobs/maxConcurrent"), concurrent->value());
    m_jobs->setMaxConcurrent(concurrent->value());
    s.setValue(QStringLiteral("autosave/seconds"), autosave->value());
    m_autosave->setIntervalSeconds(autosave->value());
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About SoilScope"),
        tr("<h3>SoilScope %1</h3><p>Surface soil moisture from satellite data with machine "
           "learning, "
           "validated against in situ stations.</p><p>%2 tasks are available; every one also runs "
           "headless with <tt>soilscope-cli</tt>.</p>")
            .arg(QStringLiteral(SOILSCOPE_VERSION))
            .arg(tasks::TaskRegistry::instance().ids().size()));
}

} // namespace soilscope::gui
