#include "base/daily_label.h"
#include "base/error.h"
#include "base/time_utils.h"
#include "geo/geotiff_writer.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "geo_test_support.h"
#include "grib_fixture.h"
#include "netcdf_fixture.h"

#include <gdal.h>

#include <QtTest>
#include <cmath>
#include <filesystem>
#include <memory>

using namespace soilscope;
using namespace soilscope::geo;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::vector<float> filled(const Grid& g, float value) {
    return std::vector<float>(g.pixelCount(), value);
}

} // namespace

class TestRasterSeries : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void stageIvNetcdfHourlyAxis() {
        GEO_SKIP_WITHOUT_DATA();
        const RasterSeries s = RasterSeries::open(sharedRaster("test_stageiv_xyt.nc"));
        QCOMPARE(s.size(), std::size_t(23));
        QCOMPARE(s.variable(), std::string("Total_precipitation_surface_1_Hour_Accumulation"));
        QCOMPARE(s.units(), std::string("kg m^-2"));
        QCOMPARE(s.calendar(), std::string("proleptic_gregorian"));
        QCOMPARE(formatIsoTime(s.times().front()), std::string("2018-09-13T19:00:00Z"));
        QCOMPARE(formatIsoTime(s.times().back()), std::string("2018-09-14T17:00:00Z"));
        for (std::size_t i = 1; i < s.size(); ++i)
            QVERIFY(s.times()[i] - s.times()[i - 1] == 1h);
        QCOMPARE(s.grid().width(), 87);
        QCOMPARE(s.grid().height(), 118);
        const auto v = s.readTime(10);
        QCOMPARE(v.size(), std::size_t(87 * 118));
        QVERIFY(countValid(v) > 0);
        const Raster r(sharedRaster("test_stageiv_xyt.nc"));
        const auto direct = r.readBand(11);
        for (std::size_t i = 0; i < v.size(); i += 97)
            QVERIFY((std::isnan(v[i]) && std::isnan(direct[i])) || v[i] == direct[i]);
        const TimePoint t10 = makeTime(2018, 9, 14, 5);
        QCOMPARE(s.indexOf(t10).value_or(99), std::size_t(10));
        QCOMPARE(s.indexOf(t10 + 10min, 15min).value_or(99), std::size_t(10));
        QCOMPARE(s.indexOf(t10 + 40min, 25min).value_or(99), std::size_t(11));
        QVERIFY(!s.indexOf(t10 + 30min, 15min));
        QVERIFY(!s.indexOf(makeTime(2020, 1, 1), 24h));
        QVERIFY_THROWS_EXCEPTION(Error, s.readTime(23));
        const auto step10 = s.readTime(10);
        const auto firstValid =
            std::find_if(step10.begin(), step10.end(), [](float x) { return std::isfinite(x); });
        const int k = static_cast<int>(firstValid - step10.begin());
        const int col = k % 87, row = k / 87;
        const auto pixel = s.readPixelSeries(col, row);
        QCOMPARE(pixel.size(), std::size_t(23));
        QCOMPARE(pixel[10], step10[k]);
        const auto window = s.readTimeWindow(10, Window{col, row, 1, 2});
        QCOMPARE(window[0], step10[k]);
        QVERIFY_THROWS_EXCEPTION(Error, s.readPixelSeries(87, 0));
        // The Stage IV grid is curvilinear: lon/lat reach pixels through the geolocation arrays.
        const Raster lat(r.metadataItem("Y_DATASET", "GEOLOCATION"));
        const Raster lon(r.metadataItem("X_DATASET", "GEOLOCATION"));
        const LonLat there{lon.readWindow(1, col, row, 1, 1)[0],
                           lat.readWindow(1, col, row, 1, 1)[0]};
        const PixelPoint p = s.lonLatToPixel({there}).front();
        QVERIFY2(std::floor(p.col) == col && std::floor(p.row) == row,
                 qPrintable(QString("%1,%2 for %3,%4").arg(p.col).arg(p.row).arg(col).arg(row)));
    }

    void stageIvVariablesExcludeCoordinates() {
        GEO_SKIP_WITHOUT_DATA();
        const auto vars = RasterSeries::listVariables(sharedRaster("test_stageiv_xyt.nc"));
        QCOMPARE(vars.size(), std::size_t(1));
        QCOMPARE(vars[0].name, std::string("Total_precipitation_surface_1_Hour_Accumulation"));
        QCOMPARE(vars[0].bands, 23);
        QCOMPARE(vars[0].times.size(), std::size_t(23));
        QCOMPARE(vars[0].dtype, std::string("Float32"));
        const RasterSeries named = RasterSeries::open(
            sharedRaster("test_stageiv_xyt.nc"), "Total_precipitation_surface_1_Hour_Accumulation");
        QCOMPARE(named.size(), std::size_t(23));
        try {
            RasterSeries::open(sharedRaster("test_stageiv_xyt.nc"), "soil_moisture");
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), "no variable 'soil_moisture'"), e.what());
            QVERIFY(contains(e.what(), "Total_precipitation_surface_1_Hour_Accumulation"));
        }
    }

    void brokenNetcdfNamesTheFile() {
        GEO_SKIP_WITHOUT_DATA();
        try {
            RasterSeries::open(sharedRaster("test_stageiv_xyt_borked.nc"));
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), "test_stageiv_xyt_borked.nc"), e.what());
        }
    }

    void gribValidTimesAndUnits() {
        const std::string grib =
            std::string(SOILSCOPE_SHARED_DATA) + "/products/era5-2mt-2019-03-uk.grib";
        if (!std::filesystem::exists(grib))
            QSKIP("ERA5 GRIB sample not found");
        const auto rs = RasterSeries::open(grib);
        QCOMPARE(rs.size(), std::size_t(744));
        QCOMPARE(formatIsoTime(rs.times().front()), std::string("2019-03-01T00:00:00Z"));
        QCOMPARE(formatIsoTime(rs.times()[1]), std::string("2019-03-01T01:00:00Z"));
        QCOMPARE(formatIsoTime(rs.times().back()), std::string("2019-03-31T23:00:00Z"));
        QCOMPARE(QString::fromStdString(rs.units()), QStringLiteral("K"));
        const auto values = rs.readTime(0);
        double mean = 0;
        for (const float v : values)
            mean += v;
        mean /= static_cast<double>(values.size());
        // Kelvin, as the file stores them (GDAL's unit normalisation would mislabel them °C).
        QVERIFY2(mean > 263 && mean < 293, qPrintable(QString::number(mean)));
    }

    void aGribOfSeveralParametersIsSeveralVariables() {
        // Temperature and humidity at two hours in one GRIB file (as ERA5 downloads of several
        // fields come): two variables of two steps each, never one series of four mixed bands.
        QTemporaryDir dir;
        const std::string grib = dir.filePath("tq.grb2").toStdString();
        geo_fixture::makeTwoParameterGrib(grib, dir.filePath("part.grb2").toStdString());

        const auto variables = RasterSeries::listVariables(grib);
        QCOMPARE(variables.size(), std::size_t(2));
        QCOMPARE(variables[0].name, std::string("TMP"));
        QCOMPARE(variables[1].name, std::string("SPFH"));
        QCOMPARE(variables[1].units, std::string("kg/kg"));
        QCOMPARE(variables[1].times.size(), std::size_t(2));
        const auto humidity = RasterSeries::open(grib, "SPFH");
        QCOMPARE(humidity.size(), std::size_t(2));
        QCOMPARE(formatIsoTime(humidity.times()[1]), std::string("2019-03-01T01:00:00Z"));
        QCOMPARE(humidity.readPixelSeries(2, 1)[1], 1.01f);
        // (GDAL's GRIB writer takes temperatures as °C and stores kelvin: 280 is 553.15 K.)
        const auto temperature = RasterSeries::open(grib, "TMP").readPixelSeries(0, 0);
        QCOMPARE(temperature.size(), std::size_t(2));
        QCOMPARE(temperature[1] - temperature[0], 1.0f);
        QCOMPARE(RasterSeries::open(variables[0].source).readPixelSeries(0, 0), temperature);
        try {
            RasterSeries::open(grib);
            QFAIL("a series of mixed parameters was opened");
        } catch (const Error& e) {
            QVERIFY2(contains(e.message(), "several variables (TMP, SPFH)"), e.what());
        }
    }

    void era5ExperimentVersionsAreMerged() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("era5_expver.nc").toStdString();
        geo_fixture::makeExpverNetcdf(path);
        const auto rs = RasterSeries::open(path, "t2m");
        QCOMPARE(rs.size(), std::size_t(3)); // one step per time, not per time and version
        QCOMPARE(formatIsoTime(rs.times()[2]), std::string("2019-02-05T02:00:00Z"));
        const auto series = rs.readPixelSeries(1, 1);
        QCOMPARE(series[0], 280.0f);
        QCOMPARE(series[1], 281.0f);
        QCOMPARE(series[2], 282.0f); // from ERA5T where ERA5 is missing
    }

    void truncatedClassicNetcdfIsRefused() {
        GEO_SKIP_WITHOUT_DATA();
        QTemporaryDir dir;
        const std::string cut = dir.filePath("stageiv_cut.nc").toStdString();
        std::filesystem::copy_file(sharedRaster("test_stageiv_xyt.nc"), cut);
        std::filesystem::permissions(cut, std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::add);
        std::filesystem::resize_file(cut, std::filesystem::file_size(cut) - 1000);
        try {
            RasterSeries::open(cut);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), "truncated") && contains(e.what(), "stageiv_cut.nc"),
                     e.what());
        }
    }

    void multiVariableNetcdfWithNoleapCalendar() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.nc").toStdString();
        geo_fixture::makeNetcdf(path, "days since 2001-02-27", "noleap", {0, 1, 2, 3});
        const auto vars = RasterSeries::listVariables(path);
        QCOMPARE(vars.size(), std::size_t(2));
        QCOMPARE(vars[0].name, std::string("sm"));
        QCOMPARE(vars[1].name, std::string("tsoil"));
        QCOMPARE(vars[1].units, std::string("K"));
        QCOMPARE(vars[0].times.size(), std::size_t(4));
        QCOMPARE(formatIsoDate(vars[0].times[2]), std::string("2001-03-01"));
        QVERIFY_THROWS_EXCEPTION(Error, RasterSeries::open(path));
        const RasterSeries t = RasterSeries::open(path, "tsoil");
        QCOMPARE(t.calendar(), std::string("noleap"));
        QCOMPARE(t.size(), std::size_t(4));
        const auto v = t.readTime(3);
        QCOMPARE(v.size(), std::size_t(12));
        QCOMPARE(v[0], 1036.0f);
        QVERIFY(t.grid().isGeographic());
        const LonLat c = t.grid().pixelToLonLat(1, 0);
        QVERIFY(std::abs(c.lon - 6.5) < 1e-9 && std::abs(c.lat - 50.5) < 1e-9);
    }

    void all360DayCalendar() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("d360.nc").toStdString();
        geo_fixture::makeNetcdf(path, "hours since 2000-02-29 00:00:00", "360_day", {0, 24, 48});
        const RasterSeries s = RasterSeries::open(path, "sm");
        QCOMPARE(formatIsoDate(s.times()[0]), std::string("2000-02-29"));
        QCOMPARE(formatIsoDate(s.times()[2]), std::string("2000-03-01"));
    }

    void multiBandGeoTiffWithIsoDescriptions() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("stack.tif").toStdString();
        const Grid g = Grid::geographic(0, 0, 1, 1, 0.5);
        GeoTiffOptions o;
        o.bandDescriptions = {"2020-01-03", "2020-01-01", "2020-01-02T12:00:00Z"};
        o.bandUnits = {"m3/m3", "m3/m3", "m3/m3"};
        writeGeoTiff(path, g, {filled(g, 3), filled(g, 1), filled(g, 2)}, o);
        const RasterSeries s = RasterSeries::open(path);
        QCOMPARE(s.size(), std::size_t(3));
        QCOMPARE(formatIsoTime(s.times()[1]), std::string("2020-01-02T12:00:00Z"));
        QCOMPARE(s.readTime(0)[0], 1.0f);
        QCOMPARE(s.readTime(2)[3], 3.0f);
        QCOMPARE(s.units(), std::string("m3/m3"));
        QVERIFY(s.grid().sameAs(g));
        QCOMPARE(RasterSeries::listVariables(path).at(0).times.size(), std::size_t(3));
        const RasterSeries copy = s;
        QCOMPARE(copy.readTime(1)[0], 2.0f);

        const std::string plain = dir.filePath("plain.tif").toStdString();
        writeGeoTiff(plain, g, {filled(g, 1), filled(g, 2)});
        try {
            RasterSeries::open(plain);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(contains(e.what(), "no time axis") && contains(e.what(), "plain.tif"));
        }
        QVERIFY(RasterSeries::listVariables(plain).at(0).times.empty());
        QCOMPARE(RasterSeries::listVariables(plain).at(0).name, std::string("plain"));
    }

    void folderOfDatedFiles() {
        QTemporaryDir dir;
        const Grid g = Grid::geographic(0, 0, 1, 1, 0.5);
        GeoTiffOptions o;
        o.bandDescriptions = {"sm"};
        for (int day : {3, 1, 2})
            writeGeoTiff(dir.filePath(QString("sm_2020010%1.tif").arg(day)).toStdString(), g,
                         filled(g, float(day)), o);
        writeGeoTiff(dir.filePath("sm_2020010.tif").toStdString(), g, filled(g, 99)); // too short
        writeGeoTiff(dir.filePath("other_20200104.tif").toStdString(), g, filled(g, 99));
        const RasterSeries s =
            RasterSeries::fromFolder(dir.path().toStdString(), "sm_{YYYYMMDD}.tif");
        QCOMPARE(s.size(), std::size_t(3));
        QCOMPARE(formatIsoDate(s.times()[0]), std::string("2020-01-01"));
        QCOMPARE(s.readTime(0)[0], 1.0f);
        QCOMPARE(s.readTime(2)[0], 3.0f);
        QCOMPARE(s.readTime(1)[1], 2.0f);
        QCOMPARE(s.variable(), std::string("sm"));
        QVERIFY(contains(s.sourceOf(2), "sm_20200103.tif"));

        struct Counter : Feedback {
            int calls = 0;
            void onProgress(double) override { ++calls; }
        } counter;
        const RasterSeries r =
            RasterSeries::fromFolder(dir.path().toStdString(), R"(sm_(\d{8})\.tif)", 1, &counter);
        QCOMPARE(counter.calls, 4); // one per file and the end
        QCOMPARE(r.size(), std::size_t(3));
        QCOMPARE(r.times(), s.times());
        const RasterSeries any =
            RasterSeries::fromFolder(dir.path().toStdString(), "*_{YYYY}{MM}{DD}.tif");
        QCOMPARE(any.size(), std::size_t(4));
        QVERIFY_THROWS_EXCEPTION(
            Error, RasterSeries::fromFolder(dir.path().toStdString(), "x_{YYYYMMDD}.tif"));
        QVERIFY_THROWS_EXCEPTION(
            Error, RasterSeries::fromFolder(dir.path().toStdString(), "sm_{hhmm}.tif"));
        QVERIFY_THROWS_EXCEPTION(
            Error, RasterSeries::fromFolder(dir.path().toStdString(), "sm_\\d{8}.tif"));
    }

    void dateOnlyLabelsAreDailyMeans() {
        // A date without a time of day labels a daily mean: 12:00 UTC (or --daily-time); a
        // label with a time keeps it.
        QTemporaryDir dir;
        const Grid g = Grid::geographic(0, 0, 1, 1, 0.5);
        GeoTiffOptions o;
        o.bandDescriptions = {"2020-01-01", "20200102", "2020-01-03T06:00:00Z"};
        const std::string stack = dir.filePath("stack.tif").toStdString();
        writeGeoTiff(stack, g, {filled(g, 1), filled(g, 2), filled(g, 3)}, o);
        writeGeoTiff(dir.filePath("sm_20200105.tif").toStdString(), g, filled(g, 5));
        writeGeoTiff(dir.filePath("sm_2020010612.tif").toStdString(), g, filled(g, 6));
        const auto times = RasterSeries::open(stack).times();
        QCOMPARE(formatIsoTime(times[0]), std::string("2020-01-01T12:00:00Z"));
        QCOMPARE(formatIsoTime(times[1]), std::string("2020-01-02T12:00:00Z"));
        QCOMPARE(formatIsoTime(times[2]), std::string("2020-01-03T06:00:00Z"));
        const auto daily = RasterSeries::fromFolder(dir.path().toStdString(), "sm_{YYYYMMDD}.tif");
        QCOMPARE(formatIsoTime(daily.times()[0]), std::string("2020-01-05T12:00:00Z"));
        const auto hourly =
            RasterSeries::fromFolder(dir.path().toStdString(), "sm_{YYYYMMDD}{hh}.tif");
        QCOMPARE(formatIsoTime(hourly.times()[0]), std::string("2020-01-06T12:00:00Z"));
        setDailyLabelTime(std::chrono::seconds{0}); // --daily-time 00:00
        QCOMPARE(formatIsoTime(RasterSeries::open(stack).times()[0]),
                 std::string("2020-01-01T00:00:00Z"));
        QCOMPARE(
            formatIsoTime(
                RasterSeries::fromFolder(dir.path().toStdString(), "sm_{YYYYMMDD}.tif").times()[0]),
            std::string("2020-01-05T00:00:00Z"));
        setDailyLabelTime(std::chrono::hours{12});
    }

    void folderDayOfYearAndGridMismatch() {
        QTemporaryDir dir;
        const Grid g = Grid::geographic(0, 0, 1, 1, 0.5);
        writeGeoTiff(dir.filePath("MOD_2020060.tif").toStdString(), g, filled(g, 1));
        writeGeoTiff(dir.filePath("MOD_2020061.tif").toStdString(), g, filled(g, 2));
        const RasterSeries s =
            RasterSeries::fromFolder(dir.path().toStdString(), "MOD_{YYYY}{DDD}.tif");
        QCOMPARE(formatIsoTime(s.times()[0]), std::string("2020-02-29T12:00:00Z"));
        QCOMPARE(formatIsoDate(s.times()[1]), std::string("2020-03-01"));
        writeGeoTiff(dir.filePath("MOD_2020062.tif").toStdString(),
                     Grid::geographic(0, 0, 2, 1, 0.5), std::vector<float>(8, 1.0f));
        try {
            RasterSeries::fromFolder(dir.path().toStdString(), "MOD_{YYYY}{DDD}.tif");
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), "MOD_2020062.tif") && contains(e.what(), "grid"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestRasterSeries)
#include "test_raster_series.moc"
