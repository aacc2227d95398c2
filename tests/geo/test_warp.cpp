#include "base/error.h"
#include "geo/raster.h"
#include "geo/warp.h"
#include "geo_test_support.h"

#include <QtTest>
#include <cmath>

using namespace soilscope;
using namespace soilscope::geo;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

double validMean(const std::vector<float>& v) {
    double s = 0;
    std::size_t n = 0;
    for (float x : v)
        if (std::isfinite(x)) {
            s += x;
            ++n;
        }
    return n ? s / n : std::nan("");
}

/// A projected grid covering a geographic grid's extent.
Grid utmCover(const Grid& geographic, const std::string& crs, double res) {
    const Bounds b = geographic.bounds();
    const Grid probe(crs, {0, 1, 0, 0, 0, -1}, 1, 1);
    std::vector<double> xs{b.xmin, b.xmax, b.xmin, b.xmax}, ys{b.ymin, b.ymin, b.ymax, b.ymax};
    probe.lonLatToMap(xs, ys);
    return Grid::fromBounds(
        crs, *std::min_element(xs.begin(), xs.end()), *std::min_element(ys.begin(), ys.end()),
        *std::max_element(xs.begin(), xs.end()), *std::max_element(ys.begin(), ys.end()), res, res);
}

} // namespace

class TestWarp : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void identityWarpKeepsValues() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("L7_ETMs.tif"));
        const auto warped = warpBand(r, 2, r.grid(), Resampling::Nearest);
        QCOMPARE(warped, r.readBand(2));
        const auto all = warpRaster(r, r.grid().window(10, 10, 50, 40), Resampling::Bilinear);
        QCOMPARE(all.size(), std::size_t(6));
        QCOMPARE(all[5], r.readWindow(6, 10, 10, 50, 40));
    }

    void averageEqualsBlockMean() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("L7_ETMs.tif"));
        const Grid coarse = r.grid().window(0, 0, 348, 352).resized(174, 176); // 57 m pixels
        const auto avg = warpBand(r, 4, coarse, Resampling::Average);
        const auto fine = r.readBand(4);
        const int w = r.width();
        for (int y = 0; y < 176; y += 7)
            for (int x = 0; x < 174; x += 5) {
                const double expected =
                    (fine[(2 * y) * w + 2 * x] + fine[(2 * y) * w + 2 * x + 1] +
                     fine[(2 * y + 1) * w + 2 * x] + fine[(2 * y + 1) * w + 2 * x + 1]) /
                    4.0;
                QVERIFY2(std::abs(avg[y * 174 + x] - expected) < 1e-4,
                         qPrintable(QString("%1 vs %2").arg(avg[y * 174 + x]).arg(expected)));
            }
    }

    void elevationToUtmAndBackPreservesMean() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("elev.tif"));
        const auto original = r.readBand(1);
        const Grid utm = utmCover(r.grid(), "EPSG:32632", 500);
        const auto projected = warpBand(r, 1, utm, Resampling::Bilinear);
        const double m0 = validMean(original);
        const double m1 = validMean(projected);
        QVERIFY2(std::abs(m1 - m0) < 0.01 * m0, qPrintable(QString("%1 vs %2").arg(m1).arg(m0)));
        // Nodata outside Luxembourg stays nodata: no -32768 leaks into the mean.
        for (float v : projected)
            QVERIFY(std::isnan(v) || (v > 100 && v < 600));
        const auto back = warpValues(projected, utm, r.grid(), Resampling::Bilinear);
        const double m2 = validMean(back);
        QVERIFY2(std::abs(m2 - m0) < 0.01 * m0, qPrintable(QString("%1 vs %2").arg(m2).arg(m0)));
        double diff = 0;
        std::size_t n = 0;
        for (std::size_t i = 0; i < back.size(); ++i)
            if (std::isfinite(back[i]) && std::isfinite(original[i])) {
                diff += std::abs(back[i] - original[i]);
                ++n;
            }
        QVERIFY(n > 0.8 * countValid(original));
        QVERIFY2(diff / n < 15.0, qPrintable(QString::number(diff / n)));
    }

    void nearestUpsamplingReplicates() {
        const Grid src = Grid::geographic(0, 0, 2, 2, 1);
        const std::vector<float> v{1, 2, 3, kNaN};
        const auto up = warpValues(v, src, Grid::geographic(0, 0, 2, 2, 0.5), Resampling::Nearest);
        const std::vector<float> top{1, 1, 2, 2};
        QCOMPARE(std::vector<float>(up.begin(), up.begin() + 4), top);
        QCOMPARE(up[8], 3.0f);
        QVERIFY(std::isnan(up[15]));
        QVERIFY_THROWS_EXCEPTION(
            Error, warpValues(v, src, Grid({}, {0, 1, 0, 0, 0, -1}, 2, 2), Resampling::Nearest));
        QVERIFY_THROWS_EXCEPTION(Error, warpValues({1, 2}, src, src, Resampling::Nearest));
    }

    void progressAndCancellation() {
        const Grid src = Grid::fromBounds("EPSG:32632", 300000, 5000000, 360000, 5060000, 60, 60);
        const std::vector<float> v(src.pixelCount(), 1.0f);
        const Grid dst = Grid::geographic(6.2, 45.1, 7.0, 45.6, 0.001);
        struct Recorder : Feedback {
            double last = -1.0;
            int calls = 0;
            bool monotonic = true;
            void onProgress(double percent) override {
                monotonic = monotonic && percent >= last;
                last = percent;
                ++calls;
            }
        } recorder;
        const auto out = warpValues(v, src, dst, Resampling::Bilinear, &recorder);
        QVERIFY(recorder.calls > 0);
        QVERIFY(recorder.monotonic);
        QCOMPARE(recorder.last, 100.0);
        QVERIFY(countValid(out) > 0);
        Feedback cancel;
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(CanceledError,
                                 warpValues(v, src, dst, Resampling::Nearest, &cancel));
        QVERIFY_THROWS_EXCEPTION(
            CanceledError,
            aggregateBlocks(v, src, Grid::geographic(6, 45, 7, 46, 0.25), 0.5, &cancel));
    }

    void curvilinearNetcdfWarpsThroughGeolocation() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("test_stageiv_xyt.nc"));
        const Raster lat(r.metadataItem("Y_DATASET", "GEOLOCATION"));
        const Raster lon(r.metadataItem("X_DATASET", "GEOLOCATION"));
        const BandStatistics la = lat.statistics(1), lo = lon.statistics(1);
        const Grid target = Grid::geographic(lo.min, la.min, lo.max, la.max, 0.05);
        const auto warped = warpBand(r, 5, target, Resampling::Nearest);
        const BandStatistics s = r.statistics(5);
        QVERIFY(countValid(warped) > target.pixelCount() / 4);
        for (float v : warped)
            QVERIFY(std::isnan(v) || (v >= s.min && v <= s.max));
    }

    void samplingThroughGeolocationArrays() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("test_stageiv_xyt.nc"));
        const Raster lat(r.metadataItem("Y_DATASET", "GEOLOCATION"));
        const Raster lon(r.metadataItem("X_DATASET", "GEOLOCATION"));
        const auto band = r.readBand(12);
        std::vector<LonLat> points;
        std::vector<std::pair<int, int>> pixels;
        for (int k = 0; k < static_cast<int>(band.size()) && points.size() < 5; k += 211) {
            if (!std::isfinite(band[k]))
                continue;
            const int c = k % r.width(), row = k / r.width();
            if (c < 2 || row < 2 || c > r.width() - 3 || row > r.height() - 3)
                continue;
            points.push_back(
                {lon.readWindow(1, c, row, 1, 1)[0], lat.readWindow(1, c, row, 1, 1)[0]});
            pixels.emplace_back(c, row);
        }
        QVERIFY(points.size() >= 3);
        const auto where = r.lonLatToPixel(points);
        for (std::size_t i = 0; i < points.size(); ++i) {
            QVERIFY2(std::abs(where[i].col - (pixels[i].first + 0.5)) < 0.5 &&
                         std::abs(where[i].row - (pixels[i].second + 0.5)) < 0.5,
                     qPrintable(QString("%1,%2").arg(where[i].col).arg(where[i].row)));
        }
        const auto sampled = sampleAtPoints(r, 12, points, SampleMode::Nearest);
        for (std::size_t i = 0; i < points.size(); ++i)
            QCOMPARE(sampled[i], double(band[pixels[i].second * r.width() + pixels[i].first]));
        QVERIFY(std::isnan(sampleAtPoints(r, 12, {{10.0, 10.0}}, SampleMode::Nearest)[0]));
    }

    void aggregationCoverageThreshold() {
        // 8 x 8 fine pixels of 1 m into 2 x 2 coarse cells of 4 m.
        const Grid fine = Grid::fromBounds("EPSG:32632", 0, 0, 8, 8, 1, 1);
        const Grid coarse = Grid::fromBounds("EPSG:32632", 0, 0, 8, 8, 4, 4);
        std::vector<float> v(64);
        for (int i = 0; i < 64; ++i)
            v[i] = static_cast<float>(i % 8 + 10 * (i / 8));
        for (int i : {4, 5, 6, 7, 12})
            v[i] = kNaN; // top-right: 11/16 valid
        for (int i : {32, 33, 34, 35})
            v[i] = kNaN; // bottom-left: 12/16 valid
        for (int r = 4; r < 8; ++r)
            for (int c = 4; c < 8; ++c)
                v[r * 8 + c] = kNaN; // bottom-right: none
        const BlockAggregate a = aggregateBlocks(v, fine, coarse, 0.7);
        QCOMPARE(a.coverage[0], 1.0f);
        QCOMPARE(a.mean[0], 16.5f); // mean of c + 10 r for r, c in 0..3
        QCOMPARE(a.count[1], 11u);
        QCOMPARE(a.coverage[1], 11.0f / 16.0f);
        QVERIFY(std::isnan(a.mean[1])); // 68.75 % < 70 %
        QCOMPARE(a.coverage[2], 0.75f);
        double expected = 0;
        for (int r = 5; r < 8; ++r)
            for (int c = 0; c < 4; ++c)
                expected += c + 10 * r;
        QCOMPARE(double(a.mean[2]), expected / 12);
        QCOMPARE(a.coverage[3], 0.0f);
        QVERIFY(std::isnan(a.mean[3]));
        const BlockAggregate loose = aggregateBlocks(v, fine, coarse, 0.5);
        QVERIFY(std::isfinite(loose.mean[1]));
        // A coarse cell only partly over the fine raster counts its uncovered area as missing.
        const BlockAggregate partial =
            aggregateBlocks(v, fine, Grid::fromBounds("EPSG:32632", 0, 4, 16, 8, 8, 4), 0.0);
        QCOMPARE(partial.coverage[0], (16.0f + 11.0f) / 32.0f);
        QCOMPARE(partial.coverage[1], 0.0f);
        QVERIFY_THROWS_EXCEPTION(Error, aggregateBlocks(v, fine, coarse, 1.5));
        QVERIFY_THROWS_EXCEPTION(Error, aggregateBlocks({1, 2}, fine, coarse, 0.5));
    }

    void utm60mIntoQuarterDegreeCells() {
        const Grid coarse = Grid::geographic(6.0, 49.0, 6.75, 49.5, 0.25); // 3 x 2 cells
        const Grid fine = utmCover(Grid::geographic(6.0, 49.0, 6.5, 49.5, 0.25), "EPSG:32632", 60);
        std::vector<float> v(fine.pixelCount(), 0.3f);
        const BlockAggregate a = aggregateBlocks(v, fine, coarse, 0.7);
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 2; ++c) {
                const int k = r * 3 + c;
                QVERIFY2(std::abs(a.coverage[k] - 1.0f) < 0.02,
                         qPrintable(QString::number(a.coverage[k])));
                QVERIFY(std::abs(a.mean[k] - 0.3f) < 1e-6);
            }
        for (int r = 0; r < 2; ++r) {
            QVERIFY(a.coverage[r * 3 + 2] < 0.3f);
            QVERIFY(std::isnan(a.mean[r * 3 + 2]));
        }
    }

    void samplingAtPoints() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("elev.tif"));
        const auto v = r.readBand(1);
        const Grid& g = r.grid();
        const int w = g.width();
        const LonLat centre = g.pixelToLonLat(40, 30);
        const LonLat inside{centre.lon + 0.003, centre.lat - 0.003}; // same pixel, off-centre
        const std::vector<LonLat> points{centre, inside, {0.0, 0.0}};
        const auto nearest = sampleAtPoints(r, 1, points, SampleMode::Nearest);
        QCOMPARE(nearest[0], double(v[30 * w + 40]));
        QCOMPARE(nearest[1], nearest[0]);
        QVERIFY(std::isnan(nearest[2]));
        double s = 0;
        int n = 0;
        for (int y = 29; y <= 31; ++y)
            for (int x = 39; x <= 41; ++x)
                if (std::isfinite(v[y * w + x])) {
                    s += v[y * w + x];
                    ++n;
                }
        const auto mean = sampleAtPoints(r, 1, points, SampleMode::WindowMean, 3);
        QVERIFY(std::abs(mean[0] - s / n) < 1e-9);
        QCOMPARE(sampleAtPoints(v, g, points, SampleMode::WindowMean, 3)[0], mean[0]);
        QVERIFY_THROWS_EXCEPTION(Error, sampleAtPoints(r, 1, points, SampleMode::WindowMean, 4));
        // A projected raster sampled at lon/lat.
        const Raster l7(sharedRaster("L7_ETMs.tif"));
        const auto at =
            sampleAtPoints(l7, 2, {l7.grid().pixelToLonLat(10, 20)}, SampleMode::Nearest);
        QCOMPARE(at[0], double(l7.readWindow(2, 10, 20, 1, 1)[0]));
    }
};

QTEST_APPLESS_MAIN(TestWarp)
#include "test_warp.moc"
