#include "base/error.h"
#include "geo/geotiff_writer.h"
#include "geo/raster.h"
#include "geo_test_support.h"

#include <gdal.h>

#include <QtTest>
#include <atomic>
#include <cmath>
#include <fstream>
#include <thread>

using namespace soilscope;
using namespace soilscope::geo;

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}
} // namespace

class TestRaster : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void landsatBandsAndWindows() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("L7_ETMs.tif"));
        QCOMPARE(r.driverName(), std::string("GTiff"));
        QCOMPARE(r.bandCount(), 6);
        const BandInfo b1 = r.band(1);
        QCOMPARE(b1.dtype, std::string("Byte"));
        QVERIFY(!b1.nodata);
        QCOMPARE(b1.overviewCount, 4);
        const auto all = r.readBand(3);
        QCOMPARE(all.size(), std::size_t(349 * 352));
        const auto win = r.readWindow(3, 100, 50, 20, 10);
        for (int y = 0; y < 10; ++y)
            for (int x = 0; x < 20; ++x)
                QCOMPARE(win[y * 20 + x], all[(50 + y) * 349 + 100 + x]);
        const auto d = r.readWindowDouble(3, Window{100, 50, 20, 10});
        QCOMPARE(static_cast<float>(d[25]), win[25]);
        QVERIFY_THROWS_EXCEPTION(Error, r.readWindow(3, 340, 0, 20, 10));
        QVERIFY_THROWS_EXCEPTION(Error, r.readBand(7));
    }

    void statisticsMatchTheData() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("L7_ETMs.tif"));
        const auto v = r.readBand(1);
        double sum = 0;
        float lo = 1e9f, hi = -1e9f;
        for (float x : v) {
            sum += x;
            lo = std::min(lo, x);
            hi = std::max(hi, x);
        }
        const BandStatistics s = r.statistics(1);
        QCOMPARE(s.validCount, v.size());
        QCOMPARE(s.totalCount, v.size());
        QCOMPARE(s.min, double(lo));
        QCOMPARE(s.max, double(hi));
        QVERIFY(std::abs(s.mean - sum / v.size()) < 1e-9);
        QVERIFY(s.stddev > 0);
    }

    void reducedResolutionReadUsesOverviews() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("L7_ETMs.tif"));
        const Window full{0, 0, r.width(), r.height()};
        const auto small = r.readWindowResampled(4, full, 88, 88);
        QCOMPARE(small.size(), std::size_t(88 * 88));
        const BandStatistics s = r.statistics(4);
        double mean = 0;
        for (float v : small) {
            QVERIFY(v >= s.min - 1e-6 && v <= s.max + 1e-6);
            mean += v;
        }
        mean /= small.size();
        QVERIFY2(std::abs(mean - s.mean) < 0.02 * s.mean, qPrintable(QString::number(mean)));
        const auto nearest =
            r.readWindowResampled(4, Window{0, 0, 8, 8}, 4, 4, Resampling::Nearest);
        QCOMPARE(nearest.size(), std::size_t(16));
    }

    void int16NodataBecomesNaN() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("elev.tif"));
        QVERIFY(r.grid().isGeographic());
        QCOMPARE(r.grid().epsg().value_or(0), 4326);
        const BandInfo b = r.band(1);
        QCOMPARE(b.dtype, std::string("Int16"));
        QCOMPARE(b.nodata.value_or(0), -32768.0);
        QCOMPARE(b.description, std::string("elevation"));
        const auto v = r.readBand(1);
        const std::size_t valid = countValid(v);
        QVERIFY(valid > 0 && valid < v.size()); // Luxembourg's border leaves nodata around it
        for (float x : v)
            QVERIFY(std::isnan(x) || (x >= 141 && x <= 547));
        const BandStatistics s = r.statistics(1);
        QCOMPARE(s.validCount, valid);
        QCOMPARE(s.min, 141.0);
        QCOMPARE(s.max, 547.0);
        // Averaging to a coarser buffer must skip nodata, never mix -32768 into the means.
        for (const Resampling kernel :
             {Resampling::Average, Resampling::Bilinear, Resampling::Nearest}) {
            const auto coarse = r.readWindowResampled(1, Window{0, 0, 95, 90}, 31, 30, kernel);
            QVERIFY(countValid(coarse) > 0);
            for (float x : coarse)
                QVERIFY2(std::isnan(x) || (x >= 141 && x <= 547), qPrintable(QString::number(x)));
        }
    }

    void colourTableIsReported() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("lc.tif"));
        QVERIFY(r.band(1).hasColorTable);
        QCOMPARE(r.band(1).dtype, std::string("Byte"));
        QVERIFY(!r.grid().isGeographic());
    }

    void naTifHasOneMissingPixel() {
        GEO_SKIP_WITHOUT_DATA();
        // na.tif (from the R stars tests) is Float32 without a nodata value; its first pixel is
        // NaN.
        const Raster r(sharedRaster("na.tif"));
        const auto v = r.readBand(1);
        QCOMPARE(v.size(), std::size_t(100));
        QVERIFY(std::isnan(v[0]));
        const BandStatistics s = r.statistics(1);
        QCOMPARE(s.validCount, std::size_t(99));
        QVERIFY(s.min > 0.0 && s.max < 1.0);
    }

    void allNodataRasterOpensAndFailsClearly() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("nodata.tif").toStdString();
        GeoTiffOptions o;
        o.nodata = -9999.0;
        writeGeoTiff(path, Grid::geographic(0, 0, 1, 1, 0.25),
                     std::vector<float>(16, std::numeric_limits<float>::quiet_NaN()), o);
        const Raster r(path);
        const BandStatistics s = r.statistics(1);
        QCOMPARE(s.validCount, std::size_t(0));
        QVERIFY(std::isnan(s.mean));
        const auto v = r.readBand(1);
        QCOMPARE(countValid(v), std::size_t(0));
        try {
            requireValidData(v, path);
            QFAIL("expected an all-nodata error");
        } catch (const Error& e) {
            QVERIFY(contains(e.what(), "all nodata"));
            QVERIFY(contains(e.what(), "nodata.tif"));
        }
    }

    void scaleOffsetAndNodataApplied() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("scaled.tif").toStdString();
        GDALAllRegister();
        GDALDatasetH ds =
            GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), 3, 1, 1, GDT_Int16, nullptr);
        GDALRasterBandH b = GDALGetRasterBand(ds, 1);
        GDALSetRasterNoDataValue(b, -1);
        GDALSetRasterScale(b, 0.01);
        GDALSetRasterOffset(b, 1.0);
        GDALSetRasterUnitType(b, "m3/m3");
        short raw[3] = {250, -1, 0};
        QCOMPARE(GDALRasterIO(b, GF_Write, 0, 0, 3, 1, raw, 3, 1, GDT_Int16, 0, 0), CE_None);
        GDALClose(ds);
        const Raster r(path);
        QCOMPARE(r.band(1).units, std::string("m3/m3"));
        QVERIFY(!r.hasGeoTransform());
        const auto v = r.readBand(1);
        QVERIFY(std::abs(v[0] - 3.5f) < 1e-6);
        QVERIFY(std::isnan(v[1]));
        QCOMPARE(v[2], 1.0f);
    }

    void float32NodataComparedAsFloat() {
        // -9999.1 is not exactly representable in float: the stored pixels hold its float value.
        QTemporaryDir dir;
        const std::string path = dir.filePath("f32.tif").toStdString();
        GeoTiffOptions o;
        o.nodata = -9999.1;
        writeGeoTiff(path, Grid::geographic(0, 0, 2, 1, 1), std::vector<float>{kNaN, 5.0f}, o);
        const auto v = Raster(path).readBand(1);
        QVERIFY(std::isnan(v[0]));
        QCOMPARE(v[1], 5.0f);
    }

    void datasetMaskHidesPixels() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("masked.tif").toStdString();
        GDALAllRegister();
        GDALDatasetH ds =
            GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), 4, 1, 1, GDT_Byte, nullptr);
        unsigned char values[4] = {10, 20, 30, 40};
        unsigned char mask[4] = {255, 0, 255, 0};
        QCOMPARE(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, 4, 1, values, 4, 1,
                              GDT_Byte, 0, 0),
                 CE_None);
        QCOMPARE(GDALCreateDatasetMaskBand(ds, GMF_PER_DATASET), CE_None);
        QCOMPARE(GDALRasterIO(GDALGetMaskBand(GDALGetRasterBand(ds, 1)), GF_Write, 0, 0, 4, 1, mask,
                              4, 1, GDT_Byte, 0, 0),
                 CE_None);
        GDALClose(ds);
        const auto v = Raster(path).readBand(1);
        QCOMPARE(v[0], 10.0f);
        QVERIFY(std::isnan(v[1]));
        QCOMPARE(v[2], 30.0f);
        QVERIFY(std::isnan(v[3]));
    }

    void netcdfOpensWithTimeBands() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("test_stageiv_xyt.nc"));
        QCOMPARE(r.driverName(), std::string("netCDF"));
        QCOMPARE(r.bandCount(), 23);
        QVERIFY(r.hasGeolocationArrays());
        QCOMPARE(r.band(1).units, std::string("kg m^-2"));
        QCOMPARE(r.band(1).metadata.at("NETCDF_DIM_time"), std::string("146396"));
        QCOMPARE(r.subdatasets().size(), std::size_t(3));
    }

    void brokenNetcdfGivesCleanError() {
        GEO_SKIP_WITHOUT_DATA();
        try {
            Raster r(sharedRaster("test_stageiv_xyt_borked.nc"));
            QFAIL("the broken NetCDF must not open");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), "test_stageiv_xyt_borked.nc"), e.what());
            QVERIFY2(contains(e.what(), "inconsistent coordinates"), e.what());
        }
    }

    void unreadableFilesNameTheFile() {
        QTemporaryDir dir;
        try {
            Raster r(dir.filePath("missing.tif").toStdString());
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(contains(e.what(), "missing.tif") && contains(e.what(), "not found"));
        }
        const std::string text = dir.filePath("notes.tif").toStdString();
        std::ofstream(text) << "this is not a raster\n";
        try {
            Raster r(text);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(contains(e.what(), "notes.tif"));
            QVERIFY2(contains(e.what(), "cannot open as a raster:"), e.what());
        }
        try {
            Raster r(dir.path().toStdString());
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), "is a folder"), e.what());
        }
    }

    void oneHandlePerThread() {
        GEO_SKIP_WITHOUT_DATA();
        std::vector<double> serial(6);
        {
            const Raster r(sharedRaster("L7_ETMs.tif"));
            for (int b = 1; b <= 6; ++b)
                serial[b - 1] = r.statistics(b).mean;
        }
        std::vector<double> parallel(6, 0.0);
        std::atomic<int> cleanErrors{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 6; ++t)
            threads.emplace_back([&, t] {
                for (int repeat = 0; repeat < 3; ++repeat) {
                    const Raster r(sharedRaster("L7_ETMs.tif"));
                    parallel[t] = r.statistics(t + 1).mean;
                    try {
                        Raster broken(sharedRaster("test_stageiv_xyt_borked.nc"));
                    } catch (const Error&) {
                        ++cleanErrors;
                    }
                }
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(parallel, serial);
        QCOMPARE(cleanErrors.load(), 18);
    }

    void truncatedFileNeverCrashes() {
        GEO_SKIP_WITHOUT_DATA();
        QTemporaryDir dir;
        const std::string cut = dir.filePath("cut.tif").toStdString();
        {
            std::ifstream in(sharedRaster("L7_ETMs.tif"), std::ios::binary);
            std::string head(200000, '\0');
            in.read(head.data(), static_cast<std::streamsize>(head.size()));
            std::ofstream(cut, std::ios::binary) << head;
        }
        bool failedCleanly = false;
        try {
            const Raster r(cut);
            for (int b = 1; b <= r.bandCount(); ++b)
                r.readBand(b);
        } catch (const Error& e) {
            failedCleanly = contains(e.what(), "cut.tif");
        }
        QVERIFY(failedCleanly);
    }
};

QTEST_APPLESS_MAIN(TestRaster)
#include "test_raster.moc"
