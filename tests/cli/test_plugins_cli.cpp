// SoilScope plugins: the example plugins (swi, linear-models) are found next to the build's
// executables, their task, transform and model family are in help, help --json and work; a
// plugin of another API version is refused by name.
#include "cli_test_support.h"

#include <gdal_priv.h>
#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>
#include <vector>

using soilscope::test::CliRun;
using soilscope::test::readLines;
using soilscope::test::runCli;
using soilscope::test::writeTestFile;

namespace {
/// Band 1 of two rasters holds the same values (NaN where the other is NaN), some finite.
bool sameFirstBand(const QString& a, const QString& b) {
    std::unique_ptr<GDALDataset> da(GDALDataset::Open(a.toUtf8().constData()));
    std::unique_ptr<GDALDataset> db(GDALDataset::Open(b.toUtf8().constData()));
    if (!da || !db || da->GetRasterXSize() != db->GetRasterXSize() ||
        da->GetRasterYSize() != db->GetRasterYSize())
        return false;
    const int w = da->GetRasterXSize(), h = da->GetRasterYSize();
    std::vector<float> va(std::size_t(w) * h), vb(va.size());
    if (da->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, va.data(), w, h, GDT_Float32, 0, 0) !=
            CE_None ||
        db->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, vb.data(), w, h, GDT_Float32, 0, 0) !=
            CE_None)
        return false;
    int finite = 0;
    for (std::size_t i = 0; i < va.size(); ++i) {
        if (!(va[i] == vb[i] || (std::isnan(va[i]) && std::isnan(vb[i]))))
            return false;
        finite += std::isfinite(va[i]) ? 1 : 0;
    }
    return finite > 0;
}

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
        // The bundle keeps how training prepared coarse_sm (nearest onto the S1 grid): predict
        // given the 0.25° file as it is writes exactly the map train wrote.
        const QString map = r.json()[QStringLiteral("maps")].toArray()[0].toString();
        GDALAllRegister();
        std::unique_ptr<GDALDataset> trained(GDALDataset::Open(map.toUtf8().constData()));
        QVERIFY(trained);
        const QString out = m_dir.filePath(QStringLiteral("saturation.tif"));
        const CliRun predict =
            runCli({"predict", "--model", r.json()[QStringLiteral("bundle")].toString(), "--inputs",
                    "vv=" + twin + "/sentinel1/s1_sigma0.nc#vv,coarse_sm=" + twin +
                        "/cci/cci_sm_daily_0p25deg.nc#sm",
                    "--date", QString::fromUtf8(trained->GetRasterBand(1)->GetDescription()),
                    "--masks", "false", "--out", out});
        QVERIFY2(predict.exitCode == 0, predict.err.constData());
        QVERIFY(sameFirstBand(map, out));
        doc["predictors"][1]["transforms"][0].erase("parameters");
        writeTestFile(project, QByteArray::fromStdString(doc.dump(1)));
        const CliRun bad = runCli({"train", "--project", project, "--generic", "--quick"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("/predictors/1/transforms/0/parameters") &&
                     bad.err.contains("porosity"),
                 bad.err.constData());
    }

    void aPluginModelFamilyTrainsAndItsBundleReloads() {
        // The example plugin's ridge family: listed, trained like a built-in family, and its
        // saved bundle predicts through the plugin exactly the map train wrote.
        const CliRun json = runCli({"help", "--json"});
        bool listed = false;
        for (const QJsonValue& p : json.json()[QStringLiteral("plugins")].toArray())
            listed = listed || p.toObject()[QStringLiteral("families")].toArray().contains("ridge");
        QVERIFY(listed);
        const QString twin = m_dir.filePath(QStringLiteral("twin"));
        if (!QFileInfo::exists(twin + QStringLiteral("/twin.json")))
            QCOMPARE(runCli({"demo", "--out", twin, "--preset", "tiny", "--quiet"}).exitCode, 0);
        const QString project = twin + QStringLiteral("/projects/sar_ml_scenarios.soilscope.json");
        const CliRun train =
            runCli({"train", "--project", project, "--generic", "--quick", "--device", "cpu",
                    "--set", "model.family=ridge", "--set", "model.ridge.alpha=0.1", "--json"});
        QVERIFY2(train.exitCode == 0, train.err.constData());
        QCOMPARE(train.json()[QStringLiteral("family")].toString(), QStringLiteral("ridge"));
        const QJsonObject metrics = train.json()[QStringLiteral("metrics")].toObject();
        QVERIFY(metrics[QStringLiteral("n")].toDouble() > 0);
        QVERIFY(std::isfinite(metrics[QStringLiteral("rmse")].toDouble()));
        const QString bundle = train.json()[QStringLiteral("bundle")].toString();
        const QString map = train.json()[QStringLiteral("maps")].toArray()[0].toString();

        // predict from the bundle, with every input the bundle's predictors read
        QFile b(bundle + QStringLiteral("/bundle.json")), pj(project);
        QVERIFY(b.open(QIODevice::ReadOnly) && pj.open(QIODevice::ReadOnly));
        const auto bundleJson = nlohmann::json::parse(b.readAll().toStdString());
        const auto projectJson = nlohmann::json::parse(pj.readAll().toStdString());
        QCOMPARE(QString::fromStdString(bundleJson["members"][0]["kind"].get<std::string>()),
                 QStringLiteral("plugin:ridge"));
        QStringList inputs;
        for (const auto& predictor : bundleJson["predictors"]) {
            if (!predictor.contains("role"))
                continue;
            const std::string role = predictor["role"];
            const auto& d = projectJson["data"][role];
            const QString entry =
                QString::fromStdString(role) + QLatin1Char('=') +
                QDir::cleanPath(twin + QStringLiteral("/projects/") +
                                QString::fromStdString(d["path"].get<std::string>())) +
                QLatin1Char('#') +
                (d.contains("band") ? QString::number(d["band"].get<int>())
                                    : QString::fromStdString(d["variable"].get<std::string>()));
            if (!inputs.contains(entry))
                inputs << entry;
        }
        GDALAllRegister();
        std::unique_ptr<GDALDataset> trained(GDALDataset::Open(map.toUtf8().constData()));
        QVERIFY(trained);
        const QString date =
            QString::fromUtf8(trained->GetRasterBand(1)->GetDescription()); // the map's time
        const QString out = m_dir.filePath(QStringLiteral("ridge.tif"));
        const CliRun predict =
            runCli({"predict", "--model", bundle, "--inputs", inputs.join(QLatin1Char(',')),
                    "--date", date, "--masks", "false", "--grid-role", "vv", "--out", out});
        QVERIFY2(predict.exitCode == 0, predict.err.constData());
        QVERIFY(sameFirstBand(map, out));

        const CliRun unknown = runCli({"train", "--project", project, "--generic", "--quick",
                                       "--set", "model.family=no-such-family"});
        QVERIFY(unknown.exitCode != 0);
        QVERIFY2(unknown.err.contains("ridge"), unknown.err.constData()); // the known families
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
