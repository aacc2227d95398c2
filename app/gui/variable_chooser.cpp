#include "gui/variable_chooser.h"

#include "base/units.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace soilscope::gui {

namespace {

std::string attribute(const geo::RasterVariable& v, const char* key) {
    const auto it = v.attributes.find(key);
    return it == v.attributes.end() ? std::string() : it->second;
}

bool namedSoilMoisture(const geo::RasterVariable& v) {
    for (const char* key : {"long_name", "standard_name"}) {
        const QString text = QString::fromStdString(attribute(v, key));
        if (text.contains(QLatin1String("soil moisture"), Qt::CaseInsensitive) ||
            text.contains(QLatin1String("soil_moisture"), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

QString defaultVariable(const std::vector<geo::RasterVariable>& variables) {
    if (variables.empty())
        return {};
    const auto first = [&](auto&& accept) -> const geo::RasterVariable* {
        for (const auto& v : variables)
            if (accept(v))
                return &v;
        return nullptr;
    };
    const geo::RasterVariable* chosen = first([](const geo::RasterVariable& v) {
        return !v.units.empty() && units::isVolumetric(v.units);
    });
    if (!chosen)
        chosen = first(namedSoilMoisture);
    if (!chosen)
        chosen = first([](const geo::RasterVariable& v) {
            return v.units.find(" since ") == std::string::npos;
        });
    return QString::fromStdString((chosen ? *chosen : variables.front()).name);
}

QStringList chooseVariables(QWidget* parent, const QString& file,
                            const std::vector<geo::RasterVariable>& variables, bool ask) {
    const QString preferred = defaultVariable(variables);
    if (!ask)
        return preferred.isEmpty() ? QStringList() : QStringList{preferred};
    QDialog dialog(parent);
    dialog.setWindowTitle(QCoreApplication::translate("VariableChooser", "Variables of %1")
                              .arg(QFileInfo(file).fileName()));
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(
        new QLabel(QCoreApplication::translate("VariableChooser",
                                               "The file holds %1 variables. Add as map layers:")
                       .arg(variables.size()),
                   &dialog));
    auto* list = new QListWidget(&dialog);
    for (const auto& v : variables) {
        QString text = QString::fromStdString(v.name);
        if (const auto longName = attribute(v, "long_name"); !longName.empty())
            text += QStringLiteral(" \u2013 ") + QString::fromStdString(longName);
        if (!v.units.empty())
            text += QStringLiteral(" [%1]").arg(QString::fromStdString(v.units));
        if (v.times.size() > 1)
            text += QCoreApplication::translate("VariableChooser", ", %1 time steps")
                        .arg(v.times.size());
        auto* item = new QListWidgetItem(text, list);
        item->setData(Qt::UserRole, QString::fromStdString(v.name));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(QString::fromStdString(v.name) == preferred ? Qt::Checked
                                                                        : Qt::Unchecked);
    }
    list->setMinimumWidth(std::clamp(list->sizeHintForColumn(0) + 32, 320, 900));
    layout->addWidget(list);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    QStringList chosen;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->checkState() == Qt::Checked)
            chosen << list->item(i)->data(Qt::UserRole).toString();
    return chosen;
}

} // namespace soilscope::gui
