#pragma once

class QCoreApplication;
class QString;

namespace soilscope::gui {

/// Installs the SoilScope (and Qt) translations of a language ("de", "de_DE"); false when no
/// SoilScope translation of it was found (English needs none).
bool installTranslations(QCoreApplication& app, const QString& language);

/// Runs the application: translations, command line, demo generation, main window or screenshot.
int runApplication(int argc, char** argv);

} // namespace soilscope::gui
