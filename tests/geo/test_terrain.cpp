#include "base/error.h"
#include "geo/raster.h"
#include "geo/terrain.h"
#include "geo_test_support.h"

#include <gdal.h>
#include <gdal_utils.h>

#include <QtTest>
#include <cmath>

using namespace soilscope;
using namespace soilscope::geo;

namespace {

/// Runs gdaldem's Horn slope or aspect on a file, for comparison.
std::vector<float> gdalDem(const std::string& path, const char* mode) {
    GDALAllRegister();
    GDALDatasetH src = GDALOpen(path.c_str(), GA_ReadOnly);
    char* args[] = {const_cast<char*>("-of"), const_cast<char*>("MEM"), const_cast<char*>("-alg"),
                    const_cast<char*>("Horn"), nullptr};
    GDALDEMProcessingOptions* options = GDALDEMProcessingOptionsNew(args, nullptr);
    GDALDatasetH out = GDALDEMProcessing("", src, mode, nullptr, options, nullptr);
    GDALDEMProcessingOptionsFree(options);
    std::vector<float> v(static_cast<std::size_t>(GDALGetRasterXSize(out)) *
                         GDALGetRasterYSize(out));
    GDALRasterBandH band = GDALGetRasterBand(out, 1);
    int hasNodata = 0;
    const double nodata = GDALGetRasterNoDataValue(band, &hasNodata);
    if (GDALRasterIO(band, GF_Read, 0, 0, GDALGetRasterXSize(out), GDALGetRasterYSize(out),
                     v.data(), GDALGetRasterXSize(out), GDALGetRasterYSize(out), GDT_Float32, 0,
                     0) != CE_None)
        v.clear();
    for (float& x : v)
        if (hasNodata && x == static_cast<float>(nodata))
            x = std::nanf("");
    GDALClose(out);
    GDALClose(src);
    return v;
}

double angleDifference(double a, double b) {
    const double d = std::fmod(std::abs(a - b), 360.0);
    return std::min(d, 360.0 - d);
}

} // namespace

class TestTerrain : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void planeWithKnownSlopeAndAspect() {
        // z = 0.1 * east + 0.05 * north (metres) on a 30 m UTM grid.
        const Grid g = Grid::fromBounds("EPSG:32632", 500000, 5000000, 500600, 5000600, 30, 30);
        std::vector<float> dem(g.pixelCount());
        for (int r = 0; r < g.height(); ++r)
            for (int c = 0; c < g.width(); ++c) {
                const MapPoint p = g.pixelCenter(c, r);
                dem[r * g.width() + c] =
                    static_cast<float>(0.1 * (p.x - 500000) + 0.05 * (p.y - 5000000));
            }
        const SlopeAspect sa = slopeAspect(dem, g);
        const double slope = std::atan(std::hypot(0.1, 0.05)) * 180 / M_PI; // 6.3794 deg
        const double aspect = std::atan2(-0.1, -0.05) * 180 / M_PI + 360; // 243.43 deg (south-west)
        for (int r = 1; r < g.height() - 1; ++r)
            for (int c = 1; c < g.width() - 1; ++c) {
                QVERIFY(std::abs(sa.slopeDegrees[r * g.width() + c] - slope) < 1e-3);
                QVERIFY(std::abs(sa.aspectDegrees[r * g.width() + c] - aspect) < 1e-3);
            }
        QVERIFY(std::isfinite(sa.slopeDegrees[0]));
    }

    void geographicGridUsesGeodesicSpacing() {
        // A 10 degree east-facing-up slope (downslope to the west) built from the true spacing.
        const Grid g = Grid::geographic(6.0, 60.0, 6.05, 60.04, 0.001);
        const double rise = std::tan(10.0 * M_PI / 180);
        std::vector<float> dem(g.pixelCount());
        for (int r = 0; r < g.height(); ++r) {
            const double dx = g.groundSpacing(r).dxMetres;
            for (int c = 0; c < g.width(); ++c)
                dem[r * g.width() + c] = static_cast<float>(c * dx * rise);
        }
        const SlopeAspect sa = slopeAspect(dem, g);
        const int k = 20 * g.width() + 25;
        QVERIFY2(std::abs(sa.slopeDegrees[k] - 10.0) < 0.01,
                 qPrintable(QString::number(sa.slopeDegrees[k])));
        // Metres per degree shrink northwards, so the surface also tilts a little north-south.
        QVERIFY2(std::abs(sa.aspectDegrees[k] - 270.0) < 0.05,
                 qPrintable(QString::number(sa.aspectDegrees[k])));
        // Treating degrees as if they were metres would give a nearly vertical slope instead.
        QVERIFY(sa.slopeDegrees[k] < 11.0);
    }

    void nanAwareAndFlat() {
        const Grid g = Grid::fromBounds("EPSG:32632", 0, 0, 50, 50, 10, 10);
        std::vector<float> dem(25, 100.0f);
        dem[12] = std::nanf("");
        const SlopeAspect sa = slopeAspect(dem, g);
        QVERIFY(std::isnan(sa.slopeDegrees[12]));
        QCOMPARE(sa.slopeDegrees[11], 0.0f);
        QVERIFY(std::isnan(sa.aspectDegrees[11])); // flat: no downslope direction
        QVERIFY_THROWS_EXCEPTION(Error, slopeAspect(std::vector<float>(3), g));
        const Grid rotated("EPSG:32632", {0, 10, 1, 0, 1, -10}, 5, 5);
        QVERIFY_THROWS_EXCEPTION(Error, slopeAspect(dem, rotated));
    }

    void olindaDemMatchesGdaldem() {
        GEO_SKIP_WITHOUT_DATA();
        const std::string path = sharedRaster("olinda_dem_utm25s.tif");
        const Raster r(path);
        const auto dem = r.readBand(1);
        const SlopeAspect sa = slopeAspect(dem, r.grid());
        const auto refSlope = gdalDem(path, "slope");
        const auto refAspect = gdalDem(path, "aspect");
        QCOMPARE(refSlope.size(), dem.size());
        const int w = r.width();
        std::size_t compared = 0;
        double maxSlope = 0;
        for (int y = 1; y < r.height() - 1; ++y)
            for (int x = 1; x < w - 1; ++x) {
                const std::size_t k = static_cast<std::size_t>(y) * w + x;
                if (!std::isfinite(refSlope[k]))
                    continue;
                QVERIFY2(std::abs(sa.slopeDegrees[k] - refSlope[k]) < 1e-3,
                         qPrintable(QString("%1 vs %2").arg(sa.slopeDegrees[k]).arg(refSlope[k])));
                if (sa.slopeDegrees[k] > 0.5 && std::isfinite(refAspect[k]))
                    QVERIFY(angleDifference(sa.aspectDegrees[k], refAspect[k]) < 1e-2);
                maxSlope = std::max(maxSlope, double(sa.slopeDegrees[k]));
                ++compared;
            }
        QVERIFY(compared > 10000);
        QVERIFY(maxSlope > 1.0 && maxSlope < 60.0); // Olinda: coastal hills, no cliffs
    }
};

QTEST_APPLESS_MAIN(TestTerrain)
#include "test_terrain.moc"
