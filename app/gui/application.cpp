#include "gui/application.h"

#include "learning_tasks/plugin_loader.h"

#include "gui/command_line.h"
#include "gui/main_window.h"
#include "gui/predictor_preview.h"
#include "gui/project_editor.h"
#include "widgets/job_queue.h"
#include "widgets/log_panel.h"
#include "widgets/map_canvas.h"
#include "widgets/scatter_plot.h"
#include "widgets/task_job.h"
#include "widgets/time_series_plot.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QProgressDialog>
#include <QSettings>
#include <QTranslator>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace soilscope::gui {

namespace {

/// Looks translations up by class name without namespace: lupdate files contexts of classes in
/// nested namespaces ("namespace soilscope::gui {") under the bare class name.
class ContextTranslator : public QTranslator {
  public:
    using QTranslator::QTranslator;
    QString translate(const char* context, const char* sourceText, const char* disambiguation,
                      int n) const override {
        QString text = QTranslator::translate(context, sourceText, disambiguation, n);
        if (!text.isEmpty() || !context)
            return text;
        const char* bare = std::strrchr(context, ':');
        return bare ? QTranslator::translate(bare + 1, sourceText, disambiguation, n) : text;
    }
};

} // namespace

bool installTranslations(QCoreApplication& app, const QString& language) {
    if (language.isEmpty() || language.startsWith(QLatin1String("en")))
        return false;
    auto* own = new ContextTranslator(&app);
    const QString appDir = QCoreApplication::applicationDirPath();
    bool found = false;
    for (const QString& dir :
         {QStringLiteral(SOILSCOPE_TRANSLATIONS_DIR), appDir + QStringLiteral("/../translations"),
          appDir + QStringLiteral("/../share/soilscope/translations")})
        if (own->load(QStringLiteral("soilscope_") + language, dir) ||
            own->load(QStringLiteral("soilscope_") + language.left(2), dir)) {
            QCoreApplication::installTranslator(own);
            found = true;
            break;
        }
    auto* qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_") + language.left(2),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return found;
}

namespace {

/// Generates the twin region in `dir` (the demo task, preset small) with a progress dialog
/// unless it is there already. Returns false when it failed or was canceled.
bool ensureDemo(MainWindow& window, const QString& dir, bool interactive) {
    if (QFileInfo::exists(dir + QStringLiteral("/twin.json")))
        return true;
    QDir().mkpath(QFileInfo(dir).absolutePath());
    widgets::TaskJob* job =
        window.runTask(QStringLiteral("demo"), {{"out", dir.toStdString()}, {"preset", "small"}});
    QProgressDialog progress(QObject::tr("Generating the twin region in %1\u2026").arg(dir),
                             QObject::tr("Cancel"), 0, 100, interactive ? &window : nullptr);
    progress.setWindowTitle(QObject::tr("SoilScope demo"));
    progress.setMinimumDuration(0);
    progress.setWindowModality(Qt::WindowModal);
    QObject::connect(job, &widgets::TaskJob::progressChanged, &progress,
                     [&progress](double p) { progress.setValue(static_cast<int>(p)); });
    QObject::connect(job, &widgets::TaskJob::messageLogged, &progress,
                     [&progress](int, const QString& m) { progress.setLabelText(m); });
    QObject::connect(&progress, &QProgressDialog::canceled, job, &widgets::TaskJob::cancel);
    QEventLoop loop;
    QObject::connect(job, &widgets::TaskJob::finished, &loop, &QEventLoop::quit);
    if (!job->isDone())
        loop.exec();
    progress.reset();
    if (job->state() != widgets::TaskJob::State::Succeeded) {
        std::fprintf(stderr, "soilscope: the twin region could not be generated: %s\n",
                     qPrintable(job->errorMessage()));
        return false;
    }
    return true;
}

/// Opens a station in the time-series view for a screenshot (the first station of the map).
void showFirstStation(MainWindow& w) {
    for (int i = 0; i < w.map()->layerCount(); ++i) {
        const auto& l = w.map()->layer(i);
        if (!l.stations.empty()) {
            w.showStation(l.stations.front().network, l.stations.front().name);
            return;
        }
    }
}

/// Opens the project editor's Predictors page and computes one predictor on the map, as the
/// editor's preview button does: a derived one (index, incidence normalisation, terrain,
/// transforms) when the project has one, since it shows what training sees rather than a source.
bool previewPredictorForScreenshot(MainWindow& window) {
    const auto predictors =
        effectivePredictors(window.projectEditor()->document(), window.projectPath());
    if (!predictors.is_array() || predictors.empty()) {
        std::fprintf(stderr, "soilscope: --view predictor needs a project with predictors\n");
        return false;
    }
    int chosen = 0;
    for (std::size_t i = 0; i < predictors.size(); ++i) {
        const auto& p = predictors[i];
        const std::string kind = p.value("kind", "");
        if (kind == "index" || kind == "incidence" || kind == "terrain" ||
            !p.value("transforms", nlohmann::json::array()).empty()) {
            chosen = static_cast<int>(i);
            break;
        }
    }
    window.projectEditor()->selectPredictor(chosen);
    const int layers = window.map()->layerCount();
    window.previewPredictor(chosen);
    window.waitUntilIdle(120000);
    if (window.map()->layerCount() <= layers) {
        std::fprintf(stderr, "soilscope: the predictor preview failed (see the log)\n");
        return false;
    }
    window.showView(QStringLiteral("project"));
    return true;
}

/// Trains the open project as the Train action does (its single model, on the CPU) and waits
/// for the job; the training monitor keeps its curves and the result appears as a layer.
bool trainForScreenshot(MainWindow& window, bool quick) {
    if (window.projectPath().isEmpty()) {
        std::fprintf(stderr, "soilscope: --train needs a project (--project or --demo)\n");
        return false;
    }
    widgets::TaskJob* job =
        window.runTask(QStringLiteral("train"), {{"project", window.projectPath().toStdString()},
                                                 {"quick", quick ? "true" : "false"},
                                                 {"generic", "true"},
                                                 {"device", "cpu"}});
    QEventLoop loop;
    QObject::connect(job, &widgets::TaskJob::finished, &loop, &QEventLoop::quit);
    if (!job->isDone())
        loop.exec();
    if (job->state() != widgets::TaskJob::State::Succeeded) {
        std::fprintf(stderr, "soilscope: the training failed: %s\n",
                     qPrintable(job->errorMessage()));
        return false;
    }
    window.waitUntilIdle(120000);
    return true;
}

} // namespace

int runApplication(int argc, char** argv) {
    // --screenshot renders offscreen: the platform must be chosen before QApplication exists.
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--screenshot") == 0 && !std::getenv("QT_QPA_PLATFORM"))
            setenv("QT_QPA_PLATFORM", "offscreen", 1);
    // --help and --version print and exit: they need no display, so no QApplication.
    for (int i = 1; i < argc; ++i)
        for (const char* option : {"--help", "-h", "--help-all", "--version", "-v"})
            if (std::strcmp(argv[i], option) == 0) {
                QCoreApplication core(argc, argv);
                QCoreApplication::setApplicationName(QStringLiteral("SoilScope"));
                QCoreApplication::setApplicationVersion(QStringLiteral(SOILSCOPE_VERSION));
                const CommandLine cmd = CommandLine::parse(core.arguments()); // exits
                std::fprintf(stderr, "soilscope: %s\n", qPrintable(cmd.error));
                return 2;
            }
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("SoilScope"));
    QCoreApplication::setApplicationName(QStringLiteral("SoilScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOILSCOPE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.soilscope.SoilScope"));
    const CommandLine cmd = CommandLine::parse(app.arguments());
    if (!cmd.error.isEmpty()) {
        std::fprintf(stderr, "soilscope: %s\nRun 'soilscope --help' for usage.\n",
                     qPrintable(cmd.error));
        return 2;
    }
    QString language = cmd.language;
    if (language.isEmpty())
        language = QSettings().value(QStringLiteral("language")).toString();
    if (language.isEmpty())
        language = QLocale::system().name();
    installTranslations(app, language);

    const auto& plugins = tasks::loadPluginsOnce(); // before the Tasks menu is built
    MainWindow window;
    for (const auto& p : plugins.loaded)
        window.log()->append(widgets::LogPanel::Info,
                             QCoreApplication::translate("Application", "Plugin %1 %2: %3")
                                 .arg(QString::fromStdString(p.name),
                                      QString::fromStdString(p.version),
                                      QString::fromStdString(p.path)));
    for (const auto& e : plugins.errors)
        window.log()->append(widgets::LogPanel::Warning, QString::fromStdString(e));
    const bool screenshot = !cmd.screenshot.isEmpty();
    if (screenshot)
        window.resize(1600, 1000);
    window.show();
    if (!cmd.demoDir.isEmpty()) {
        const QString dir = QFileInfo(cmd.demoDir).absoluteFilePath();
        if (!ensureDemo(window, dir, !screenshot))
            return 1;
        QSettings().setValue(QStringLiteral("demoDir"), dir);
        QStringList projects =
            QDir(dir + QStringLiteral("/projects"))
                .entryList({QStringLiteral("*.soilscope.json")}, QDir::Files, QDir::Name);
        // The SAR scenario workload first: its fine grid and terrain make the clearest first map,
        // and its model trains in seconds.
        if (projects.removeAll(QStringLiteral("sar_ml_scenarios.soilscope.json")))
            projects.prepend(QStringLiteral("sar_ml_scenarios.soilscope.json"));
        if (projects.isEmpty()) {
            std::fprintf(stderr, "soilscope: %s/projects holds no project\n", qPrintable(dir));
            return 1;
        }
        // The first project that opens; a broken one is reported in the log.
        bool opened = false;
        for (const QString& p : projects)
            if ((opened = window.openProject(dir + QStringLiteral("/projects/") + p, true)))
                break;
        if (!opened) {
            std::fprintf(stderr, "soilscope: no project in %s/projects could be opened\n",
                         qPrintable(dir));
            return 1;
        }
    } else if (!cmd.project.isEmpty()) {
        if (!window.openProject(cmd.project, screenshot))
            return 1;
    }
    if (!cmd.files.isEmpty())
        window.addFiles(cmd.files);

    if (!screenshot)
        return app.exec();
    window.waitUntilIdle(120000, true); // opening a swath runs product-to-grid as a task
    if (!cmd.train.isEmpty() && !trainForScreenshot(window, cmd.train == QLatin1String("quick")))
        return 1;
    // The scatter view without a validation's pairs shows the first station's, as a click does.
    if (cmd.view == QLatin1String("timeseries") ||
        (cmd.view == QLatin1String("scatter") && window.scatter()->pairCount() == 0)) {
        showFirstStation(window);
        window.waitUntilIdle(120000);
    }
    if (cmd.view == QLatin1String("predictor")) {
        if (!previewPredictorForScreenshot(window))
            return 1;
    } else {
        window.showView(cmd.view, true);
    }
    // A window that was never shown gets its final layout only when grabbed: grab once so the
    // map renders at its real size, then wait for that render.
    window.grab();
    window.waitUntilIdle(60000);
    QApplication::processEvents();
    const QImage image = window.grab().toImage();
    if (image.isNull() || !image.save(cmd.screenshot)) {
        std::fprintf(stderr, "soilscope: cannot write the screenshot %s\n",
                     qPrintable(cmd.screenshot));
        return 1;
    }
    std::printf("%s\n", qPrintable(cmd.screenshot));
    return 0;
}

} // namespace soilscope::gui
