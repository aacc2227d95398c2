#include "gui/project_editor.h"

#include "base/parameter_values.h"

#include "gui/predictor_preview.h"

#include "models/model_spec.h"
#include "training/setting_specs.h"
#include "widgets/parameter_form.h"
#include "workloads/workload_options.h"
#include "workloads/workload_runner.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>

namespace soilscope::gui {

using nlohmann::json;

namespace {

QString display(const json& v) {
    if (v.is_null())
        return {};
    return v.is_string() ? QString::fromStdString(v.get<std::string>())
                         : QString::fromStdString(v.dump());
}

json parseCell(const QString& text) {
    const json parsed = json::parse(text.toStdString(), nullptr, false);
    return parsed.is_discarded() ? json(text.toStdString()) : parsed;
}

/// Converts form text back into the JSON type the spec declares.
json typedValue(const soilscope::ParameterSpec& spec, const std::string& text, const json& like) {
    switch (spec.type) {
    case soilscope::ParameterType::Int:
        return json(std::stoll(text));
    case soilscope::ParameterType::Double:
        return json(std::stod(text));
    case soilscope::ParameterType::Bool:
        return json(text == "true");
    case soilscope::ParameterType::StringList: {
        json arr = json::array();
        for (const QString& item : QString::fromStdString(text).split(',', Qt::SkipEmptyParts)) {
            const json v = json::parse(item.trimmed().toStdString(), nullptr, false);
            arr.push_back(v.is_discarded() ||
                                  (like.is_array() && !like.empty() && like[0].is_string())
                              ? json(item.trimmed().toStdString())
                              : v);
        }
        return arr;
    }
    default:
        return json(text);
    }
}

/// The published settings under `prefix` ("split.", "model.lstm.", ...) with the prefix taken off
/// their names and conditions, for a form that edits one section of the project.
std::vector<soilscope::ParameterSpec> section(const std::vector<soilscope::ParameterSpec>& all,
                                              const std::string& prefix) {
    std::vector<soilscope::ParameterSpec> out;
    for (auto spec : all) {
        if (spec.name.rfind(prefix, 0) != 0)
            continue;
        spec.name = spec.name.substr(prefix.size());
        if (spec.enabledWhen.rfind(prefix, 0) == 0)
            spec.enabledWhen = spec.enabledWhen.substr(prefix.size());
        else
            spec.enabledWhen
                .clear(); // a condition outside the section (model.family) is the section itself
        out.push_back(std::move(spec));
    }
    return out;
}

/// Leaves of a JSON object as dotted names ("optimizer.eps") with their text.
void flatten(const json& object, const std::string& prefix,
             std::map<std::string, std::string>& out) {
    if (!object.is_object())
        return;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().is_object())
            flatten(it.value(), prefix + it.key() + ".", out);
        else
            out[prefix + it.key()] = soilscope::parameterText(it.value());
    }
}

/// "optimizer.eps" below "/training" → "/training/optimizer/eps".
std::string pointerOf(const std::string& base, std::string dotted) {
    std::replace(dotted.begin(), dotted.end(), '.', '/');
    return base + "/" + dotted;
}

QTableWidget* keyValueTable() {
    auto* t = new QTableWidget(0, 2);
    t->setHorizontalHeaderLabels({QObject::tr("Key"), QObject::tr("Value (JSON)")});
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->setVisible(false);
    return t;
}

} // namespace

JsonEditCommand::JsonEditCommand(ProjectEditor* editor, std::string pointer, json before,
                                 json after, const QString& text)
    : QUndoCommand(text), m_editor(editor), m_pointer(std::move(pointer)),
      m_before(std::move(before)), m_after(std::move(after)) {}

void JsonEditCommand::undo() {
    m_editor->apply(m_pointer, m_before);
}
void JsonEditCommand::redo() {
    m_editor->apply(m_pointer, m_after);
}

bool JsonEditCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = static_cast<const JsonEditCommand*>(other);
    if (o->m_pointer != m_pointer)
        return false;
    m_after = o->m_after;
    return true;
}

ProjectEditor::ProjectEditor(QUndoStack* undo, QWidget* parent)
    : QTabWidget(parent), m_undo(undo), m_name(new QLineEdit), m_workload(new QLineEdit),
      m_description(new QLineEdit), m_data(new QTableWidget(0, 4)), m_predictors(new QListWidget),
      m_predictor(keyValueTable()), m_family(new QComboBox), m_model(new widgets::ParameterForm),
      m_split(new widgets::ParameterForm), m_training(new widgets::ParameterForm),
      m_workloadOptions(new widgets::ParameterForm) {
    auto* general = new QWidget;
    auto* gf = new QFormLayout(general);
    gf->addRow(tr("Name"), m_name);
    gf->addRow(tr("Workload"), m_workload);
    gf->addRow(tr("Description"), m_description);
    for (auto [edit, key] :
         {std::pair{m_name, "/name"}, {m_workload, "/workload"}, {m_description, "/description"}})
        connect(edit, &QLineEdit::editingFinished, this,
                [this, edit = edit, key = std::string(key)] {
                    if (!m_refreshing)
                        editText(key, edit->text());
                });
    addTab(general, tr("General"));

    auto* data = new QWidget;
    auto* dl = new QVBoxLayout(data);
    m_data->setHorizontalHeaderLabels({tr("Role"), tr("Kind"), tr("Path"), tr("Variable")});
    m_data->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_data->verticalHeader()->setVisible(false);
    dl->addWidget(m_data);
    auto* show =
        new QPushButton(QIcon(QStringLiteral(":/icons/add-raster.svg")), tr("Show on map"));
    show->setToolTip(tr("Add the selected data layer to the map"));
    dl->addWidget(show, 0, Qt::AlignRight);
    connect(show, &QPushButton::clicked, this, [this] {
        if (const auto* item = m_data->item(m_data->currentRow(), 0))
            Q_EMIT previewRequested(item->text());
    });
    connect(m_data, &QTableWidget::cellChanged, this, [this](int row, int column) {
        if (m_refreshing || column < 1)
            return;
        static const char* keys[] = {"", "kind", "path", "variable"};
        const std::string role = m_data->item(row, 0)->text().toStdString();
        edit("/data/" + role + "/" + keys[column],
             json(m_data->item(row, column)->text().toStdString()));
    });
    addTab(data, tr("Data"));

    auto* predictors = new QWidget;
    auto* pl = new QHBoxLayout(predictors);
    m_predictors->setMaximumWidth(200);
    pl->addWidget(m_predictors);
    auto* pr = new QVBoxLayout;
    m_predictorSource = new QLabel;
    m_predictorSource->setWordWrap(true);
    pr->addWidget(m_predictorSource);
    pr->addWidget(m_predictor);
    auto* preview = new QPushButton(QIcon(QStringLiteral(":/icons/add-raster.svg")),
                                    tr("Preview predictor on map"));
    preview->setToolTip(tr(
        "Compute the selected predictor (index, transforms, temporal selection) on the sample grid "
        "and show it on the map"));
    pr->addWidget(preview, 0, Qt::AlignRight);
    pl->addLayout(pr, 1);
    connect(m_predictors, &QListWidget::currentRowChanged, this, &ProjectEditor::showPredictor);
    connect(m_predictor, &QTableWidget::cellChanged, this, [this](int row, int) {
        if (!m_refreshing)
            onTableEdited(m_predictor, "/predictors/" + std::to_string(m_predictors->currentRow()),
                          row);
    });
    connect(preview, &QPushButton::clicked, this, [this] {
        if (m_predictors->currentRow() >= 0)
            Q_EMIT predictorPreviewRequested(m_predictors->currentRow());
    });
    addTab(predictors, tr("Predictors"));

    auto* model = new QWidget;
    auto* ml = new QVBoxLayout(model);
    for (const auto& f : models::modelFamilies())
        m_family->addItem(QString::fromStdString(f));
    m_family->setToolTip(tr("Model family; its parameters are listed below"));
    ml->addWidget(m_family);
    auto* modelScroll = new QScrollArea;
    modelScroll->setWidgetResizable(true);
    modelScroll->setWidget(m_model);
    ml->addWidget(modelScroll, 1);
    connect(m_family, &QComboBox::currentTextChanged, this, [this](const QString& family) {
        if (m_refreshing)
            return;
        json spec{{"family", family.toStdString()}, {"params", json::object()}};
        edit("/model", spec, tr("Change model family"));
    });
    bindForm(m_model, "/model/params");
    addTab(model, tr("Model"));

    auto* splitScroll = new QScrollArea;
    splitScroll->setWidgetResizable(true);
    splitScroll->setWidget(m_split);
    m_split->setSpecs(section(training::splitSettingSpecs(), "split."));
    bindForm(m_split, "/split");
    addTab(splitScroll, tr("Split"));

    m_training->setSpecs(section(training::trainingSettingSpecs(), "training."));
    bindForm(m_training, "/training");
    auto* trainingScroll = new QScrollArea;
    trainingScroll->setWidgetResizable(true);
    trainingScroll->setWidget(m_training);
    addTab(trainingScroll, tr("Training"));
    bindForm(m_workloadOptions, "/training/workload");
    auto* workloadScroll = new QScrollArea;
    workloadScroll->setWidgetResizable(true);
    workloadScroll->setWidget(m_workloadOptions);
    addTab(workloadScroll, tr("Workload options"));
    setDocument(json::object());
}

void ProjectEditor::bindForm(widgets::ParameterForm* form, const std::string& base) {
    // A changed field becomes one undoable edit of its JSON pointer, typed as the spec declares.
    // Only the field the user changed is written: the others may show a rounded default (a
    // spin box's decimals) that must not reach the project.
    m_boundForms.push_back(form);
    connect(form, &widgets::ParameterForm::valuesChanged, this, [this, form, base] {
        if (m_refreshing)
            return;
        const auto values = form->values();
        const auto& shown = m_shownValues[form];
        for (const auto& spec : form->specs()) {
            const auto it = values.find(spec.name);
            if (it == values.end())
                continue;
            if (const auto before = shown.find(spec.name);
                before != shown.end() && before->second == it->second)
                continue;
            const std::string ptr = pointerOf(base, spec.name);
            try {
                const json v = typedValue(spec, it->second, value(ptr));
                if (v != value(ptr) && !(value(ptr).is_null() && it->second == spec.defaultValue))
                    edit(ptr, v, tr("Edit %1").arg(QString::fromStdString(spec.name)));
            } catch (const std::exception&) {
                // a half-typed number: the form shows it, the document keeps the last valid value
            }
        }
    });
}

void ProjectEditor::editText(const std::string& pointer, const QString& text) {
    edit(pointer, json(text.toStdString()));
}

json ProjectEditor::value(const std::string& pointer) const {
    const json::json_pointer p(pointer);
    return m_doc.contains(p) ? m_doc.at(p) : json();
}

void ProjectEditor::edit(const std::string& pointer, const json& v, const QString& text) {
    const json before = value(pointer);
    if (before == v)
        return;
    m_undo->push(new JsonEditCommand(
        this, pointer, before, v,
        text.isEmpty() ? tr("Edit %1").arg(QString::fromStdString(pointer)) : text));
}

void ProjectEditor::apply(const std::string& pointer, const json& v) {
    const json::json_pointer p(pointer);
    if (v.is_null()) {
        if (m_doc.contains(p))
            m_doc.at(p.parent_pointer()).erase(p.back());
    } else {
        m_doc[p] = v;
    }
    refresh();
    Q_EMIT documentChanged();
}

void ProjectEditor::setDocument(const json& document) {
    m_doc = document.is_object() ? document : json::object();
    refresh();
}

void ProjectEditor::fillTable(QTableWidget* table, const json& object) {
    table->setRowCount(0);
    if (!object.is_object())
        return;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const int row = table->rowCount();
        table->insertRow(row);
        auto* k = new QTableWidgetItem(QString::fromStdString(it.key()));
        k->setFlags(k->flags() & ~Qt::ItemIsEditable);
        table->setItem(row, 0, k);
        table->setItem(row, 1, new QTableWidgetItem(display(it.value())));
    }
}

void ProjectEditor::onTableEdited(QTableWidget* table, const std::string& base, int row) {
    const auto* key = table->item(row, 0);
    const auto* val = table->item(row, 1);
    if (!key || !val)
        return;
    edit(base + "/" + key->text().toStdString(), parseCell(val->text()));
}

void ProjectEditor::showPredictor(int row) {
    const bool was = m_refreshing;
    m_refreshing = true;
    const std::size_t i = static_cast<std::size_t>(std::max(0, row));
    fillTable(m_predictor, i < m_shownPredictors.size() ? m_shownPredictors[i] : json());
    // The preset's predictors are not part of the document: shown, not edited.
    m_predictor->setEditTriggers(m_presetPredictors ? QAbstractItemView::NoEditTriggers
                                                    : QAbstractItemView::DoubleClicked |
                                                          QAbstractItemView::EditKeyPressed |
                                                          QAbstractItemView::AnyKeyPressed);
    m_refreshing = was;
}

void ProjectEditor::setProjectPath(const QString& path) {
    m_projectPath = path;
    refresh();
}

bool ProjectEditor::selectPredictor(int index) {
    if (index < 0 || index >= m_predictors->count())
        return false;
    m_predictors->setCurrentRow(index);
    for (QWidget* w = m_predictors; w; w = w->parentWidget())
        if (indexOf(w) >= 0) {
            setCurrentWidget(w); // the Predictors page
            break;
        }
    return true;
}

void ProjectEditor::refresh() {
    m_refreshing = true;
    m_name->setText(display(value("/name")).remove('"'));
    m_workload->setText(display(value("/workload")).remove('"'));
    m_description->setText(display(value("/description")).remove('"'));
    m_data->setRowCount(0);
    if (m_doc.contains("data") && m_doc["data"].is_object())
        for (auto entry = m_doc["data"].begin(); entry != m_doc["data"].end(); ++entry) {
            const std::string& role = entry.key();
            const json& layer = entry.value();
            const int r = m_data->rowCount();
            m_data->insertRow(r);
            auto* roleItem = new QTableWidgetItem(QString::fromStdString(role));
            roleItem->setFlags(roleItem->flags() & ~Qt::ItemIsEditable);
            m_data->setItem(r, 0, roleItem);
            m_data->setItem(
                r, 1, new QTableWidgetItem(QString::fromStdString(layer.value("kind", "raster"))));
            m_data->setItem(r, 2,
                            new QTableWidgetItem(QString::fromStdString(layer.value("path", ""))));
            m_data->setItem(
                r, 3, new QTableWidgetItem(QString::fromStdString(layer.value("variable", ""))));
        }
    const int currentPredictor = m_predictors->currentRow();
    m_predictors->clear();
    m_presetPredictors = !(m_doc.contains("predictors") && m_doc["predictors"].is_array() &&
                           !m_doc["predictors"].empty());
    m_shownPredictors =
        m_presetPredictors ? effectivePredictors(m_doc, m_projectPath) : m_doc["predictors"];
    if (m_presetPredictors && !m_shownPredictors.empty())
        m_predictorSource->setText(
            tr("The predictors of the %1 workload (the project declares none; add a "
               "\"predictors\" list to change them).")
                .arg(display(value("/workload")).remove('"')));
    m_predictorSource->setVisible(m_presetPredictors && !m_shownPredictors.empty());
    if (m_shownPredictors.is_array())
        for (const auto& p : m_shownPredictors)
            m_predictors->addItem(
                QStringLiteral("%1 (%2)").arg(QString::fromStdString(p.value("name", "?")),
                                              QString::fromStdString(p.value("kind", "band"))));
    m_predictors->setCurrentRow(
        std::clamp(currentPredictor, 0, std::max(0, m_predictors->count() - 1)));
    showPredictor(m_predictors->currentRow());
    const json family = value("/model/family");
    if (family.is_string() &&
        m_family->findText(QString::fromStdString(family.get<std::string>())) >= 0) {
        const QString f = QString::fromStdString(family.get<std::string>());
        if (m_family->currentText() != f || m_model->specs().empty()) {
            m_family->setCurrentText(f);
            try {
                m_model->setSpecs(
                    section(models::modelSettingSpecs(), "model." + f.toStdString() + "."));
            } catch (const std::exception&) {
            }
        }
    }
    std::map<std::string, std::string> modelValues;
    const json params = value("/model/params");
    if (params.is_object())
        for (auto it = params.begin(); it != params.end(); ++it)
            modelValues[it.key()] = soilscope::parameterText(it.value());
    m_model->setValues(modelValues);
    std::map<std::string, std::string> splitValues, trainingValues, workloadValues;
    flatten(value("/split"), "", splitValues);
    m_split->setValues(splitValues);
    json training = value("/training");
    if (training.is_object())
        training.erase("workload");
    flatten(training, "", trainingValues);
    m_training->setValues(trainingValues);
    const json workload = value("/workload");
    const std::string id = workload.is_string() ? workload.get<std::string>() : std::string();
    if (id != m_workloadOptionsOf) {
        m_workloadOptionsOf = id;
        m_workloadOptions->setSpecs(
            workloads::isWorkload(id)
                ? section(workloads::workloadOptionSpecs(id), "workload." + id + ".")
                : std::vector<soilscope::ParameterSpec>{});
    }
    flatten(value("/training/workload"), "", workloadValues);
    m_workloadOptions->setValues(workloadValues);
    for (auto* form : m_boundForms)
        m_shownValues[form] = form->values();
    m_refreshing = false;
}

} // namespace soilscope::gui
