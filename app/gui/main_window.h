#pragma once
#include "base/output_spec.h"
#include "widgets/station_store.h"

#include <QGuiApplication>
#include <QJsonObject>
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QTemporaryDir>

#include <functional>
#include <map>
#include <memory>
#include <string>

class QAction;
class QLabel;
class QMenu;
class QUndoStack;

namespace soilscope::widgets {
class IntradayView;
class JobQueue;
class JobsPanel;
class LayerPanel;
class LogPanel;
class MapCanvas;
struct MapLayer;
class ScatterPlot;
class SpectrumPlot;
class SweepChart;
class TaskJob;
class TimeSeriesPlot;
class TrainingMonitor;
class OutputPresenters;
} // namespace soilscope::widgets

namespace soilscope::gui {

class ProjectAutosave;
class ProjectEditor;
struct StationMetricsTable;
class StationMetricsView;
class TaskPanel;

/// The SoilScope main window: the map in the centre, docks for layers, task parameters,
/// the project, plots, jobs and the log; menus and toolbar for everything.
class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a project file; false (with a message in the log and a dialog unless quiet) on error.
    bool openProject(const QString& path, bool quiet = false);
    /// Saves to the current file (or asks); false when canceled or failed.
    bool saveProject();
    bool saveProjectAs(const QString& path);
    /// Adds a raster file (GeoTIFF, NetCDF, ...) as a map layer (`result`: a task's output);
    /// returns the layer index or -1.
    int addRaster(const QString& path, bool result = false);
    /// Adds an ISMN archive as a station layer (loaded on a worker thread).
    void addStations(const QString& path);
    /// File → New project from a data folder: the project-new scan with the roles to confirm
    /// or change; opens the project it writes.
    void newProjectFromData();
    /// Adds the polygons of a vector file as read for a validation's --regions (loads in a job).
    void addPolygons(const QString& path);
    /// Opens validate-network (or keeps validate-grid) with polygon layer `index` as its regions.
    void useAsValidationRegion(int index);
    /// Opens validate-network with product layer `index` (a point product with its mask, or a
    /// dated series) against the topmost ISMN station layer of the map; false, saying why in the
    /// status bar, when the map has none.
    bool validateAtStations(int index);
    /// Opens the spectrum task on the station (or grid point) of the time-series view: its
    /// archive with network and station, or the product at the grid point's lon/lat; false,
    /// saying why in the status bar, when the view shows none.
    bool spectrumOfShownStation();
    /// Shows a task's saved JSON result (soilscope-cli ... --json) in the matching views.
    bool openResult(const QString& path);
    /// Adds a folder of dated images (ESA CCI SM daily files) as one raster series layer.
    void loadImageFolder(const QString& folder);
    /// Adds files by type (rasters, station archives and point products, image folders, swath
    /// and SMAP products gridded, polygons), as drag and drop does.
    void addFiles(const QStringList& paths);
    /// Runs a task as a job; returns the job (owned by the queue).
    widgets::TaskJob* runTask(const QString& taskId,
                              const std::map<std::string, std::string>& values);
    /// Computes a predictor of the project (0-based, as the project editor lists them) on a
    /// worker thread and shows it as a map layer.
    void previewPredictor(int index);
    /// Shows a station's observations with the predictions and products at its position.
    void showStation(const QString& network, const QString& station);
    /// Reads point-product layer `index` again keeping the observations `mask` keeps (its
    /// markers' colours and counts, and the grid point shown in the time-series view); a mask
    /// that does not parse or names a variable the product lacks leaves the layer as it was and
    /// says why in the log.
    void setProductMask(int index, const QString& mask);
    /// The station's matched pairs of the validation run shown (reference and every candidate
    /// as the metrics saw them) with its metrics; false when the run has none for it.
    bool showMatchedPairs(const QString& network, const QString& station);
    /// Shows the time series of the pixel at lon/lat of the current raster series (and of the
    /// visible series in the same units); false when no series layer is current.
    bool showPixelSeries(double lon, double lat);
    /// Raises one of the views: map, timeseries, scatter, spectrum, intraday, training.
    void showView(const QString& view, bool enlarge = false);
    /// True when the project has unsaved edits.
    bool isModified() const;
    /// Waits (processing events) until layers finished loading and rendering (and task jobs
    /// ended, with tasksToo), up to timeoutMs.
    bool waitUntilIdle(int timeoutMs, bool tasksToo = false);
    /// Puts the project edits autosaved in `file` (ProjectAutosave) into the project, as one
    /// edit that can be undone and is not saved yet; false (with the error logged) when the file
    /// cannot be read.
    bool restoreAutosave(const QString& file);
    /// Writes the map's layers as a QGIS project (.qgz/.qgs); false (with the error logged) when
    /// it cannot.
    bool writeQgisProject(const QString& path);
    /// Writes the curves of the time-series view as CSV (series::seriesTableCsv); false (with
    /// the reason in the status bar and the log) when there is none or it cannot be written.
    bool writeTimeSeriesTable(const QString& path);
    /// Writes the result of the last task or opened result: JSON, or its scalars as key,value
    /// CSV rows (by the file's extension), through a temporary file; false (with the reason in
    /// the status bar and the log) when there is none or it cannot be written.
    bool writeResultTable(const QString& path);

    widgets::MapCanvas* map() const { return m_map; }
    widgets::JobQueue* jobs() const { return m_jobs; }
    widgets::TimeSeriesPlot* timeSeries() const { return m_timeSeries; }
    widgets::ScatterPlot* scatter() const { return m_scatter; }
    widgets::SpectrumPlot* spectrum() const { return m_spectrum; }
    widgets::IntradayView* intraday() const { return m_intraday; }
    widgets::TrainingMonitor* trainingMonitor() const { return m_training; }
    widgets::SweepChart* scenarios() const { return m_sweeps; }
    StationMetricsView* stationMetrics() const { return m_stationView; }
    widgets::LogPanel* log() const { return m_log; }
    TaskPanel* taskPanel() const { return m_tasks; }
    ProjectEditor* projectEditor() const { return m_project; }
    ProjectAutosave* autosave() const { return m_autosave; }
    QUndoStack* undoStack() const { return m_undo; }
    const QString& projectPath() const { return m_projectPath; }

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void createActions();
    void createDocks();
    void createMenus();
    void restoreSettings();
    void updateTitle();
    void updateRecentMenu();
    void addRecent(const QString& path);
    bool maybeSave();
    /// Opening a project that has newer autosaved edits: asks whether to restore or discard
    /// them (quiet: keeps the file and says where it is).
    void offerAutosave(const QString& file, bool quiet);
    void newProject();
    void openProjectDialog();
    void addRasterDialog();
    void zoomWhenLoaded();
    /// Loads a raster file as a job; it is added to the map (named `name`, else after the
    /// file) when described. Of a file of several variables, those the user chooses are added.
    void loadRaster(const QString& path, const QString& name = {});
    /// Grids a swath or SMAP product with product-to-grid's defaults; the map shows the result.
    void gridProduct(const QString& path);
    /// Runs a layer or series load as a job (listed in the Jobs panel, with progress and
    /// Cancel); `done` runs on the GUI thread when it succeeded, a failure is reported where the
    /// user is looking with the job's title.
    widgets::TaskJob* startLoad(const QString& title, std::function<void(Feedback&)> work,
                                std::function<void()> done);
    void arrangeProjectLayers();
    int chooseBackdrop(const QList<int>& candidates) const;
    void addStationsDialog();
    /// The scatter view after a station's time series: its observations against the first
    /// product or prediction shown (not hidden in the legend) that shares times with them, with
    /// validate's metrics (or why not).
    void scatterStationPairs(const QString& station);
    void exportFigure();
    void exportLayerGeoTiff(int index);
    void exportTable();
    void exportTimeSeriesDialog();
    void openInQgis();
    void exportAnimationDialog();
    void copyFigure();
    void showPreferences();
    void showAbout();
    void previewRole(const QString& role);
    void previewGriddedRole(const QString& role);
    void addRoleLayer(const widgets::MapLayer& layer);
    void onJobFinished(widgets::TaskJob* job);
    /// The view presenters of every output kind.
    void registerPresenters();
    /// Shows each output in the view of its kind; `name` names the result in the log.
    void presentOutputs(const std::vector<OutputValue>& outputs, const QJsonObject& result,
                        const QString& name);
    /// An error where the user is looking: the status bar and the log (with its source).
    void reportError(const QString& message, const QString& source);
    /// Adds a described raster layer below the station markers; returns its index.
    int addRasterLayer(const widgets::MapLayer& layer);
    /// The intraday per-pixel means as Δ_SM and hour-of-max layers (the product's on top and
    /// shown).
    void addIntradayLayers(const QList<QPair<QString, QString>>& means);
    /// Metrics as marker values of the station layers showing these stations, else of a new
    /// layer built from the table (its markers open the stations of `stationsPath`).
    void applyStationMetrics(const StationMetricsTable& table, const QString& stationsPath = {});
    void loadTemplate(const QString& path);
    QWidget* currentFigureWidget(QString* name) const;
    QDockWidget* addDock(QWidget* widget, const QString& title, const QString& objectName,
                         Qt::DockWidgetArea area);

    widgets::MapCanvas* m_map = nullptr;
    widgets::LayerPanel* m_layers = nullptr;
    TaskPanel* m_tasks = nullptr;
    ProjectEditor* m_project = nullptr;
    ProjectAutosave* m_autosave = nullptr;
    widgets::TimeSeriesPlot* m_timeSeries = nullptr;
    widgets::ScatterPlot* m_scatter = nullptr;
    widgets::SpectrumPlot* m_spectrum = nullptr;
    widgets::IntradayView* m_intraday = nullptr;
    widgets::TrainingMonitor* m_training = nullptr;
    widgets::SweepChart* m_sweeps = nullptr;
    StationMetricsView* m_stationView = nullptr;
    std::unique_ptr<widgets::OutputPresenters> m_presenters;
    QPointer<widgets::TaskJob> m_trainingJob;
    widgets::JobQueue* m_jobs = nullptr;
    widgets::JobsPanel* m_jobsPanel = nullptr;
    widgets::LogPanel* m_log = nullptr;
    QUndoStack* m_undo = nullptr;
    std::map<QString, QDockWidget*> m_docks;
    std::map<QString, QAction*> m_actions;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QLabel* m_lonLat = nullptr;
    QLabel* m_mapXY = nullptr;
    QLabel* m_value = nullptr;
    QLabel* m_activity = nullptr;
    QString m_projectPath;
    QStringList m_projectRoles; ///< raster roles of the open project, in project order
    QString m_targetRole;
    QJsonObject m_lastResult;
    QString m_lastResultTask;
    int m_pendingLoads = 0;
    bool m_zoomPending = false;
    std::shared_ptr<widgets::StationStore> m_stations;
    QString m_stationLayerPath;
    QPair<QString, QString> m_shownStation; ///< network and station of the time-series view
    std::shared_ptr<StationMetricsTable> m_stationMetrics;
    std::unique_ptr<QTemporaryDir> m_scratch; ///< gridded product previews of this session
    /// Whether choices (a file's variables) are asked in a dialog: not when rendering offscreen
    /// (screenshots, tests), where the defaults are taken.
    bool m_askUser = QGuiApplication::platformName() != QLatin1String("offscreen");
    QString m_matchedPairs; ///< matched_pairs.csv of the validation run shown, when it has one
};

} // namespace soilscope::gui
