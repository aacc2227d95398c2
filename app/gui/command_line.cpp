#include "gui/command_line.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace soilscope::gui {

QStringList CommandLine::views() {
    return {QStringLiteral("map"),       QStringLiteral("timeseries"), QStringLiteral("scatter"),
            QStringLiteral("spectrum"),  QStringLiteral("intraday"),   QStringLiteral("training"),
            QStringLiteral("scenarios"), QStringLiteral("stations"),   QStringLiteral("predictor")};
}

CommandLine CommandLine::parse(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "CommandLine", "SoilScope: soil moisture from satellites and stations"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption project(
        QStringLiteral("project"),
        QCoreApplication::translate("CommandLine", "Open a project file."), QStringLiteral("file"));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate(
            "CommandLine", "Open the twin-region demo in DIR (generated first if missing)."),
        QStringLiteral("dir"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("CommandLine", "Render the window to a PNG and exit."),
        QStringLiteral("file"));
    const QCommandLineOption view(
        QStringLiteral("view"),
        QCoreApplication::translate("CommandLine",
                                    "View for --screenshot: map, timeseries, scatter, spectrum, "
                                    "intraday, training, scenarios, stations, predictor."),
        QStringLiteral("view"), QStringLiteral("map"));
    const QCommandLineOption lang(
        QStringLiteral("lang"),
        QCoreApplication::translate("CommandLine", "User interface language (en, de)."),
        QStringLiteral("code"));
    const QCommandLineOption train(
        QStringLiteral("train"),
        QCoreApplication::translate(
            "CommandLine", "With --screenshot: train the project first, quick (a short run) or "
                           "full (its own settings); --view training implies quick."),
        QStringLiteral("mode"));
    parser.addOptions({project, demo, screenshot, view, lang, train});
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QCoreApplication::translate("CommandLine", "Rasters or station archives to open."));
    CommandLine out;
    QStringList args = arguments;
    if (args.isEmpty() || args.first().startsWith('-'))
        args.prepend(QStringLiteral("soilscope"));
    if (!parser.parse(args)) {
        out.error = parser.errorText();
        return out;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    out.project = parser.value(project);
    out.demoDir = parser.value(demo);
    out.screenshot = parser.value(screenshot);
    out.view = parser.value(view).toLower();
    out.language = parser.value(lang);
    out.train = parser.value(train).toLower();
    if (out.train.isEmpty() && out.view == QLatin1String("training") && !out.screenshot.isEmpty())
        out.train = QStringLiteral("quick");
    out.files = parser.positionalArguments();
    if (!views().contains(out.view))
        out.error = QCoreApplication::translate("CommandLine", "unknown view '%1' (use one of: %2)")
                        .arg(out.view, views().join(QStringLiteral(", ")));
    if (!out.train.isEmpty() && out.train != QLatin1String("quick") &&
        out.train != QLatin1String("full"))
        out.error = QCoreApplication::translate("CommandLine",
                                                "unknown training mode '%1' (use quick or full)")
                        .arg(out.train);
    if (!out.project.isEmpty() && !out.demoDir.isEmpty())
        out.error =
            QCoreApplication::translate("CommandLine", "use either --project or --demo, not both");
    return out;
}

} // namespace soilscope::gui
