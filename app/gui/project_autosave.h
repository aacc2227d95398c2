#pragma once
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <string>

class QUndoStack;

namespace soilscope::gui {

class ProjectEditor;

/// Unsaved project edits written aside every few seconds (QSettings "autosave/seconds",
/// default 60; 0 turns it off), so that a crash, a power cut or a killed session loses at most
/// that much. The file is written atomically (the previous autosave or the new one, never a
/// mix), removed when the project is saved or its edits are undone or discarded, and offered
/// back when the project is opened again.
class ProjectAutosave : public QObject {
    Q_OBJECT
  public:
    ProjectAutosave(ProjectEditor* editor, QUndoStack* undo, QObject* parent = nullptr);

    /// Where the edits of the project file `projectPath` are written: `<file>.autosave` beside
    /// it (its relative paths stay valid); for a project never saved,
    /// untitled-autosave.soilscope.json in the application's data folder.
    static QString fileFor(const QString& projectPath);
    /// The autosave of `projectPath` when there is one newer than the project file, else "".
    static QString pendingFor(const QString& projectPath);

    /// Seconds between autosaves; 0 turns autosave off.
    void setIntervalSeconds(int seconds);
    int intervalSeconds() const { return m_seconds; }
    /// Writes the project's unsaved edits now unless they are written already; true when it
    /// wrote. Errors (a read-only folder, a full disk) are reported through failed() once per
    /// file and never interrupt the user.
    bool saveNow();
    /// Removes the autosave of `projectPath` (its edits were saved or discarded).
    void discard(const QString& projectPath);

  Q_SIGNALS:
    void failed(const QString& message);

  private:
    ProjectEditor* m_editor;
    QUndoStack* m_undo;
    QTimer m_timer;
    int m_seconds = 0;
    QString m_writtenFile;
    std::string m_written; ///< the text last written to m_writtenFile
    QString m_failedFile;
};

} // namespace soilscope::gui
