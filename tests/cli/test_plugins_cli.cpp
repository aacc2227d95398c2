// SoilScope plugins: the example plugin (swi) is found next to the build's executables, its task
// is in help, help --json and runs; a plugin of another API version is refused by name.
#include "cli_test_support.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using soilscope::test::CliRun;
using soilscope::test::readLines;
using soilscope::test::runCli;
using soilscope::test::writeTestFile;

namespace {
CliRun runWithPlugins(const QStringList& args, const QString& pluginPath) {
    return runCli(args, {{QStringLiteral("SOILSCOPE_PLUGIN_PATH"), pluginPath}});
}
} // namespace

class TestPluginsCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

  private Q_SLOTS:
    void theExamplePluginAddsItsTask() {
        const CliRun help = runCli({"help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains("swi-series"), help.out.constData());
        const CliRun json = runCli({"help", "--json"});
        bool listed = false;
        for (const QJsonValue& p : json.json()[QStringLiteral("plugins")].toArray())
            listed =
                listed || (p.toObject()[QStringLiteral("name")].toString() == "swi" &&
                           p.toObject()[QStringLiteral("tasks")].toArray().contains("swi-series"));
        QVERIFY(listed);
        QVERIFY(json.json()[QStringLiteral("plugin_errors")].toArray().isEmpty());
        bool transform = false;
        for (const QJsonValue& p : json.json()[QStringLiteral("plugins")].toArray())
            transform = transform || p.toObject()[QStringLiteral("transforms")].toArray().contains(
                                         "saturation_degree");
        QVERIFY(transform);
    }

    void thePluginTransformServesAProjectPredictor() {
        // A project predictor built with the plugin's transform (volumetric soil moisture as
        // degree of saturation) trains like any other; a step without its parameter is an
        // error naming the JSON path and the parameter.
        const QString twin = m_dir.filePath(QStringLiteral("twin"));
        QCOMPARE(runCli({"demo", "--out", twin, "--preset", "tiny", "--quiet"}).exitCode, 0);
        const QString source = twin + QStringLiteral("/projects/sar_ml_scenarios.soilscope.json");
        QFile in(source);
        QVERIFY(in.open(QIODevice::ReadOnly));
        auto doc = nlohmann::json::parse(in.readAll().toStdString());
        doc["data"]["coarse_sm"]["resample"] = "nearest";
        doc["model"] = {{"family", "mlp"}};
        doc["predictors"] = nlohmann::json::parse(R"([{"name": "vv", "role": "vv"},
            {"name": "sm_sat", "role": "coarse_sm",
             "transforms": [{"op": "saturation_degree", "parameters": {"porosity": 0.45}}]}])");
        const QString project = twin + QStringLiteral("/projects/saturation.soilscope.json");
        writeTestFile(project, QByteArray::fromStdString(doc.dump(1)));
        const CliRun r = runCli({"train", "--project", project, "--generic", "--quick", "--device",
                                 "cpu", "--threads", "1", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.json()[QStringLiteral("feature_names")].toArray().contains("sm_sat"));
        QVERIFY(r.json()[QStringLiteral("metrics")].toObject()[QStringLiteral("n")].toDouble() > 0);
        doc["predictors"][1]["transforms"][0].erase("parameters");
        writeTestFile(project, QByteArray::fromStdString(doc.dump(1)));
        const CliRun bad = runCli({"train", "--project", project, "--generic", "--quick"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("/predictors/1/transforms/0/parameters") &&
                     bad.err.contains("porosity"),
                 bad.err.constData());
    }

    void thePluginTaskRuns() {
        // A constant input has a constant SWI; a step is smoothed with the right time constant.
        QString csv = QStringLiteral("time,sm\n");
        for (int d = 0; d < 40; ++d)
            csv += QStringLiteral("2020-01-%1T00:00:00Z,%2\n")
                       .arg(1 + d % 31, 2, 10, QLatin1Char('0'))
                       .arg(d < 31 ? 0.2 : 0.2);
        const QString in = m_dir.filePath(QStringLiteral("in.csv"));
        QString steps = QStringLiteral("time,sm\n");
        for (int d = 0; d < 20; ++d)
            steps += QStringLiteral("2020-03-%1T00:00:00Z,%2\n")
                         .arg(1 + d, 2, 10, QLatin1Char('0'))
                         .arg(d < 10 ? 0.1 : 0.3);
        writeTestFile(in, steps.toUtf8());
        const QString out = m_dir.filePath(QStringLiteral("swi.csv"));
        const CliRun r = runCli({"swi-series", "--input", in, "--input-column", "sm", "--t-days",
                                 "5,10", "--out", out, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json()[QStringLiteral("observations")].toInt(), 20);
        const QStringList lines = readLines(out);
        QCOMPARE(lines.size(), 21);
        QCOMPARE(lines[0], QStringLiteral("time,input,swi_t5,swi_t10"));
        QCOMPARE(lines[10].split(',')[2].toDouble(), 0.1); // before the step: the input
        // One day after the step, with daily observations: gain K = K_prev/(K_prev + e^(-1/T)).
        const double after = lines[11].split(',')[2].toDouble();
        QVERIFY(after > 0.1 && after < 0.3);
        QVERIFY(lines[20].split(',')[2].toDouble() > lines[20].split(',')[3].toDouble());
        const CliRun bad = runCli(
            {"swi-series", "--input", in, "--input-column", "sm", "--t-days", "0", "--out", out});
        QCOMPARE(bad.exitCode, 2);
    }

    void aPluginOfAnotherApiIsRefused() {
        const QString folder = QFileInfo(QStringLiteral(SOILSCOPE_CLI)).absolutePath() +
                               QStringLiteral("/../test-plugins/wrong-api");
        QVERIFY2(QFileInfo::exists(folder + QStringLiteral("/wrong_api_plugin.so")),
                 qPrintable(folder));
        const CliRun r = runWithPlugins({"help"}, folder);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("wrong_api_plugin.so") && r.err.contains("from-the-future") &&
                     r.err.contains("API"),
                 r.err.constData());
        QVERIFY(!r.out.contains("never-registered"));
        QVERIFY(r.out.contains("swi-series")); // the good plugin still loads
        const CliRun notAPlugin = runWithPlugins({"help"}, m_dir.path());
        writeTestFile(m_dir.filePath(QStringLiteral("junk.so")), "not an ELF file");
        const CliRun junk = runWithPlugins({"help"}, m_dir.path());
        QCOMPARE(junk.exitCode, 0);
        QVERIFY2(junk.err.contains("junk.so") && junk.err.contains("not a loadable plugin"),
                 junk.err.constData());
        QVERIFY(notAPlugin.err.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestPluginsCli)
#include "test_plugins_cli.moc"
