// The desktop application end to end on the tiny twin region: open its project, add a raster
// and a station network, open a station's time series, run a quick training while the event
// loop stays responsive, see the result layer, export a figure and a GeoTIFF, cancel a job.
#include "../widgets/event_loop_gap_meter.h"
#include "base/atomic_file.h"
#include "geo/geotiff_writer.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "gui/application.h"
#include "gui/command_line.h"
#include "gui/main_window.h"
#include "gui/predictor_preview.h"
#include "gui/project_autosave.h"
#include "gui/project_editor.h"
#include "gui/project_wizard.h"
#include "gui/station_metrics_view.h"
#include "gui/task_panel.h"
#include "gui/variable_chooser.h"
#include "project/project_file.h"
#include "series/quality_flags.h"
#include "tasks/task_registry.h"
#include "tasks/task_runner.h"
#include "widgets/colour_map.h"
#include "widgets/figure_export.h"
#include "widgets/intraday_view.h"
#include "widgets/job_queue.h"
#include "widgets/layer_panel.h"
#include "widgets/log_panel.h"
#include "widgets/map_canvas.h"
#include "widgets/parameter_form.h"
#include "widgets/qcp.h"
#include "widgets/qgis_project.h"
#include "widgets/scatter_plot.h"
#include "widgets/spectrum_plot.h"
#include "widgets/sweep_chart.h"
#include "widgets/task_job.h"
#include "widgets/time_series_plot.h"
#include "widgets/training_monitor.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>
#include <QUndoStack>

#include <cmath>

using namespace soilscope;

class TestMainWindow : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir m_dir;
    QString m_twin;
    QString m_project;
    std::unique_ptr<gui::MainWindow> m_window;

    /// Index of the (last) map layer called `name`, -1 when none.
    int layerNamed(const QString& name) const {
        int found = -1;
        for (int i = 0; i < m_window->map()->layerCount(); ++i)
            if (m_window->map()->layer(i).name == name)
                found = i;
        return found;
    }

    QString findFile(const QString& pattern) const {
        QStringList found;
        QDirIterator it(m_twin, {pattern}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        found.sort();
        return found.value(0);
    }

    /// Exactly one project raster is shown, below the stations, rendered with values in view;
    /// the project's rasters are listed in the project's order whatever order they loaded in.
    /// Saves a view's picture in $SOILSCOPE_SCREENSHOT_DIR (docs/ when regenerating the
    /// documentation), else in the test's folder.
    void saveScreenshot(QWidget* view, const QString& name) {
        const QString dir = qEnvironmentVariableIsSet("SOILSCOPE_SCREENSHOT_DIR")
                                ? qEnvironmentVariable("SOILSCOPE_SCREENSHOT_DIR")
                                : m_dir.path();
        const QImage image = view->grab().toImage();
        QVERIFY2(!image.isNull() && image.width() > 100, qPrintable(name));
        QVERIFY2(image.save(dir + QLatin1Char('/') + name),
                 qPrintable(dir + QLatin1Char('/') + name));
    }

    void checkBackdrop() {
        const auto* map = m_window->map();
        QTRY_VERIFY_WITH_TIMEOUT(!map->isRendering(), 30000);
        int visible = -1, count = 0, stations = -1;
        QStringList rasters;
        for (int i = 0; i < map->layerCount(); ++i) {
            const auto& l = map->layer(i);
            if (l.type == widgets::MapLayer::Type::Stations)
                stations = i;
            if (l.type != widgets::MapLayer::Type::Raster)
                continue;
            rasters.prepend(l.name);
            if (l.visible) {
                visible = i;
                ++count;
            }
        }
        QCOMPARE(count, 1);
        QVERIFY(stations > visible);
        QCOMPARE(map->currentLayer(), visible);
        QStringList sorted = rasters;
        sorted.sort();
        QCOMPARE(rasters, sorted);
        // The terrain of the twin's projects is the backdrop; its pixels have values on screen.
        QCOMPARE(map->layer(visible).name, QStringLiteral("elevation"));
        const auto b = *map->fullExtent();
        const QPointF centre = map->toScreen((b.xmin + b.xmax) / 2, (b.ymin + b.ymax) / 2);
        QVERIFY2(std::isfinite(map->valueAt(visible, centre.toPoint())),
                 qPrintable(QStringLiteral("no value at the centre (%1, %2) of a %3 x %4 map: %5")
                                .arg(centre.x())
                                .arg(centre.y())
                                .arg(map->width())
                                .arg(map->height())
                                .arg(map->renderError(visible))));
        const auto shown = map->visibleBounds();
        const auto grid = map->layer(visible).grid.bounds();
        QVERIFY(shown.xmin <= grid.xmin && shown.xmax >= grid.xmax && shown.ymin <= grid.ymin &&
                shown.ymax >= grid.ymax);
    }

  private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("SoilScopeTest"));
        QVERIFY(m_dir.isValid());
        auto task = tasks::TaskRegistry::instance().create("demo");
        if (!task)
            QSKIP("the demo task is not registered in this build");
        m_twin = m_dir.filePath(QStringLiteral("twin"));
        soilscope::Feedback feedback;
        const auto outcome =
            tasks::runTask(*task, {{"out", m_twin.toStdString()}, {"preset", "tiny"}}, feedback);
        QVERIFY2(outcome.status == tasks::TaskStatus::Succeeded, outcome.errorMessage.c_str());
        QStringList projects =
            QDir(m_twin + QStringLiteral("/projects"))
                .entryList({QStringLiteral("*.soilscope.json")}, QDir::Files, QDir::Name);
        // The random-forest workload trains fastest; prefer it when the twin has it.
        if (projects.removeAll(QStringLiteral("sar_ml_scenarios.soilscope.json")))
            projects.prepend(QStringLiteral("sar_ml_scenarios.soilscope.json"));
        QVERIFY(!projects.isEmpty());
        // The first project the learning engine accepts (quick training needs a complete one).
        for (const QString& name : projects) {
            try {
                project::loadProject((m_twin + QStringLiteral("/projects/") + name).toStdString());
                m_project = m_twin + QStringLiteral("/projects/") + name;
                break;
            } catch (const std::exception& e) {
                qInfo("skipping %s: %s", qPrintable(name), e.what());
            }
        }
        QVERIFY2(!m_project.isEmpty(), "no twin project could be loaded");
        m_window = std::make_unique<gui::MainWindow>();
        m_window->resize(1280, 800);
        m_window->show();
    }

    void commandLine() {
        const auto cmd = gui::CommandLine::parse(
            {QStringLiteral("soilscope"), QStringLiteral("--project"), m_project,
             QStringLiteral("--screenshot"), QStringLiteral("x.png"), QStringLiteral("--view"),
             QStringLiteral("scatter")});
        QVERIFY(cmd.error.isEmpty());
        QCOMPARE(cmd.project, m_project);
        QCOMPARE(cmd.view, QStringLiteral("scatter"));
        QVERIFY(!gui::CommandLine::parse({QStringLiteral("soilscope"), QStringLiteral("--view"),
                                          QStringLiteral("nope")})
                     .error.isEmpty());
        QVERIFY(gui::CommandLine::parse({QStringLiteral("soilscope"), QStringLiteral("--view"),
                                         QStringLiteral("predictor")})
                    .error.isEmpty());
        // The training view trains first (quick unless asked for the project's full settings).
        const auto training = gui::CommandLine::parse(
            {QStringLiteral("soilscope"), QStringLiteral("--screenshot"), QStringLiteral("t.png"),
             QStringLiteral("--view"), QStringLiteral("training")});
        QVERIFY(training.error.isEmpty());
        QCOMPARE(training.train, QStringLiteral("quick"));
        QCOMPARE(gui::CommandLine::parse({QStringLiteral("soilscope"),
                                          QStringLiteral("--screenshot"), QStringLiteral("t.png"),
                                          QStringLiteral("--view"), QStringLiteral("training"),
                                          QStringLiteral("--train"), QStringLiteral("full")})
                     .train,
                 QStringLiteral("full"));
        QVERIFY(!gui::CommandLine::parse({QStringLiteral("soilscope"), QStringLiteral("--train"),
                                          QStringLiteral("often")})
                     .error.isEmpty());
    }

    void parameterEntriesOfAProjectAreNotLoadedAsLayers() {
        // wcm_lstm's data hold model constants (vwc_from_ndvi, wcm_vh) beside its files
        const QString project = m_twin + QStringLiteral("/projects/wcm_lstm.soilscope.json");
        if (!QFileInfo::exists(project))
            QSKIP("the twin has no wcm_lstm project");
        m_window->jobs()->clearFinished();
        QSignalSpy added(m_window->jobs(), &widgets::JobQueue::jobAdded);
        QVERIFY(m_window->openProject(project, true));
        QVERIFY(m_window->waitUntilIdle(120000));
        QVERIFY(added.count() > 0);                      // its layers loaded
        for (const auto* job : m_window->jobs()->jobs()) // failed loads stay listed
            QVERIFY2(job->state() != widgets::TaskJob::State::Failed,
                     qPrintable(job->title() + ": " + job->errorMessage()));
        m_window->jobs()->clearFinished();
    }

    void opensTheTwinProject() {
        QVERIFY(m_window->openProject(m_project, true));
        QCOMPARE(m_window->projectPath(), QFileInfo(m_project).absoluteFilePath());
        QVERIFY(m_window->waitUntilIdle(120000));
        QVERIFY(m_window->map()->layerCount() > 0);
        QVERIFY(!m_window->isModified());
        checkBackdrop();
        // The Parameters dock offers to train the project.
        if (tasks::TaskRegistry::instance().create("train")) {
            QCOMPARE(m_window->taskPanel()->currentTask(), QStringLiteral("train"));
            QCOMPARE(QString::fromStdString(m_window->taskPanel()->form()->values().at("project")),
                     QFileInfo(m_project).absoluteFilePath());
        }
        // An edit is undoable and marks the project modified.
        m_window->projectEditor()->edit("/name", "renamed");
        QVERIFY(m_window->isModified());
        m_window->undoStack()->undo();
        QVERIFY(!m_window->isModified());
        // The Training tab is a form generated from the published training settings: editing
        // a field is an undoable edit of its JSON pointer, typed as declared.
        widgets::ParameterForm* training = nullptr;
        for (auto* form : m_window->projectEditor()->findChildren<widgets::ParameterForm*>())
            if (form->field("optimizer.eps") && form->field("epochs"))
                training = form;
        QVERIFY2(training, "no generated training form in the project editor");
        auto* epochs = qobject_cast<QSpinBox*>(training->field("epochs"));
        QVERIFY(epochs);
        QCOMPARE(epochs->maximum(), 1000000);
        nlohmann::json expected =
            m_window->projectEditor()->document().value("training", nlohmann::json::object());
        expected["epochs"] = 7;
        epochs->setValue(7);
        const auto& doc = m_window->projectEditor()->document();
        // Only the edited field is written (no rounded defaults of the other fields, e.g. eps
        // 1e-8).
        QCOMPARE(doc.value("training", nlohmann::json::object()).dump(), expected.dump());
        QVERIFY2(doc.contains("training") && doc["training"].value("epochs", 0) == 7,
                 doc.dump().c_str());
        QVERIFY(m_window->isModified());
        m_window->undoStack()->undo();
        QVERIFY(!m_window->isModified());
        QVERIFY(!m_window->projectEditor()
                     ->document()
                     .value("training", nlohmann::json::object())
                     .contains("epochs") ||
                m_window->projectEditor()->document()["training"]["epochs"] != 7);
    }

    void previewsAComputedPredictor() {
        // The predictor as training sees it (here sin of the aspect in degrees), not its source.
        const auto predictors =
            gui::effectivePredictors(m_window->projectEditor()->document(), m_project);
        int index = -1;
        for (std::size_t i = 0; i < predictors.size(); ++i)
            if (predictors[i].value("transforms", nlohmann::json::array()).dump().find("sin_deg") !=
                std::string::npos)
                index = int(i);
        if (index < 0)
            QSKIP("the project has no predictor with a sin_deg transform");
        QVERIFY(m_window->projectEditor()->selectPredictor(index));
        const std::string role = predictors[std::size_t(index)].value("role", "");
        const int before = m_window->map()->layerCount();
        m_window->previewPredictor(index);
        QVERIFY(m_window->waitUntilIdle(120000));
        QCOMPARE(m_window->map()->layerCount(), before + 1);
        const auto& layer = m_window->map()->layer(m_window->map()->currentLayer());
        QVERIFY2(layer.name.startsWith(QStringLiteral("predictor ")), qPrintable(layer.name));
        QVERIFY(layer.visible);
        const geo::Raster preview(layer.path.toStdString());
        const auto computed = preview.readWindow(1, {0, 0, preview.width(), preview.height()});
        // The source: the band of the static raster the role names.
        const auto project = project::loadProject(m_project.toStdString());
        const auto& source = project.data.at(role);
        const geo::Raster raw(source.path);
        const auto aspect = raw.readWindow(source.band, {0, 0, raw.width(), raw.height()});
        QCOMPARE(computed.size(), aspect.size());
        double worst = 0.0;
        for (std::size_t i = 0; i < aspect.size(); ++i)
            worst = std::max(
                worst, std::abs(double(computed[i]) - std::sin(double(aspect[i]) * M_PI / 180.0)));
        QVERIFY2(worst < 1e-4,
                 qPrintable(QStringLiteral("preview differs from sin(aspect) by %1").arg(worst)));
        // Computing it again replaces the layer.
        m_window->previewPredictor(index);
        QVERIFY(m_window->waitUntilIdle(120000));
        QCOMPARE(m_window->map()->layerCount(), before + 1);
    }

    void addsARasterAndStations() {
        const int before = m_window->map()->layerCount();
        const QString tif = findFile(QStringLiteral("*.tif"));
        QVERIFY2(!tif.isEmpty(), "the twin has no GeoTIFF");
        QVERIFY(m_window->addRaster(tif) >= 0);
        const QString zip = findFile(QStringLiteral("*.zip"));
        QVERIFY2(!zip.isEmpty(), "the twin has no ISMN zip");
        m_window->addStations(zip);
        QVERIFY(m_window->waitUntilIdle(120000));
        QCOMPARE(m_window->map()->layerCount(), before + 2);
        const auto& stations = m_window->map()->layer(m_window->map()->layerCount() - 1);
        QCOMPARE(stations.type, widgets::MapLayer::Type::Stations);
        QVERIFY(!stations.stations.empty());
    }

    void loadsAreJobsAndTheirErrorsNameTheFile() {
        // A file added by the user is loaded as a job in the Jobs panel; a failure shows in the
        // status bar (where the user is looking) with the file named, and adds no layer.
        const QString broken = m_dir.filePath(QStringLiteral("broken-layer.tif"));
        {
            QFile f(broken);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a GeoTIFF at all");
        }
        const int before = m_window->map()->layerCount();
        QSignalSpy added(m_window->jobs(), &widgets::JobQueue::jobAdded);
        m_window->addFiles({broken});
        QCOMPARE(added.count(), 1);
        auto* job = added.first().at(0).value<widgets::TaskJob*>();
        QVERIFY(!job->isTask());
        QVERIFY(job->title().contains(QStringLiteral("broken-layer.tif")));
        QVERIFY(m_window->waitUntilIdle(60000));
        QCOMPARE(job->state(), widgets::TaskJob::State::Failed);
        QCOMPARE(m_window->map()->layerCount(), before);
        QVERIFY2(m_window->statusBar()->currentMessage().contains(broken),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QVERIFY(m_window->jobs()->jobs().contains(job)); // stays listed with its message
        m_window->jobs()->clearFinished();
    }

    void taskInputsOfferTheMapLayers() {
        const QString before = m_window->taskPanel()->currentTask();
        QVERIFY(m_window->taskPanel()->selectTask(QStringLiteral("raster-info")));
        QMenu* menu = m_window->taskPanel()->form()->layerMenu("input");
        QVERIFY(menu);
        QList<QAction*> layers;
        for (QAction* a : menu->actions())
            if (!a->isSeparator())
                layers << a;
        const auto* map = m_window->map();
        QCOMPARE(layers.size(), map->layerCount());
        QCOMPARE(layers.front()->text(), map->layer(map->layerCount() - 1).name); // top first
        layers.back()->trigger();
        QCOMPARE(QString::fromStdString(m_window->taskPanel()->form()->values().at("input")),
                 map->layer(0).path);
        QVERIFY(m_window->taskPanel()->selectTask(before));
    }

    void opensAStationTimeSeries() {
        const auto& stations = m_window->map()->layer(m_window->map()->layerCount() - 1);
        QVERIFY(!stations.stations.empty());
        m_window->showStation(stations.stations.front().network, stations.stations.front().name);
        QVERIFY(m_window->waitUntilIdle(120000));
        QVERIFY(m_window->timeSeries()->seriesCount() >= 1);
        QVERIFY(m_window->timeSeries()->title().contains(stations.stations.front().name));
        // The project's layers join the station's series by what they declare (units), not by
        // their names: precipitation (mm) as bars, volumetric soil moisture as products.
        QSet<int> roles;
        for (int i = 0; i < m_window->timeSeries()->seriesCount(); ++i)
            roles.insert(int(m_window->timeSeries()->roleAt(i)));
        QVERIFY(roles.contains(int(widgets::SeriesRole::Observation)));
        QVERIFY(roles.contains(int(widgets::SeriesRole::Precipitation)));
        QVERIFY(roles.contains(int(widgets::SeriesRole::Product)));
        // The station's curve holds no value ISMN flagged C or D (those are marks apart).
        const auto& observed = m_window->timeSeries()->seriesAt(0);
        QCOMPARE(m_window->timeSeries()->roleAt(0), widgets::SeriesRole::Observation);
        QVERIFY(observed.hasFlags());
        for (const std::uint32_t f : observed.flags)
            QVERIFY(!(f & (series::flag::AnyC | series::flag::AnyD)));
        // The twin's stations measure soil temperature: its frozen spells are shaded.
        QVERIFY(!m_window->timeSeries()->frozenSpans().empty());
    }

    void exportsTheTimeSeriesShown() {
        // The station's curves from the test before, as CSV: every curve a column (in situ with
        // its flags column), the union of their times as rows.
        auto* plot = m_window->timeSeries();
        QVERIFY(plot->seriesCount() >= 3);
        const QString csv = m_dir.filePath(QStringLiteral("station_series.csv"));
        QVERIFY(m_window->writeTimeSeriesTable(csv));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines =
            QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.front().startsWith(QStringLiteral("time,\"in situ ")),
                 qPrintable(lines.front()));
        QVERIFY(lines.front().contains(QStringLiteral(" flags\"")));
        QVERIFY(lines.front().contains(QStringLiteral("[mm]"))); // precipitation's units
        QVERIFY(lines.size() > int(plot->seriesAt(0).size()));
        QVERIFY(lines.at(1).startsWith(QStringLiteral("20")));
        // An empty view writes nothing and says so.
        plot->clear();
        const QString none = m_dir.filePath(QStringLiteral("none.csv"));
        QVERIFY(!m_window->writeTimeSeriesTable(none));
        QVERIFY(!QFileInfo::exists(none));
        QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("empty")));
    }

    void showsEveryDepthOfAStation() {
        // A CEOP file holds a station's four soil-moisture depths: all are drawn, shallowest
        // first (the one the other curves' r refer to).
        const QString ceop =
            QStringLiteral(SOILSCOPE_SHARED_DATA
                           "/ismn/format_ceop/SMOSMANIA_SMOSMANIA_NBN_20100304_20130801.stm");
        if (!QFileInfo::exists(ceop))
            QSKIP("the CEOP sample is not in " SOILSCOPE_SHARED_DATA "/ismn");
        const int before = m_window->map()->layerCount();
        m_window->addFiles({ceop});
        QVERIFY(m_window->waitUntilIdle(60000));
        QCOMPARE(m_window->map()->layerCount(), before + 1);
        m_window->showStation(QStringLiteral("SMOSMANIA"), QStringLiteral("Narbonne"));
        QVERIFY(m_window->waitUntilIdle(60000));
        auto* plot = m_window->timeSeries();
        // (The project's twin lies around Narbonne: its layers join as further curves.)
        QStringList depths;
        for (int i = 0; i < plot->seriesCount(); ++i)
            if (plot->roleAt(i) == widgets::SeriesRole::Observation) {
                QCOMPARE(i, depths.size()); // the station's curves come first
                depths << plot->legendText(i).section(QLatin1Char(' '), 3, 3);
            }
        QCOMPARE(depths,
                 (QStringList{QStringLiteral("0.05\u20130.05"), QStringLiteral("0.1\u20130.1"),
                              QStringLiteral("0.2\u20130.2"), QStringLiteral("0.3\u20130.3")}));
        QVERIFY2(plot->legendText(1).contains(QStringLiteral("r = ")),
                 qPrintable(plot->legendText(1)));
        saveScreenshot(plot, QStringLiteral("timeseries-depths.png"));
        m_window->map()->removeLayer(m_window->map()->layerCount() - 1);
    }

    void opensAnAscatCellAsGridPoints() {
        // A real ASCAT WARP cell: its grid points become markers; one shows its series.
        const QString cell =
            QStringLiteral(SOILSCOPE_SHARED_DATA "/products/TUW_METOP_ASCAT_WARP55R12_1358.nc");
        if (!QFileInfo::exists(cell))
            QSKIP("the ASCAT sample is not in " SOILSCOPE_SHARED_DATA "/products");
        const int before = m_window->map()->layerCount();
        m_window->addFiles({cell});
        QVERIFY(m_window->waitUntilIdle(120000));
        QCOMPARE(m_window->map()->layerCount(), before + 1);
        const auto layer = m_window->map()->layer(m_window->map()->layerCount() - 1);
        QCOMPARE(layer.type, widgets::MapLayer::Type::Stations);
        QCOMPARE(layer.stations.size(), std::size_t(490));
        const auto& point = layer.stations[200];
        // Each point can colour by its count of observations and its mean soil moisture.
        QVERIFY(point.metrics.value(QStringLiteral("observations")) > 100);
        const double mean = point.metrics.value(QStringLiteral("mean sm (%)"), -1.0);
        QVERIFY2(mean > 0.0 && mean < 100.0, qPrintable(QString::number(mean)));
        m_window->showStation(point.network, point.name);
        QVERIFY(m_window->waitUntilIdle(120000));
        QVERIFY(m_window->timeSeries()->seriesCount() >= 1);
        QVERIFY2(
            m_window->timeSeries()->title().contains(QStringLiteral("grid point ") + point.name),
            qPrintable(m_window->timeSeries()->title()));
        QVERIFY(m_window->timeSeries()->flaggedAt(0).empty());
        // Its power spectrum: the cell at the grid point's position.
        QVERIFY(m_window->spectrumOfShownStation());
        const QString spectrum = m_window->taskPanel()->commandLine();
        QVERIFY2(spectrum.contains(QStringLiteral("--input ") + cell) &&
                     spectrum.contains(QStringLiteral("--lon ")) &&
                     !spectrum.contains(QStringLiteral("--station")),
                 qPrintable(spectrum));

        // The Layers dock offers the masks ASCAT's providers document; a mask naming a variable
        // the cell lacks is refused and leaves the layer as it was.
        const int index = m_window->map()->layerCount() - 1;
        m_window->map()->setCurrentLayer(index);
        auto* panel = m_window->findChild<widgets::LayerPanel*>();
        QVERIFY(panel);
        QComboBox* field = panel->maskField();
        const QString documented = QStringLiteral("ssf == 1 and proc_flag == 0");
        QVERIFY(field->findText(documented) > 0);
        QVERIFY(field->toolTip().contains(QStringLiteral("frozen")));
        field->setEditText(QStringLiteral("snowy < 3"));
        Q_EMIT field->lineEdit()->editingFinished();
        QVERIFY(m_window->waitUntilIdle(120000));
        QVERIFY(m_window->map()->layer(index).mask.isEmpty());
        QVERIFY(field->currentText().isEmpty());
        QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("'snowy'")),
                 qPrintable(m_window->statusBar()->currentMessage()));
        // The documented mask: the markers count and colour by the observations it keeps, and
        // the grid point shown is drawn again with the others as marks apart, out of r.
        field->setEditText(documented);
        Q_EMIT field->lineEdit()->editingFinished();
        QVERIFY(m_window->waitUntilIdle(120000));
        const auto masked = m_window->map()->layer(index);
        QCOMPARE(masked.mask, documented);
        QVERIFY2(m_window->statusBar()->currentMessage().endsWith(QStringLiteral(" kept where ") +
                                                                  documented),
                 qPrintable(m_window->statusBar()->currentMessage()));
        const auto& kept = masked.stations[200];
        QCOMPARE(kept.name, point.name);
        const double outside = kept.metrics.value(QStringLiteral("outside the mask"));
        QVERIFY2(outside > 0, qPrintable(QString::number(outside)));
        QVERIFY(kept.metrics.value(QStringLiteral("observations")) <
                point.metrics.value(QStringLiteral("observations")));
        const auto* plot = m_window->timeSeries();
        QCOMPARE(double(plot->seriesAt(0).size()),
                 kept.metrics.value(QStringLiteral("observations")));
        QVERIFY(!plot->flaggedAt(0).empty());
        QVERIFY(plot->flaggedAt(0).size() <= std::size_t(outside));
        QVERIFY2(plot->plot()->graph(1)->name().startsWith(QStringLiteral("outside ") + documented),
                 qPrintable(plot->plot()->graph(1)->name()));
        saveScreenshot(m_window.get(), QStringLiteral("ascat-masked.png"));
        QVERIFY(m_window->spectrumOfShownStation()); // the grid point's spectrum, masked too
        QVERIFY2(m_window->taskPanel()->commandLine().contains(QStringLiteral("--mask ")),
                 qPrintable(m_window->taskPanel()->commandLine()));
        m_window->map()->removeLayer(index);
    }

    void showsAPointProductAtAStation() {
        // A station beside a grid point of the real ASCAT cell: clicking the station draws the
        // nearest grid point's series, in m³ m⁻³ through the cell's porosity, with its r.
        const QString cell =
            QStringLiteral(SOILSCOPE_SHARED_DATA "/products/TUW_METOP_ASCAT_WARP55R12_1358.nc");
        if (!QFileInfo::exists(cell))
            QSKIP("the ASCAT sample is not in " SOILSCOPE_SHARED_DATA "/products");
        m_window->addFiles({cell});
        QVERIFY(m_window->waitUntilIdle(120000));
        const int cellLayer = m_window->map()->layerCount() - 1;
        const auto point = m_window->map()->layer(cellLayer).stations[200];
        const QString folder = m_dir.path() + QStringLiteral("/ismn_beside_ascat");
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/TESTNET/Beside")));
        QFile stm(folder + QStringLiteral("/TESTNET/Beside/TESTNET_TESTNET_Beside_sm_0.050000_"
                                          "0.050000_ThetaProbe-ML2X_20100101_20101231.stm"));
        QVERIFY(stm.open(QIODevice::WriteOnly));
        QTextStream out(&stm);
        out << QStringLiteral("TESTNET    TESTNET    Beside          %1 %2  100.00    0.05    0.05 "
                              "ThetaProbe-ML2X\n")
                   .arg(point.lat + 0.01, 10, 'f', 5)
                   .arg(point.lon + 0.01, 10, 'f', 5);
        const QDateTime first(QDate(2010, 1, 1), QTime(0, 0), Qt::UTC);
        for (int h = 0; h < 365 * 24; ++h) // hourly, as ISMN gives it
            out << first.addSecs(3600 * h).toString(QStringLiteral("yyyy/MM/dd HH:mm "))
                << QString::number(0.2 + 0.1 * std::sin(h / 480.0), 'f', 4) << " G M\n";
        stm.close();
        m_window->addStations(folder);
        QVERIFY(m_window->waitUntilIdle(120000));
        m_window->showStation(QStringLiteral("TESTNET"), QStringLiteral("Beside"));
        QVERIFY(m_window->waitUntilIdle(120000));
        const auto* plot = m_window->timeSeries();
        int ascat = -1;
        for (int i = 0; i < plot->seriesCount(); ++i)
            if (plot->legendText(i).contains(QStringLiteral("km away, \u00d7 por_gldas / 100")))
                ascat = i;
        QVERIFY2(ascat > 0, qPrintable(plot->legendText(plot->seriesCount() - 1)));
        QCOMPARE(plot->roleAt(ascat), widgets::SeriesRole::Product);
        QVERIFY(plot->legendText(ascat).startsWith(m_window->map()->layer(cellLayer).name));
        QVERIFY(plot->legendText(ascat).contains(QStringLiteral("r = ")));
        QCOMPARE(plot->seriesAt(ascat).units, std::string("m3 m-3"));
        for (const double v : plot->seriesAt(ascat).values)
            QVERIFY(v >= 0.0 && v <= 1.0);
        saveScreenshot(m_window.get(), QStringLiteral("ascat-at-station.png"));
        // The scatter view follows: the station against that grid point, the same pairs as r.
        const auto* scatter = m_window->scatter();
        QCOMPARE(scatter->pairCount(), int(plot->pairsWithObservation(ascat).reference.size()));
        QVERIFY2(
            plot->legendText(ascat).contains(QStringLiteral("n = %1)").arg(scatter->pairCount())),
            qPrintable(plot->legendText(ascat)));
        QVERIFY(scatter->metricsText().contains(QStringLiteral("ubRMSD")));
        QVERIFY(scatter->plot()->yAxis->label().startsWith(plot->labelAt(ascat)));
        // Hidden in the legend, the grid point leaves the scatter, which says why it is empty.
        QCPAbstractLegendItem* item = plot->plot()->legend->itemWithPlottable(
            plot->plot()->graph(plot->plot()->graphCount() - 1));
        QVERIFY(item);
        Q_EMIT plot->plot()->legendClick(plot->plot()->legend, item, nullptr);
        QCOMPARE(scatter->pairCount(), 0);
        QVERIFY2(scatter->title().contains(QStringLiteral("No product")) &&
                     scatter->title().contains(QStringLiteral("Beside")),
                 qPrintable(scatter->title()));
        Q_EMIT plot->plot()->legendClick(plot->plot()->legend, item, nullptr);
        QVERIFY(scatter->pairCount() > 0);
        // From exploring to validating: the cell (with its mask) against the stations.
        QVERIFY(m_window->validateAtStations(cellLayer));
        QCOMPARE(m_window->taskPanel()->currentTask(), QStringLiteral("validate-network"));
        const QString command = m_window->taskPanel()->commandLine();
        QVERIFY2(command.contains(QStringLiteral("--stations ") + folder) &&
                     command.contains(QStringLiteral("--products ") + cell),
                 qPrintable(command));
        // The station's power spectrum is one click away (its archive, network and station).
        QVERIFY(m_window->spectrumOfShownStation());
        QCOMPARE(m_window->taskPanel()->currentTask(), QStringLiteral("spectrum"));
        const QString spectrum = m_window->taskPanel()->commandLine();
        QVERIFY2(spectrum.contains(QStringLiteral("--input ") + folder) &&
                     spectrum.contains(QStringLiteral("--station Beside")) &&
                     spectrum.contains(QStringLiteral("--flags G,U")) &&
                     !spectrum.contains(QStringLiteral("--lon")),
                 qPrintable(spectrum));
        // A mask on the cell redraws the station shown, its grid point with fewer values.
        const std::size_t unmasked = plot->seriesAt(ascat).size();
        m_window->setProductMask(cellLayer, QStringLiteral("ssf == 1 and proc_flag == 0"));
        QVERIFY(m_window->waitUntilIdle(120000));
        QCOMPARE(plot->title(), QStringLiteral("TESTNET / Beside"));
        QVERIFY(plot->seriesCount() > ascat);
        QVERIFY2(
            plot->seriesAt(ascat).size() < unmasked,
            qPrintable(QStringLiteral("%1 of %2").arg(plot->seriesAt(ascat).size()).arg(unmasked)));
        m_window->map()->removeLayer(m_window->map()->layerCount() - 1);
        m_window->map()->removeLayer(cellLayer);
    }

    void opensASwathGridded() {
        // An ASCAT Level 2 swath has no grid a map draws: it is gridded as product-to-grid does
        // by default (its extent, 0.1°), shown as a dated layer in the product's units, and the
        // Parameters dock is left on product-to-grid with the file filled in.
        const QString swath = QStringLiteral(
            SOILSCOPE_SHARED_DATA "/products/W_XX-EUMETSAT-Darmstadt,SURFACE+SATELLITE,METOPA+"
                                  "ASCAT_C_EUMP_20170220041500_53652_eps_o_125_ssm_l2.nc");
        if (!QFileInfo::exists(swath))
            QSKIP("the ASCAT Level 2 sample is not in " SOILSCOPE_SHARED_DATA "/products");
        const int before = m_window->map()->layerCount();
        m_window->addFiles({swath});
        QVERIFY(m_window->waitUntilIdle(120000, true)); // a task job, not a load
        QCOMPARE(m_window->map()->layerCount(), before + 1);
        const int index = layerNamed(QFileInfo(swath).completeBaseName());
        QVERIFY(index >= 0);
        const widgets::MapLayer& layer = m_window->map()->layer(index);
        QCOMPARE(layer.type, widgets::MapLayer::Type::Raster);
        QCOMPARE(layer.grid.epsg().value_or(0), 4326);
        QCOMPARE(layer.grid.resolutionX(), 0.1);
        QCOMPARE(layer.units, QStringLiteral("percent"));
        QCOMPARE(layer.bandLabels.value(0).left(16), QStringLiteral("2017-02-20T04:26"));
        QCOMPARE(m_window->taskPanel()->currentTask(), QStringLiteral("product-to-grid"));
        QCOMPARE(QString::fromStdString(m_window->taskPanel()->form()->values().at("input")),
                 swath);
        m_window->map()->removeLayer(index);
    }

    void opensAFileOfSeveralVariables() {
        // A daily ESA CCI file holds sm, its uncertainty, flags and times: opened, its soil
        // moisture becomes a layer (the choice a dialog offers when not offscreen).
        const QString combined = QStringLiteral(
            SOILSCOPE_SHARED_DATA "/products/esa_cci_sm/v04.2/combined/"
                                  "ESACCI-SOILMOISTURE-L3S-SSMV-COMBINED-20160607000000-fv04.2.nc");
        const QString active = QStringLiteral(
            SOILSCOPE_SHARED_DATA "/products/esa_cci_sm/v05.2/active/"
                                  "ESACCI-SOILMOISTURE-L3S-SSMS-ACTIVE-20160606000000-fv05.2.nc");
        if (!QFileInfo::exists(combined) || !QFileInfo::exists(active))
            QSKIP("shared data products/esa_cci_sm is missing");
        const auto variables = geo::RasterSeries::listVariables(combined.toStdString());
        QVERIFY(variables.size() > 4);
        QCOMPARE(gui::defaultVariable(variables), QStringLiteral("sm")); // m3 m-3, not t0
        // Specific humidity (kg/kg) is dimensionless but no soil moisture: of a GRIB of both,
        // the first field opens, not the humidity.
        geo::RasterVariable humidity, temperature;
        humidity.name = "SPFH";
        humidity.units = "kg/kg";
        temperature.name = "TMP";
        temperature.units = "K";
        QCOMPARE(gui::defaultVariable({temperature, humidity}), QStringLiteral("TMP"));
        // The active product's sm is in percent of saturation: found by its name.
        QCOMPARE(gui::defaultVariable(geo::RasterSeries::listVariables(active.toStdString())),
                 QStringLiteral("sm"));
        // The dialog a user sees: every variable listed, soil moisture checked; what is checked
        // when OK is pressed comes back.
        int listed = 0;
        QStringList checkedAtFirst;
        QTimer::singleShot(0, [&] {
            auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return; // chooseVariables would wait: the test fails on the timer below
            if (auto* list = dialog->findChild<QListWidget*>())
                for (int i = 0; i < list->count(); ++i, ++listed) {
                    QListWidgetItem* item = list->item(i);
                    const QString name = item->data(Qt::UserRole).toString();
                    if (item->checkState() == Qt::Checked)
                        checkedAtFirst << name;
                    if (name == QLatin1String("flag"))
                        item->setCheckState(Qt::Checked);
                }
            saveScreenshot(dialog, QStringLiteral("screenshot-variables.png"));
            dialog->accept();
        });
        QTimer::singleShot(30000, [] { // never wait forever on a dialog
            if (auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget()))
                dialog->reject();
        });
        QCOMPARE(gui::chooseVariables(m_window.get(), combined, variables, true),
                 (QStringList{QStringLiteral("sm"), QStringLiteral("flag")}));
        QCOMPARE(listed, int(variables.size()));
        QCOMPARE(checkedAtFirst, QStringList{QStringLiteral("sm")});
        const int before = m_window->map()->layerCount();
        m_window->addFiles({combined});
        QVERIFY(m_window->waitUntilIdle(60000));
        QCOMPARE(m_window->map()->layerCount(), before + 1);
        const int index = layerNamed(
            QStringLiteral("sm (ESACCI-SOILMOISTURE-L3S-SSMV-COMBINED-20160607000000-fv04.2)"));
        QVERIFY(index >= 0);
        const widgets::MapLayer& layer = m_window->map()->layer(index);
        QCOMPARE(layer.units, QStringLiteral("m3 m-3"));
        QCOMPARE(layer.grid.width(), 1440);
        m_window->map()->removeLayer(index);
    }

    void opensAPixelTimeSeries() {
        // Clicking a raster series on the map shows its pixel's time series.
        auto* map = m_window->map();
        int truth = -1;
        for (int i = 0; i < map->layerCount(); ++i)
            if (map->layer(i).name == QLatin1String("truth"))
                truth = i;
        if (truth < 0)
            QSKIP("the project has no truth layer");
        QVERIFY(map->layer(truth).hasTime);
        map->setCurrentLayer(truth);
        const geo::Grid& grid = map->layer(truth).grid;
        const int col = grid.width() / 3, row = grid.height() / 2;
        const geo::MapPoint centre = grid.pixelToMap(col + 0.5, row + 0.5);
        QVERIFY(m_window->showPixelSeries(centre.x, centre.y));
        QVERIFY(m_window->waitUntilIdle(120000));
        QVERIFY(m_window->timeSeries()->title().startsWith(QStringLiteral("Pixel at")));
        QVERIFY(m_window->timeSeries()->seriesCount() >= 1);
        const auto& shown = m_window->timeSeries()->seriesAt(0);
        const auto series = geo::RasterSeries::open(map->layer(truth).path.toStdString());
        const auto values = series.readPixelSeries(col, row);
        std::size_t finite = 0;
        for (float v : values)
            finite += std::isfinite(v) ? 1 : 0;
        QCOMPARE(shown.size(), finite);
        QCOMPARE(shown.times.front(), series.times().front());
        QCOMPARE(float(shown.values.front()), values.front());
        // Not a series: nothing to show.
        int stationsLayer = -1;
        for (int i = 0; i < map->layerCount(); ++i)
            if (map->layer(i).type == widgets::MapLayer::Type::Stations)
                stationsLayer = i;
        map->setCurrentLayer(stationsLayer);
        QVERIFY(!m_window->showPixelSeries(centre.x, centre.y));
    }

    void quickTrainingKeepsTheInterfaceResponsive() {
        if (!tasks::TaskRegistry::instance().create("train"))
            QSKIP("the train task is not registered in this build");
        const int before = m_window->map()->layerCount();
        // The scenario workload writes tables, not maps: the generic path trains its model and
        // predicts a map.
        auto* job =
            m_window->runTask(QStringLiteral("train"), {{"project", m_project.toStdString()},
                                                        {"quick", "true"},
                                                        {"generic", "true"},
                                                        {"device", "cpu"}});
        testing::EventLoopGapMeter meter;
        QVERIFY(QTest::qWaitFor([job] { return job->isDone(); }, 540000));
        meter.stop();
        QVERIFY2(job->state() == widgets::TaskJob::State::Succeeded,
                 qPrintable(job->errorMessage()));
        const qint64 worst = meter.worstGapMs();
        QVERIFY2(
            worst < 100,
            qPrintable(QStringLiteral("event loop blocked for %1 ms during training").arg(worst)));
        QVERIFY(m_window->waitUntilIdle(60000));
        // The prediction map of the run appears as a layer.
        QVERIFY(m_window->map()->layerCount() > before);
        // Results go below the station markers, so look for the map among all layers.
        int predictionLayer = -1;
        for (int i = 0; i < m_window->map()->layerCount(); ++i)
            if (m_window->map()->layer(i).path.endsWith(QLatin1String("_soil_moisture.tif")))
                predictionLayer = i;
        QVERIFY(predictionLayer >= 0);
        // The map has soil moisture, not only nodata, and the result is the visible, current layer.
        const auto stats =
            geo::Raster(m_window->map()->layer(predictionLayer).path.toStdString()).statistics(1);
        QVERIFY2(stats.validCount > stats.totalCount / 2,
                 "the quick-training map is (mostly) nodata");
        QVERIFY(stats.min >= 0.0 && stats.max <= 0.8);
        QVERIFY(m_window->map()->layer(predictionLayer).visible);
        QCOMPARE(m_window->map()->currentLayer(), predictionLayer);
        // Opened together with the project (as `soilscope --project P map.tif` does), the map
        // stays the current layer once the project's layers have arrived and the backdrop is
        // chosen.
        const QString map = m_window->map()->layer(predictionLayer).path;
        QVERIFY(m_window->openProject(m_project, true));
        m_window->addFiles({map});
        QVERIFY(m_window->waitUntilIdle(120000));
        const int current = m_window->map()->currentLayer();
        QVERIFY(current >= 0);
        QCOMPARE(m_window->map()->layer(current).path, map);
    }

    void liveCurvesOfANeuralTraining() {
        // A network trained over epochs (the CNN workload's locally connected model): its loss
        // curves arrive while it trains, and the interface stays responsive meanwhile.
        const QString cnn = m_twin + QStringLiteral("/projects/cnn_ascat_intraday.soilscope.json");
        if (!QFileInfo::exists(cnn))
            QSKIP("the twin has no cnn_ascat_intraday project");
        auto* job = m_window->runTask(
            QStringLiteral("train"),
            {{"project", cnn.toStdString()}, {"generic", "true"}, {"device", "cpu"}});
        int pointsWhileRunning = 0;
        testing::EventLoopGapMeter meter([&] {
            if (!job->isDone())
                pointsWhileRunning =
                    m_window->trainingMonitor()->pointCount(QStringLiteral("train_loss"));
        });
        QVERIFY(QTest::qWaitFor([job] { return job->isDone(); }, 540000));
        meter.stop();
        QVERIFY2(job->state() == widgets::TaskJob::State::Succeeded,
                 qPrintable(job->errorMessage()));
        const qint64 worst = meter.worstGapMs();
        qInfo("worst event-loop gap %lld ms, %d epochs seen while training", worst,
              pointsWhileRunning);
        QVERIFY2(
            worst < 100,
            qPrintable(QStringLiteral("event loop blocked for %1 ms during training").arg(worst)));
        QVERIFY(pointsWhileRunning >= 1);
        QVERIFY(m_window->trainingMonitor()->pointCount(QStringLiteral("train_loss")) >= 2);
        QVERIFY(m_window->trainingMonitor()->metricNames().contains(QStringLiteral("val_loss")));
        QVERIFY(m_window->trainingMonitor()->plot()->graphCount() >= 2);
    }

    void exportsAFigureAndAGeoTiff() {
        const QString png = m_dir.filePath(QStringLiteral("series.png"));
        widgets::exportPlot(m_window->timeSeries()->plot(), {png, QSize(800, 500), 96});
        QVERIFY(QFileInfo(png).size() > 1000);
        const QString svg = m_dir.filePath(QStringLiteral("map.svg"));
        const QImage map = m_window->map()->renderImage(QSize(600, 400));
        widgets::exportPainted(
            [&map](QPainter& p, const QSize& s) { p.drawImage(QRect(QPoint(0, 0), s), map); },
            {svg, QSize(600, 400), 96});
        QVERIFY(QFileInfo(svg).size() > 1000);
        int raster = -1;
        for (int i = 0; i < m_window->map()->layerCount(); ++i)
            if (m_window->map()->layer(i).type == widgets::MapLayer::Type::Raster)
                raster = i;
        QVERIFY(raster >= 0);
        const QString tif = m_dir.filePath(QStringLiteral("layer.tif"));
        widgets::exportRasterGeoTiff(m_window->map()->layer(raster), tif);
        const geo::Raster r(tif.toStdString());
        QVERIFY(
            r.grid().sameAs(geo::Raster(m_window->map()->layer(raster).path.toStdString()).grid()));
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("layer.qml"))));
    }

    void showsASpectrumFromTheTaskJson() {
        // The spectrum view draws the spectra the task returns in its JSON (no table file).
        const QString maps = findFile(QStringLiteral("sm_fine_60m.nc"));
        if (maps.isEmpty())
            QSKIP("the twin has no 60 m soil-moisture maps");
        auto* job = m_window->runTask(QStringLiteral("spectrum"),
                                      {{"input", maps.toStdString()}, {"variable", "sm"}});
        QVERIFY(QTest::qWaitFor([job] { return job->isDone(); }, 120000));
        QVERIFY2(job->state() == widgets::TaskJob::State::Succeeded,
                 qPrintable(job->errorMessage()));
        QVERIFY(!job->resultJson().contains(QStringLiteral("csv")));
        QVERIFY(job->resultJson()
                    .value(QStringLiteral("zonal"))
                    .toObject()
                    .value(QStringLiteral("power"))
                    .toArray()
                    .size() > 4);
        QVERIFY(QTest::qWaitFor([this] { return m_window->spectrum()->curveCount() == 2; }, 10000));
        QVERIFY(m_window->spectrum()->plot()->graph(0)->dataCount() > 4);
        QVERIFY(m_window->spectrum()->legendText(0).contains(QStringLiteral("slope")));
    }

    void showsIntradayMeansAsLayers() {
        // The intraday means become a visible ΔSM layer (sequential) on top of the hour of the
        // maximum (cyclic over 0-24 h); the references' layers come hidden.
        const QString ascat = findFile(QStringLiteral("ascat_sigma40_0p25deg.nc"));
        const QString reanalysis = findFile(QStringLiteral("reanalysis_hourly_0p25deg.nc"));
        if (ascat.isEmpty() || reanalysis.isEmpty())
            QSKIP("the twin has no ASCAT or reanalysis series");
        const QString out = m_dir.filePath(QStringLiteral("intraday"));
        auto* job =
            m_window->runTask(QStringLiteral("intraday"), {{"product", ascat.toStdString()},
                                                           {"product-variable", "ssm"},
                                                           {"reference", reanalysis.toStdString()},
                                                           {"reference-variable", "swvl1"},
                                                           {"out", out.toStdString()}});
        QVERIFY(QTest::qWaitFor([job] { return job->isDone(); }, 120000));
        QVERIFY2(job->state() == widgets::TaskJob::State::Succeeded,
                 qPrintable(job->errorMessage()));
        const auto* map = m_window->map();
        const int top = map->currentLayer();
        QVERIFY(top >= 0);
        const auto& delta = map->layer(top);
        QCOMPARE(delta.name, QStringLiteral("\u0394SM \u00b7 product"));
        QVERIFY(delta.visible);
        QCOMPARE(delta.colourMapName, QStringLiteral("magma"));
        QCOMPARE(delta.bandLabels.value(delta.band - 1), QStringLiteral("delta_sm"));
        int hourIndex = -1, hiddenReferences = 0;
        for (int i = 0; i < map->layerCount(); ++i) {
            const auto& l = map->layer(i);
            if (l.name == QStringLiteral("hour of max \u00b7 product"))
                hourIndex = i;
            if (l.name.endsWith(QLatin1String("reference_o")) && !l.visible)
                ++hiddenReferences;
            if (l.type == widgets::MapLayer::Type::Raster && l.visible && i > top)
                QFAIL(qPrintable(
                    QStringLiteral("raster %1 is drawn over the ΔSM layer").arg(l.name)));
        }
        QVERIFY(hourIndex >= 0 && hourIndex < top);
        const auto& hour = map->layer(hourIndex);
        QVERIFY(hour.visible);
        QCOMPARE(hour.colourMapName, QStringLiteral("twilight"));
        QCOMPARE(hour.bandLabels.value(hour.band - 1), QStringLiteral("hour_max"));
        QCOMPARE(hour.stretch.low, 0.0);
        QCOMPARE(hour.stretch.high, 24.0);
        QCOMPARE(hiddenReferences, 2);
        // The task's inputs are not added as result layers.
        for (int i = 0; i < map->layerCount(); ++i)
            QVERIFY(map->layer(i).path != ascat);
    }

    void workloadOutputsReachTheirViews() {
        // Each workload's declared outputs land in the view of their kind: the scenario
        // workload's learning curves in Scenarios and its test pairs in Scatter, the CNN
        // workload's intraday means and table in Intraday and its station metrics in their table
        // and on the markers. The views are filled from the outputs, not from the task's name.
        const QString sar = m_twin + QStringLiteral("/projects/sar_ml_scenarios.soilscope.json");
        const QString cnn = m_twin + QStringLiteral("/projects/cnn_ascat_intraday.soilscope.json");
        if (!QFileInfo::exists(sar) || !QFileInfo::exists(cnn))
            QSKIP("the twin lacks a workload project");
        auto run = [this](const QString& project) {
            auto* job = m_window->runTask(
                QStringLiteral("train"),
                {{"project", project.toStdString()}, {"quick", "true"}, {"device", "cpu"}});
            if (!QTest::qWaitFor([job] { return job->isDone(); }, 540000))
                return QStringLiteral("timed out");
            return job->state() == widgets::TaskJob::State::Succeeded ? QString()
                                                                      : job->errorMessage();
        };
        // No pairs (the stations clicked before filled the view): no scale is made up
        // (QCustomPlot's default 0–5 m³/m³).
        m_window->scatter()->setData({}, {});
        QVERIFY(!m_window->scatter()->plot()->xAxis->tickLabels());
        QString error = run(sar);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_window->waitUntilIdle(60000));
        const auto* scenarios = m_window->scenarios();
        QCOMPARE(scenarios->groupCount(), 4); // dependent, temporal, spatial, regional
        for (int g = 0; g < 4; ++g)
            QVERIFY2(std::isfinite(scenarios->median(g)), "a scenario without a finite RMSE");
        QVERIFY2(m_window->scatter()->pairCount() >= 5,
                 qPrintable(QString::number(m_window->scatter()->pairCount())));
        QVERIFY(m_window->scatter()->plot()->xAxis->tickLabels());
        saveScreenshot(m_window->scenarios(), QStringLiteral("screenshot-scenarios.png"));
        saveScreenshot(m_window->scatter(), QStringLiteral("screenshot-workload-scatter.png"));

        // The stations on the map take the metrics of the run as marker values.
        const QString stations = findFile(QStringLiteral("*.zip"));
        QVERIFY(!stations.isEmpty());
        m_window->addStations(stations);
        QVERIFY(m_window->waitUntilIdle(60000));
        error = run(cnn);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_window->waitUntilIdle(60000));
        QVERIFY(m_window->intraday()->correlationCount() > 0);
        QVERIFY(m_window->stationMetrics()->rowCount() > 0);
        QCOMPARE(m_window->stationMetrics()->chart()->groupCount(),
                 3); // cnn, benchmark, reference_o
        int withMetrics = 0;
        for (int i = 0; i < m_window->map()->layerCount(); ++i)
            for (const auto& marker : m_window->map()->layer(i).stations)
                withMetrics += marker.metrics.contains(QStringLiteral("cnn R"));
        QVERIFY(withMetrics > 0);
        // The scenario curves stay where they were: each kind has its own view.
        QCOMPARE(m_window->scenarios()->groupCount(), 4);
        bool deltaLayer = false;
        for (int i = 0; i < m_window->map()->layerCount(); ++i)
            deltaLayer = deltaLayer ||
                         m_window->map()->layer(i).name == QStringLiteral("\u0394SM \u00b7 cnn");
        QVERIFY(deltaLayer);
        saveScreenshot(m_window->intraday(), QStringLiteral("screenshot-workload-intraday.png"));
        saveScreenshot(m_window->stationMetrics(),
                       QStringLiteral("screenshot-station-metrics.png"));
    }

    void validationRunFillsTheValidationView() {
        const QString stations = findFile(QStringLiteral("*.zip"));
        const QString cci = findFile(QStringLiteral("cci_sm_daily_0p25deg.nc"));
        if (stations.isEmpty() || cci.isEmpty())
            QSKIP("the twin has no stations or CCI series");
        const QString out = m_dir.filePath(QStringLiteral("validation"));
        auto* job = m_window->runTask(QStringLiteral("validate-network"),
                                      {{"stations", stations.toStdString()},
                                       {"products", cci.toStdString()},
                                       {"variables", "sm"},
                                       {"names", "CCI"},
                                       {"intra-annual", "seasons"},
                                       {"out", out.toStdString()}});
        QVERIFY(QTest::qWaitFor([job] { return job->isDone(); }, 120000));
        QVERIFY2(job->state() == widgets::TaskJob::State::Succeeded,
                 qPrintable(job->errorMessage()));
        QVERIFY(m_window->waitUntilIdle(60000));
        auto* view = m_window->stationMetrics();
        QVERIFY(view->rowCount() >= 5);
        QCOMPARE(view->chart()->groupCount(), 1); // R of the one product
        QVERIFY(view->showBoxPlots(QStringLiteral("bias"), QStringLiteral("land_cover")));
        QVERIFY(view->chart()->groupCount() >= 2); // the twin's stations lie in several classes
        QVERIFY(!view->showBoxPlots(QStringLiteral("bias"), QStringLiteral("soil")));
        QVERIFY(view->showBoxPlots(QStringLiteral("R"), QStringLiteral("window")));
        QCOMPARE(view->chart()->groupCount(), 4); // DJF, MAM, JJA, SON
        // Every station of the run carries its metrics on the map, bias on a diverging map.
        int withBias = 0;
        for (int i = 0; i < m_window->map()->layerCount(); ++i)
            for (const auto& marker : m_window->map()->layer(i).stations)
                withBias += marker.metrics.contains(QStringLiteral("bias"));
        QVERIFY(withBias >= 5);
        QVERIFY(widgets::isDivergingQuantity(QStringLiteral("bias")));
        QVERIFY(!widgets::isDivergingQuantity(QStringLiteral("ubRMSD")));
        saveScreenshot(view, QStringLiteral("screenshot-validation.png"));

        // A click on a station of the run opens its matched pairs with its metrics.
        const widgets::StationMarker* clicked = nullptr;
        for (int i = 0; i < m_window->map()->layerCount() && !clicked; ++i)
            for (const auto& marker : m_window->map()->layer(i).stations)
                if (marker.metrics.value(QStringLiteral("n")) >= 10) {
                    clicked = &marker;
                    break;
                }
        QVERIFY(clicked);
        const int n = int(clicked->metrics.value(QStringLiteral("n")));
        m_window->showStation(clicked->network, clicked->name);
        QVERIFY(m_window->waitUntilIdle(60000));
        auto* plot = m_window->timeSeries();
        QVERIFY2(plot->title().contains(QStringLiteral("matched pairs")),
                 qPrintable(plot->title()));
        QVERIFY(plot->title().contains(QStringLiteral("CCI: R ")));
        QCOMPARE(plot->seriesCount(), 2); // the reference and CCI at their pairs
        QCOMPARE(plot->roleAt(0), widgets::SeriesRole::Observation);
        QCOMPARE(plot->roleAt(1), widgets::SeriesRole::Product);
        QCOMPARE(int(plot->seriesAt(1).size()), n);
        saveScreenshot(plot, QStringLiteral("screenshot-matched-pairs.png"));
    }

    void drawsPolygonsAndUsesThemAsTheRegion() {
        // Two squares in Web Mercator (not the map's lon/lat): reprojected as validations read
        // them.
        const auto x = [](double lon) { return 6378137.0 * lon * M_PI / 180.0; };
        const auto y = [](double lat) {
            return 6378137.0 * std::log(std::tan(M_PI / 4 + lat * M_PI / 360.0));
        };
        const auto square = [&](const char* name, double w) {
            return QStringLiteral("{\"type\":\"Feature\",\"properties\":{\"id\":1,\"basin\":"
                                  "\"%1\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                                  "[[[%2,%4],[%3,%4],[%3,%5],[%2,%5],[%2,%4]]]}}")
                .arg(QLatin1String(name))
                .arg(x(w), 0, 'f', 3)
                .arg(x(w + 1), 0, 'f', 3)
                .arg(y(45), 0, 'f', 3)
                .arg(y(46), 0, 'f', 3);
        };
        const QString path = m_dir.filePath(QStringLiteral("basins.geojson"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\","
                               "\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::3857\"}},"
                               "\"features\":[%1,%2]}")
                    .arg(square("upper", 10), square("lower", 11))
                    .toUtf8());
        f.close();
        const int before = m_window->map()->layerCount();
        m_window->addFiles({path});
        QVERIFY(m_window->waitUntilIdle(60000));
        QCOMPARE(m_window->map()->layerCount(), before + 1);
        int index = -1;
        for (int i = 0; i < m_window->map()->layerCount(); ++i)
            if (m_window->map()->layer(i).path == path)
                index = i;
        QVERIFY(index >= 0);
        const widgets::MapLayer& layer = m_window->map()->layer(index);
        QCOMPARE(layer.type, widgets::MapLayer::Type::Polygons);
        QCOMPARE(layer.regionAttribute, QStringLiteral("basin")); // the first text field
        QCOMPARE(layer.regionNames,
                 QStringList({QStringLiteral("upper"), QStringLiteral("lower")}));
        const geo::Bounds b = layer.nativeBounds();
        QVERIFY(std::fabs(b.xmin - 10) < 1e-6 && std::fabs(b.xmax - 12) < 1e-6);
        QVERIFY(std::fabs(b.ymin - 45) < 1e-6 && std::fabs(b.ymax - 46) < 1e-6);

        m_window->useAsValidationRegion(index);
        QCOMPARE(m_window->taskPanel()->currentTask(), QStringLiteral("validate-network"));
        const auto values = m_window->taskPanel()->form()->values();
        QCOMPARE(QString::fromStdString(values.at("regions")), path);
        QCOMPARE(QString::fromStdString(values.at("region-attribute")), QStringLiteral("basin"));
        m_window->map()->zoomToLayer(index);
        saveScreenshot(m_window->map(), QStringLiteral("screenshot-polygons.png"));
    }

    void opensAnImageFolderAsASeries() {
        const QString folder =
            QStringLiteral(SOILSCOPE_SHARED_DATA "/products/esa_cci_sm/v04.2/combined");
        if (!QFileInfo(folder).isDir())
            QSKIP("shared data products/esa_cci_sm is missing");
        const int before = m_window->map()->layerCount();
        m_window->addFiles({folder});
        QVERIFY(m_window->waitUntilIdle(60000));
        QCOMPARE(m_window->map()->layerCount(), before + 1);
        const int index = layerNamed(QStringLiteral("combined"));
        QVERIFY(index >= 0);
        const widgets::MapLayer& layer = m_window->map()->layer(index);
        QCOMPARE(layer.bandCount, 2);
        QVERIFY(layer.hasTime);
        QCOMPARE(layer.bandLabels.value(0).left(10), QStringLiteral("2016-06-07"));
        // Tasks get the folder, not the in-memory view of it.
        QCOMPARE(layer.opened(), folder);
        QVERIFY(m_window->validateAtStations(index) ||
                m_window->statusBar()->currentMessage().contains(QStringLiteral("No ISMN")));
        if (m_window->taskPanel()->currentTask() == QLatin1String("validate-network"))
            QVERIFY(!m_window->taskPanel()->commandLine().contains(QStringLiteral("vsimem")));
        // Handed to QGIS, the in-memory series is written beside the project.
        const QString qgz = m_dir.filePath(QStringLiteral("images/cci.qgz"));
        QVERIFY(QDir().mkpath(QFileInfo(qgz).absolutePath()));
        widgets::writeQgisProject(qgz, *m_window->map());
        QVERIFY(!QDir(QFileInfo(qgz).absolutePath())
                     .entryList({QStringLiteral("cci_*.vrt")}, QDir::Files)
                     .isEmpty());
        m_window->map()->removeLayer(index);
    }

    void newProjectFromADataFolder() {
        // The wizard over project-new: the SAR workload's roles, each with the layer the scan
        // proposes; a role the user changes or empties is written as chosen.
        gui::ProjectWizard wizard(
            [this](const QString& id, const std::map<std::string, std::string>& values) {
                return m_window->runTask(id, values);
            });
        wizard.scan(m_twin, QStringLiteral("sar_ml_scenarios"));
        QVERIFY(QTest::qWaitFor([&] { return wizard.isScanned(); }, 120000));
        QTableWidget* roles = wizard.roles();
        QMap<QString, int> rowOf;
        for (int r = 0; r < roles->rowCount(); ++r)
            rowOf.insert(roles->item(r, 0)->text(), r);
        for (const char* role : {"vv", "vh", "incidence", "sand", "elevation", "stations"}) {
            QVERIFY2(rowOf.contains(QLatin1String(role)), role);
            QCOMPARE(roles->item(rowOf.value(QLatin1String(role)), 2)->text(),
                     QStringLiteral("found"));
        }
        auto* elevation = qobject_cast<QComboBox*>(roles->cellWidget(rowOf["elevation"], 1));
        auto* slope = qobject_cast<QComboBox*>(roles->cellWidget(rowOf["slope"], 1));
        QVERIFY(elevation && slope && slope->currentIndex() > 0);
        elevation->setCurrentIndex(slope->currentIndex()); // the user picks another layer
        auto* stations = qobject_cast<QComboBox*>(roles->cellWidget(rowOf["stations"], 1));
        stations->setCurrentIndex(0); // (none)
        QCOMPARE(roles->item(rowOf["stations"], 2)->text(), QStringLiteral("missing"));
        const QString path = m_dir.filePath(QStringLiteral("wizard/sar.soilscope.json"));
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QVERIFY(wizard.writeProject(path));
        const auto written = project::loadProject(path.toStdString());
        QVERIFY(!written.data.count("stations"));
        QCOMPARE(written.data.at("elevation").path, written.data.at("slope").path);
        QCOMPARE(written.data.at("elevation").band, written.data.at("slope").band);
        QCOMPARE(written.data.at("vv").path.filename().string(),
                 std::string("s1_sigma0.nc")); // as proposed
        wizard.show();
        saveScreenshot(&wizard, QStringLiteral("screenshot-project-wizard.png"));
    }

    void writesAQgisProjectThatQgisOpens() {
        if (m_window->map()->layerCount() == 0) {
            QVERIFY(m_window->addRaster(findFile(QStringLiteral("*.tif"))) >= 0);
            m_window->addStations(findFile(QStringLiteral("*.zip")));
            QVERIFY(m_window->waitUntilIdle(60000));
        }
        int stations = 0, rasters = 0;
        for (int i = 0; i < m_window->map()->layerCount(); ++i)
            (m_window->map()->layer(i).type == widgets::MapLayer::Type::Stations ? stations
                                                                                 : rasters)++;
        const QString path = m_dir.filePath(QStringLiteral("map.qgz"));
        QVERIFY(m_window->writeQgisProject(path));
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(QFileInfo::exists(m_dir.filePath(QStringLiteral("map_stations.gpkg"))),
                 stations > 0);
        QVERIFY(!m_window->writeQgisProject(m_dir.filePath(QStringLiteral("map.txt"))));
        // Debian's QGIS reads it back headless: every layer valid, styles and CRS kept.
        const char* script = R"(
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from qgis.core import QgsApplication, QgsProject, QgsRasterLayer, QgsVectorLayer
app = QgsApplication([], False)
app.initQgis()
project = QgsProject.instance()
ok = project.read(sys.argv[1])
layers = list(project.mapLayers().values())
print(json.dumps({
    "ok": ok, "layers": len(layers), "valid": sum(l.isValid() for l in layers),
    "crs": project.crs().isValid(),
    "pseudocolor": sum(1 for l in layers if isinstance(l, QgsRasterLayer)
                       and l.renderer().type() == "singlebandpseudocolor"),
    "points": sum(l.featureCount() for l in layers if isinstance(l, QgsVectorLayer)),
    "invalid": [l.source() for l in layers if not l.isValid()]}))
)";
        QProcess py;
        py.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), QString::fromUtf8(script), path});
        if (!py.waitForFinished(120000) || py.exitCode() != 0)
            QSKIP(qPrintable("PyQGIS is not available: " + py.readAllStandardError().right(300)));
        const QJsonObject j =
            QJsonDocument::fromJson(py.readAllStandardOutput().trimmed().split('\n').last())
                .object();
        QVERIFY(j["ok"].toBool());
        QCOMPARE(j["layers"].toInt(), rasters + stations);
        QVERIFY2(j["valid"].toInt() == rasters + stations,
                 QJsonDocument(j["invalid"].toArray()).toJson().constData());
        QVERIFY(j["crs"].toBool());
        QVERIFY(j["pseudocolor"].toInt() >= 1);
        if (stations > 0)
            QVERIFY(j["points"].toInt() >= 5);
    }

    void opensAResultFileByItsOutputs() {
        // A --json result of the CLI names its outputs; an old result without them is refused
        // clearly.
        const QString pairs = m_dir.filePath(QStringLiteral("pairs.csv"));
        QFile csv(pairs);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("time,reference,candidate\n2020-01-01T12:00:00Z,0.2,0.25\n2020-01-02T12:00:00Z,0."
                  "3,0.28\n"
                  "2020-01-03T12:00:00Z,0.25,0.26\n");
        csv.close();
        const QString result = m_dir.filePath(QStringLiteral("result.json"));
        QFile json(result);
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(
            QStringLiteral(
                R"({"R": 0.9, "outputs": [{"name": "pairs", "kind": "series_pairs", "path": "%1", "description": "pairs"}]})")
                .arg(pairs)
                .toUtf8());
        json.close();
        QVERIFY(m_window->openResult(result));
        QCOMPARE(m_window->scatter()->pairCount(), 3);
        // Its scalars export as CSV; a folder in the way is refused, naming the path.
        const QString table = m_dir.filePath(QStringLiteral("result.csv"));
        QVERIFY(m_window->writeResultTable(table));
        QFile written(table);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), QByteArray("key,value\n\"R\",0.9\n"));
        const QString blocked = m_dir.filePath(QStringLiteral("a-folder.csv"));
        QVERIFY(QDir().mkpath(blocked));
        QVERIFY(!m_window->writeResultTable(blocked));
        QVERIFY2(m_window->statusBar()->currentMessage().contains(blocked),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QFile old(m_dir.filePath(QStringLiteral("old.json")));
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(R"({"R": 0.9, "pairs_out": "x.csv"})");
        old.close();
        QVERIFY(!m_window->openResult(old.fileName()));
    }

    void cancelsAJob() {
        const QString out = m_dir.filePath(QStringLiteral("canceled-twin"));
        auto* job = m_window->runTask(QStringLiteral("demo"),
                                      {{"out", out.toStdString()}, {"preset", "small"}});
        QVERIFY(QTest::qWaitFor([job] { return job->state() == widgets::TaskJob::State::Running; },
                                60000));
        QTest::qWait(200);
        job->cancel();
        QVERIFY(QTest::qWaitFor([job] { return job->isDone(); }, 60000));
        QCOMPARE(job->state(), widgets::TaskJob::State::Canceled);
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/twin.json")));
    }

    void translatesToGerman() {
        QVERIFY2(gui::installTranslations(*QCoreApplication::instance(), QStringLiteral("de")),
                 "soilscope_de.qm was not found next to the build");
        QCOMPARE(QCoreApplication::translate("soilscope::gui::MainWindow", "Layers"),
                 QStringLiteral("Ebenen"));
        QCOMPARE(QCoreApplication::translate("soilscope::widgets::MapCanvas", "no CRS"),
                 QStringLiteral("kein KBS"));
        QCOMPARE(widgets::TaskJob::stateName(widgets::TaskJob::State::Canceled),
                 QStringLiteral("Abgebrochen"));
        QCOMPARE(QCoreApplication::translate("soilscope::gui::ProjectEditor",
                                             "Preview predictor on map"),
                 QStringLiteral("Prädiktor auf der Karte anzeigen"));
        QCOMPARE(QCoreApplication::translate("soilscope::widgets::LayerPanel", "Band"),
                 QStringLiteral("Band"));
        QCOMPARE(QCoreApplication::translate("soilscope::gui::MainWindow",
                                             "Pixel at lon %1\u00b0, lat %2\u00b0"),
                 QStringLiteral("Pixel bei Länge %1\u00b0, Breite %2\u00b0"));
        // Every message of the German catalogue is translated (lupdate marks new ones unfinished).
        QFile ts(QStringLiteral(SOILSCOPE_SOURCE_DIR "/translations/soilscope_de.ts"));
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
        const QString catalogue = QString::fromUtf8(ts.readAll());
        QVERIFY(catalogue.count(QStringLiteral("<message>")) > 250);
        QCOMPARE(catalogue.count(QStringLiteral("type=\"unfinished\"")), 0);
        QCOMPARE(catalogue.count(QStringLiteral("<translation></translation>")), 0);
    }

    void aProjectLayerMayBeAnImageFolder() {
        // Last: it opens a project of its own. A project role whose path is a folder of ESA CCI
        // images shows on the map as one raster series, as the project reads it.
        const QString folder =
            QStringLiteral(SOILSCOPE_SHARED_DATA "/products/esa_cci_sm/v04.2/combined");
        if (!QFileInfo(folder).isDir())
            QSKIP("shared data products/esa_cci_sm is missing");
        const QString path = m_dir.filePath(QStringLiteral("cci.soilscope.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("{\"format\": \"soilscope-project\", \"version\": 1, \"name\": "
                               "\"cci\", \"data\": {\"coarse_sm\": {\"path\": \"%1\", "
                               "\"variable\": \"sm\"}}}")
                    .arg(folder)
                    .toUtf8());
        f.close();
        QVERIFY(m_window->openProject(path, true));
        QVERIFY(m_window->waitUntilIdle(60000));
        const int found = layerNamed(QStringLiteral("coarse_sm"));
        QVERIFY(found >= 0);
        QCOMPARE(m_window->map()->layer(found).bandCount, 2);
        QVERIFY(m_window->map()->layer(found).hasTime);
    }

    void aProjectLayerMayBeAnAscatCell() {
        // Last too: a project role whose path is an ASCAT cell shows as the project reads it,
        // gridded onto the sample grid (here a small raster over the cell), one band per day.
        const QString cell =
            QStringLiteral(SOILSCOPE_SHARED_DATA "/products/TUW_METOP_ASCAT_WARP55R12_1358.nc");
        if (!QFileInfo::exists(cell))
            QSKIP("the ASCAT sample is not in " SOILSCOPE_SHARED_DATA "/products");
        const QString grid = m_dir.filePath(QStringLiteral("cell_grid.tif"));
        const auto g = geo::Grid::geographic(5.0, 43.0, 8.0, 45.0, 0.1);
        geo::writeGeoTiff(grid.toStdString(), g, std::vector<float>(g.pixelCount(), 100.0f));
        nlohmann::json doc = {{"format", "soilscope-project"}, {"version", 1}, {"name", "cell"}};
        doc["data"]["elevation"] = grid.toStdString();
        doc["data"]["ascat"] = {{"path", cell.toStdString()},
                                {"gridding", {{"mask", "ssf == 1 and proc_flag == 0"}}}};
        doc["target"] = {{"role", "elevation"}};
        const QString path = m_dir.filePath(QStringLiteral("cell.soilscope.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(doc.dump(1)));
        f.close();
        QVERIFY(m_window->openProject(path, true));
        QVERIFY(m_window->waitUntilIdle(120000));
        const int found = layerNamed(QStringLiteral("ascat"));
        QVERIFY(found >= 0);
        const auto layer = m_window->map()->layer(found);
        QCOMPARE(layer.type, widgets::MapLayer::Type::Raster);
        QVERIFY(layer.grid.sameAs(g));
        QVERIFY2(layer.bandCount > 1000, qPrintable(QString::number(layer.bandCount)));
        QVERIFY(layer.hasTime);
        QCOMPARE(layer.units, QStringLiteral("%"));
    }

    void autosavesUnsavedEditsAndOffersThemBack() {
        // A copy beside the twin's projects (its relative paths stay valid).
        const QString path = m_twin + QStringLiteral("/projects/autosaved.soilscope.json");
        QVERIFY(QFile::copy(m_project, path));
        QVERIFY(m_window->openProject(path, true));
        const QString autosave = gui::ProjectAutosave::fileFor(path);
        QCOMPARE(autosave, path + QStringLiteral(".autosave"));
        auto* saver = m_window->autosave();
        QVERIFY(!saver->saveNow()); // nothing unsaved, nothing written
        QVERIFY(!QFileInfo::exists(autosave));
        const auto original = m_window->projectEditor()->value("/name");
        m_window->projectEditor()->edit("/name", "edited, not saved");
        saver->setIntervalSeconds(1);
        QVERIFY(QTest::qWaitFor([&] { return QFileInfo::exists(autosave); }, 10000));
        saver->setIntervalSeconds(0);
        QVERIFY(!saver->saveNow()); // written already
        const auto written = nlohmann::json::parse(readTextFile(autosave.toStdString()));
        QCOMPARE(written.at("name").get<std::string>(), std::string("edited, not saved"));
        QCOMPARE(project::loadProject(path.toStdString()).name, original.get<std::string>());

        // As after a crash: opening the project again finds the edits (quietly: says where).
        QVERIFY(m_window->openProject(path, true));
        QVERIFY(!m_window->isModified());
        QCOMPARE(gui::ProjectAutosave::pendingFor(path), autosave);
        QVERIFY(m_window->log()->text().contains(autosave));
        QVERIFY(m_window->restoreAutosave(autosave));
        QVERIFY(m_window->isModified()); // restored, not saved
        QVERIFY(m_window->projectEditor()->value("/name") == nlohmann::json("edited, not saved"));
        m_window->undoStack()->undo(); // one edit: undone, the saved state is back ...
        QVERIFY(m_window->projectEditor()->value("/name") == original);
        QVERIFY(!QFileInfo::exists(autosave)); // ... and nothing is left to recover
        m_window->undoStack()->redo();

        // Saving puts the edits into the project and removes the autosave.
        QVERIFY(saver->saveNow());
        QVERIFY(m_window->saveProjectAs(path));
        QVERIFY(!QFileInfo::exists(autosave));
        QCOMPARE(project::loadProject(path.toStdString()).name, std::string("edited, not saved"));

        // An autosave older than the project file is not offered; a corrupt one is refused
        // with its name.
        QFile stale(autosave);
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("{\"name\": ");
        stale.flush();
        QVERIFY(stale.setFileTime(QDateTime::currentDateTime().addSecs(-3600),
                                  QFileDevice::FileModificationTime));
        stale.close();
        QVERIFY(gui::ProjectAutosave::pendingFor(path).isEmpty());
        QVERIFY(!m_window->restoreAutosave(autosave));
        QVERIFY(m_window->log()->text().contains(autosave));
        QVERIFY(!m_window->isModified());
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
