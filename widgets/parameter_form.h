#pragma once
#include "base/parameter_spec.h"

#include <QList>
#include <QPair>
#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QFormLayout;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace soilscope::widgets {

/// An editor generated from a Task's ParameterSpec list: file pickers for paths, spin boxes
/// with the declared ranges, check boxes, combos (driving enabledWhen sub-trees), text and list
/// fields. Dotted names are grouped under their prefix; advanced parameters are folded away.
class ParameterForm : public QWidget {
    Q_OBJECT
  public:
    explicit ParameterForm(QWidget* parent = nullptr);

    /// Rebuilds the form for a task; `runLabel` empty hides the Run button.
    void setSpecs(const std::vector<soilscope::ParameterSpec>& specs, const QString& runLabel = {});
    const std::vector<soilscope::ParameterSpec>& specs() const { return m_specs; }
    /// Raw text values of the visible, set parameters (as the CLI would receive them).
    std::map<std::string, std::string> values() const;
    /// Sets fields from raw text values; unknown names are ignored.
    void setValues(const std::map<std::string, std::string>& values);
    /// Checks the values against the specs; returns an empty string when they are valid.
    QString validationError() const;
    /// True when the parameter's enabledWhen condition holds for the current values.
    bool isActive(const std::string& name) const;
    /// The map's layers (name, file or folder) that an input path field offers in the menu of
    /// its browse button and a path list in its "+" menu, as QGIS Processing offers the
    /// project's layers.
    void setLayerPaths(const QList<QPair<QString, QString>>& layers);
    /// The menu of an input path field's browse button (or of a path list's "+" button, which
    /// appends), filled as when it opens (for tests).
    QMenu* layerMenu(const std::string& name);
    /// The field widget of a parameter (for tests), or null.
    QWidget* field(const std::string& name) const;

  Q_SIGNALS:
    /// The user pressed Run with valid values.
    void runRequested(const std::map<std::string, std::string>& values);
    /// Any field changed.
    void valuesChanged();

  private:
    struct Row {
        soilscope::ParameterSpec spec;
        QWidget* field = nullptr;  ///< the editor (spin box, combo, line edit, ...)
        QWidget* holder = nullptr; ///< what is shown or hidden
        QLabel* label = nullptr;
        QWidget* enabler = nullptr; ///< check box of optional numbers, or null
        QFormLayout* form = nullptr;
    };
    QWidget* makeField(Row& row);
    void fillLayerMenu(QMenu* menu, QLineEdit* edit, bool append) const;
    /// Gives `button` the menu of map layers for `edit` (appending to a list when `append`).
    void attachLayerMenu(QToolButton* button, QLineEdit* edit, bool append);
    std::string fieldText(const Row& row) const;
    void setFieldText(Row& row, const std::string& text);
    void updateVisibility();
    void onRun();

    std::vector<soilscope::ParameterSpec> m_specs;
    std::vector<Row> m_rows;
    QVBoxLayout* m_layout = nullptr;
    QWidget* m_content = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_run = nullptr;
    QList<QPair<QString, QString>> m_layerPaths;
};

} // namespace soilscope::widgets
