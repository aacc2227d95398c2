#pragma once
// File → New project from a data folder…: the GUI over the project-new task. It scans a folder
// (the task runs as a job), shows the roles the chosen workload needs with the layer proposed
// for each — found or missing — lets the user pick another layer of the scan for any role, and
// writes the project.
#include "project/project_file.h"

#include <QDialog>
#include <QJsonArray>

#include <functional>
#include <map>
#include <optional>
#include <string>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace soilscope::widgets {
class TaskJob;
}

namespace soilscope::gui {

class ProjectWizard : public QDialog {
    Q_OBJECT
  public:
    using RunTask = std::function<widgets::TaskJob*(
        const QString& taskId, const std::map<std::string, std::string>& values)>;
    /// `run` runs a task as a job of the window's queue (progress and cancel in the Jobs dock).
    explicit ProjectWizard(RunTask run, QWidget* parent = nullptr);

    /// Scans `folder` for `workload` ("none" or a workload id); the table fills when the job ends.
    void scan(const QString& folder, const QString& workload);
    /// Writes the project with the roles as the table shows them; false (and a message) when it
    /// cannot. The written path is project().
    bool writeProject(const QString& path);
    /// After a scan: one row per role, the combo's current choice its layer.
    QTableWidget* roles() const { return m_roles; }
    QString writtenPath() const { return m_written; }
    bool isScanned() const { return m_proposal.has_value(); }

  private:
    void fillRoles(const QJsonObject& scan);
    RunTask m_run;
    QLineEdit* m_folder;
    QComboBox* m_workload;
    QLineEdit* m_out;
    QPushButton* m_scanButton;
    QLabel* m_status;
    QTableWidget* m_roles;
    QPushButton* m_create;
    QString m_proposalPath; ///< the task's own project, before the user's edits
    std::optional<project::ProjectFile> m_proposal;
    QJsonArray m_found; ///< every layer of the scan
    QString m_written;
};

} // namespace soilscope::gui
