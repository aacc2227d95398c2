// project-new (issue 15, bring your own data): scanning the twin region's folder finds, for each
// workload, the very layers the twin's own projects name (file, variable, band), the project it
// writes trains, and an empty or missing folder gets a clear answer.
#include "cli/cli_test_support.h"

#include <QDir>
#include <QJsonArray>
#include <QTemporaryDir>

using namespace soilscope::test;

namespace {

QJsonObject readJsonFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

/// A layer's file, resolved against the folder of the project that names it.
QString layerFile(const QString& projectFile, const QJsonObject& layer) {
    return QDir::cleanPath(
        QFileInfo(projectFile).absoluteDir().absoluteFilePath(layer["path"].toString()));
}

} // namespace

class TestProjectNewCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_twin;

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_twin = m_tmp.filePath("twin");
        const auto demo = runCli({"demo", "--out", m_twin, "--preset", "tiny", "--quiet"});
        QVERIFY2(demo.exitCode == 0, demo.err.constData());
    }

    void theTwinsOwnLayersAreFound() {
        for (const QString workload :
             {"sar_ml_scenarios", "wcm_lstm", "lstm_s1_s2_weather", "cnn_ascat_intraday"}) {
            const QString out = m_tmp.filePath("mine/" + workload + ".soilscope.json");
            const auto r = runCli(
                {"project-new", "--data", m_twin, "--workload", workload, "--out", out, "--json"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY2(r.json()["missing"].toArray().isEmpty(), r.out.constData());
            const QString twinProject = m_twin + "/projects/" + workload + ".soilscope.json";
            const auto theirs = readJsonFile(twinProject)["data"].toObject();
            const auto mine = readJsonFile(out)["data"].toObject();
            QCOMPARE(readJsonFile(out)["workload"].toString(), workload);
            for (const auto& role : r.json()["needed"].toArray()) {
                const QString name = role.toString();
                const auto a = mine[name].toObject(), b = theirs[name].toObject();
                const QString where = workload + "/" + name;
                QVERIFY2(layerFile(out, a) == layerFile(twinProject, b),
                         qPrintable(where + ": " + layerFile(out, a) + " vs " +
                                    layerFile(twinProject, b)));
                QVERIFY2(a["variable"] == b["variable"] || a["band"] == b["band"],
                         qPrintable(where));
                if (b.contains("band"))
                    QVERIFY2(a["band"] == b["band"], qPrintable(where));
            }
        }
    }

    void theWrittenProjectTrains() {
        const QString out = m_tmp.filePath("mine/sar_ml_scenarios.soilscope.json");
        const auto r = runCli({"train", "--project", out, "--quick", "--device", "cpu", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.json()["median_rmse"].isObject() || r.json().contains("metrics"));
    }

    void emptyAndMissingFoldersAreSaid() {
        QDir(m_tmp.path()).mkpath("empty");
        const auto empty = runCli({"project-new", "--data", m_tmp.filePath("empty"), "--json"});
        QCOMPARE(empty.exitCode, 0);
        QVERIFY(empty.json()["found"].toArray().isEmpty());
        QVERIFY2(empty.err.contains("nothing SoilScope reads was found"), empty.err.constData());
        const auto none = runCli({"project-new", "--data", m_tmp.filePath("nowhere")});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains("nowhere"), none.err.constData());
    }

    void pointAndSwathProductsAreProposedAsGriddedLayers() {
        // The real ASCAT cell and Level 2 swath are coarse soil-moisture layers the project grids
        // when it opens (no product-to-grid first).
        const QString products = QStringLiteral(SOILSCOPE_SHARED_DATA "/products");
        if (!QFileInfo::exists(products + "/TUW_METOP_ASCAT_WARP55R12_1358.nc"))
            QSKIP("shared data products are missing");
        const auto r = runCli({"project-new", "--data", products, "--out",
                               m_tmp.filePath("products.soilscope.json"), "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        int gridded = 0;
        for (const auto& f : r.json()["found"].toArray()) {
            const auto o = f.toObject();
            if (o["what"].toString().contains("CF timeSeries") ||
                o["what"].toString().contains("swath")) {
                QCOMPARE(o["role"].toString(), QStringLiteral("coarse_sm"));
                QVERIFY(o["note"].toString().contains("gridded onto the project's grid"));
                ++gridded;
            }
        }
        QCOMPARE(gridded, 2);
    }
};

QTEST_GUILESS_MAIN(TestProjectNewCli)
#include "test_project_new_cli.moc"
