#include "ismn_test_support.h"

#include "base/error.h"
#include "series/quality_flags.h"
#include "stations/ismn_archive.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace soilscope;
using namespace soilscope::stations;
namespace flag = soilscope::series::flag;

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

void loadAll(IsmnArchive& a) {
    for (const auto& ref : a.sensors())
        a.load(ref);
}

} // namespace

class TestIsmnArchive : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void folderAndZipGiveTheSameSensors() {
        ISMN_REQUIRE_DATA();
        IsmnArchive folder = IsmnArchive::open(ismn_test::path(ismn_test::kCosmosFolder));
        IsmnArchive zip = IsmnArchive::open(ismn_test::path(ismn_test::kCosmosZip));
        QVERIFY(folder.warnings().empty());
        QVERIFY(zip.warnings().empty());
        QCOMPARE(int(folder.networks().size()), 1);
        QCOMPARE(int(zip.networks().size()), 1);
        QCOMPARE(q(zip.networks()[0].name), QString("COSMOS"));
        const auto fs = folder.sensors();
        const auto zs = zip.sensors();
        QCOMPARE(int(fs.size()), 2);
        QCOMPARE(int(zs.size()), 2);
        // Scanning reads headers only; data comes on demand.
        QVERIFY(!zip.sensor(zs[0]).loaded);
        QVERIFY(q(zip.sensor(zs[0]).sourceFile).startsWith("/vsizip/"));
        loadAll(folder);
        loadAll(zip);
        const QStringList names = {"ARM-1", "Barrow-ARM"};
        const int counts[] = {6865, 7059};
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(q(zip.station(zs[i]).name), names[i]);
            QCOMPARE(q(folder.station(fs[i]).name), names[i]);
            QCOMPARE(zip.station(zs[i]).lat, folder.station(fs[i]).lat);
            QCOMPARE(zip.station(zs[i]).lon, folder.station(fs[i]).lon);
            const Sensor& a = folder.sensor(fs[i]);
            const Sensor& b = zip.sensor(zs[i]);
            QVERIFY(b.loaded);
            QCOMPARE(int(b.series.size()), counts[i]);
            QVERIFY(a.series.times == b.series.times);
            QVERIFY(a.series.values == b.series.values);
            QVERIFY(a.series.flags == b.series.flags);
            QCOMPARE(a.depthTo_m, b.depthTo_m);
            QCOMPARE(q(a.instrument), q(b.instrument));
            QCOMPARE(int(zip.station(zs[i]).staticVariables.size()), 15);
        }
    }

    void zipIsReadInPlace() {
        ISMN_REQUIRE_DATA();
        const auto zipDir =
            std::filesystem::path(ismn_test::path(ismn_test::kCosmosZip)).parent_path();
        auto listing = [&] {
            QStringList l;
            for (const auto& e : std::filesystem::directory_iterator(zipDir))
                l << q(e.path().string());
            return l;
        };
        const QStringList before = listing();
        IsmnArchive zip = IsmnArchive::open(ismn_test::path(ismn_test::kCosmosZip), {true, {}});
        QVERIFY(zip.sensor(zip.sensors()[0]).loaded);
        QCOMPARE(listing(), before);
    }

    void staticVariables() {
        ISMN_REQUIRE_DATA();
        for (const QString& where : {ismn_test::kCosmosFolder, ismn_test::kCosmosZip}) {
            IsmnArchive a = IsmnArchive::open(ismn_test::path(where));
            const Station* arm = a.networks()[0].findStation("ARM-1");
            QVERIFY(arm);
            const StaticVariable* lc = arm->landCover();
            QVERIFY(lc);
            QCOMPARE(lc->number.value_or(-1), 130.0);
            QCOMPARE(q(lc->description), QString("Grassland"));
            QCOMPARE(q(lc->source), QString("CCI_landcover_2010"));
            const StaticVariable* clay = arm->staticVariable("clay fraction", 0.1);
            QVERIFY(clay);
            QCOMPARE(clay->number.value_or(-1), 23.0);
            QCOMPARE(q(clay->unit), QString("% weight"));
            QCOMPARE(arm->staticVariable("clay fraction", 0.5)->number.value_or(-1), 29.0);
            QCOMPARE(arm->staticVariable("sand fraction", 0.1)->number.value_or(-1), 36.0);
            QCOMPARE(arm->staticVariable("silt fraction", 0.1)->number.value_or(-1), 41.0);
            QCOMPARE(arm->staticVariable("saturation", 0.1)->number.value_or(-1), 0.46);
            QCOMPARE(q(arm->climate()->value), QString("Cfa"));
            const Station* barrow = a.networks()[0].findStation("Barrow-ARM");
            QCOMPARE(barrow->staticVariable("clay fraction", 0.1)->number.value_or(-1), 18.0);
        }
    }

    void wholeSampleTreeAndSelection() {
        ISMN_REQUIRE_DATA();
        IsmnArchive a = IsmnArchive::open(ismn_test::ismnDir().toStdString());
        // malformed/ holds a .txt only; the zip is not opened from inside a folder scan.
        QVERIFY(a.warnings().empty());
        QStringList networks;
        for (const auto& n : a.networks())
            networks << q(n.name);
        QCOMPARE(networks, QStringList({"COSMOS", "SMOSMANIA", "SOILSCAPE"}));
        // 2 COSMOS + 8 ceop + 1 ceop_sep + 1 header_values + 3 SOILSCAPE
        QCOMPARE(int(a.sensorCount()), 15);

        SensorSelection sel;
        sel.variable = "soil_temperature";
        QCOMPARE(int(a.select(sel).size()), 4);
        sel.variable = "sm";
        QCOMPARE(int(a.select(sel).size()), 11);
        sel.depthMin_m = 0.0;
        sel.depthMax_m = 0.1;
        const auto shallow = a.select(sel);
        QCOMPARE(int(shallow.size()),
                 7); // SOILSCAPE 3, SMOSMANIA 0.05 x3 (ceop, ceop_sep, hv), 0.10 ceop
        for (const auto& r : shallow)
            QVERIFY(a.sensor(r).depthTo_m <= 0.1 + 1e-9);
        sel.depthMax_m = 0.2;
        QCOMPARE(int(a.select(sel).size()),
                 9); // + COSMOS ARM-1 (0-0.19) and ceop 0.2; Barrow-ARM is 0-0.21
        sel.depthMin_m = 0.1;
        sel.depthMax_m.reset();
        QCOMPARE(int(a.select(sel).size()), 3); // ceop 0.1, 0.2, 0.3
        SensorSelection byStation;
        byStation.network = "COSMOS";
        QCOMPARE(int(a.select(byStation).size()), 2);
        byStation.station = "Barrow-ARM";
        const auto one = a.select(byStation);
        QCOMPARE(int(one.size()), 1);
        QCOMPARE(a.sensor(one[0]).depthTo_m, 0.21);
        byStation.network = "SOILSCAPE";
        QCOMPARE(int(a.select(byStation).size()), 0);
    }

    void flagSelection() {
        ISMN_REQUIRE_DATA();
        IsmnArchive a = IsmnArchive::open(ismn_test::path(ismn_test::kArm1));
        const Sensor& s = a.load(a.sensors()[0]);
        // A single file still finds the static variables beside it.
        QCOMPARE(a.station(a.sensors()[0]).landCover()->number.value_or(-1), 130.0);
        SensorSelection sel;
        sel.acceptedFlags = parseAcceptedFlags("G");
        QCOMPARE(int(sel.applyFlags(s).size()), 6514);
        sel.acceptedFlags = parseAcceptedFlags("G,D05");
        QCOMPARE(int(sel.applyFlags(s).size()), 6514 + 196);
        sel.acceptedFlags = parseAcceptedFlags("G,D03,D05");
        QCOMPARE(int(sel.applyFlags(s).size()), 6514 + 196 + 137 + 17);
        QCOMPARE(parseAcceptedFlags("all"), ~0u);
        QVERIFY_THROWS_EXCEPTION(UsageError, parseAcceptedFlags("G,X99"));
    }

    void brokenFilesAreSkippedWithAWarning() {
        ISMN_REQUIRE_DATA();
        QTemporaryDir dir;
        namespace fs = std::filesystem;
        const fs::path root = dir.path().toStdString();
        fs::create_directories(root / "COSMOS" / "ARM-1");
        fs::copy_file(ismn_test::path(ismn_test::kArm1),
                      root / "COSMOS" / "ARM-1" /
                          fs::path(ismn_test::path(ismn_test::kArm1)).filename());
        fs::copy_file(ismn_test::path("malformed/mal_formed_file.txt"),
                      root / "COSMOS" / "bad_header.stm");
        const fs::path lateError =
            root / "COSMOS" / "X_COSMOS_Late_sm_0.050000_0.050000_Y_20170101_20170101.stm";
        std::ofstream(lateError)
            << "X COSMOS Late 1.0 2.0 3.0 0.05 0.05 Y\n2017/01/01 00:00 0.1 G M\n"
               "2017/01/01 01:00 oops G M\n";
        IsmnArchive a = IsmnArchive::open(root);
        QCOMPARE(int(a.warnings().size()), 1);
        QVERIFY(q(a.warnings()[0]).contains("bad_header.stm"));
        QVERIFY(q(a.warnings()[0]).contains("not an ISMN file"));
        QCOMPARE(int(a.sensorCount()), 2);
        SensorSelection sel;
        sel.station = "Late";
        const auto late = a.select(sel);
        QCOMPARE(int(late.size()), 1);
        try {
            a.load(late[0]);
            QFAIL("no error for the bad record");
        } catch (const Error& e) {
            QVERIFY(q(e.context()).endsWith(".stm:3"));
            QVERIFY(q(e.message()).contains("'oops'"));
        }
        // The good sensor still loads.
        sel.station = "ARM-1";
        QCOMPARE(int(a.load(a.select(sel)[0]).series.size()), 6865);
    }

    void nothingReadableIsAnError() {
        ISMN_REQUIRE_DATA();
        QVERIFY_THROWS_EXCEPTION(Error, IsmnArchive::open(ismn_test::path("malformed")));
        QVERIFY_THROWS_EXCEPTION(
            Error, IsmnArchive::open(ismn_test::path("malformed/mal_formed_file.txt")));
        QVERIFY_THROWS_EXCEPTION(Error, IsmnArchive::open(ismn_test::path("no/such/folder")));
        QTemporaryDir dir;
        std::filesystem::copy_file(ismn_test::path("malformed/mal_formed_file.txt"),
                                   dir.path().toStdString() + "/only_bad.stm");
        try {
            IsmnArchive::open(dir.path().toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(q(e.message()).contains("only_bad.stm"));
        }
    }

    void progressAndCancel() {
        ISMN_REQUIRE_DATA();
        struct Recorder : Feedback {
            int calls = 0;
            double last = 0;
            bool monotonic = true;
            void onProgress(double percent) override {
                ++calls;
                monotonic = monotonic && percent >= last;
                last = percent;
            }
        } recorder;
        ScanOptions opt;
        opt.feedback = &recorder;
        IsmnArchive::open(ismn_test::ismnDir().toStdString(), opt);
        QVERIFY(recorder.calls >= 9);
        QVERIFY(recorder.monotonic);
        QCOMPARE(recorder.last, 100.0);
        Feedback canceled;
        canceled.cancel();
        opt.feedback = &canceled;
        QVERIFY_THROWS_EXCEPTION(CanceledError,
                                 IsmnArchive::open(ismn_test::ismnDir().toStdString(), opt));
    }
};

QTEST_APPLESS_MAIN(TestIsmnArchive)
#include "test_ismn_archive.moc"
