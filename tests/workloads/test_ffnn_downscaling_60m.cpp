// ffnn_downscaling_60m in quick mode on the tiny twin: coarse samples from the sampled 60 m
// pixels, training with the pixel noise estimated from the 60 m images,
// finite coarse test metrics, 60 m maps compared with the fine truth and the coarse
// product, spectra fitted, and readable outputs.
#include "geo/raster.h"
#include "workload_test_support.h"
#include "workloads/ffnn_downscaling_60m/ffnn_stack.h"

#include <QTest>

#include <cmath>
#include <fstream>

using namespace soilscope;

class TestFfnnDownscaling60m : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::filesystem::path m_twin;

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const std::string error = testing::makeTinyTwin(m_dir, m_twin);
        QVERIFY2(error.empty(), error.c_str());
    }

    void stackHasFourteenValidPredictors() {
        const auto p =
            project::loadProject(m_twin / "projects" / "ffnn_downscaling_60m.soilscope.json");
        const workloads::FineStack stack(p);
        QCOMPARE(workloads::FineStack::names().size(), std::size_t(14));
        std::size_t best = 0, bestIndex = 0;
        for (std::size_t i = 0; i < stack.dates().size(); i += 5) {
            const auto f = stack.frame(i);
            if (f.validCount > best) {
                best = f.validCount;
                bestIndex = i;
            }
        }
        QVERIFY(best > 0);
        const auto f = stack.frame(bestIndex);
        for (std::size_t j = 0; j < f.valid.size(); ++j) {
            if (!f.valid[j])
                continue;
            QVERIFY(f.planes[4][j] >= -1 && f.planes[4][j] <= 1); // NDVI
            QVERIFY(f.planes[8][j] > 274);                        // LST
            QVERIFY(f.planes[12][j] >= f.planes[11][j]);          // 15-day sum ≥ 3-day sum
        }
    }

    void quickRun() {
        testing::Recorder rec;
        const auto r = testing::runQuick(m_twin, "ffnn_downscaling_60m", rec).json;
        QVERIFY(r["samples"].get<int>() >= 10);
        // the coarse samples come from the 60 m pixels sampled over the whole box, so they
        // span many more cells than the one the tiny 60 m grid lies in
        QCOMPARE(r["training_pixels"].get<std::string>(), std::string("samples"));
        QVERIFY(r["cells"].get<int>() >= 10);
        // the twin's Sentinel-2 noise is σ 0.004; the static layers get none
        const double b11 = r["pixel_noise_sd"]["B11"].get<double>();
        QVERIFY2(b11 > 0.003 && b11 < 0.005, std::to_string(b11).c_str());
        QCOMPARE(r["pixel_noise_sd"]["elevation"].get<double>(), 0.0);
        const double rmse = r["coarse_test"]["rmse"];
        QVERIFY(std::isfinite(rmse) && rmse > 0 && rmse < 0.5);
        QVERIFY(r["mapped_dates"].get<int>() >= 1);
        QVERIFY(std::isfinite(r["fine_r_estimate"].get<double>()));
        // on the tiny twin the fine area lies in one 0.25° cell: the coarse product is constant
        // there, so its correlation with the fine truth is undefined (null); the RMSE is not
        QVERIFY(
            std::isfinite(testing::metricOf(r, "60 m vs fine truth", "coarse product", "rmse")));
        const std::string problem = testing::checkReportAndStore(r, {"r2", "rmse", "mae"});
        QVERIFY2(problem.empty(), problem.c_str());
        geo::Raster map(std::filesystem::path(r["folder"].get<std::string>()) / "map_60m.tif");
        QCOMPARE(map.bandCount(), 5);
        const auto est = map.readBand(1);
        QVERIFY(geo::countValid(est) > est.size() / 4);
        QVERIFY(r["spectra"].contains("estimate_60m"));
        // The diagnostic anchored estimate keeps each covered cell's mean on the product.
        QVERIFY(r.contains("anchored_cell_mean_max_gap"));
        const double within = r["fine_r_within_cell"].get<double>();
        QVERIFY(std::isfinite(within) && within >= -1.0 && within <= 1.0);
        QVERIFY(r["anchored_cell_mean_max_gap"].get<double>() < 1e-5);
        QVERIFY(std::isfinite(testing::metricOf(r, "60 m vs fine truth, anchored pixels",
                                                "estimate anchored to the product", "rmse")));
        // The in situ check: the twin's stations in the 60 m area, each with at most one daily
        // G mean per mapped date; too few mapped days in --quick to count any in the mean R.
        QVERIFY(r["insitu"]["stations"].get<int>() >= 1);
        QCOMPARE(r["insitu"]["stations_counted"].get<int>(), 0);
        std::ifstream table(std::filesystem::path(r["folder"].get<std::string>()) /
                            "insitu_stations.csv");
        std::string line;
        std::getline(table, line);
        QVERIFY(line.starts_with("station,days,r_estimate_60m,r_coarse_product"));
        int rows = 0;
        while (std::getline(table, line)) {
            const auto days = std::stoi(line.substr(line.find("\",") + 2));
            QVERIFY(days >= 0 && days <= r["mapped_dates"].get<int>());
            ++rows;
        }
        QCOMPARE(rows, r["insitu"]["stations"].get<int>());
    }
};

QTEST_APPLESS_MAIN(TestFfnnDownscaling60m)
#include "test_ffnn_downscaling_60m.moc"
