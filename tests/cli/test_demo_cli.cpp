// soilscope-cli demo: generates the tiny twin region and reports its files as JSON.
#include "project/project_file.h"
#include "project/workload_preset.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun runCli(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(SOILSCOPE_CLI), args);
    CliRun r;
    if (!p.waitForFinished(300000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestDemoCli : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        if (!QFileInfo::exists(QStringLiteral(SOILSCOPE_CLI)))
            QSKIP("soilscope-cli is not built: " SOILSCOPE_CLI);
    }

    void tinyTwin() {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString out = tmp.path() + "/twin";
        const CliRun r =
            runCli({"demo", "--out", out, "--preset", "tiny", "--seed", "5", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["preset"].toString(), QString("tiny"));
        QCOMPARE(j["seed"].toInt(), 5);
        QVERIFY(j["total_bytes"].toDouble() > 1e6);
        QVERIFY(j["total_bytes"].toDouble() < 20e6);
        QVERIFY(j["files"].toArray().size() > 20);
        QVERIFY(QFileInfo::exists(out + "/twin.json"));
        QVERIFY(QFileInfo::exists(out + "/README.md"));
        QVERIFY(QFileInfo::exists(out + "/projects/wcm_lstm.soilscope.json"));
        const QJsonObject manifest = QJsonDocument::fromJson([&] {
                                         QFile f(out + "/twin.json");
                                         f.open(QIODevice::ReadOnly);
                                         return f.readAll();
                                     }())
                                         .object();
        QCOMPARE(manifest["seed"].toInt(), 5);
        for (const auto& f : manifest["files"].toArray())
            QVERIFY2(QFileInfo::exists(out + "/" + f.toObject()["path"].toString()),
                     qPrintable(f.toObject()["path"].toString()));

        // The project files are valid SoilScope projects; the preset workloads find their roles.
        const QStringList projects = QDir(out + "/projects").entryList({"*.soilscope.json"});
        QCOMPARE(projects.size(), 5);
        for (const QString& name : projects) {
            auto project =
                soilscope::project::loadProject((out + "/projects/" + name).toStdString());
            QVERIFY(!project.data.empty());
            for (const auto& [role, layer] : project.data)
                if (!layer.path.empty())
                    QVERIFY2(QFileInfo::exists(QString::fromStdString(layer.path.string())),
                             role.c_str());
            const auto presets = soilscope::project::presetWorkloads();
            if (std::find(presets.begin(), presets.end(), project.workload) != presets.end()) {
                QVERIFY(soilscope::project::applyWorkloadPreset(project));
                QVERIFY(project.hasLearningSetup());
            }
        }

        // Running again over an existing twin replaces it.
        const CliRun again =
            runCli({"demo", "--out", out, "--preset", "tiny", "--seed", "5", "--quiet"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(!QFileInfo::exists(out + ".partial"));
        QVERIFY(!QFileInfo::exists(out + ".old"));
        QVERIFY2(again.err.contains("replacing the twin region"), again.err.constData());

        // Folders of the user's named like SoilScope's temporary ones are never touched, and a
        // twin holding files the generator did not write (training runs) is not replaced.
        QVERIFY(QDir().mkpath(out + ".old") && QDir().mkpath(out + ".partial"));
        for (const QString& mine : {out + ".old/mine.txt", out + ".partial/mine.txt",
                                    out + "/projects/runs/runs.sqlite"}) {
            QVERIFY(QDir().mkpath(QFileInfo(mine).path()));
            QFile f(mine);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("keep me");
        }
        const CliRun refused = runCli({"demo", "--out", out, "--preset", "tiny", "--quiet"});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("projects/runs/runs.sqlite"), refused.err.constData());
        QVERIFY(QFileInfo::exists(out + "/projects/runs/runs.sqlite"));
        QVERIFY(QDir(out + "/projects/runs").removeRecursively());
        const CliRun third = runCli({"demo", "--out", out, "--preset", "tiny", "--quiet"});
        QCOMPARE(third.exitCode, 0);
        QVERIFY(QFileInfo::exists(out + ".old/mine.txt"));
        QVERIFY(QFileInfo::exists(out + ".partial/mine.txt"));
    }

    void badUsage() {
        QTemporaryDir tmp;
        const CliRun r = runCli({"demo", "--out", tmp.path() + "/x", "--preset", "huge"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!QFileInfo::exists(tmp.path() + "/x"));
        const CliRun missing = runCli({"demo", "--preset", "tiny"});
        QCOMPARE(missing.exitCode, 2);
    }

    void foreignFolderRefused() {
        QTemporaryDir tmp;
        QFile f(tmp.path() + "/mine.txt");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep me");
        f.close();
        const CliRun r = runCli({"demo", "--out", tmp.path(), "--preset", "tiny"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("not empty"));
        QVERIFY(QFileInfo::exists(tmp.path() + "/mine.txt"));
    }

    void help() {
        const CliRun r = runCli({"help", "demo"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("preset"));
        QVERIFY(r.out.contains("seed"));
    }
};

QTEST_APPLESS_MAIN(TestDemoCli)
#include "test_demo_cli.moc"
