#include "cli_test_support.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

namespace {

using Run = soilscope::test::CliRun;

Run cli(const QStringList& args) {
    return soilscope::test::runCli(args);
}

QString ismn(const QString& rel = {}) {
    return QStringLiteral(SOILSCOPE_SHARED_DATA) + "/ismn" + (rel.isEmpty() ? "" : "/" + rel);
}

QJsonArray sensorsOf(const Run& r) {
    return QJsonDocument::fromJson(r.out).object().value("sensors").toArray();
}

} // namespace

class TestStationsCli : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void init() {
        if (!QDir(ismn()).exists())
            QSKIP("ISMN sample data not found in " SOILSCOPE_SHARED_DATA "/ismn");
    }

    void aFifoIsRefusedNotWaitedFor() {
        // A FIFO named like an ISMN file used to block `stations` forever (issue 20, 7).
        QTemporaryDir dir;
        const QString fifo = dir.filePath("X_X_S_sm_0.050000_0.050000_P_20170810_20180809.stm");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        Run r = cli({"stations", "--input", fifo});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not a regular file"), r.err.constData());
        r = cli({"stations", "--input", dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no ISMN data files"), r.err.constData());
    }

    void zipArchiveJson() {
        const Run r =
            cli({"stations", "--input",
                 ismn("zip_archives/header/Data_seperate_files_header_20170810_20180809.zip"),
                 "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray sensors = sensorsOf(r);
        QCOMPARE(sensors.size(), 2);
        const QJsonObject arm = sensors[0].toObject();
        QCOMPARE(arm["network"].toString(), QString("COSMOS"));
        QCOMPARE(arm["station"].toString(), QString("ARM-1"));
        QCOMPARE(arm["lat"].toDouble(), 36.6054);
        QCOMPARE(arm["lon"].toDouble(), -97.4878);
        QCOMPARE(arm["elevation"].toDouble(), 322.0);
        QCOMPARE(arm["depth_from"].toDouble(), 0.0);
        QCOMPARE(arm["depth_to"].toDouble(), 0.19);
        QCOMPARE(arm["instrument"].toString(), QString("Cosmic-ray-Probe"));
        QCOMPARE(arm["variable"].toString(), QString("soil_moisture"));
        QCOMPARE(arm["n"].toInt(), 6865);      // wc -l minus the header line
        QCOMPARE(arm["n_good"].toInt(), 6514); // grep -c ' G '
        QCOMPARE(arm["first"].toString(), QString("2017-08-10T00:00:00Z"));
        QCOMPARE(arm["last"].toString(), QString("2018-08-09T23:00:00Z"));
        QVERIFY(std::abs(arm["mean"].toDouble() - 0.1310) < 5e-4);
        QCOMPARE(sensors[1].toObject()["station"].toString(), QString("Barrow-ARM"));
        QCOMPARE(sensors[1].toObject()["n"].toInt(), 7059);
    }

    void folderGivesTheSameAsZip() {
        const Run zip =
            cli({"stations", "--input",
                 ismn("zip_archives/header/Data_seperate_files_header_20170810_20180809.zip"),
                 "--json"});
        const Run folder = cli({"stations", "--input",
                                ismn("Data_seperate_files_header_20170810_20180809"), "--json"});
        QCOMPARE(folder.exitCode, 0);
        const QJsonArray a = sensorsOf(zip);
        const QJsonArray b = sensorsOf(folder);
        QCOMPARE(a.size(), b.size());
        for (int i = 0; i < a.size(); ++i)
            for (const char* key :
                 {"station", "lat", "lon", "depth_to", "n", "n_good", "first", "last", "mean"})
                QCOMPARE(a[i].toObject()[key], b[i].toObject()[key]);
    }

    void selectionByDepthAndVariable() {
        Run r = cli({"stations", "--input", ismn(), "--variable", "soil_moisture", "--depth-min",
                     "0", "--depth-max", "0.1", "--json"});
        QCOMPARE(r.exitCode, 0);
        QJsonArray sensors = sensorsOf(r);
        QCOMPARE(sensors.size(), 7);
        for (const auto& s : sensors) {
            QVERIFY(s.toObject()["depth_to"].toDouble() <= 0.1 + 1e-9);
            QCOMPARE(s.toObject()["variable"].toString(), QString("soil_moisture"));
        }
        r = cli({"stations", "--input", ismn("format_ceop"), "--variable", "soil_temperature",
                 "--json"});
        QCOMPARE(r.exitCode, 0);
        sensors = sensorsOf(r);
        QCOMPARE(sensors.size(), 4);
        QCOMPARE(sensors[0].toObject()["mean"].toDouble() > 5, true);
        QVERIFY(sensors[3].toObject()["mean"].isNull()); // 0.30 m: every value -999.99
        r = cli({"stations", "--input", ismn(), "--network", "SOILSCAPE", "--station", "node505",
                 "--json"});
        sensors = sensorsOf(r);
        QCOMPARE(sensors.size(), 1);
        QCOMPARE(sensors[0].toObject()["n"].toInt(), 3676);
        QCOMPARE(sensors[0].toObject()["first"].toString(), QString("2012-12-14T19:00:00Z"));
    }

    void nearestStationsFirst() {
        // The two COSMOS stations: ARM-1 in Oklahoma, Barrow-ARM in Alaska.
        const QString folder = ismn("Data_seperate_files_header_20170810_20180809");
        const Run all = cli({"stations", "--input", folder, "--json"});
        QCOMPARE(all.exitCode, 0);
        double lon = 0, lat = 0;
        for (const auto& s : sensorsOf(all))
            if (s.toObject()["station"].toString() == "Barrow-ARM") {
                lon = s.toObject()["lon"].toDouble();
                lat = s.toObject()["lat"].toDouble();
            }
        const QString at = QString("%1,%2").arg(lon + 0.1, 0, 'f', 6).arg(lat, 0, 'f', 6);
        const Run near = cli({"stations", "--input", folder, "--near=" + at, "--json"});
        QCOMPARE(near.exitCode, 0);
        const QJsonArray sensors = sensorsOf(near);
        QCOMPARE(sensors.size(), 2);
        QCOMPARE(sensors[0].toObject()["station"].toString(), QString("Barrow-ARM"));
        const double d0 = sensors[0].toObject()["distance_km"].toDouble();
        QVERIFY2(d0 > 1 && d0 < 6, qPrintable(QString::number(d0))); // 0.1° of longitude at 71° N
        QVERIFY(sensors[1].toObject()["distance_km"].toDouble() > 3000);
        const Run one =
            cli({"stations", "--input", folder, "--near=" + at, "--count", "1", "--json"});
        QCOMPARE(sensorsOf(one).size(), 1);
        QCOMPARE(cli({"stations", "--input", folder, "--near", "7"}).exitCode, 2);
    }

    void singleFilesOfEveryFormat() {
        const QStringList files = {"format_header_values/SMOSMANIA/"
                                   "SMOSMANIA_SMOSMANIA_Narbonne_sm_0.050000_0.050000_ThetaProbe-"
                                   "ML2X_20070101_20070131.stm",
                                   "format_ceop_sep/SMOSMANIA/"
                                   "SMOSMANIA_SMOSMANIA_Narbonne_sm_0.050000_0.050000_ThetaProbe-"
                                   "ML2X_20070101_20070131.stm"};
        for (const QString& f : files) {
            const Run r = cli({"stations", "--input", ismn(f), "--json"});
            QCOMPARE(r.exitCode, 0);
            const QJsonObject s = sensorsOf(r)[0].toObject();
            QCOMPARE(s["n"].toInt(), 741);
            QCOMPARE(s["station"].toString(), QString("Narbonne"));
            QCOMPARE(s["last"].toString(), QString("2007-01-31T23:00:00Z"));
        }
    }

    void readableTable() {
        const Run r = cli({"stations", "--input", ismn("multinetwork_header_values")});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY(out.contains("node414"));
        QVERIFY(out.contains("11615"));
        QVERIFY(out.contains("3 sensor(s) selected"));
    }

    void malformedAndBadUsage() {
        Run r = cli({"stations", "--input", ismn("malformed/mal_formed_file.txt"), "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.contains("mal_formed_file.txt:1"));
        QVERIFY(r.err.contains("not an ISMN file"));
        r = cli({"stations", "--input", ismn("malformed")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no ISMN data files"));
        r = cli({"stations", "--input", ismn(), "--depth-min", "0.3", "--depth-max", "0.1"});
        QCOMPARE(r.exitCode, 2);
        r = cli({"stations", "--input", ismn(), "--flags", "G,BAD"});
        QCOMPARE(r.exitCode, 2);
    }

    void skippedFileIsAWarning() {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(ismn("malformed/mal_formed_file.txt"), dir.path() + "/broken.stm"));
        QVERIFY(QFile::copy(ismn("format_header_values/SMOSMANIA/"
                                 "SMOSMANIA_SMOSMANIA_Narbonne_sm_0.050000_0.050000_ThetaProbe-"
                                 "ML2X_20070101_20070131.stm"),
                            dir.path() + "/SMOSMANIA_SMOSMANIA_Narbonne_sm_0.050000_0.050000_"
                                         "ThetaProbe-ML2X_20070101_20070131.stm"));
        const Run r = cli({"stations", "--input", dir.path(), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc["sensors"].toArray().size(), 1);
        QCOMPARE(doc["warnings"].toArray().size(), 1);
        QVERIFY(doc["warnings"].toArray()[0].toString().contains("broken.stm"));
    }
};

QTEST_APPLESS_MAIN(TestStationsCli)
#include "test_stations_cli.moc"
