#include "gui/project_autosave.h"

#include "base/atomic_file.h"
#include "base/utf8.h"
#include "gui/project_editor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QUndoStack>

#include <algorithm>

namespace soilscope::gui {

ProjectAutosave::ProjectAutosave(ProjectEditor* editor, QUndoStack* undo, QObject* parent)
    : QObject(parent), m_editor(editor), m_undo(undo) {
    connect(&m_timer, &QTimer::timeout, this, [this] { saveNow(); });
    // Edits undone back to the saved state: nothing is left to recover. (A cleared stack, as
    // when another project is opened, keeps the file: those edits were neither saved nor
    // discarded.)
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean && m_undo->count() > 0)
            discard(m_editor->projectPath());
    });
    setIntervalSeconds(QSettings().value(QStringLiteral("autosave/seconds"), 60).toInt());
}

QString ProjectAutosave::fileFor(const QString& projectPath) {
    if (!projectPath.isEmpty())
        return QFileInfo(projectPath).absoluteFilePath() + QStringLiteral(".autosave");
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(folder).filePath(QStringLiteral("untitled-autosave.soilscope.json"));
}

QString ProjectAutosave::pendingFor(const QString& projectPath) {
    const QFileInfo autosave(fileFor(projectPath));
    if (!autosave.isFile())
        return {};
    if (!projectPath.isEmpty() && QFileInfo(projectPath).lastModified() > autosave.lastModified())
        return {}; // the project was saved after it (by another program or session)
    return autosave.absoluteFilePath();
}

void ProjectAutosave::setIntervalSeconds(int seconds) {
    m_seconds = std::max(0, seconds);
    if (m_seconds == 0)
        m_timer.stop();
    else
        m_timer.start(m_seconds * 1000);
}

bool ProjectAutosave::saveNow() {
    if (m_undo->isClean())
        return false;
    const QString file = fileFor(m_editor->projectPath());
    const std::string text = dumpJson(m_editor->document(), 2) + "\n";
    if (file == m_writtenFile && text == m_written && QFileInfo::exists(file))
        return false;
    try {
        QDir().mkpath(QFileInfo(file).absolutePath());
        writeTextAtomically(file.toStdString(), text);
    } catch (const std::exception& e) {
        if (m_failedFile != file) {
            m_failedFile = file;
            Q_EMIT failed(tr("Autosave failed: %1").arg(QString::fromStdString(e.what())));
        }
        return false;
    }
    m_failedFile.clear();
    m_writtenFile = file;
    m_written = text;
    return true;
}

void ProjectAutosave::discard(const QString& projectPath) {
    const QString file = fileFor(projectPath);
    QFile::remove(file);
    if (file == m_writtenFile) {
        m_writtenFile.clear();
        m_written.clear();
    }
}

} // namespace soilscope::gui
