#include "base/error.h"
#include "base/time_utils.h"
#include "series/quality_flags.h"
#include "stations/csv_time_series.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace soilscope;
using namespace soilscope::stations;
namespace flag = soilscope::series::flag;

namespace {

std::string writeCsv(const QTemporaryDir& dir, const std::string& name,
                     const std::string& content) {
    const std::string p = dir.path().toStdString() + "/" + name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
}

template <class Fn> QString errorOf(Fn&& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestCsvTimeSeries : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void fractionalSecondsAndQuotedFlags() {
        QTemporaryDir dir;
        const std::string p = writeCsv(dir, "ref.csv",
                                       "time,sm,sm_flag,note\r\n"
                                       "2017-08-10T12:00:00.400Z,0.25,G,plain\r\n"
                                       "2017-08-10T13:00:00.6Z,0.30,\"D01,D02\",\"with, comma\"\r\n"
                                       "2017-08-10 14:00:00,,\"C03\",\"say \"\"hi\"\"\"\r\n"
                                       "2017-08-10T15:30:00+01:00,NaN,U,x\r\n");
        const CsvTimeSeries csv = CsvTimeSeries::read(p);
        QCOMPARE(QString::fromStdString(csv.timeColumn()), QString("time"));
        QCOMPARE(int(csv.columns().size()), 3);
        QCOMPARE(int(csv.rows()), 4);
        QVERIFY(csv.isNumeric("sm"));
        QVERIFY(!csv.isNumeric("sm_flag"));
        QCOMPARE(QString::fromStdString(csv.text("note")[1]), QString("with, comma"));
        QCOMPARE(QString::fromStdString(csv.text("note")[2]), QString("say \"hi\""));
        const series::TimeSeries s = readCsvSeries(p, "sm", "sm_flag");
        QCOMPARE(int(s.size()), 4);
        QCOMPARE(s.times[0], makeTime(2017, 8, 10, 12, 0, 0));
        QCOMPARE(s.times[1], makeTime(2017, 8, 10, 13, 0, 1));  // .6 s rounds up
        QCOMPARE(s.times[3], makeTime(2017, 8, 10, 14, 30, 0)); // +01:00 offset; sorted by time
        QCOMPARE(s.values[1], 0.30);
        QVERIFY(std::isnan(s.values[2]));
        QCOMPARE(s.flags[1], flag::D(1) | flag::D(2));
        QCOMPARE(s.flags[2], flag::C(3));
        QCOMPARE(QString::fromStdString(s.name), QString("sm"));
        const series::TimeSeries noFlags = readCsvSeries(p, "sm");
        QVERIFY(!noFlags.hasFlags());
        QCOMPARE(int(noFlags.valid().size()), 2);
    }

    void semicolonsTabsAndUnsortedRows() {
        QTemporaryDir dir;
        const std::string a =
            writeCsv(dir, "a.csv", "date;value\n2020-01-02;2.5\n2020-01-01;1,5x\n");
        QVERIFY(errorOf([&] { readCsvSeries(a, "value"); }).contains("a.csv:3"));
        const std::string b =
            writeCsv(dir, "b.csv", "date;value\n2020-01-02;2.5\n2020-01-01;1.5\n2020-01-02;9\n");
        const auto s = readCsvSeries(b, "value");
        QCOMPARE(int(s.size()), 2);
        QCOMPARE(s.values[0], 1.5);
        QCOMPARE(s.values[1], 2.5); // the first of duplicated times is kept
        const std::string c = writeCsv(dir, "c.tsv", "t\tx\ty\n2020-01-01T00:00\t1\t2\n");
        QCOMPARE(readCsvSeries(c, "y").values[0], 2.0);
    }

    void errorsNameFileLineAndColumn() {
        QTemporaryDir dir;
        const std::string p = writeCsv(dir, "bad.csv",
                                       "time,sm,flag\n2017-01-01T00:00:00,0.2,G\n"
                                       "2017-01-01T01:00:00,wet,G\n");
        const QString e1 = errorOf([&] { readCsvSeries(p, "sm", "flag"); });
        QVERIFY2(e1.contains("bad.csv:3") && e1.contains("column 'sm'") && e1.contains("'wet'"),
                 qPrintable(e1));
        const QString e2 = errorOf([&] { readCsvSeries(p, "soil_moisture"); });
        QVERIFY2(e2.contains("no column 'soil_moisture'") && e2.contains("sm, flag"),
                 qPrintable(e2));
        const std::string t =
            writeCsv(dir, "time.csv", "time,sm\n2017-01-01T00:00:00,0.2\nyesterday,0.3\n");
        const QString e3 = errorOf([&] { readCsvSeries(t, "sm"); });
        QVERIFY2(e3.contains("time.csv:3") && e3.contains("column 'time'") &&
                     e3.contains("yesterday"),
                 qPrintable(e3));
        const std::string n =
            writeCsv(dir, "cells.csv", "time,a,b\n2017-01-01,1,2\n2017-01-02,1\n");
        QVERIFY(errorOf([&] { readCsvSeries(n, "a"); }).contains("cells.csv:3"));
        const std::string q = writeCsv(dir, "quote.csv", "time,a\n2017-01-01,\"1\n");
        QVERIFY(errorOf([&] { readCsvSeries(q, "a"); }).contains("unterminated"));
        const std::string empty = writeCsv(dir, "empty.csv", "\n\n");
        QVERIFY(errorOf([&] { readCsvSeries(empty, "a"); }).contains("empty CSV"));
        QVERIFY(!errorOf([&] {
                     readCsvSeries(dir.path().toStdString() + "/none.csv", "a");
                 }).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestCsvTimeSeries)
#include "test_csv_time_series.moc"
