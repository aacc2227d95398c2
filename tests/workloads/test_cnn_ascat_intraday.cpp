// cnn_ascat_intraday in quick mode on the tiny twin: one model per orbit direction, finite
// test-period total r, station comparison and intraday tables written and readable.
#include "geo/raster.h"
#include "workload_test_support.h"

#include <QTest>

#include <cmath>
#include <fstream>

using namespace soilscope;

class TestCnnAscatIntraday : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::filesystem::path m_twin;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const std::string error = testing::makeTinyTwin(m_dir, m_twin);
        QVERIFY2(error.empty(), error.c_str());
    }

    void quickRun() {
        testing::Recorder rec;
        const auto r = testing::runQuick(m_twin, "cnn_ascat_intraday", rec).json;
        QVERIFY(r["orbits"].contains("ascending"));
        QVERIFY(r["orbits"].contains("descending"));
        const double total = r["total"]["r"];
        QVERIFY(std::isfinite(total) && total > -1 && total <= 1);
        QVERIFY(r["stations"]["stations"].get<int>() > 0);
        QVERIFY(std::isfinite(r["stations"]["median_r_benchmark"].get<double>()));
        QVERIFY(r["intraday"]["pixel_days"].get<int>() > 0);
        const std::string problem = testing::checkReportAndStore(r, {"r", "rmse", "r_cnn", "r_benchmark"});
        QVERIFY2(problem.empty(), problem.c_str());
        const std::filesystem::path folder = r["folder"].get<std::string>();
        geo::Raster maps(folder / "maps_last_test_overpass.tif");
        QCOMPARE(maps.bandCount(), 4);
        QVERIFY(geo::countValid(maps.readBand(2)) > 0);
        geo::Raster means(folder / "intraday_pixel_means.tif");
        QCOMPARE(means.bandCount(), 18);
        std::ifstream csv(folder / "intraday_conditions.csv");
        std::string line;
        std::getline(csv, line);
        QVERIFY(line.rfind("condition,n,r_delta", 0) == 0);
        std::getline(csv, line);
        QVERIFY(line.rfind("all,", 0) == 0);
        QVERIFY(std::filesystem::is_directory(folder / "bundle_ascending"));
        QVERIFY(std::filesystem::is_directory(folder / "bundle_descending"));
    }
};

QTEST_APPLESS_MAIN(TestCnnAscatIntraday)
#include "test_cnn_ascat_intraday.moc"
