#pragma once
#include <QWidget>

#include <map>
#include <string>

class QComboBox;
class QLabel;

namespace soilscope::widgets {
class ParameterForm;
}

namespace soilscope::gui {

/// The Parameters dock: pick any registered task, fill the form generated from its
/// ParameterSpec list, and run it as a job.
class TaskPanel : public QWidget {
    Q_OBJECT
  public:
    explicit TaskPanel(QWidget* parent = nullptr);
    /// Shows the form of a task; false when the id is not registered.
    bool selectTask(const QString& id);
    QString currentTask() const;
    /// Presets values of the current form (e.g. paths of the open project).
    void setValues(const std::map<std::string, std::string>& values);
    widgets::ParameterForm* form() const { return m_form; }
    /// The soilscope-cli command line of the form's current values.
    QString commandLine() const;

  Q_SIGNALS:
    /// A task's form was built (the window presets project paths then).
    void taskSelected(const QString& taskId);
    void runRequested(const QString& taskId, const std::map<std::string, std::string>& values);

  private:
    void showCommandLine();

    QComboBox* m_tasks;
    QLabel* m_description;
    QLabel* m_commandLine;
    widgets::ParameterForm* m_form;
};

} // namespace soilscope::gui
