#include "widgets/parameter_form.h"

#include "base/parameter_values.h"
#include "widgets/task_strings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>
#include <cmath>
#include <map>

namespace soilscope::widgets {

using soilscope::ParameterType;

namespace {

constexpr double kUnbounded = 1e12;

double clampBound(double v) {
    return std::isfinite(v) ? v : (v < 0 ? -kUnbounded : kUnbounded);
}

/// The translated group path of a dotted name ("model.lstm.hidden" -> "Modell › lstm").
QString groupName(const std::string& name) {
    QStringList parts;
    for (const auto& part : parameterGroups(name))
        parts << trTask(part);
    return parts.join(QStringLiteral(" \u203a "));
}

/// The tooltip of a parameter: its CLI key and type, the translated description and, when it
/// differs, the English original.
QString parameterTip(const soilscope::ParameterSpec& spec) {
    const QString english = QString::fromStdString(spec.description);
    const QString shown = trTask(spec.description);
    QString tip = QStringLiteral("<b>--%1</b> (%2)<br/>%3")
                      .arg(QString::fromStdString(spec.name),
                           QString::fromLatin1(soilscope::parameterTypeName(spec.type)),
                           shown.toHtmlEscaped());
    if (shown != english)
        tip += QStringLiteral("<br/><i>%1</i>").arg(english.toHtmlEscaped());
    if (!spec.searchRange.empty())
        tip += QStringLiteral("<br/>") +
               QObject::tr("A search without a space draws %1")
                   .arg(QString::fromStdString(spec.searchRange).toHtmlEscaped());
    return tip;
}

} // namespace

ParameterForm::ParameterForm(QWidget* parent) : QWidget(parent) {
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(4, 4, 4, 4);
}

void ParameterForm::setLayerPaths(const QList<QPair<QString, QString>>& layers) {
    m_layerPaths = layers;
}

namespace {

/// A field with its button at the right, as one row's widget.
QWidget* besideEachOther(QWidget* field, QWidget* button) {
    auto* holder = new QWidget;
    auto* h = new QHBoxLayout(holder);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(field, 1);
    h->addWidget(button);
    return holder;
}

/// The items of a comma-separated list, trimmed.
QStringList listItems(const QString& list) {
    QStringList items = list.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString& item : items)
        item = item.trimmed();
    return items;
}

/// The comma-separated list with `path` at its end (unless it is there already).
QString appended(const QString& list, const QString& path) {
    QStringList items = listItems(list);
    if (!items.contains(path))
        items << path;
    return items.join(QLatin1Char(','));
}

} // namespace

void ParameterForm::fillLayerMenu(QMenu* menu, QLineEdit* edit, bool append) const {
    menu->clear();
    const auto use = [edit, append](const QString& path) {
        edit->setText(append ? appended(edit->text(), path) : path);
    };
    if (m_layerPaths.isEmpty())
        menu->addAction(tr("No layer on the map"))->setEnabled(false);
    else
        menu->addSection(tr("Map layers"));
    const QStringList listed = listItems(edit->text());
    for (const auto& [name, path] : m_layerPaths) {
        QAction* action = menu->addAction(name);
        action->setToolTip(path);
        action->setCheckable(true);
        action->setChecked(append ? listed.contains(path) : edit->text() == path);
        connect(action, &QAction::triggered, edit, [use, path] { use(path); });
    }
    if (!append)
        return; // the browse button itself picks a file
    menu->addSeparator();
    connect(menu->addAction(tr("File\u2026")), &QAction::triggered, edit, [edit, use] {
        if (const QString f = QFileDialog::getOpenFileName(edit, tr("Input file")); !f.isEmpty())
            use(f);
    });
    connect(menu->addAction(tr("Folder\u2026")), &QAction::triggered, edit, [edit, use] {
        if (const QString d = QFileDialog::getExistingDirectory(edit, tr("Choose a folder"));
            !d.isEmpty())
            use(d);
    });
}

void ParameterForm::attachLayerMenu(QToolButton* button, QLineEdit* edit, bool append) {
    // A list's "+" is all menu; a file picker's button browses and its arrow opens the menu.
    button->setPopupMode(append ? QToolButton::InstantPopup : QToolButton::MenuButtonPopup);
    auto* menu = new QMenu(button);
    menu->setObjectName(QStringLiteral("layers"));
    button->setMenu(menu);
    connect(menu, &QMenu::aboutToShow, this,
            [this, menu, edit, append] { fillLayerMenu(menu, edit, append); });
}

QMenu* ParameterForm::layerMenu(const std::string& name) {
    for (const Row& row : m_rows)
        if (row.spec.name == name && row.holder)
            if (auto* menu = row.holder->findChild<QMenu*>(QStringLiteral("layers"))) {
                fillLayerMenu(menu, qobject_cast<QLineEdit*>(row.field), row.spec.isPathList);
                return menu;
            }
    return nullptr;
}

void ParameterForm::setSpecs(const std::vector<soilscope::ParameterSpec>& specs,
                             const QString& runLabel) {
    delete m_content;
    m_rows.clear();
    m_specs = specs;
    m_content = new QWidget(this);
    auto* outer = new QVBoxLayout(m_content);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* mainForm = new QFormLayout;
    outer->addLayout(mainForm);
    std::map<QString, QFormLayout*> groups;
    QWidget* advancedBox = nullptr;
    QFormLayout* advancedForm = nullptr;

    m_rows.reserve(specs.size());
    for (const auto& spec : specs) {
        Row row;
        row.spec = spec;
        QWidget* field = makeField(row);
        row.label = new QLabel(trTask(parameterLabel(spec.name)) +
                               (spec.required ? QStringLiteral(" *") : QString()));
        const QString tip = parameterTip(spec);
        row.label->setToolTip(tip);
        field->setToolTip(tip);
        row.label->setBuddy(row.field);

        QFormLayout* form = mainForm;
        if (spec.advanced) {
            if (!advancedForm) {
                auto* toggle = new QToolButton;
                toggle->setText(tr("Advanced parameters"));
                toggle->setCheckable(true);
                toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
                toggle->setArrowType(Qt::RightArrow);
                toggle->setAutoRaise(true);
                advancedBox = new QWidget;
                advancedForm = new QFormLayout(advancedBox);
                advancedBox->setVisible(false);
                connect(toggle, &QToolButton::toggled, advancedBox, [toggle, advancedBox](bool on) {
                    toggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
                    advancedBox->setVisible(on);
                });
                outer->addWidget(toggle);
                outer->addWidget(advancedBox);
            }
            form = advancedForm;
        } else if (const QString g = groupName(spec.name); !g.isEmpty()) {
            auto& groupForm = groups[g];
            if (!groupForm) {
                auto* box = new QGroupBox(g);
                groupForm = new QFormLayout(box);
                outer->addWidget(box);
            }
            form = groupForm;
        }
        form->addRow(row.label, field);
        row.holder = field;
        row.form = form;
        m_rows.push_back(row);
    }
    outer->addStretch(1);

    m_error = new QLabel(m_content);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    outer->addWidget(m_error);
    m_run = nullptr;
    if (!runLabel.isEmpty()) {
        m_run = new QPushButton(runLabel, m_content);
        m_run->setDefault(true);
        m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
        m_run->setToolTip(tr("Run with these parameters (Ctrl+Return)"));
        connect(m_run, &QPushButton::clicked, this, &ParameterForm::onRun);
        outer->addWidget(m_run);
    }
    m_layout->addWidget(m_content);
    updateVisibility();
}

QWidget* ParameterForm::makeField(Row& row) {
    const auto& spec = row.spec;
    const QString def = QString::fromStdString(spec.defaultValue);
    auto changed = [this] {
        updateVisibility();
        Q_EMIT valuesChanged();
    };
    QWidget* holder = nullptr;
    switch (spec.type) {
    case ParameterType::Int: {
        auto* box = new QSpinBox;
        box->setRange(static_cast<int>(std::max<double>(clampBound(spec.minimum), INT_MIN)),
                      static_cast<int>(std::min<double>(clampBound(spec.maximum), INT_MAX)));
        box->setValue(def.toInt());
        connect(box, &QSpinBox::valueChanged, this, changed);
        row.field = box;
        break;
    }
    case ParameterType::Double: {
        auto* box = new QDoubleSpinBox;
        const double v = def.toDouble();
        // Enough decimals for the default's magnitude (Adam's eps is 1e-8).
        const int digits =
            v != 0.0 && std::abs(v) < 1e-3 ? int(std::ceil(-std::log10(std::abs(v)))) + 3 : 6;
        box->setDecimals(digits);
        box->setRange(clampBound(spec.minimum), clampBound(spec.maximum));
        box->setSingleStep(v != 0.0 ? std::pow(10.0, std::floor(std::log10(std::abs(v)))) : 0.1);
        box->setValue(v);
        connect(box, &QDoubleSpinBox::valueChanged, this, changed);
        row.field = box;
        break;
    }
    case ParameterType::Bool: {
        auto* box = new QCheckBox;
        box->setChecked(def == QLatin1String("true") || def == QLatin1String("1"));
        connect(box, &QCheckBox::toggled, this, changed);
        row.field = box;
        break;
    }
    case ParameterType::Choice: {
        auto* combo = new QComboBox;
        // A choice without a default may stay unset (the task then decides, e.g. from the
        // project): an empty first item that passes no value.
        if (spec.defaultValue.empty() && !spec.required)
            combo->addItem(tr("(not set)"), QString());
        // Shown translated; the item data is the value the task receives.
        for (const auto& c : spec.choices) {
            const QString value = QString::fromStdString(c);
            combo->addItem(trTask(c), value);
            combo->setItemData(
                combo->count() - 1,
                QStringLiteral("--%1 %2").arg(QString::fromStdString(spec.name), value),
                Qt::ToolTipRole);
        }
        if (const int i = combo->findData(def); i >= 0)
            combo->setCurrentIndex(i);
        connect(combo, &QComboBox::currentIndexChanged, this, changed);
        row.field = combo;
        break;
    }
    case ParameterType::Path: {
        auto* edit = new QLineEdit(def);
        edit->setPlaceholderText(spec.isOutput ? tr("output path") : tr("input path"));
        connect(edit, &QLineEdit::textChanged, this, changed);
        auto* browse = new QToolButton;
        browse->setText(QStringLiteral("\u2026"));
        browse->setToolTip(tr("Browse"));
        const bool folder = spec.isFolder;
        const bool output = spec.isOutput;
        const QString filter = QString::fromStdString(spec.fileFilter);
        if (!output) // the arrow beside it: the map's layers, one click to use one
            attachLayerMenu(browse, edit, false);
        connect(browse, &QToolButton::clicked, edit, [edit, folder, output, filter] {
            QString chosen;
            if (folder)
                chosen =
                    QFileDialog::getExistingDirectory(edit, tr("Choose a folder"), edit->text());
            else if (output)
                chosen =
                    QFileDialog::getSaveFileName(edit, tr("Output file"), edit->text(), filter);
            else
                chosen = QFileDialog::getOpenFileName(edit, tr("Input file"), edit->text(), filter);
            if (!chosen.isEmpty())
                edit->setText(chosen);
        });
        holder = besideEachOther(edit, browse);
        row.field = edit;
        break;
    }
    case ParameterType::String:
    case ParameterType::StringList: {
        auto* edit = new QLineEdit(def);
        if (spec.type == ParameterType::StringList)
            edit->setPlaceholderText(tr("comma-separated list"));
        connect(edit, &QLineEdit::textChanged, this, changed);
        row.field = edit;
        if (spec.isPathList) {
            // A list of inputs: "+" adds a map layer, a file or a folder to it.
            auto* add = new QToolButton;
            add->setText(QStringLiteral("+"));
            add->setToolTip(tr("Add a map layer, a file or a folder to the list"));
            attachLayerMenu(add, edit, true);
            holder = besideEachOther(edit, add);
        }
        break;
    }
    }
    row.field->setObjectName(QString::fromStdString(spec.name));
    // Optional numbers without default: a check box decides whether the value is passed at all.
    const bool numeric = spec.type == ParameterType::Int || spec.type == ParameterType::Double;
    if (numeric && !spec.required && spec.defaultValue.empty()) {
        auto* enable = new QCheckBox;
        enable->setToolTip(tr("Pass this optional value"));
        row.field->setEnabled(false);
        connect(enable, &QCheckBox::toggled, row.field, &QWidget::setEnabled);
        connect(enable, &QCheckBox::toggled, this, changed);
        row.enabler = enable;
        holder = new QWidget;
        auto* h = new QHBoxLayout(holder);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(enable);
        h->addWidget(row.field, 1);
    }
    return holder ? holder : row.field;
}

std::string ParameterForm::fieldText(const Row& row) const {
    if (auto* enable = qobject_cast<QCheckBox*>(row.enabler); enable && !enable->isChecked())
        return {};
    if (auto* box = qobject_cast<QSpinBox*>(row.field))
        return std::to_string(box->value());
    if (auto* box = qobject_cast<QDoubleSpinBox*>(row.field))
        return QString::number(box->value(), 'g', 12).toStdString();
    if (auto* box = qobject_cast<QCheckBox*>(row.field))
        return box->isChecked() ? "true" : "false";
    if (auto* combo = qobject_cast<QComboBox*>(row.field))
        return combo->currentData().toString().toStdString();
    if (auto* edit = qobject_cast<QLineEdit*>(row.field))
        return edit->text().trimmed().toStdString();
    return {};
}

void ParameterForm::setFieldText(Row& row, const std::string& text) {
    const QString t = QString::fromStdString(text);
    if (auto* enable = qobject_cast<QCheckBox*>(row.enabler))
        enable->setChecked(!t.isEmpty());
    if (auto* box = qobject_cast<QSpinBox*>(row.field))
        box->setValue(t.toInt());
    else if (auto* box = qobject_cast<QDoubleSpinBox*>(row.field))
        box->setValue(t.toDouble());
    else if (auto* box = qobject_cast<QCheckBox*>(row.field))
        box->setChecked(t == QLatin1String("true") || t == QLatin1String("1") ||
                        t == QLatin1String("yes"));
    else if (auto* combo = qobject_cast<QComboBox*>(row.field)) {
        if (const int i = combo->findData(t); i >= 0)
            combo->setCurrentIndex(i);
    } else if (auto* edit = qobject_cast<QLineEdit*>(row.field))
        edit->setText(t);
}

std::map<std::string, std::string> ParameterForm::values() const {
    std::map<std::string, std::string> out;
    for (const auto& row : m_rows) {
        if (!isActive(row.spec.name))
            continue;
        std::string text = fieldText(row);
        if (text.empty())
            continue;
        out[row.spec.name] = std::move(text);
    }
    return out;
}

void ParameterForm::setValues(const std::map<std::string, std::string>& values) {
    for (auto& row : m_rows)
        if (const auto it = values.find(row.spec.name); it != values.end())
            setFieldText(row, it->second);
    updateVisibility();
}

bool ParameterForm::isActive(const std::string& name) const {
    for (const auto& row : m_rows) {
        if (row.spec.name != name)
            continue;
        const std::string& cond = row.spec.enabledWhen;
        if (cond.empty())
            return true;
        const auto eq = cond.find('=');
        if (eq == std::string::npos)
            return true;
        const std::string other = cond.substr(0, eq);
        const QStringList accepted = QString::fromStdString(cond.substr(eq + 1)).split('|');
        if (!isActive(other))
            return false;
        for (const auto& o : m_rows)
            if (o.spec.name == other)
                return accepted.contains(QString::fromStdString(fieldText(o)));
        return true;
    }
    return false;
}

QWidget* ParameterForm::field(const std::string& name) const {
    for (const auto& row : m_rows)
        if (row.spec.name == name)
            return row.field;
    return nullptr;
}

void ParameterForm::updateVisibility() {
    for (auto& row : m_rows) {
        const bool on = isActive(row.spec.name);
        row.form->setRowVisible(row.holder, on);
    }
    // A group whose rows are all hidden is hidden too.
    for (auto* box : m_content ? m_content->findChildren<QGroupBox*>() : QList<QGroupBox*>()) {
        bool any = false;
        for (const auto& row : m_rows)
            if (row.form->parentWidget() == box && isActive(row.spec.name))
                any = true;
        box->setVisible(any);
    }
    if (m_error)
        m_error->hide();
}

QString ParameterForm::validationError() const {
    try {
        soilscope::ParameterValues::fromText(m_specs, values());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

void ParameterForm::onRun() {
    const QString error = validationError();
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    Q_EMIT runRequested(values());
}

} // namespace soilscope::widgets
