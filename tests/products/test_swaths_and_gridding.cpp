// ASCAT Level 2 swaths (nodes, times, nearest node, point series from a folder of swaths) and
// gridding scattered observations (nearest, inverse distance, cell mean).
#include "products_test_support.h"

#include "base/error.h"
#include "base/feedback.h"
#include "base/time_utils.h"
#include "products/gridding.h"
#include "products/point_series_file.h"
#include "products/point_source.h"
#include "products/product_gridding.h"
#include "products/swath_file.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <limits>
#include <random>

using namespace soilscope;
using namespace soilscope::products;
namespace fs = std::filesystem;

namespace {
std::string swathSample() {
    return (products_test::productsDir() +
            "/W_XX-EUMETSAT-Darmstadt,SURFACE+SATELLITE,METOPA+ASCAT_C_EUMP_20170220041500_53652_"
            "eps_o_125_ssm_l2.nc")
        .toStdString();
}
} // namespace

class TestSwathsAndGridding : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Feedback m_feedback;

  private Q_SLOTS:
    void ascatLevel2Swath() {
        PRODUCTS_REQUIRE_DATA();
        QVERIFY(SwathFile::recognises(swathSample()));
        QVERIFY(!SwathFile::recognises(products_test::ascatCell()));
        const SwathFile s(swathSample());
        QCOMPARE(s.nodeCount(), std::size_t(3264 * 82));
        QCOMPARE(QString::fromStdString(s.soilMoistureVariable()), QStringLiteral("soil_moisture"));
        QCOMPARE(QString::fromStdString(s.units("soil_moisture")), QStringLiteral("percent"));
        // Longitudes come as 0..360 in the file and are returned in -180..180.
        for (const double lon : s.lon())
            QVERIFY(std::isnan(lon) || (lon >= -180.0 && lon <= 180.0));
        QCOMPARE(formatIsoTime(s.timeOf(0)).substr(0, 16), std::string("2017-02-20T04:15"));
        const auto sm = s.values("soil_moisture");
        std::size_t valid = 0;
        for (const double v : sm) {
            if (!std::isfinite(v))
                continue;
            ++valid;
            QVERIFY(v >= 0.0 && v <= 100.0); // scale 0.01 of ushort 0..10000
        }
        QVERIFY(valid > 50000);
        const auto node = s.nearest(81.324, 48.119, 12.5);
        QVERIFY(node);
        QVERIFY(node->second < 1.0);
        QCOMPARE(sm[node->first], double(3733.0f * 0.01f)); // raw 3733, packed in float
    }

    void pointSeriesFromAFolderOfSwaths() {
        PRODUCTS_REQUIRE_DATA();
        QVERIFY(m_dir.isValid());
        const fs::path folder = m_dir.filePath("swaths").toStdString();
        fs::create_directories(folder);
        fs::create_symlink(swathSample(), folder / fs::path(swathSample()).filename());
        QCOMPARE(recogniseProduct(folder), ProductKind::SwathFolder);
        PointQuery q;
        q.lon = 81.324;
        q.lat = 48.119;
        const auto p = readPointSeries(folder, q, m_feedback);
        QCOMPARE(p.series.size(), std::size_t(1));
        QCOMPARE(p.series.values.front(), double(3733.0f * 0.01f));
        QVERIFY(p.description.find("1 of 1 swaths within 25.0 km") != std::string::npos);
        q.mask = "soil_moisture > 50";
        QCOMPARE(readPointSeries(folder, q, m_feedback).series.size(), std::size_t(0));
    }

    void nearestAndIdwAsABruteForceSearchFindsThem() {
        // Every observation against every cell, on a grid whose cells the lattice of buckets
        // must search across, at the radius and at one so small that the lattice is coarsened.
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> lonOf(-20.0, 40.0), latOf(30.0, 85.0),
            valueOf(0.0, 1.0);
        std::vector<double> lon(3000), lat(3000), values(3000);
        for (std::size_t i = 0; i < lon.size(); ++i) {
            lon[i] = lonOf(rng);
            lat[i] = latOf(rng);
            values[i] = i % 97 == 0 ? std::nan("") : valueOf(rng);
        }
        const geo::Grid grid = geo::Grid::geographic(-21.0, 29.0, 41.0, 86.0, 0.5);
        std::uniform_int_distribution<int> colOf(0, grid.width() - 1), rowOf(0, grid.height() - 1);
        std::uniform_real_distribution<double> nudge(-0.005, 0.005);
        for (std::size_t i = 0; i < 300; ++i) { // near cell centres, for the small radius
            const auto centre = grid.pixelCenter(colOf(rng), rowOf(rng));
            lon[i] = centre.x + nudge(rng);
            lat[i] = centre.y + nudge(rng);
        }
        for (const double radius : {60.0, 1.5})
            for (const auto method : {GriddingMethod::Nearest, GriddingMethod::InverseDistance}) {
                const auto fast = PointGridder(grid, method, radius).grid(lon, lat, values);
                std::size_t filled = 0;
                for (int r = 0; r < grid.height(); ++r)
                    for (int c = 0; c < grid.width(); ++c) {
                        const auto centre = grid.pixelCenter(c, r);
                        double best = std::numeric_limits<double>::infinity(), nearest = 0.0;
                        double wsum = 0.0, vsum = 0.0;
                        for (std::size_t i = 0; i < lon.size(); ++i) {
                            const double d = distanceKm(centre.x, centre.y, lon[i], lat[i]);
                            if (!std::isfinite(values[i]) || d > radius)
                                continue;
                            if (d < best) {
                                best = d;
                                nearest = values[i];
                            }
                            wsum += 1.0 / std::max(d * d, 1e-6);
                            vsum += values[i] / std::max(d * d, 1e-6);
                        }
                        const float got =
                            fast[std::size_t(r) * std::size_t(grid.width()) + std::size_t(c)];
                        if (!std::isfinite(best)) {
                            QVERIFY(std::isnan(got));
                            continue;
                        }
                        ++filled;
                        const double want =
                            method == GriddingMethod::Nearest ? nearest : vsum / wsum;
                        QVERIFY2(std::abs(got - want) < 1e-6,
                                 qPrintable(QStringLiteral("cell %1,%2 radius %3: %4 vs %5")
                                                .arg(c)
                                                .arg(r)
                                                .arg(radius)
                                                .arg(got)
                                                .arg(want)));
                    }
                QVERIFY(filled > (radius > 10.0 ? 1000u : 100u));
            }
    }

    void aSwathOnItsOwnExtent() {
        // Without a grid asked for, a swath is gridded over the extent of its nodes: every node
        // inside, edges on multiples of the resolution, within the globe.
        PRODUCTS_REQUIRE_DATA();
        const SwathFile swath(swathSample());
        const geo::Grid own = productGrid(swathSample(), 0.25);
        QVERIFY(own.epsg() == 4326);
        QCOMPARE(own.resolutionX(), 0.25);
        const auto& gt = own.geoTransform();
        const double west = gt[0], north = gt[3];
        const double east = west + 0.25 * own.width(), south = north - 0.25 * own.height();
        QVERIFY(west >= -180.0 && east <= 180.0 && south >= -90.0 && north <= 90.0);
        QCOMPARE(std::fmod(north * 4.0, 1.0), 0.0);
        double latMin = 90, latMax = -90;
        for (std::size_t i = 0; i < swath.nodeCount(); ++i)
            if (std::isfinite(swath.lat()[i])) {
                latMin = std::min(latMin, swath.lat()[i]);
                latMax = std::max(latMax, swath.lat()[i]);
                QVERIFY(swath.lon()[i] >= west && swath.lon()[i] <= east);
            }
        QVERIFY(latMin >= south && latMin < south + 0.25);
        QVERIFY(latMax <= north && latMax > north - 0.25);
        // The cell's grid points, one cell beyond each outermost point at most.
        const geo::Grid cell = productGrid(products_test::ascatCell(), 0.1);
        QCOMPARE(cell.width(), 50);
        QCOMPARE(cell.height(), 50);
        try {
            productGrid(products_test::productsDir().toStdString() + "/README.md", 0.1);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString::fromStdString(e.message()).contains("not a point, swath or SMAP"),
                     e.what());
        }
    }

    void griddingMethods() {
        const geo::Grid grid = geo::Grid::geographic(0.0, 0.0, 1.0, 1.0, 0.5); // 2 x 2 cells
        const std::vector<double> lon{0.25, 0.27, 0.75}, lat{0.75, 0.75, 0.25},
            values{1.0, 3.0, 10.0};
        const auto nearest =
            PointGridder(grid, GriddingMethod::Nearest, 10.0).grid(lon, lat, values);
        QCOMPARE(nearest[0], 1.0f); // top-left cell centre (0.25, 0.75)
        QVERIFY(std::isnan(nearest[1]));
        QCOMPARE(nearest[3], 10.0f);
        const auto mean = PointGridder(grid, GriddingMethod::CellMean, 10.0).grid(lon, lat, values);
        QCOMPARE(mean[0], 2.0f);
        const auto idw =
            PointGridder(grid, GriddingMethod::InverseDistance, 10.0).grid(lon, lat, values);
        QVERIFY(idw[0] > 1.0f && idw[0] < 2.0f); // weighted towards the closer 1.0
        QVERIFY(std::isnan(idw[2]));
        bool refused = false;
        try {
            parseGriddingMethod("kriging");
        } catch (const UsageError&) {
            refused = true;
        }
        QVERIFY(refused);
    }
};

QTEST_APPLESS_MAIN(TestSwathsAndGridding)
#include "test_swaths_and_gridding.moc"
