// ASCAT Level 2 swaths (nodes, times, nearest node, point series from a folder of swaths) and
// gridding scattered observations (nearest, inverse distance, cell mean).
#include "products_test_support.h"

#include "base/error.h"
#include "base/feedback.h"
#include "base/time_utils.h"
#include "products/gridding.h"
#include "products/point_source.h"
#include "products/swath_file.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>

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
