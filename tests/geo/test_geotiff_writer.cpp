#include "base/error.h"
#include "geo/block_cache_limit.h"
#include "geo/geotiff_writer.h"
#include "geo/raster.h"

#include <cpl_conv.h>
#include <gdal.h>

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <utility>

using namespace soilscope;
using namespace soilscope::geo;

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

std::vector<float> ramp(const Grid& g, float scale) {
    std::vector<float> v(g.pixelCount());
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = scale * static_cast<float>(i % 977) - 3.0f;
    return v;
}

QStringList entries(const QTemporaryDir& dir) {
    return QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot);
}

std::string imageStructure(const std::string& path, const char* key) {
    GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
    const char* v = GDALGetMetadataItem(ds, key, "IMAGE_STRUCTURE");
    std::string out = v ? v : "";
    GDALClose(ds);
    return out;
}

/// The tile width and height of band 1.
std::pair<int, int> blockSize(const std::string& path) {
    GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
    int bx = 0, by = 0;
    GDALGetBlockSize(GDALGetRasterBand(ds, 1), &bx, &by);
    GDALClose(ds);
    return {bx, by};
}
const Grid kSmallGrid = Grid::geographic(0, 0, 1, 1, 0.002); // 500 x 500

/// A COG of 128-pixel tiles.
GeoTiffOptions smallCogOptions() {
    GeoTiffOptions o;
    o.cog = true;
    o.blockSize = 128;
    return o;
}

} // namespace

class TestGeoTiffWriter : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void roundTripValuesNodataDescriptionsMetadata() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.tif").toStdString();
        const Grid grid = Grid::fromBounds("EPSG:32633", 400000, 5000000, 400000 + 700 * 20,
                                           5000000 + 600 * 20, 20, 20);
        auto a = ramp(grid, 0.5f);
        auto b = ramp(grid, -0.25f);
        a[0] = kNaN;
        b[12345] = kNaN;
        GeoTiffOptions o;
        o.nodata = -9999.0;
        o.bandDescriptions = {"sm_m3m3", "sigma0_db"};
        o.bandUnits = {"m3/m3", "dB"};
        o.metadata = {{"MODEL", "lstm"}, {"RUN", "42"}};
        o.compression = Compression::Zstd;
        o.level = 3;
        writeGeoTiff(path, grid, {a, b}, o);

        const Raster r(path);
        QVERIFY(r.grid().sameAs(grid));
        QCOMPARE(r.grid().epsg().value_or(0), 32633);
        QCOMPARE(r.bandCount(), 2);
        QCOMPARE(r.band(1).nodata.value_or(0), -9999.0);
        QCOMPARE(r.band(1).description, std::string("sm_m3m3"));
        QCOMPARE(r.band(2).description, std::string("sigma0_db"));
        QCOMPARE(r.band(2).units, std::string("dB"));
        QCOMPARE(r.band(1).dtype, std::string("Float32"));
        QCOMPARE(r.metadataItem("MODEL"), std::string("lstm"));
        QCOMPARE(r.metadataItem("RUN"), std::string("42"));
        const auto ra = r.readBand(1);
        const auto rb = r.readBand(2);
        QVERIFY(std::isnan(ra[0]) && std::isnan(rb[12345]));
        for (std::size_t i = 1; i < a.size(); i += 101)
            QCOMPARE(ra[i], a[i]);
        QCOMPARE(rb[7], b[7]);
        QCOMPARE(imageStructure(path, "COMPRESSION"), std::string("ZSTD"));
        QCOMPARE(blockSize(path), std::make_pair(512, 512));
        QCOMPARE(entries(dir), QStringList{"out.tif"});
    }

    void nanNodataByDefault() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("nan.tif").toStdString();
        const Grid grid = Grid::geographic(0, 0, 2, 1, 0.5);
        std::vector<float> v{1, kNaN, 3, 4, 5, 6, 7, kNaN};
        writeGeoTiff(path, grid, v);
        const Raster r(path);
        QVERIFY(r.band(1).nodata && std::isnan(*r.band(1).nodata));
        QCOMPARE(imageStructure(path, "COMPRESSION"), std::string("DEFLATE"));
        const auto back = r.readBand(1);
        QCOMPARE(countValid(back), std::size_t(6));
        QCOMPARE(back[6], 7.0f);
    }

    void cogLayoutWithOverviews() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("cog.tif").toStdString();
        const Grid grid = Grid::geographic(0, 0, 1.2, 1.2, 0.001);
        GeoTiffOptions o;
        o.cog = true;
        o.blockSize = 256;
        o.level = 1;
        o.nodata = -9999.0;
        o.bandDescriptions = {"prediction", "error"};
        o.bandUnits = {"m3 m-3", "m3 m-3"};
        o.metadata = {{"MODEL", "mlp"}};
        auto error = ramp(grid, -0.02f);
        error[77] = kNaN;
        writeGeoTiff(path, grid, {ramp(grid, 0.01f), error}, o);
        QCOMPARE(imageStructure(path, "LAYOUT"), std::string("COG"));
        QCOMPARE(blockSize(path), std::make_pair(256, 256));
        const Raster r(path);
        QVERIFY(r.grid().sameAs(grid));
        QVERIFY(r.band(1).overviewCount >= 2);
        QCOMPARE(r.band(1).description, std::string("prediction"));
        QCOMPARE(r.band(2).units, std::string("m3 m-3"));
        QCOMPARE(r.band(2).nodata.value_or(0), -9999.0);
        QCOMPARE(r.metadataItem("MODEL"), std::string("mlp"));
        QCOMPARE(r.readBand(1)[5000], ramp(grid, 0.01f)[5000]);
        const auto back = r.readBand(2);
        QVERIFY(std::isnan(back[77]));
        QCOMPARE(back[78], error[78]);
        QCOMPARE(entries(dir), QStringList{"cog.tif"});
    }

    void tilesFitSmallGridsAndManyBandsAreWrittenBandByBand() {
        // A 30 x 20 grid of 2 338 daily bands in 512-pixel pixel-interleaved tiles needed
        // 2.4 GB per tile and took 6 GB to write (product-to-grid of one ASCAT cell).
        QTemporaryDir dir;
        const Grid small = Grid::geographic(5, 43, 8, 45, 0.1);
        const std::string path = dir.filePath("days.tif").toStdString();
        std::vector<std::vector<float>> days(400, ramp(small, 0.1f));
        days[399][17] = 42.0f;
        writeGeoTiff(path, small, days, {});
        QCOMPARE(blockSize(path), std::make_pair(32, 32));
        QCOMPARE(imageStructure(path, "INTERLEAVE"), std::string("PIXEL")); // 1.6 MB a tile
        QCOMPARE(Raster(path).readBand(400)[17], 42.0f);

        const Grid large = Grid::geographic(0, 0, 1.0, 1.0, 0.002); // 500 x 500
        const std::string many = dir.filePath("many.tif").toStdString();
        writeGeoTiff(many, large, std::vector<std::vector<float>>(80, ramp(large, 1.0f)), {});
        QCOMPARE(imageStructure(many, "INTERLEAVE"), std::string("BAND")); // else 80 MB a tile
        QCOMPARE(Raster(many).readBand(80)[1234], ramp(large, 1.0f)[1234]);
    }

    void failedWriteLeavesTargetUntouched() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("keep.tif").toStdString();
        std::ofstream(path) << "previous result";
        const Grid grid = Grid::geographic(0, 0, 1, 1, 0.1);
        GeoTiffOptions bad;
        bad.blockSize = 100; // not a multiple of 16: fails inside the writer
        QVERIFY_THROWS_EXCEPTION(Error, writeGeoTiff(path, grid, ramp(grid, 1), bad));
        QVERIFY_THROWS_EXCEPTION(Error, writeGeoTiff(path, grid, std::vector<float>(3, 1.0f)));
        // A GDAL-level failure: a folder cannot be created where a file stands.
        const std::string blocked = dir.filePath("keep.tif/inner.tif").toStdString();
        QVERIFY_THROWS_EXCEPTION(Error, writeGeoTiff(blocked, grid, ramp(grid, 1)));
        QCOMPARE(entries(dir), QStringList{"keep.tif"});
        std::ifstream in(path);
        std::string content;
        std::getline(in, content);
        QCOMPARE(content, std::string("previous result"));
    }

    void blockWriterWritesTilesAndRenames() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("tiles.tif").toStdString();
        const Grid grid = Grid::fromBounds("EPSG:32633", 0, 0, 300, 200, 10, 10); // 30 x 20
        {
            GeoTiffOptions o;
            o.bandDescriptions = {"a", "b"};
            GeoTiffBlockWriter w(path, grid, 2, o);
            for (int band = 1; band <= 2; ++band)
                for (int y0 = 0; y0 < 20; y0 += 16)
                    for (int x0 = 0; x0 < 30; x0 += 16) {
                        const int bw = std::min(16, 30 - x0), bh = std::min(16, 20 - y0);
                        std::vector<float> block(static_cast<std::size_t>(bw) * bh);
                        for (int y = 0; y < bh; ++y)
                            for (int x = 0; x < bw; ++x)
                                block[y * bw + x] = band * 1000.0f + (y0 + y) * 30 + x0 + x;
                        w.writeBlock(band, x0, y0, bw, bh, block);
                    }
            QVERIFY(!QFileInfo::exists(QString::fromStdString(path)));
            QVERIFY_THROWS_EXCEPTION(Error, w.writeBlock(1, 25, 0, 10, 1, std::vector<float>(10)));
            QVERIFY_THROWS_EXCEPTION(Error, w.writeBlock(3, 0, 0, 1, 1, std::vector<float>(1)));
            w.finish();
        }
        QCOMPARE(entries(dir), QStringList{"tiles.tif"});
        const Raster r(path);
        QCOMPARE(r.band(2).description, std::string("b"));
        const auto v = r.readBand(2);
        for (int i = 0; i < 600; i += 37)
            QCOMPARE(v[i], 2000.0f + i);
    }

    void abandonedBlockWriterLeavesNothing() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("abandoned.tif").toStdString();
        {
            GeoTiffBlockWriter w(path, Grid::geographic(0, 0, 1, 1, 0.1), 1);
            w.writeBlock(1, 0, 0, 2, 2, std::vector<float>{1, 2, 3, 4});
            QCOMPARE(entries(dir).size(), 1); // the temporary file
        }
        QVERIFY(entries(dir).isEmpty());
    }

    void blockWriterCog() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("blocks_cog.tif").toStdString();
        const Grid grid = kSmallGrid;
        const GeoTiffOptions o = smallCogOptions();
        GeoTiffBlockWriter w(path, grid, 1, o);
        const auto all = ramp(grid, 1.0f);
        w.writeBlock(1, 0, 0, 500, 500, all);
        w.finish();
        QCOMPARE(imageStructure(path, "LAYOUT"), std::string("COG"));
        QCOMPARE(entries(dir), QStringList{"blocks_cog.tif"});
        QCOMPARE(Raster(path).readBand(1)[1234], all[1234]);
    }

    void theCogCopyReportsProgressAndCanBeCanceled() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("progress_cog.tif").toStdString();
        const Grid grid = kSmallGrid;
        const GeoTiffOptions o = smallCogOptions();
        const auto all = ramp(grid, 1.0f);
        struct Recorded : Feedback {
            std::vector<double> percents;
            double cancelAt = 101;
            void onProgress(double percent) override {
                percents.push_back(percent);
                if (percent >= cancelAt)
                    cancel();
            }
        };
        Recorded progress;
        {
            GeoTiffBlockWriter w(path, grid, 1, o);
            w.writeBlock(1, 0, 0, 500, 500, all);
            w.finish(&progress);
        }
        QVERIFY(progress.percents.size() > 2);
        QVERIFY(std::is_sorted(progress.percents.begin(), progress.percents.end()));
        QCOMPARE(progress.percents.back(), 100.0);

        const std::string canceled = dir.filePath("canceled_cog.tif").toStdString();
        Recorded stop;
        stop.cancelAt = 1;
        {
            GeoTiffBlockWriter w(canceled, grid, 1, o);
            w.writeBlock(1, 0, 0, 500, 500, all);
            QVERIFY_THROWS_EXCEPTION(CanceledError, w.finish(&stop));
        }
        QCOMPARE(entries(dir), QStringList{"progress_cog.tif"}); // nothing of the canceled one
    }

    void theBlockCacheIsLimitedWhileAMapIsWrittenUnlessTheUserChoseIt() {
        GDALAllRegister();
        const std::int64_t before = GDALGetCacheMax64();
        QVERIFY(before > (std::int64_t(64) << 20));
        {
            const geo::BlockCacheLimit outer(std::int64_t(64) << 20);
            QCOMPARE(GDALGetCacheMax64(), std::int64_t(64) << 20);
            {
                const geo::BlockCacheLimit inner(std::int64_t(128) << 20); // the smaller holds
                QCOMPARE(GDALGetCacheMax64(), std::int64_t(64) << 20);
            }
            QCOMPARE(GDALGetCacheMax64(), std::int64_t(64) << 20);
        }
        QCOMPARE(GDALGetCacheMax64(), before);
        CPLSetConfigOption("GDAL_CACHEMAX", "512");
        {
            const geo::BlockCacheLimit chosen(std::int64_t(64) << 20);
            QCOMPARE(GDALGetCacheMax64(), before);
        }
        CPLSetConfigOption("GDAL_CACHEMAX", nullptr);
    }
};

QTEST_APPLESS_MAIN(TestGeoTiffWriter)
#include "test_geotiff_writer.moc"
