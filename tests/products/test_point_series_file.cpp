// CF point time series (ASCAT/ERS WARP cells): both ragged-array layouts, nearest location,
// masks from observation, location and day-of-year variables, and every malformed file refused
// with the file named.
#include "products_test_support.h"

#include "base/error.h"
#include "base/time_utils.h"
#include "products/point_series_file.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace soilscope;
using namespace soilscope::products;

namespace {

/// The raw values of an observation variable of the real cell for one location, read with the
/// netCDF C library alone (the test's own reading of the ragged array).
std::vector<double> rawRow(const std::string& path, std::size_t location, const char* variable) {
    int nc = -1;
    products_test::ok(nc_open(path.c_str(), NC_NOWRITE, &nc));
    int vrow = -1, vvar = -1;
    products_test::ok(nc_inq_varid(nc, "row_size", &vrow));
    products_test::ok(nc_inq_varid(nc, variable, &vvar));
    std::vector<int> rows(490);
    products_test::ok(nc_get_var_int(nc, vrow, rows.data()));
    std::size_t start = 0;
    for (std::size_t i = 0; i < location; ++i)
        start += static_cast<std::size_t>(rows[i]);
    std::size_t count = static_cast<std::size_t>(rows[location]);
    std::vector<double> out(count);
    products_test::ok(nc_get_vara_double(nc, vvar, &start, &count, out.data()));
    nc_close(nc);
    return out;
}

template <typename F> QString errorOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestPointSeriesFile : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string file(const char* name) const { return m_dir.filePath(name).toStdString(); }

  private Q_SLOTS:
    void realAscatCellIsRead() {
        PRODUCTS_REQUIRE_DATA();
        const PointSeriesFile f(products_test::ascatCell());
        QCOMPARE(f.locations().size(), std::size_t(490));
        QCOMPARE(f.observationCount(), std::size_t(1184938));
        QCOMPARE(QString::fromStdString(f.layout()), QStringLiteral("contiguous ragged array"));
        QCOMPARE(QString::fromStdString(f.soilMoistureVariable()), QStringLiteral("sm"));
        QCOMPARE(QString::fromStdString(f.variable("sm").units), QStringLiteral("%"));
        QVERIFY(f.variable("frozen").shape == VariableShape::LocationByDayOfYear);
        QVERIFY(f.variable("por_gldas").shape == VariableShape::Location);

        // The nearest location by brute force over the locations the test reads itself.
        const double lon = 5.5, lat = 43.8;
        const auto [i, km] = f.nearest(lon, lat);
        double best = 1e9;
        for (const auto& l : f.locations())
            best = std::min(best, distanceKm(lon, lat, l.lon, l.lat));
        QCOMPARE(km, best);
        QVERIFY(km < 10.0);

        const auto ls = f.series(i, "sm");
        const auto raw = rawRow(products_test::ascatCell(), i, "sm");
        const auto rawTime = rawRow(products_test::ascatCell(), i, "time");
        QCOMPARE(ls.observations, raw.size());
        QCOMPARE(ls.series.size() + ls.duplicates, raw.size());
        QCOMPARE(QString::fromStdString(ls.series.units), QStringLiteral("%"));
        // Every value is the raw byte (missing_value -1 -> NaN) at its own time.
        std::size_t checked = 0;
        for (std::size_t k = 0; k < raw.size(); ++k) {
            const TimePoint t{std::chrono::seconds{std::llround(rawTime[k] * 86400.0)}};
            const auto it = std::lower_bound(ls.series.times.begin(), ls.series.times.end(), t);
            QVERIFY(it != ls.series.times.end() && *it == t);
            const double v = ls.series.values[std::size_t(it - ls.series.times.begin())];
            if (raw[k] == -1)
                QVERIFY(std::isnan(v));
            else if (std::count(rawTime.begin(), rawTime.end(), rawTime[k]) == 1 && ++checked)
                QCOMPARE(v, raw[k]);
        }
        QVERIFY(checked > 2000);
        // The whole-file reading gives the same series.
        const auto all = f.allSeries("sm");
        QCOMPARE(all[i].series.values.size(), ls.series.values.size());
        QVERIFY(all[i].series.times == ls.series.times);
    }

    void masksUseObservationLocationAndDayOfYearVariables() {
        PRODUCTS_REQUIRE_DATA();
        const PointSeriesFile f(products_test::ascatCell());
        const std::size_t i = f.nearest(5.5, 43.8).first;
        const auto ssf = rawRow(products_test::ascatCell(), i, "ssf");
        const auto proc = rawRow(products_test::ascatCell(), i, "proc_flag");
        std::size_t rejected = 0;
        for (std::size_t k = 0; k < ssf.size(); ++k)
            rejected += (ssf[k] == 1 && proc[k] == 0) ? 0 : 1;
        const auto masked =
            f.series(i, "sm", ObservationMask::parse("ssf == 1 and proc_flag == 0"));
        QCOMPARE(masked.masked, rejected);
        QVERIFY(rejected > 0);
        // What the mask removed is kept apart, in time order, and is all of the rest.
        QCOMPARE(masked.rejected.size(), rejected);
        QVERIFY(std::is_sorted(masked.rejected.times.begin(), masked.rejected.times.end()));
        QCOMPARE(masked.series.size() + masked.rejected.size() + masked.duplicates,
                 f.series(i, "sm").series.size() + f.series(i, "sm").duplicates);
        QVERIFY(f.series(i, "sm").rejected.empty());
        // Frozen probability (per day of year) below 0 removes everything; below 101 nothing
        // but the days without a probability.
        QCOMPARE(f.series(i, "sm", ObservationMask::parse("frozen < 0")).series.size(),
                 std::size_t(0));
        const auto anyDay = f.series(i, "sm", ObservationMask::parse("frozen <= 100"));
        QVERIFY(anyDay.series.size() > 0);
        // A per-location variable: all or nothing.
        const double porosity = f.locationValue("por_gldas", i);
        QVERIFY(porosity > 0.2 && porosity < 0.8);
        QCOMPARE(f.series(i, "sm", ObservationMask::parse("por_gldas > 1")).series.size(),
                 std::size_t(0));
        QVERIFY(errorOf([&] {
                    f.series(i, "sm", ObservationMask::parse("snowy < 3"));
                }).contains("no variable 'snowy'"));
        QVERIFY(errorOf([&] {
                    f.series(i, "sm", ObservationMask::parse("snowy < 3"));
                }).contains("per location and day of year: frozen, snow"));
    }

    void maskTextIsParsedStrictly() {
        const auto m = ObservationMask::parse("flag & 7 == 0 and orbit_dir == 'D' && sm >= 1.5");
        QCOMPARE(m.clauses().size(), std::size_t(3));
        QCOMPARE(*m.clauses()[0].bits, 7LL);
        QCOMPARE(m.clauses()[1].value, double('D'));
        QCOMPARE(m.clauses()[2].op, std::string(">="));
        QVERIFY(ObservationMask::parse("  ").empty());
        for (const char* bad : {"ssf = 1", "ssf == 1 or ssf == 2", "== 3", "ssf == one"}) {
            bool refused = false;
            try {
                ObservationMask::parse(bad);
            } catch (const UsageError&) {
                refused = true;
            }
            QVERIFY2(refused, bad);
        }
    }

    void indexedAndContiguousLayoutsAgree() {
        QVERIFY(m_dir.isValid());
        products_test::writePointFile(file("contiguous.nc"), products_test::contiguousExample());
        products_test::writePointFile(file("indexed.nc"), products_test::indexedExample());
        const PointSeriesFile c(file("contiguous.nc"));
        const PointSeriesFile x(file("indexed.nc"));
        QCOMPARE(QString::fromStdString(x.layout()), QStringLiteral("indexed ragged array"));
        for (std::size_t loc = 0; loc < 3; ++loc) {
            const auto a = c.series(loc, "sm");
            const auto b = x.series(loc, "sm");
            QVERIFY(a.series.times == b.series.times);
            QCOMPARE(a.series.values.size(), b.series.values.size());
            for (std::size_t k = 0; k < a.series.values.size(); ++k)
                QVERIFY(a.series.values[k] == b.series.values[k] ||
                        (std::isnan(a.series.values[k]) && std::isnan(b.series.values[k])));
        }
        const auto first = c.series(0, "sm");
        QCOMPARE(first.series.size(), std::size_t(3));
        QCOMPARE(first.series.values[1], 20.0);
        QVERIFY(std::isnan(first.series.values[2]));
        QCOMPARE(formatIsoTime(first.series.times[0]), std::string("1970-01-02T06:00:00Z"));
        QCOMPARE(c.series(1, "sm").series.size(), std::size_t(0));
        const auto unfrozen = x.series(2, "sm", ObservationMask::parse("ssf == 1"));
        QCOMPARE(unfrozen.series.size(), std::size_t(1));
        QCOMPARE(unfrozen.masked, std::size_t(1));
        QCOMPARE(*x.findId(300), std::size_t(2));
        QVERIFY(!x.findId(999));
        const auto allX = x.allSeries("sm");
        QVERIFY(allX[2].series.times == c.series(2, "sm").series.times);
    }

    void malformedFilesAreRefusedNamingTheFile() {
        auto rows = products_test::contiguousExample();
        rows.rowSize = {3, 0, 1};
        products_test::writePointFile(file("rows.nc"), rows);
        QString e = errorOf([&] { PointSeriesFile f(file("rows.nc")); });
        QVERIFY2(e.contains("adds up to 4 observations") && e.contains("has 5") &&
                     e.contains("rows.nc"),
                 qPrintable(e));

        auto index = products_test::indexedExample();
        index.location[3] = 7;
        products_test::writePointFile(file("index.nc"), index);
        e = errorOf([&] { PointSeriesFile f(file("index.nc")); });
        QVERIFY2(e.contains("is 7 at observation 3") && e.contains("index.nc"), qPrintable(e));

        auto noTime = products_test::contiguousExample();
        noTime.withTime = false;
        products_test::writePointFile(file("notime.nc"), noTime);
        e = errorOf([&] { PointSeriesFile f(file("notime.nc")); });
        QVERIFY2(e.contains("no time variable") && e.contains("notime.nc"), qPrintable(e));

        const PointSeriesFile ok(file("indexed.nc"));
        e = errorOf([&] { ok.series(0, "soil"); });
        QVERIFY2(e.contains("no variable 'soil'") && e.contains("sm"), qPrintable(e));
        e = errorOf([&] { ok.series(0, "gpi"); });
        QVERIFY2(e.contains("not an observation variable"), qPrintable(e));

        // A truncated classic file would read as fill values: refused before reading.
        auto classic = products_test::contiguousExample();
        classic.format = 0;
        products_test::writePointFile(file("classic.nc"), classic);
        QVERIFY(PointSeriesFile::recognises(file("classic.nc")));
        const auto size = std::filesystem::file_size(file("classic.nc"));
        std::filesystem::resize_file(file("classic.nc"), size - 3);
        e = errorOf([&] { PointSeriesFile f(file("classic.nc")); });
        QVERIFY2(e.contains("truncated") && e.contains("classic.nc"), qPrintable(e));
    }

    void truncatedRealCellIsAnErrorNotACrash() {
        PRODUCTS_REQUIRE_DATA();
        const std::string cut = file("cut_1358.nc");
        std::filesystem::copy_file(products_test::ascatCell(), cut,
                                   std::filesystem::copy_options::overwrite_existing);
        std::filesystem::permissions(cut, std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::add);
        std::filesystem::resize_file(cut, std::filesystem::file_size(cut) / 2);
        const QString e = errorOf([&] {
            const PointSeriesFile f(cut);
            f.allSeries("sm");
        });
        QVERIFY2(!e.isEmpty() && e.contains("cut_1358.nc"), qPrintable(e));
    }

    void notATimeSeriesFile() {
        PRODUCTS_REQUIRE_DATA();
        const std::string cci =
            products_test::cciFolder() +
            "/combined/ESACCI-SOILMOISTURE-L3S-SSMV-COMBINED-20160607000000-fv04.2.nc";
        QVERIFY(!PointSeriesFile::recognises(cci));
        const QString e = errorOf([&] { PointSeriesFile f(cci); });
        QVERIFY2(e.contains("featureType"), qPrintable(e));
        QVERIFY(!PointSeriesFile::recognises(file("missing.nc")));
    }
};

QTEST_APPLESS_MAIN(TestPointSeriesFile)
#include "test_point_series_file.moc"
