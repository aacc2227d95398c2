// SMAP L3 radiometer files (written with the published SPL3SMP structure; see smap_test_file.h):
// the EASE-Grid 2.0 placed from the file's own latitude/longitude, AM and PM observations with
// their J2000 times, quality-flag masks, units, and a file that cannot be placed.
#include "smap_test_file.h"

#include "base/error.h"
#include "base/feedback.h"
#include "base/units.h"
#include "products/point_source.h"
#include "products/product_gridding.h"
#include "products/smap_l3.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace soilscope;
using namespace soilscope::products;
namespace fs = std::filesystem;

class TestSmapL3 : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Feedback m_feedback;
    fs::path m_folder;
    const TimePoint m_day1 = makeTime(2015, 4, 1, 5, 12, 0);
    const TimePoint m_day2 = makeTime(2015, 4, 2, 17, 40, 0);
    // A pixel in Italy (centre 11.03 E, 42.57 N) and a neighbour.
    const int m_col = 511, m_row = 65;

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_folder = m_dir.filePath("smap").toStdString();
        fs::create_directories(m_folder / "2015");
        using products_test::j2000Seconds;
        using products_test::SmapPixel;
        products_test::writeSmapFile(
            (m_folder / "2015" / "SMAP_L3_SM_P_20150401_R13080_001.h5").string(),
            {{m_col, m_row, 0.25f, 0, j2000Seconds(m_day1)},
             {m_col + 1, m_row, 0.31f, 1, j2000Seconds(m_day1)}},
            {{m_col + 1, m_row + 1, 0.2f, 0, j2000Seconds(m_day1 + std::chrono::hours(12))}});
        products_test::writeSmapFile(
            (m_folder / "2015" / "SMAP_L3_SM_P_20150402_R13080_001.h5").string(),
            {{m_col, m_row, 0.6f, 0, j2000Seconds(m_day2 - std::chrono::hours(12))}},
            {{m_col, m_row, 0.27f, 1, j2000Seconds(m_day2)}});
    }

    void recognisedAndPlacedOnTheEaseGrid() {
        const auto file = m_folder / "2015" / "SMAP_L3_SM_P_20150401_R13080_001.h5";
        QCOMPARE(recogniseProduct(file), ProductKind::SmapFile);
        QCOMPARE(recogniseProduct(m_folder), ProductKind::SmapFolder);
        // A classic file has no groups (its group lookup answers with the file itself).
        auto classic = products_test::contiguousExample();
        classic.format = 0;
        const std::string plain = m_dir.filePath("classic.nc").toStdString();
        products_test::writePointFile(plain, classic);
        QVERIFY(!SmapL3File::recognises(plain));
        const SmapL3File smap(file);
        QCOMPARE(smap.passes().size(), std::size_t(2));
        QCOMPARE(smap.grid().epsg().value_or(0), 6933);
        QCOMPARE(smap.grid().width(), products_test::kSmapCols);
        const auto& gt = smap.grid().geoTransform();
        for (const int i : {0, 1, 3, 5})
            QVERIFY2(std::abs(gt[static_cast<std::size_t>(i)] -
                              products_test::kEase36[static_cast<std::size_t>(i)]) < 1.0,
                     qPrintable(QString::number(gt[static_cast<std::size_t>(i)], 'f', 3)));
        QVERIFY(units::isVolumetric(smap.units(smap.passes()[0], "soil_moisture")));
    }

    void amAndPmObservationsAtAPoint() {
        const SmapL3File smap(m_folder / "2015" / "SMAP_L3_SM_P_20150401_R13080_001.h5");
        const auto centre = smap.grid().pixelToLonLat(m_col, m_row);
        PointQuery q;
        q.lon = centre.lon;
        q.lat = centre.lat;
        const auto all = readPointSeries(m_folder, q, m_feedback);
        // Day 1 AM 0.25; day 2 AM 0.6 is outside valid_max (NaN), day 2 PM 0.27 (flag 1).
        QCOMPARE(all.series.size(), std::size_t(3));
        QCOMPARE(formatIsoTime(all.series.times[0]), formatIsoTime(m_day1));
        QCOMPARE(all.series.values[0], double(0.25f));
        QVERIFY(std::isnan(all.series.values[1]));
        QCOMPARE(formatIsoTime(all.series.times[2]), formatIsoTime(m_day2));
        QCOMPARE(QString::fromStdString(all.series.units), QStringLiteral("cm**3/cm**3"));
        q.mask = "retrieval_qual_flag & 1 == 0"; // recommended quality (bit 0 clear)
        const auto good = readPointSeries(m_folder, q, m_feedback);
        QCOMPARE(good.series.size(), std::size_t(2));
        QCOMPARE(good.masked, std::size_t(1));
    }

    void passesAreGriddedOntoAProjectGrid() {
        // Each pass of each file is one band, labelled with its observations' median time;
        // each observed pixel counts at its centre, found from cells within half its diagonal.
        const geo::Grid grid = geo::Grid::geographic(9.0, 41.0, 13.0, 44.0, 0.1);
        const geo::Grid ease("EPSG:6933", products_test::kEase36, products_test::kSmapCols,
                             products_test::kSmapRows);
        const auto cellOf = [&](int col, int row) {
            const auto ll = ease.pixelToLonLat(col, row);
            const auto m = grid.lonLatToMap(ll.lon, ll.lat);
            const auto px = grid.mapToPixel(m.x, m.y);
            return std::size_t(std::floor(px.row)) * std::size_t(grid.width()) +
                   std::size_t(std::floor(px.col));
        };
        ProductGridding how;
        how.mask = "retrieval_qual_flag == 0";
        const auto g = gridProduct(m_folder, grid, how, m_feedback);
        QCOMPARE(g.units, std::string("cm**3/cm**3"));
        QVERIFY(std::abs(g.radiusKm - 25.48) < 0.01);
        // file 1 AM, file 1 PM, file 2 AM (file 2's PM observation is flagged)
        // file 1 AM and PM; file 2 has none that count (AM 0.6 beyond valid_max, PM flagged)
        QCOMPARE(g.times.size(), std::size_t(2));
        QCOMPARE(g.times[0], m_day1);
        QCOMPARE(g.times[1], m_day1 + std::chrono::hours(12));
        QCOMPARE(g.bands[0][cellOf(m_col, m_row)], 0.25f);
        QCOMPARE(g.bands[1][cellOf(m_col + 1, m_row + 1)], 0.2f);
        // the flagged neighbour is masked, and the kept pixel lies 36 km away: beyond reach
        QVERIFY(std::isnan(g.bands[0][cellOf(m_col + 1, m_row)]));
        const auto all = gridProduct(m_folder, grid, {}, m_feedback);
        QCOMPARE(all.times.size(), std::size_t(3));
        QCOMPARE(all.bands[0][cellOf(m_col + 1, m_row)], 0.31f);
        QCOMPARE(all.times[2], m_day2);
        QCOMPARE(all.bands[2][cellOf(m_col, m_row)], 0.27f);
        // nothing within reach is an error naming the product
        try {
            gridProduct(m_folder, geo::Grid::geographic(-60, -40, -59, -39, 0.1), {}, m_feedback);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString::fromStdString(e.message()).contains("no observation"), e.what());
            QCOMPARE(e.context(), m_folder.string());
        }
    }

    void onItsOwnGridWhenNoneIsGiven() {
        // Without a grid asked for, SMAP stays on its EASE-Grid 2.0: each observed pixel is its
        // own cell, at its value.
        const geo::Grid own = productGrid(m_folder, kDefaultGridResolutionDeg);
        const geo::Grid ease("EPSG:6933", products_test::kEase36, products_test::kSmapCols,
                             products_test::kSmapRows);
        QCOMPARE(own.width(), ease.width());
        QCOMPARE(own.height(), ease.height());
        QVERIFY(own.sameAs(ease));
        const auto g = gridProduct(m_folder, own, {}, m_feedback);
        const auto at = std::size_t(m_row) * std::size_t(own.width()) + std::size_t(m_col);
        QCOMPARE(g.bands[0][at], 0.25f);
        QCOMPARE(g.bands[0][at + 1], 0.31f);
    }

    void aFileWithoutPlacesIsRefused() {
        const auto file = m_folder / "unplaced_SMAP_L3_SM_P_20150403_R13080_001.h5";
        products_test::writeSmapFile(file.string(), {{m_col, m_row, 0.2f, 0, 0.0}}, {}, false);
        try {
            SmapL3File f(file);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("cannot be placed") &&
                         QString(e.what()).contains("unplaced_"),
                     e.what());
        }
        fs::remove(file);
    }
};

QTEST_APPLESS_MAIN(TestSmapL3)
#include "test_smap_l3.moc"
