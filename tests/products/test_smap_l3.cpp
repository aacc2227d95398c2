// SMAP L3 radiometer files (written with the published SPL3SMP structure; see smap_test_file.h):
// the EASE-Grid 2.0 placed from the file's own latitude/longitude, AM and PM observations with
// their J2000 times, quality-flag masks, units, and a file that cannot be placed.
#include "smap_test_file.h"

#include "base/error.h"
#include "base/feedback.h"
#include "base/units.h"
#include "products/point_source.h"
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
    // A pixel in northern Italy (about 10.7 E, 45.0 N) and a neighbour.
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
