#include "ismn_test_support.h"

#include "base/error.h"
#include "base/time_utils.h"
#include "series/quality_flags.h"
#include "stations/ismn_reader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace soilscope;
using namespace soilscope::stations;
namespace flag = soilscope::series::flag;

namespace {

std::size_t countMask(const Sensor& s, std::uint32_t mask) {
    std::size_t n = 0;
    for (const auto f : s.series.flags)
        n += f == mask;
    return n;
}

void writeFile(const QString& path, const std::string& content) {
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << content;
}

const std::string kHeader = "SMOSMANIA  SMOSMANIA       Narbonne          43.15000     2.95670  "
                            "112.00    0.05    0.05 ThetaProbe-ML2X";

} // namespace

class TestIsmnReader : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void headerValuesFields() {
        ISMN_REQUIRE_DATA();
        const Station st = readIsmnFile(ismn_test::path(ismn_test::kArm1));
        QCOMPARE(QString::fromStdString(st.network), QString("COSMOS"));
        QCOMPARE(QString::fromStdString(st.name), QString("ARM-1"));
        QCOMPARE(st.lat, 36.6054);
        QCOMPARE(st.lon, -97.4878);
        QCOMPARE(st.elevation_m, 322.0);
        QCOMPARE(int(st.sensors.size()), 1);
        const Sensor& s = st.sensors[0];
        QCOMPARE(s.format, IsmnFormat::HeaderValues);
        QCOMPARE(QString::fromStdString(s.variable), QString("soil_moisture"));
        QCOMPARE(s.depthFrom_m, 0.0);
        QCOMPARE(s.depthTo_m, 0.19);
        QCOMPARE(QString::fromStdString(s.instrument), QString("Cosmic-ray-Probe"));
        QCOMPARE(QString::fromStdString(s.series.units), QString("m3 m-3"));
        QVERIFY(s.loaded);
        QCOMPARE(s.series.values.front(), 0.1410);
        QCOMPARE(s.series.times.front(), makeTime(2017, 8, 10, 0, 0));
    }

    void recordsMatchGrep_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("ARM-1 (LF/CRLF/CR mix)") << ismn_test::kArm1;
        QTest::newRow("Barrow-ARM") << ismn_test::kBarrow;
        QTest::newRow("SMOSMANIA header_values (CR)") << ismn_test::kNarbonneHv;
        QTest::newRow("SMOSMANIA ceop_sep (CR)") << ismn_test::kNarbonneCeopSep;
        QTest::newRow("SOILSCAPE node414 (CR)") << ismn_test::soilscapeFile("node414");
        QTest::newRow("SOILSCAPE node505 (CR)") << ismn_test::soilscapeFile("node505");
        QTest::newRow("SOILSCAPE node703 (CR)") << ismn_test::soilscapeFile("node703");
    }
    void recordsMatchGrep() {
        ISMN_REQUIRE_DATA();
        QFETCH(QString, file);
        const auto grep = ismn_test::grepRecords(file);
        QVERIFY(grep.records > 0);
        const Station st = readIsmnFile(ismn_test::path(file));
        QCOMPARE(int(st.sensors.size()), 1);
        const Sensor& s = st.sensors[0];
        QCOMPARE(int(s.series.size()), grep.records);
        QCOMPARE(int(s.series.flags.size()), grep.records);
        QCOMPARE(int(s.providerFlags.size()), grep.records);
        QCOMPARE(QString::fromStdString(formatIsoTime(s.series.times.front())),
                 ismn_test::isoOf(grep.firstStamp));
        QCOMPARE(QString::fromStdString(formatIsoTime(s.series.times.back())),
                 ismn_test::isoOf(grep.lastStamp));
        for (std::size_t i = 1; i < s.series.size(); ++i)
            QVERIFY(s.series.times[i - 1] < s.series.times[i]);
    }

    void cosmosFlags() {
        ISMN_REQUIRE_DATA();
        // grep -c on the file: 6514 G, 196 D05, 137 D03, 17 "D03,D05", 1 "D08,D05"
        const Sensor s = readIsmnFile(ismn_test::path(ismn_test::kArm1)).sensors[0];
        QCOMPARE(int(countMask(s, flag::G)), 6514);
        QCOMPARE(int(countMask(s, flag::D(5))), 196);
        QCOMPARE(int(countMask(s, flag::D(3))), 137);
        QCOMPARE(int(countMask(s, flag::D(3) | flag::D(5))), 17);
        QCOMPARE(int(countMask(s, flag::D(8) | flag::D(5))), 1);
        QCOMPARE(int(s.countGood()), 6514);
        QCOMPARE(int(s.providerFlags.codes().size()), 1);
        QCOMPARE(QString::fromUtf8(s.providerFlags.at(0).data(), int(s.providerFlags.at(0).size())),
                 QString("M"));
        const Sensor b = readIsmnFile(ismn_test::path(ismn_test::kBarrow)).sensors[0];
        QCOMPARE(int(countMask(b, flag::D(8) | flag::D(3) | flag::D(5))), 1);
        QCOMPARE(int(countMask(b, flag::D(7))), 1);
        QCOMPARE(int(countMask(b, flag::G)), 4963);
    }

    void soilscapeCrOnlyMultiYear() {
        ISMN_REQUIRE_DATA();
        struct Expect {
            const char* node;
            int n;
            int d10;
            double lat;
            double lon;
            double elev;
        };
        // tr '\r' '\n' | grep -c: node414 11615 records (134 D10), node505 3676 (352), node703 6093
        // (666)
        const Expect expected[] = {{"node414", 11615, 134, 38.43003, -120.96750, 155.0},
                                   {"node505", 3676, 352, 38.14956, -120.78559, 209.0},
                                   {"node703", 6093, 666, 38.17353, -120.80639, 217.0}};
        for (const auto& e : expected) {
            const Station st = readIsmnFile(ismn_test::path(ismn_test::soilscapeFile(e.node)));
            const Sensor& s = st.sensors[0];
            QCOMPARE(QString::fromStdString(st.name), QString(e.node));
            QCOMPARE(int(s.series.size()), e.n);
            QCOMPARE(int(countMask(s, flag::D(10))), e.d10);
            QCOMPARE(st.lat, e.lat);
            QCOMPARE(st.lon, e.lon);
            QCOMPARE(st.elevation_m, e.elev);
            QCOMPARE(QString::fromStdString(s.instrument), QString("EC5"));
            QCOMPARE(s.depthFrom_m, 0.05);
            QCOMPARE(s.depthTo_m, 0.05);
            QVERIFY(s.series.times.back() - s.series.times.front() > std::chrono::hours(24 * 200));
            QCOMPARE(
                QString::fromUtf8(s.providerFlags.at(0).data(), int(s.providerFlags.at(0).size())),
                QString("0"));
        }
        const Sensor s414 =
            readIsmnFile(ismn_test::path(ismn_test::soilscapeFile("node414"))).sensors[0];
        QCOMPARE(int(countMask(s414, flag::D(6))), 1);
        QCOMPARE(s414.series.times.front(), makeTime(2012, 8, 17, 15, 0));
        QCOMPARE(s414.series.values.front(), 0.1218);
        QCOMPARE(s414.series.times.back(), makeTime(2013, 12, 31, 23, 0));
    }

    void ceopSeparateEqualsHeaderValues() {
        ISMN_REQUIRE_DATA();
        const Station hv = readIsmnFile(ismn_test::path(ismn_test::kNarbonneHv));
        const Station cs = readIsmnFile(ismn_test::path(ismn_test::kNarbonneCeopSep));
        QCOMPARE(cs.sensors[0].format, IsmnFormat::CeopSeparate);
        QCOMPARE(QString::fromStdString(cs.name), QString("Narbonne"));
        QCOMPARE(cs.lat, hv.lat);
        QCOMPARE(cs.lon, 2.9567);
        QCOMPARE(cs.elevation_m, 112.0);
        QCOMPARE(QString::fromStdString(cs.sensors[0].instrument), QString("ThetaProbe-ML2X"));
        QCOMPARE(cs.sensors[0].depthTo_m, 0.05);
        const auto& a = hv.sensors[0].series;
        const auto& b = cs.sensors[0].series;
        QCOMPARE(int(a.size()), 741);
        QVERIFY(a.times == b.times);
        QVERIFY(a.values == b.values);
        QVERIFY(a.flags == b.flags);
        QCOMPARE(int(countMask(hv.sensors[0], flag::D(5))), 5);
        // Line 23 of the header_values file has no provider flag ("2007/01/01 22:00 0.2121 U").
        const auto& pf = hv.sensors[0].providerFlags;
        QVERIFY(pf.at(21).empty());
        QCOMPARE(QString::fromUtf8(pf.at(20).data(), int(pf.at(20).size())), QString("M"));
        QCOMPARE(QString::fromUtf8(cs.sensors[0].providerFlags.at(21).data(), 1), QString("M"));
    }

    void ceopCombined() {
        ISMN_REQUIRE_DATA();
        // Columns: UTC nominal date time, actual date time, CSE, network, station, lat, lon,
        // elevation, "-", depth, soil temperature + flag, soil moisture + flag (169 records).
        const Station st = readIsmnFile(ismn_test::path(ismn_test::kNarbonneCeop));
        QCOMPARE(QString::fromStdString(st.name), QString("Narbonne"));
        QCOMPARE(QString::fromStdString(st.network), QString("SMOSMANIA"));
        QCOMPARE(int(st.sensors.size()), 8);
        int total = 0;
        int sm = 0;
        for (const auto& s : st.sensors) {
            QCOMPARE(s.format, IsmnFormat::Ceop);
            QCOMPARE(s.depthFrom_m, s.depthTo_m);
            if (s.variable == "soil_moisture") {
                ++sm;
                total += int(s.series.size());
            } else {
                QCOMPARE(QString::fromStdString(s.variable), QString("soil_temperature"));
                QCOMPARE(QString::fromStdString(s.series.units), QString("degC"));
            }
        }
        QCOMPARE(sm, 4);
        QCOMPARE(total, ismn_test::grepRecords(ismn_test::kNarbonneCeop).records);
        QCOMPARE(total, 169);
        auto find = [&](const char* var, double depth) -> const Sensor& {
            for (const auto& s : st.sensors)
                if (s.variable == var && std::abs(s.depthFrom_m - depth) < 1e-9)
                    return s;
            throw std::runtime_error("sensor not found");
        };
        const Sensor& sm10 = find("soil_moisture", 0.10);
        QCOMPARE(int(sm10.series.size()), 43);
        QCOMPARE(sm10.series.times.front(), makeTime(2010, 10, 21, 1, 0));
        QCOMPARE(sm10.series.values.front(), 0.2913);
        QCOMPARE(sm10.series.flags.front(), flag::U);
        const Sensor& ts10 = find("soil_temperature", 0.10);
        QCOMPARE(ts10.series.values.front(), 12.20);
        const Sensor& ts20 = find("soil_temperature", 0.20);
        QVERIFY(std::isnan(ts20.series.values.front())); // -999.99 M
        QCOMPARE(ts20.series.flags.front(), flag::Other);
        QCOMPARE(find("soil_moisture", 0.05).series.times.front(), makeTime(2010, 10, 21, 2, 0));
    }

    void lazyHeaderThenLoad() {
        ISMN_REQUIRE_DATA();
        Station st = readIsmnFile(ismn_test::path(ismn_test::kBarrow), false);
        QCOMPARE(int(st.sensors.size()), 1);
        QVERIFY(!st.sensors[0].loaded);
        QVERIFY(st.sensors[0].series.empty());
        QCOMPARE(st.lat, 71.3298);
        QCOMPARE(st.sensors[0].depthTo_m, 0.21);
        loadSensorData(st.sensors[0]);
        QVERIFY(st.sensors[0].loaded);
        QCOMPARE(int(st.sensors[0].series.size()), 7059);
    }

    void lineEndingsGiveSameResult() {
        QTemporaryDir dir;
        const std::string body[] = {"2017/01/01 00:00   0.2000 G M",
                                    "2017/01/01 01:00   0.2100 D01,D02 M",
                                    "2017/01/01 02:00      NaN U"};
        std::vector<Station> read;
        for (const std::string eol : {"\n", "\r\n", "\r"}) {
            std::string content = kHeader + eol;
            for (const auto& l : body)
                content += l + eol;
            const std::string p =
                (dir.path() + "/NET_NET_St_sm_0.050000_0.050000_X_20170101_20170101.stm")
                    .toStdString();
            writeFile(QString::fromStdString(p), content);
            read.push_back(readIsmnFile(p));
        }
        for (const auto& st : read) {
            const auto& s = st.sensors[0].series;
            QCOMPARE(int(s.size()), 3);
            QCOMPARE(s.times[1], makeTime(2017, 1, 1, 1, 0));
            QCOMPARE(s.values[1], 0.21);
            QCOMPARE(s.flags[1], flag::D(1) | flag::D(2));
            QVERIFY(std::isnan(s.values[2]));
            QVERIFY(st.sensors[0].providerFlags.at(2).empty());
        }
    }

    void malformedFileGivesCleanError() {
        ISMN_REQUIRE_DATA();
        const std::string p = ismn_test::path("malformed/mal_formed_file.txt");
        try {
            readIsmnFile(p);
            QFAIL("no error for the malformed file");
        } catch (const Error& e) {
            QVERIFY(QString::fromStdString(e.context()).endsWith("mal_formed_file.txt:1"));
            QVERIFY(QString(e.what()).contains("not an ISMN file"));
        }
    }

    void badRecordsNameFileAndLine_data() {
        QTest::addColumn<QString>("badLine");
        QTest::addColumn<QString>("expected");
        QTest::newRow("non-numeric value") << "2017/01/01 01:00   abc G M"
                                           << "'abc' is not a number";
        QTest::newRow("truncated line") << "2017/01/01 01:00   0.21"
                                        << "truncated record";
        QTest::newRow("truncated time") << "2017/01/01 01:"
                                        << "truncated record";
        QTest::newRow("bad date") << "2017/13/01 01:00 0.2 G M"
                                  << "not a valid calendar date";
        QTest::newRow("bad time") << "2017/01/01 1:00 0.2 G M"
                                  << "is not a time";
    }
    void badRecordsNameFileAndLine() {
        QFETCH(QString, badLine);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString p = dir.path() + "/NET_NET_St_sm_0.050000_0.050000_X_20170101_20170101.stm";
        writeFile(p, kHeader + "\r2017/01/01 00:00   0.2000 G M\r" + badLine.toStdString() +
                         "\r2017/01/01 02:00   0.2000 G M\r");
        try {
            readIsmnFile(p.toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromStdString(e.context()), p + ":3");
            QVERIFY2(QString::fromStdString(e.message()).contains(expected), e.what());
        }
        // Header-only reading does not look at the records.
        QCOMPARE(int(readIsmnFile(p.toStdString(), false).sensors.size()), 1);
    }

    void badHeaderNamesLineOne() {
        QTemporaryDir dir;
        const QString p = dir.path() + "/x.stm";
        writeFile(p, "NET NET Station 43.1 abc 112 0.05 0.05 X\n2017/01/01 00:00 0.2 G M\n");
        QVERIFY_THROWS_EXCEPTION(Error, readIsmnFile(p.toStdString()));
        writeFile(p, "");
        QVERIFY_THROWS_EXCEPTION(Error, readIsmnFile(p.toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, readIsmnFile((dir.path() + "/missing.stm").toStdString()));
    }

    void unsortedRecordsAreSorted() {
        QTemporaryDir dir;
        const QString p = dir.path() + "/NET_NET_St_sm_0.050000_0.050000_X_20170101_20170101.stm";
        writeFile(p, kHeader + "\n2017/01/01 02:00 0.3 U C\n2017/01/01 00:00 0.1 G A\n"
                               "2017/01/01 01:00 0.2 D03 B\n2017/01/01 00:00 0.9 G Z\n");
        const Sensor s = readIsmnFile(p.toStdString()).sensors[0];
        QCOMPARE(int(s.series.size()), 3);
        QCOMPARE(s.series.values[0], 0.1);
        QCOMPARE(s.series.values[2], 0.3);
        QCOMPARE(s.series.flags[1], flag::D(3));
        QCOMPARE(QString::fromUtf8(s.providerFlags.at(1).data(), 1), QString("B"));
        QCOMPARE(QString::fromUtf8(s.providerFlags.at(2).data(), 1), QString("C"));
    }

    void fileNames() {
        auto a = parseIsmnFileName(
            "COSMOS_COSMOS_ARM-1_sm_0.000000_0.190000_Cosmic-ray-Probe_20170810_20180809.stm");
        QVERIFY(a && a->hasVariable);
        QCOMPARE(QString::fromStdString(a->station), QString("ARM-1"));
        QCOMPARE(QString::fromStdString(a->variable), QString("soil_moisture"));
        QCOMPARE(a->depthTo_m, 0.19);
        QCOMPARE(QString::fromStdString(a->instrument), QString("Cosmic-ray-Probe"));
        QCOMPARE(QString::fromStdString(a->prefix), QString("COSMOS_COSMOS_ARM-1"));
        auto b = parseIsmnFileName("SMOSMANIA_SMOSMANIA_NBN_20100304_20130801.stm");
        QVERIFY(b && !b->hasVariable);
        QCOMPARE(QString::fromStdString(b->station), QString("NBN"));
        auto c = parseIsmnFileName(
            "SCAN_SCAN_Little_River_ts_0.100000_0.100000_Hydraprobe-Analog_20100101_20101231.stm");
        QVERIFY(c && c->hasVariable);
        QCOMPARE(QString::fromStdString(c->station), QString("Little_River"));
        QCOMPARE(QString::fromStdString(c->variable), QString("soil_temperature"));
        QVERIFY(!parseIsmnFileName("mal_formed_file.txt"));
    }
};

QTEST_APPLESS_MAIN(TestIsmnReader)
#include "test_ismn_reader.moc"
