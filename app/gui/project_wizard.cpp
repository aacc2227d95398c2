#include "gui/project_wizard.h"

#include "base/error.h"
#include "tasks/task_registry.h"
#include "widgets/task_job.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace soilscope::gui {

namespace {

QString text(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString();
}

/// The entry of a found layer as a project data layer of `role`.
project::DataLayer layerOf(const QJsonObject& found, const std::string& role) {
    project::DataLayer l;
    l.role = role;
    l.path = text(found, "path").toStdString();
    l.variable = text(found, "variable").toStdString();
    l.band = found.value(QStringLiteral("band")).toInt(0);
    l.units = text(found, "units").toStdString();
    l.kind = role == "stations" ? "stations" : "auto";
    return l;
}

bool sameLayer(const QJsonObject& found, const project::DataLayer& l) {
    return QDir::cleanPath(text(found, "path")) ==
               QDir::cleanPath(QString::fromStdString(l.path.string())) &&
           text(found, "variable").toStdString() == l.variable &&
           found.value(QStringLiteral("band")).toInt(0) == l.band;
}

/// The workload choices as the project-new task declares them.
QStringList workloadChoices() {
    const auto task = tasks::TaskRegistry::instance().create("project-new");
    QStringList out;
    if (task)
        for (const auto& p : task->parameters())
            if (p.name == "workload")
                for (const auto& c : p.choices)
                    out << QString::fromStdString(c);
    return out;
}

} // namespace

ProjectWizard::ProjectWizard(RunTask run, QWidget* parent)
    : QDialog(parent), m_run(std::move(run)), m_folder(new QLineEdit), m_workload(new QComboBox),
      m_out(new QLineEdit), m_scanButton(new QPushButton(tr("Scan"))), m_status(new QLabel),
      m_roles(new QTableWidget(0, 3)), m_create(new QPushButton(tr("Create project"))) {
    setWindowTitle(tr("New project from a data folder"));
    m_workload->addItems(workloadChoices());
    auto* browse = new QPushButton(tr("Browse\u2026"));
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto* outBrowse = new QPushButton(tr("Browse\u2026"));
    auto* outRow = new QHBoxLayout;
    outRow->addWidget(m_out, 1);
    outRow->addWidget(outBrowse);
    auto* form = new QFormLayout;
    form->addRow(tr("Data folder"), folderRow);
    form->addRow(tr("Workload"), m_workload);
    form->addRow(tr("Project file"), outRow);
    m_roles->setHorizontalHeaderLabels({tr("Role"), tr("Layer"), tr("Status")});
    m_roles->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_roles->verticalHeader()->hide();
    m_status->setWordWrap(true);
    m_status->setText(tr("Choose the folder of downloaded data and scan it."));
    m_create->setEnabled(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    buttons->addButton(m_create, QDialogButtonBox::AcceptRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_scanButton, 0, Qt::AlignLeft);
    layout->addWidget(m_status);
    layout->addWidget(m_roles, 1);
    layout->addWidget(buttons);
    resize(760, 520);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Data folder"));
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    connect(outBrowse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Project file"), m_out->text(),
                                                       tr("SoilScope projects (*.soilscope.json)"));
        if (!f.isEmpty())
            m_out->setText(f);
    });
    connect(m_folder, &QLineEdit::textChanged, this, [this](const QString& dir) {
        if (!dir.isEmpty())
            m_out->setText(
                QDir(dir).filePath(QFileInfo(dir).fileName() + QStringLiteral(".soilscope.json")));
    });
    connect(m_scanButton, &QPushButton::clicked, this,
            [this] { scan(m_folder->text(), m_workload->currentText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_create, &QPushButton::clicked, this, [this] {
        if (writeProject(m_out->text()))
            accept();
    });
}

void ProjectWizard::scan(const QString& folder, const QString& workload) {
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        m_status->setText(tr("'%1' is not a folder.").arg(folder));
        return;
    }
    m_folder->setText(folder);
    m_workload->setCurrentText(workload);
    m_proposal.reset();
    m_create->setEnabled(false);
    m_scanButton->setEnabled(false);
    m_status->setText(tr("Scanning %1\u2026").arg(folder));
    // The task writes its proposal next to nothing of the user's: a temporary project file.
    m_proposalPath = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                         .filePath(QStringLiteral("soilscope-proposal-%1.soilscope.json")
                                       .arg(QCoreApplication::applicationPid()));
    widgets::TaskJob* job =
        m_run(QStringLiteral("project-new"), {{"data", folder.toStdString()},
                                              {"workload", workload.toStdString()},
                                              {"out", m_proposalPath.toStdString()}});
    if (!job) {
        m_scanButton->setEnabled(true);
        return;
    }
    connect(job, &widgets::TaskJob::finished, this, [this, job](widgets::TaskJob::State state) {
        m_scanButton->setEnabled(true);
        if (state != widgets::TaskJob::State::Succeeded) {
            m_status->setText(state == widgets::TaskJob::State::Canceled
                                  ? tr("The scan was canceled.")
                                  : job->errorMessage());
            return;
        }
        try {
            m_proposal = project::loadProject(m_proposalPath.toStdString());
        } catch (const Error& e) {
            m_status->setText(QString::fromStdString(e.what()));
            return;
        }
        QFile::remove(m_proposalPath);
        fillRoles(job->resultJson());
    });
}

void ProjectWizard::fillRoles(const QJsonObject& scan) {
    m_found = scan.value(QStringLiteral("found")).toArray();
    std::vector<std::string> roles;
    for (const auto& r : scan.value(QStringLiteral("needed")).toArray())
        roles.push_back(r.toString().toStdString());
    for (const auto& [role, layer] : m_proposal->data)
        if (std::find(roles.begin(), roles.end(), role) == roles.end())
            roles.push_back(role);
    m_roles->setRowCount(int(roles.size()));
    int missing = 0;
    for (int row = 0; row < int(roles.size()); ++row) {
        const std::string& role = roles[std::size_t(row)];
        m_roles->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(role)));
        auto* combo = new QComboBox;
        combo->addItem(tr("(none)"), -1);
        const auto proposed = m_proposal->data.find(role);
        for (int i = 0; i < m_found.size(); ++i) {
            const QJsonObject f = m_found[i].toObject();
            combo->addItem(QStringLiteral("%1 \u2014 %2")
                               .arg(text(f, "what"), QFileInfo(text(f, "path")).fileName()),
                           i);
            combo->setItemData(combo->count() - 1, text(f, "path"), Qt::ToolTipRole);
            if (proposed != m_proposal->data.end() && sameLayer(f, proposed->second))
                combo->setCurrentIndex(combo->count() - 1);
        }
        const bool found = proposed != m_proposal->data.end();
        missing += found ? 0 : 1;
        m_roles->setCellWidget(row, 1, combo);
        auto* status = new QTableWidgetItem(found ? tr("found") : tr("missing"));
        status->setForeground(found ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        m_roles->setItem(row, 2, status);
        connect(combo, &QComboBox::currentIndexChanged, this, [this, row, combo] {
            const bool set = combo->currentData().toInt() >= 0;
            m_roles->item(row, 2)->setText(set ? tr("chosen") : tr("missing"));
            m_roles->item(row, 2)->setForeground(set ? QColor(0x2e, 0x7d, 0x32)
                                                     : QColor(0xc6, 0x28, 0x28));
        });
    }
    m_status->setText(tr("%1 layers found; %2 of the %3 roles have a layer, %4 missing. Pick "
                         "another layer of the scan for any role, then create the project.")
                          .arg(m_found.size())
                          .arg(int(roles.size()) - missing)
                          .arg(roles.size())
                          .arg(missing));
    m_create->setEnabled(true);
}

bool ProjectWizard::writeProject(const QString& path) {
    if (!m_proposal) {
        m_status->setText(tr("Scan a folder first."));
        return false;
    }
    if (path.isEmpty()) {
        m_status->setText(tr("Choose where the project file goes."));
        return false;
    }
    project::ProjectFile p = *m_proposal;
    for (int row = 0; row < m_roles->rowCount(); ++row) {
        const std::string role = m_roles->item(row, 0)->text().toStdString();
        const auto* combo = qobject_cast<QComboBox*>(m_roles->cellWidget(row, 1));
        const int found = combo ? combo->currentData().toInt() : -1;
        if (found < 0) {
            p.data.erase(role);
            continue;
        }
        const QJsonObject f = m_found[found].toObject();
        const auto it = p.data.find(role);
        if (it == p.data.end() || !sameLayer(f, it->second))
            p.data[role] = layerOf(f, role); // the user's choice replaces the proposal
    }
    try {
        project::saveProject(p, path.toStdString());
    } catch (const Error& e) {
        m_status->setText(QString::fromStdString(e.what()));
        return false;
    }
    m_written = path;
    return true;
}

} // namespace soilscope::gui
