// Series side by side as CSV (the time-series view's data export): the union of their times,
// units in the headers, ISMN flags in a column of their own, nothing written on failure.
#include "base/error.h"
#include "series/quality_flags.h"
#include "series/series_table.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace soilscope;
using namespace soilscope::series;

class TestSeriesTable : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void alignsSeriesOnTheUnionOfTheirTimes() {
        TimeSeries station, product;
        station.name = "in situ AG01 0.05\u20130.05 m";
        station.units = "m3 m-3";
        station.push(makeTime(2018, 1, 1, 0), 0.25, flag::G);
        station.push(makeTime(2018, 1, 1, 1), -0.02, parseFlags("C01,D06"));
        station.push(makeTime(2018, 1, 1, 2), std::nan(""), flag::G);
        product.name = "sm, \"daily\"";
        product.units = "%";
        product.push(makeTime(2018, 1, 1, 1), 41.5);
        product.push(makeTime(2018, 1, 2), 40.0);
        const std::string csv = seriesTableCsv({station, product});
        const std::string expected =
            "time,\"in situ AG01 0.05\u20130.05 m [m3 m-3]\",\"in situ AG01 0.05\u20130.05 m "
            "flags\",\"sm, \"\"daily\"\" [%]\"\n"
            "2018-01-01T00:00:00Z,0.25,G,\n"
            "2018-01-01T01:00:00Z,-0.02,\"C01,D06\",41.5\n"
            "2018-01-01T02:00:00Z,,G,\n"
            "2018-01-02T00:00:00Z,,,40\n";
        QCOMPARE(QString::fromStdString(csv), QString::fromStdString(expected));
    }

    void nothingIsWrittenWhereItCannotBe() {
        QTemporaryDir dir;
        const std::filesystem::path target =
            dir.filePath(QStringLiteral("series.csv")).toStdString();
        { std::ofstream(target) << "kept\n"; }
        TimeSeries s;
        s.name = "x";
        s.push(makeTime(2020, 1, 1), 1.0);
        writeSeriesTable(target, {s});
        std::stringstream text;
        text << std::ifstream(target).rdbuf();
        QCOMPARE(QString::fromStdString(text.str()),
                 QStringLiteral("time,\"x\"\n2020-01-01T00:00:00Z,1\n"));
        // A folder in the way of the file, a file in the way of the folder: an error, and both
        // stay as they were.
        const std::filesystem::path folder = dir.filePath(QStringLiteral("folder")).toStdString();
        std::filesystem::create_directory(folder);
        QVERIFY_THROWS_EXCEPTION(Error, writeSeriesTable(folder, {s}));
        QVERIFY(std::filesystem::is_directory(folder));
        QVERIFY_THROWS_EXCEPTION(Error, writeSeriesTable(target / "series.csv", {s}));
        QVERIFY(std::filesystem::is_regular_file(target));
    }
};

QTEST_GUILESS_MAIN(TestSeriesTable)
#include "test_series_table.moc"
