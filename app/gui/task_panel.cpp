#include "gui/task_panel.h"

#include "tasks/command_line.h"
#include "tasks/task_registry.h"
#include "widgets/parameter_form.h"
#include "widgets/task_strings.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QLabel>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <map>

namespace soilscope::gui {

TaskPanel::TaskPanel(QWidget* parent)
    : QWidget(parent), m_tasks(new QComboBox(this)), m_description(new QLabel(this)),
      m_commandLine(new QLabel(this)), m_form(new widgets::ParameterForm) {
    // Tasks grouped by their menu group, with a disabled header per group; titles translated,
    // the English title as tooltip and the CLI id beside it.
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> groups;
    auto& registry = tasks::TaskRegistry::instance();
    for (const auto& id : registry.ids()) {
        const auto info = registry.create(id)->info();
        groups[info.group].emplace_back(id, info.title);
    }
    auto* model = qobject_cast<QStandardItemModel*>(m_tasks->model());
    for (const auto& [group, entries] : groups) {
        m_tasks->addItem(group.empty() ? tr("Other") : widgets::trTask(group));
        model->item(m_tasks->count() - 1)->setEnabled(false);
        for (const auto& [id, title] : entries) {
            m_tasks->addItem(QStringLiteral("   %1  (%2)")
                                 .arg(widgets::trTask(title), QString::fromStdString(id)),
                             QString::fromStdString(id));
            m_tasks->setItemData(m_tasks->count() - 1, QString::fromStdString(title),
                                 Qt::ToolTipRole);
        }
    }
    m_tasks->setToolTip(
        tr("Every task of SoilScope; the same tasks run headless with soilscope-cli"));
    m_description->setWordWrap(true);
    m_description->setStyleSheet(QStringLiteral("color: #505050;"));
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* about = new QScrollArea(this);
    about->setWidgetResizable(true);
    about->setFrameShape(QFrame::NoFrame);
    about->setWidget(m_description);
    about->setMaximumHeight(96);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_form);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tasks);
    layout->addWidget(about);
    layout->addWidget(scroll, 1);
    // The same run without the window: what a script or a cluster job would type.
    m_commandLine->setWordWrap(true);
    m_commandLine->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commandLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_commandLine->setToolTip(tr("The command line that runs these settings without the window "
                                 "(select and copy it)"));
    layout->addWidget(m_commandLine);
    connect(m_form, &widgets::ParameterForm::valuesChanged, this, &TaskPanel::showCommandLine);
    connect(m_tasks, &QComboBox::currentIndexChanged, this, [this] { selectTask(currentTask()); });
    connect(m_form, &widgets::ParameterForm::runRequested, this,
            [this](const std::map<std::string, std::string>& values) {
                Q_EMIT runRequested(currentTask(), values);
            });
    for (int i = 0; i < m_tasks->count(); ++i)
        if (!m_tasks->itemData(i).toString().isEmpty()) {
            m_tasks->setCurrentIndex(i);
            break;
        }
}

QString TaskPanel::currentTask() const {
    return m_tasks->currentData().toString();
}

bool TaskPanel::selectTask(const QString& id) {
    const auto task = tasks::TaskRegistry::instance().create(id.toStdString());
    if (!task)
        return false;
    const int index = m_tasks->findData(id);
    if (index >= 0 && index != m_tasks->currentIndex()) {
        m_tasks->setCurrentIndex(index); // re-enters through currentIndexChanged
        return true;
    }
    const auto info = task->info();
    QString text = widgets::trTask(info.description);
    if (!info.examples.empty())
        text += QStringLiteral("\n\n") +
                tr("Example: soilscope-cli %1").arg(QString::fromStdString(info.examples.front()));
    m_description->setText(text);
    // The English original stays at hand for reading the documentation and papers.
    m_description->setToolTip(
        text == QString::fromStdString(info.description)
            ? QString()
            : QStringLiteral("<p>%1</p>")
                  .arg(QString::fromStdString(info.description).toHtmlEscaped()));
    m_form->setSpecs(task->parameters(), tr("Run %1").arg(widgets::trTask(info.title)));
    Q_EMIT taskSelected(id);
    showCommandLine();
    return true;
}

QString TaskPanel::commandLine() const {
    return QString::fromStdString(
        tasks::commandLine(currentTask().toStdString(), m_form->specs(), m_form->values()));
}

void TaskPanel::showCommandLine() {
    m_commandLine->setText(tr("Command line: %1").arg(commandLine()));
}

void TaskPanel::setValues(const std::map<std::string, std::string>& values) {
    m_form->setValues(values);
    showCommandLine();
}

} // namespace soilscope::gui
