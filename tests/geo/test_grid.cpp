#include "base/error.h"
#include "geo/grid.h"
#include "geo/raster.h"
#include "geo_test_support.h"

#include <QtTest>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

using namespace soilscope;
using namespace soilscope::geo;

class TestGrid : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void landsatGridProperties() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("L7_ETMs.tif"));
        const Grid& g = r.grid();
        QCOMPARE(g.width(), 349);
        QCOMPARE(g.height(), 352);
        QVERIFY(g.epsg().has_value());
        QCOMPARE(*g.epsg(), 31985); // SIRGAS 2000 / UTM zone 25S
        QVERIFY(!g.isGeographic());
        QVERIFY(g.isNorthUp());
        QVERIFY(std::abs(g.resolutionX() - 28.5) < 1e-6);
        QVERIFY(std::abs(g.resolutionY() - 28.5) < 1e-6);
        const Bounds b = g.bounds();
        QVERIFY(std::abs(b.xmin - 288776.25) < 1e-3);
        QVERIFY(std::abs(b.ymax - 9120760.75) < 1e-3);
        QVERIFY(std::abs(b.ymin - 9110728.75) < 1e-3);
        const GroundSpacing s = g.groundSpacing(10);
        QVERIFY(std::abs(s.dxMetres - 28.5) < 1e-6);
    }

    void pixelMapLonLatRoundTrip() {
        GEO_SKIP_WITHOUT_DATA();
        const Raster r(sharedRaster("L7_ETMs.tif"));
        const Grid& g = r.grid();
        // Upper-left corner as gdalinfo prints it: 34d54'58.20"W, 7d56'59.36"S.
        const LonLat ul = g.mapToLonLat(g.pixelToMap(0, 0).x, g.pixelToMap(0, 0).y);
        QVERIFY(std::abs(ul.lon - -(34 + 54 / 60.0 + 58.20 / 3600)) < 1e-5);
        QVERIFY(std::abs(ul.lat - -(7 + 56 / 60.0 + 59.36 / 3600)) < 1e-5);
        for (const auto& [col, row] : {std::pair{0.5, 0.5}, {100.25, 17.75}, {348.5, 351.5}}) {
            const MapPoint m = g.pixelToMap(col, row);
            const PixelPoint p = g.mapToPixel(m.x, m.y);
            QVERIFY(std::abs(p.col - col) < 1e-9 && std::abs(p.row - row) < 1e-9);
            const LonLat ll = g.mapToLonLat(m.x, m.y);
            const MapPoint back = g.lonLatToMap(ll.lon, ll.lat);
            QVERIFY(std::abs(back.x - m.x) < 1e-4 && std::abs(back.y - m.y) < 1e-4);
        }
        std::vector<double> xs{g.pixelCenter(3, 4).x, g.pixelCenter(300, 200).x};
        std::vector<double> ys{g.pixelCenter(3, 4).y, g.pixelCenter(300, 200).y};
        g.mapToLonLat(xs, ys);
        const LonLat single = g.pixelToLonLat(300, 200);
        QVERIFY(std::abs(xs[1] - single.lon) < 1e-12 && std::abs(ys[1] - single.lat) < 1e-12);
    }

    void transformsAlikeOnEveryThreadAndAfterMany() {
        // Transformations are kept per thread (eight at a time) and CRS facts per process: a
        // CRS without an EPSG code (the Olinda DEM's UTM 25 S on GRS80) gives the same lon/lat
        // on another thread, and ten zones in turn give the same points the second time round.
        const std::string olinda =
            "+proj=utm +zone=25 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs";
        const Grid g(olinda, {288000, 30, 0, 9120000, 0, -30}, 100, 100);
        QVERIFY(!g.epsg().has_value());
        QVERIFY(!g.isGeographic());
        const LonLat here = g.pixelToLonLat(10, 20);
        QVERIFY(std::abs(here.lon - -34.9) < 0.1 && std::abs(here.lat - -7.96) < 0.1);
        LonLat there{};
        std::thread([&] {
            there = Grid(olinda, g.geoTransform(), 100, 100).pixelToLonLat(10, 20);
        }).join();
        QCOMPARE(there.lon, here.lon);
        QCOMPARE(there.lat, here.lat);
        std::vector<MapPoint> first;
        for (int round = 0; round < 2; ++round)
            for (int zone = 30; zone < 40; ++zone) {
                const Grid utm("EPSG:326" + std::to_string(zone), {500000, 60, 0, 5500000, 0, -60},
                               10, 10);
                QCOMPARE(utm.epsg().value_or(0), 32600 + zone);
                const MapPoint m = utm.lonLatToMap(zone * 6.0 - 183.0 + 1.0, 49.0);
                if (round == 0)
                    first.push_back(m);
                else {
                    QCOMPARE(m.x, first[std::size_t(zone - 30)].x);
                    QCOMPARE(m.y, first[std::size_t(zone - 30)].y);
                }
            }
    }

    void floatingPointNoiseIsTheSameGrid() {
        // The Landsat scene of the shared data: two exports differ by 3e-5 m in their origin.
        const Grid a("EPSG:31985", {157815.75, 28.5, 0.0, 9286575.0, 0.0, -28.5}, 349, 352);
        const Grid b("EPSG:31985", {157815.75003, 28.5, 0.0, 9286575.0, 0.0, -28.5}, 349, 352);
        QVERIFY(a.sameAs(b));
        QVERIFY(a.differenceFrom(b).empty());
        const Grid shifted("EPSG:31985", {157830.0, 28.5, 0.0, 9286575.0, 0.0, -28.5}, 349, 352);
        QVERIFY(!a.sameAs(shifted));
        QCOMPARE(QString::fromStdString(shifted.differenceFrom(a)),
                 QStringLiteral("the origin is shifted by 0.5, 0 pixels"));
        QVERIFY(a.differenceFrom(a.resized(100, 100)).find("349 x 352 pixels") == 0);
    }

    void longitudesWrapOntoA0To360Grid() {
        // ERA5 and GRIB grids run 0..360: a station at 1 W is at 359 E there.
        const Grid era5("EPSG:4326", {-0.125, 0.25, 0.0, 90.125, 0.0, -0.25}, 1440, 721);
        const auto p = era5.lonLatToMap(-1.0, 52.0);
        QCOMPARE(p.x, 359.0);
        const auto px = era5.mapToPixel(p.x, p.y);
        QCOMPARE(static_cast<int>(std::floor(px.col)), 1436);
        // Inside the grid nothing changes; a -180..180 grid takes 359 E as 1 W.
        QCOMPARE(era5.lonLatToMap(10.0, 0.0).x, 10.0);
        const Grid global = Grid::geographic(-180.0, -90.0, 180.0, 90.0, 1.0);
        QCOMPARE(global.lonLatToMap(359.0, 0.0).x, -1.0);
    }

    void geographicGridAndGeodesicSpacing() {
        const Grid g = Grid::geographic(-10.0, 0.0, 10.0, 70.0, 0.25);
        QCOMPARE(g.width(), 80);
        QCOMPARE(g.height(), 280);
        QVERIFY(g.isGeographic());
        QCOMPARE(g.epsg().value_or(0), 4326);
        const LonLat ll = g.mapToLonLat(5.0, 45.0); // lon/lat order, not EPSG's lat/lon
        QCOMPARE(ll.lon, 5.0);
        QCOMPARE(ll.lat, 45.0);
        // Row whose centre lies at 60.125 N; one degree of longitude there is ~55.57 km.
        const int row = static_cast<int>(g.mapToPixel(0.0, 60.125).row);
        const GroundSpacing s = g.groundSpacing(row);
        const double expectedDx =
            0.25 * M_PI / 180 * 6378137.0 * std::cos(60.125 * M_PI / 180) /
            std::sqrt(1 - 0.00669438 * std::pow(std::sin(60.125 * M_PI / 180), 2));
        QVERIFY2(std::abs(s.dxMetres - expectedDx) < 1.0, qPrintable(QString::number(s.dxMetres)));
        // A quarter degree of latitude is ~27.8 km, a little more near the pole than at the
        // equator.
        QVERIFY(s.dyMetres > 27800 && s.dyMetres < 27930);
        const GroundSpacing eq = g.groundSpacing(g.height() - 1);
        QVERIFY(std::abs(eq.dxMetres - 27829.87) < 1.0);
        QVERIFY(eq.dyMetres < s.dyMetres);
    }

    void fromBoundsCoversTheBounds() {
        const Grid g = Grid::fromBounds("EPSG:32632", 500000, 5000000, 500100, 5000061, 30, 30);
        QCOMPARE(g.width(), 4);
        QCOMPARE(g.height(), 3);
        QCOMPARE(g.geoTransform()[0], 500000.0);
        QCOMPARE(g.geoTransform()[3], 5000061.0);
        QCOMPARE(g.geoTransform()[5], -30.0);
        const Grid exact = Grid::fromBounds("EPSG:32632", 0, 0, 90, 60, 30, 30);
        QCOMPARE(exact.width(), 3);
        QCOMPARE(exact.height(), 2);
        QVERIFY_THROWS_EXCEPTION(Error, Grid::fromBounds("EPSG:32632", 0, 0, 90, 60, 0, 30));
        QVERIFY_THROWS_EXCEPTION(Error, Grid("not a crs at all", {0, 1, 0, 0, 0, -1}, 2, 2));
    }

    void sameAsComparesCrsAndGeotransform() {
        const Grid a = Grid::geographic(0, 0, 1, 1, 0.1);
        const Grid b("EPSG:4326", a.geoTransform(), a.width(), a.height());
        QVERIFY(a.sameAs(b));
        auto shifted = a.geoTransform();
        shifted[0] += 0.05;
        QVERIFY(!a.sameAs(Grid("EPSG:4326", shifted, a.width(), a.height())));
        QVERIFY(!a.sameAs(Grid("EPSG:4258", a.geoTransform(), a.width(), a.height())));
        QVERIFY(!a.sameAs(a.resized(5, 5)));
        QVERIFY(!a.sameCrs(Grid({}, a.geoTransform(), a.width(), a.height())));
    }

    void windowAndResize() {
        const Grid g = Grid::fromBounds("EPSG:32632", 0, 0, 600, 300, 30, 30);
        const Grid w = g.window(2, 3, 4, 5);
        QCOMPARE(w.width(), 4);
        QCOMPARE(w.geoTransform()[0], 60.0);
        QCOMPARE(w.geoTransform()[3], 300.0 - 90.0);
        const MapPoint a = g.pixelCenter(3, 4);
        const MapPoint b = w.pixelCenter(1, 1);
        QCOMPARE(a.x, b.x);
        QCOMPARE(a.y, b.y);
        const Grid half = g.resized(10, 5);
        QCOMPARE(half.resolutionX(), 60.0);
        QCOMPARE(half.bounds().xmax, g.bounds().xmax);
        QVERIFY(g.describe().find("EPSG:32632") != std::string::npos);
    }

    void noCrsGivesClearError() {
        const Grid g({}, {0, 1, 0, 0, 0, 1}, 3, 3);
        QVERIFY(!g.hasCrs());
        try {
            g.mapToLonLat(1, 1);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("no coordinate reference system") !=
                    std::string::npos);
        }
    }
};

QTEST_APPLESS_MAIN(TestGrid)
#include "test_grid.moc"
