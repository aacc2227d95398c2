#include "ismn_test_support.h"

#include "base/error.h"
#include "base/time_utils.h"
#include "series/quality_flags.h"
#include "stations/header_values_writer.h"
#include "stations/ismn_reader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace soilscope;
using namespace soilscope::stations;
namespace flag = soilscope::series::flag;

namespace {

Station syntheticStation() {
    Station st;
    st.name = "Twin 7";
    st.network = "TWIN";
    st.lat = 49.61234;
    st.lon = -6.12345;
    st.elevation_m = 301.5;
    Sensor s;
    s.variable = "soil_moisture";
    s.depthFrom_m = 0.0;
    s.depthTo_m = 0.05;
    s.instrument = "Synthetic Probe";
    const std::uint32_t masks[] = {flag::G,    flag::D(1) | flag::D(3), flag::C(2), flag::U, 0,
                                   flag::D(10)};
    const char* providers[] = {"M", "M", "", "0", "M", "Q"};
    for (int i = 0; i < 6; ++i) {
        const double v = i == 2 ? std::nan("") : 0.1 + 0.0123 * i;
        s.series.times.push_back(makeTime(2019, 12, 31, 22 + i, 0)); // crosses into 2020
        s.series.values.push_back(v);
        s.series.flags.push_back(masks[i]);
        s.providerFlags.push(providers[i]);
    }
    s.loaded = true;
    st.sensors.push_back(std::move(s));
    return st;
}

} // namespace

class TestHeaderValuesWriter : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void roundTrip() {
        QTemporaryDir dir;
        const Station st = syntheticStation();
        const Sensor& s = st.sensors[0];
        const std::string name = headerValuesFileName(s, st);
        QCOMPARE(
            QString::fromStdString(name),
            QString("TWIN_TWIN_Twin-7_sm_0.000000_0.050000_Synthetic-Probe_20191231_20200101.stm"));
        const auto parsed = parseIsmnFileName(name);
        QVERIFY(parsed && parsed->hasVariable);
        QCOMPARE(QString::fromStdString(parsed->variable), QString("soil_moisture"));
        const auto path =
            std::filesystem::path(dir.path().toStdString()) / "TWIN" / "Twin-7" / name;
        writeHeaderValuesFile(s, st, path);
        const Station back = readIsmnFile(path.string());
        QCOMPARE(QString::fromStdString(back.name), QString("Twin-7"));
        QCOMPARE(QString::fromStdString(back.network), QString("TWIN"));
        QCOMPARE(back.lat, 49.61234);
        QCOMPARE(back.lon, -6.12345);
        QCOMPARE(back.elevation_m, 301.5);
        const Sensor& r = back.sensors[0];
        QCOMPARE(QString::fromStdString(r.variable), QString("soil_moisture"));
        QCOMPARE(QString::fromStdString(r.instrument), QString("Synthetic-Probe"));
        QCOMPARE(r.depthFrom_m, 0.0);
        QCOMPARE(r.depthTo_m, 0.05);
        QCOMPARE(int(r.series.size()), 6);
        QVERIFY(r.series.times == s.series.times);
        for (int i = 0; i < 6; ++i) {
            if (i == 2) {
                QVERIFY(std::isnan(r.series.values[i]));
                continue;
            }
            QVERIFY(std::abs(r.series.values[i] - s.series.values[i]) < 5e-5);
            QCOMPARE(
                QString::fromUtf8(r.providerFlags.at(i).data(), int(r.providerFlags.at(i).size())),
                QString::fromUtf8(s.providerFlags.at(i).data(), int(s.providerFlags.at(i).size())));
        }
        QCOMPARE(r.series.flags[1], flag::D(1) | flag::D(3));
        QCOMPARE(r.series.flags[2], flag::C(2));
        QCOMPARE(r.series.flags[4], flag::U); // no flag is written as U
        QCOMPARE(r.series.flags[5], flag::D(10));
        QVERIFY(r.providerFlags.at(2).empty());
    }

    void realFileRoundTrip() {
        ISMN_REQUIRE_DATA();
        QTemporaryDir dir;
        const Station st = readIsmnFile(ismn_test::path(ismn_test::kArm1));
        const std::string out =
            dir.path().toStdString() + "/" + headerValuesFileName(st.sensors[0], st);
        QVERIFY(QString::fromStdString(out).endsWith(
            "COSMOS_COSMOS_ARM-1_sm_0.000000_0.190000_Cosmic-ray-Probe_20170810_20180809.stm"));
        writeHeaderValuesFile(st.sensors[0], st, out);
        const Station back = readIsmnFile(out);
        const auto& a = st.sensors[0];
        const auto& b = back.sensors[0];
        QVERIFY(a.series.times == b.series.times);
        QVERIFY(a.series.values == b.series.values); // 4 decimals in the file, 4 written
        QVERIFY(a.series.flags == b.series.flags);
        QCOMPARE(b.countGood(), a.countGood());
        QCOMPARE(b.depthTo_m, 0.19);
        QCOMPARE(QString::fromStdString(b.instrument), QString("Cosmic-ray-Probe"));
    }

    void failedWriteLeavesNothing() {
        QTemporaryDir dir;
        const Station st = syntheticStation();
        // The target is an existing folder: the rename must fail and no temporary file remain.
        const auto target = std::filesystem::path(dir.path().toStdString()) / "occupied.stm";
        std::filesystem::create_directories(target / "inside");
        QVERIFY_THROWS_EXCEPTION(Error, writeHeaderValuesFile(st.sensors[0], st, target));
        int entries = 0;
        for (const auto& e : std::filesystem::directory_iterator(dir.path().toStdString())) {
            Q_UNUSED(e);
            ++entries;
        }
        QCOMPARE(entries, 1);
        Station bad = st;
        bad.sensors[0].series.values.pop_back();
        QVERIFY_THROWS_EXCEPTION(Error, formatHeaderValues(bad.sensors[0], bad));
    }
};

QTEST_APPLESS_MAIN(TestHeaderValuesWriter)
#include "test_header_values_writer.moc"
