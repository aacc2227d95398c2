// The core Tasks' strings (titles, descriptions, parameter labels and descriptions, choices) are
// listed in widgets/task_strings_generated.cpp for lupdate, translated completely in German, and
// the Parameters dock, the Tasks menu and the Jobs dock show them translated while the task still
// receives the untranslated values.
#include "gui/application.h"
#include "gui/task_panel.h"
#include "tasks/task_registry.h"
#include "widgets/parameter_form.h"
#include "widgets/task_job.h"
#include "widgets/task_strings.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

#include <map>
#include <string>

using namespace soilscope;

namespace {

struct CatalogueEntry {
    QString translation;
    bool finished = false;
};

/// The messages of one context of a Qt Linguist file.
std::map<QString, CatalogueEntry> readContext(const QString& path, const QString& context,
                                              int* unfinishedAnywhere) {
    std::map<QString, CatalogueEntry> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&file);
    QString currentContext, source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            currentContext = xml.readElementText();
        else if (xml.name() == QLatin1String("source"))
            source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            CatalogueEntry entry;
            entry.translation = xml.readElementText();
            entry.finished = type.isEmpty() && !entry.translation.isEmpty();
            if (!entry.finished)
                ++*unfinishedAnywhere;
            if (currentContext == context)
                out[source] = entry;
        }
    }
    return out;
}

QLabel* labelOf(const widgets::ParameterForm& form, const std::string& name) {
    for (auto* label : form.findChildren<QLabel*>())
        if (label->buddy() && label->buddy() == form.field(name))
            return label;
    return nullptr;
}

} // namespace

class TestTaskStrings : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void generatedFileListsEveryRegisteredString() {
        auto& registry = tasks::TaskRegistry::instance();
        QVERIFY(registry.ids().size() >= 10);
        QSet<QString> generated;
        for (const char* s : widgets::generatedTaskStrings())
            generated.insert(QString::fromUtf8(s));
        QStringList missing;
        QSet<QString> used;
        for (const auto& id : registry.ids())
            for (const auto& s : widgets::taskDisplayStrings(*registry.create(id))) {
                used.insert(QString::fromStdString(s));
                if (!generated.contains(QString::fromStdString(s)))
                    missing << QStringLiteral("%1: %2").arg(QString::fromStdString(id),
                                                            QString::fromStdString(s));
            }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("not in widgets/task_strings_generated.cpp (run the "
                                           "update_task_strings target):\n") +
                            missing.join('\n')));
        QStringList stale;
        for (const auto& s : generated)
            if (!used.contains(s))
                stale << s;
        QVERIFY2(stale.isEmpty(),
                 qPrintable(QStringLiteral("no task declares:\n") + stale.join('\n')));
        // The checked-in file is exactly what the generator writes from this registry.
        QFile file(QStringLiteral(SOILSCOPE_SOURCE_DIR "/widgets/task_strings_generated.cpp"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QVERIFY2(
            file.readAll() == QByteArray::fromStdString(widgets::generateTaskStringsSource()),
            "widgets/task_strings_generated.cpp is stale: build the update_task_strings target");
    }

    void labelsAndGroupsComeFromTheName() {
        QCOMPARE(widgets::parameterLabel("reference-depth-min"),
                 std::string("Reference depth min"));
        QCOMPARE(widgets::parameterLabel("model.lstm.hidden_size"), std::string("Hidden size"));
        QCOMPARE(widgets::parameterGroups("model.lstm.hidden"),
                 (std::vector<std::string>{"model", "lstm"}));
        QVERIFY(widgets::parameterGroups("window").empty());
    }

    void germanCatalogueTranslatesEveryTaskString() {
        int unfinished = 0;
        const auto catalogue =
            readContext(QStringLiteral(SOILSCOPE_SOURCE_DIR "/translations/soilscope_de.ts"),
                        QString::fromLatin1(widgets::kTaskStringsContext), &unfinished);
        QCOMPARE(unfinished, 0);
        QStringList missing;
        for (const char* s : widgets::generatedTaskStrings()) {
            const auto it = catalogue.find(QString::fromUtf8(s));
            if (it == catalogue.end() || !it->second.finished)
                missing << QString::fromUtf8(s);
        }
        QVERIFY2(
            missing.isEmpty(),
            qPrintable(QStringLiteral("untranslated in soilscope_de.ts (run update_translations "
                                      "and translations/fill_ts.py):\n") +
                       missing.join('\n')));
        // Prose is really translated, not copied: every description of more than a few words
        // differs.
        int copied = 0;
        for (const auto& [source, entry] : catalogue)
            if (source.count(' ') >= 4 && entry.translation == source)
                ++copied;
        QCOMPARE(copied, 0);
    }

    void parametersDockShowsGerman() {
        QVERIFY2(gui::installTranslations(*QCoreApplication::instance(), QStringLiteral("de")),
                 "soilscope_de.qm was not found next to the build");
        gui::TaskPanel panel;
        QVERIFY(panel.selectTask(QStringLiteral("validate")));
        auto* form = panel.form();
        auto* anomalies = qobject_cast<QComboBox*>(form->field("anomalies"));
        QVERIFY(anomalies);
        QCOMPARE(labelOf(*form, "anomalies")->text(), QStringLiteral("Anomalien"));
        QCOMPARE(labelOf(*form, "reference")->text(), QStringLiteral("Referenz *"));
        // Choices shown in German, passed to the task as the CLI value.
        const int climatology = anomalies->findData(QStringLiteral("climatology"));
        QVERIFY(climatology >= 0);
        QCOMPARE(anomalies->itemText(climatology), QStringLiteral("Klimatologie"));
        anomalies->setCurrentIndex(climatology);
        QCOMPARE(form->values().at("anomalies"), std::string("climatology"));
        // The command line of the settings follows the form.
        QVERIFY2(panel.commandLine().startsWith(QStringLiteral("soilscope-cli validate ")) &&
                     panel.commandLine().contains(QStringLiteral("--anomalies climatology")),
                 qPrintable(panel.commandLine()));
        bool shown = false;
        for (auto* label : panel.findChildren<QLabel*>())
            shown |= label->text() == QStringLiteral("Befehlszeile: ") + panel.commandLine();
        QVERIFY(shown);
        form->setValues({{"anomalies", "moving"}});
        QCOMPARE(anomalies->currentText(), QStringLiteral("gleitendes Mittel"));
        // The tooltip keeps the CLI key and the English original beside the German description.
        const QString tip = anomalies->toolTip();
        QVERIFY2(tip.contains(QStringLiteral("--anomalies")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Anomalien statt absoluter Werte vergleichen")),
                 qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("compare anomalies instead of absolute values")),
                 qPrintable(tip));
        bool described = false;
        for (auto* label : panel.findChildren<QLabel*>())
            described |=
                label->text().startsWith(QStringLiteral("Ordnet jeder Referenzbeobachtung"));
        QVERIFY2(described, "the task description is not shown in German");
        // The job carries the translated title into the Jobs dock.
        const widgets::TaskJob job(QStringLiteral("train"), {});
        QCOMPARE(job.title(), QStringLiteral("Ein Modell trainieren"));
        QCOMPARE(panel.currentTask(), QStringLiteral("validate"));
    }
};

QTEST_MAIN(TestTaskStrings)
#include "test_task_strings.moc"
