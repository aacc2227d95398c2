#pragma once
#include <QString>
#include <QStringList>

namespace soilscope::gui {

/// What `soilscope [--project P] [--demo DIR] [--screenshot FILE.png [--view V] [--train
/// quick|full]]
/// [--lang L] [FILES...]` asks for.
struct CommandLine {
    QString project;
    QString demoDir;
    QString screenshot;
    QString view =
        QStringLiteral("map"); ///< map | timeseries | scatter | spectrum | intraday | training
    /// Train the project before the screenshot: "quick" (a short run), "full" (the project's
    /// settings) or "" (no training; --view training implies "quick").
    QString train;
    QString language;  ///< "de", "en"; empty = preferences, then system
    QStringList files; ///< rasters / station archives to open as layers
    QString error;     ///< set when the arguments are invalid

    /// Parses arguments (argv without the program name is fine too; the first is skipped
    /// when it does not start with '-' and names the program).
    static CommandLine parse(const QStringList& arguments);
    /// The views --view accepts.
    static QStringList views();
};

} // namespace soilscope::gui
