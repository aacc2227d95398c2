#include "base/error.h"
#include "base/time_utils.h"
#include "series/quality_flags.h"
#include "stations/ismn_reader.h"
#include "stations/sensor_summary.h"
#include "stations/vsi_file.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstdio>
#include <fstream>

using namespace soilscope;
using namespace soilscope::stations;

namespace {

const std::string kHeader = "SMOSMANIA  SMOSMANIA       Narbonne          43.15000     2.95670  "
                            "112.00    0.05    0.05 ThetaProbe-ML2X";

/// Hourly records over more than two read chunks, with lines of varying length; the header is
/// padded so that the first chunk ends inside the line break after `splitLine` bytes of it.
std::string bigFile(const std::string& eol, bool bom) {
    const char* flags[] = {"G", "D03", "D03,D05", "U", "G"};
    std::string records;
    TimePoint t = makeTime(2000, 1, 1);
    char line[96];
    for (int i = 0; records.size() < 2 * kVsiChunkBytes + 100000; ++i) {
        const std::string stamp = formatIsoTime(t);
        const int n = std::snprintf(line, sizeof line, "%s/%s/%s %s %8.4f %s %s", //
                                    stamp.substr(0, 4).c_str(), stamp.substr(5, 2).c_str(),
                                    stamp.substr(8, 2).c_str(), stamp.substr(11, 5).c_str(),
                                    i % 97 == 0 ? NAN : 0.2 + 0.001 * (i % 50), flags[i % 5],
                                    i % 3 ? "M" : "");
        records.append(line, static_cast<std::size_t>(n));
        records += eol;
        t += std::chrono::hours(1);
    }
    std::string head = (bom ? "\xEF\xBB\xBF" : "") + kHeader;
    // Pad the header with blanks until a line break straddles the chunk boundary.
    while (true) {
        const std::string all = head + eol + records;
        const std::size_t b = kVsiChunkBytes;
        if (eol.size() == 1 || (all[b - 1] == eol[0] && all[b] == eol[1]))
            return all;
        head += ' ';
    }
}

std::string writeFile(const QTemporaryDir& dir, const std::string& content) {
    const std::string p =
        (dir.path() + "/NET_NET_St_sm_0.050000_0.050000_X_20000101_20010101.stm").toStdString();
    std::ofstream(p, std::ios::binary) << content;
    return p;
}

void compareSummaries(const SensorSummary& a, const SensorSummary& b) {
    QCOMPARE(a.n, b.n);
    QCOMPARE(a.nValid, b.nValid);
    QCOMPARE(a.nGood, b.nGood);
    QVERIFY(a.first == b.first);
    QVERIFY(a.last == b.last);
    QVERIFY(a.mean == b.mean || (std::isnan(a.mean) && std::isnan(b.mean)));
}

} // namespace

class TestSensorSummary : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void streamEqualsWholeRead_data() {
        QTest::addColumn<QString>("eol");
        QTest::addColumn<bool>("bom");
        QTest::newRow("LF") << "\n" << false;
        QTest::newRow("CRLF split at a chunk") << "\r\n" << false;
        QTest::newRow("LFCR split at a chunk") << "\n\r" << false;
        QTest::newRow("CR only") << "\r" << false;
        QTest::newRow("CRLF with BOM") << "\r\n" << true;
    }
    void streamEqualsWholeRead() {
        QFETCH(QString, eol);
        QFETCH(bool, bom);
        QTemporaryDir dir;
        const std::string p = writeFile(dir, bigFile(eol.toStdString(), bom));
        const Sensor whole = readIsmnFile(p).sensors[0];
        std::size_t i = 0;
        bool same = true;
        streamIsmnRecords(p, nullptr, [&](const IsmnRecord& r) {
            const auto& s = whole.series;
            same = same && i < s.size() && r.time == s.times[i] && r.flags == s.flags[i] &&
                   (r.value == s.values[i] || (std::isnan(r.value) && std::isnan(s.values[i]))) &&
                   r.providerFlag == whole.providerFlags.at(i);
            ++i;
            return same;
        });
        QVERIFY2(same, qPrintable(QString("record %1 differs").arg(i - 1)));
        QCOMPARE(i, whole.series.size());
        QVERIFY(i > 100000);
    }

    void streamNamesTheLineOfABadRecordBeyondTheFirstChunk() {
        QTemporaryDir dir;
        std::string content = bigFile("\r\n", false);
        const std::size_t lines =
            static_cast<std::size_t>(std::count(content.begin(), content.end(), '\n'));
        content += "2099/01/01 00:00 abc G M\r\n";
        const std::string p = writeFile(dir, content);
        try {
            streamIsmnRecords(p, nullptr, [](const IsmnRecord&) { return true; });
            QFAIL("no error for the bad record");
        } catch (const Error& e) {
            QCOMPARE(QString::fromStdString(e.context()),
                     QString::fromStdString(p + ":" + std::to_string(lines + 1)));
        }
    }

    void summaryOfAStreamedFileEqualsTheLoadedSeries_data() {
        QTest::addColumn<bool>("unsorted");
        QTest::addColumn<quint32>("accepted");
        QTest::newRow("in order, every flag") << false << quint32(~0u);
        QTest::newRow("in order, G") << false << quint32(series::flag::G);
        QTest::newRow("out of order and repeated, every flag") << true << quint32(~0u);
        QTest::newRow("out of order and repeated, G") << true << quint32(series::flag::G);
    }
    void summaryOfAStreamedFileEqualsTheLoadedSeries() {
        QFETCH(bool, unsorted);
        QFETCH(quint32, accepted);
        QTemporaryDir dir;
        std::string content = bigFile("\n", false);
        if (unsorted) // a repeated time and one out of order: sorting keeps the first of a time
            content += "2000/01/01 00:00 0.9 G A\n1999/12/31 23:00 0.1 G B\n";
        const std::string p = writeFile(dir, content);
        const Station header = readIsmnFile(p, false);
        QVERIFY(!header.sensors[0].loaded);
        const Sensor whole = readIsmnFile(p).sensors[0];
        QVERIFY(whole.loaded);
        compareSummaries(summarizeSensor(header.sensors[0], accepted),
                         summarizeSensor(whole, accepted));
        const SensorSummary s = summarizeSensor(whole, accepted);
        if (accepted == ~0u) // the first record of the file has a NaN value
            QCOMPARE(*s.first, unsorted ? makeTime(1999, 12, 31, 23) : makeTime(2000, 1, 1));
        QVERIFY(s.nGood > 0 && s.nValid <= s.n);
    }
};

QTEST_APPLESS_MAIN(TestSensorSummary)
#include "test_sensor_summary.moc"
