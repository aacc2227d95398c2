#pragma once
#include <nlohmann/json.hpp>

#include <QTabWidget>
#include <QUndoCommand>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QTableWidget;
class QUndoStack;

namespace soilscope::widgets {
class ParameterForm;
}

namespace soilscope::gui {

class ProjectEditor;

/// One edit of the project document: the value at a JSON pointer, before and after.
/// Consecutive edits of the same value merge into one undo step.
class JsonEditCommand : public QUndoCommand {
  public:
    JsonEditCommand(ProjectEditor* editor, std::string pointer, nlohmann::json before,
                    nlohmann::json after, const QString& text);
    void undo() override;
    void redo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand* other) override;

  private:
    ProjectEditor* m_editor;
    std::string m_pointer;
    nlohmann::json m_before;
    nlohmann::json m_after;
};

/// Editors of a project document (the learning engine's versioned JSON): general fields, data
/// layers, predictors, the model architecture (a form generated from the family's
/// parameters), the split scheme and training settings. Every edit goes through the undo stack.
class ProjectEditor : public QTabWidget {
    Q_OBJECT
  public:
    ProjectEditor(QUndoStack* undo, QWidget* parent = nullptr);
    /// Replaces the document (clears nothing on the undo stack; the caller does).
    void setDocument(const nlohmann::json& document);
    /// The file the document belongs to (relative data paths are resolved against it).
    void setProjectPath(const QString& path);
    const QString& projectPath() const { return m_projectPath; }
    /// Shows the Predictors tab with a predictor selected (0-based); false when there is none.
    bool selectPredictor(int index);
    const nlohmann::json& document() const { return m_doc; }
    /// Pushes an undoable edit of the value at `pointer` ("/model/params/hidden").
    void edit(const std::string& pointer, const nlohmann::json& value, const QString& text = {});
    /// Sets a value without the undo stack (used by the commands).
    void apply(const std::string& pointer, const nlohmann::json& value);
    /// The value at a pointer (null when absent).
    nlohmann::json value(const std::string& pointer) const;

  Q_SIGNALS:
    void documentChanged();
    /// The user asked to see a data layer (by role) on the map.
    void previewRequested(const QString& role);
    /// The user asked to see a predictor (0-based, as listed) computed on the map.
    void predictorPreviewRequested(int index);

  private:
    void refresh();
    void editText(const std::string& pointer, const QString& text);
    void fillTable(QTableWidget* table, const nlohmann::json& object);
    /// Edits the project below `base` from the fields of a form generated from published specs.
    void bindForm(widgets::ParameterForm* form, const std::string& base);
    void onTableEdited(QTableWidget* table, const std::string& base, int row);
    void rebuildModelForm();
    void rebuildSplitForm();
    void showPredictor(int row);

    QUndoStack* m_undo;
    nlohmann::json m_doc = nlohmann::json::object();
    bool m_refreshing = false;
    QLineEdit* m_name;
    QLineEdit* m_workload;
    QLineEdit* m_description;
    QTableWidget* m_data;
    QString m_projectPath;
    nlohmann::json m_shownPredictors =
        nlohmann::json::array(); ///< the document's, else the preset's
    bool m_presetPredictors = false;
    QLabel* m_predictorSource = nullptr;
    QListWidget* m_predictors;
    QTableWidget* m_predictor;
    QComboBox* m_family;
    widgets::ParameterForm* m_model;
    widgets::ParameterForm* m_split;
    widgets::ParameterForm* m_training;
    widgets::ParameterForm* m_workloadOptions;
    std::string m_workloadOptionsOf; ///< the workload whose options m_workloadOptions shows
    std::vector<widgets::ParameterForm*> m_boundForms;
    /// What each bound form showed after the last refresh: only fields that differ are edits.
    std::map<widgets::ParameterForm*, std::map<std::string, std::string>> m_shownValues;
};

} // namespace soilscope::gui
