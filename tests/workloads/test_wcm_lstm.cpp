// wcm_lstm in quick mode on the tiny twin: four spatial folds with finite RMSE for the WCM
// baseline and the WCM-LSTM, a positive learned A in a loose range, the true A read from
// twin.json for checking, and readable outputs (baseline map, bundle, fold table).
#include "geo/raster.h"
#include "workload_test_support.h"
#include "workloads/wcm_model.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace soilscope;

class TestWcmLstm : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::filesystem::path m_twin;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const std::string error = testing::makeTinyTwin(m_dir, m_twin);
        QVERIFY2(error.empty(), error.c_str());
    }

    void calibrationRecoversKnownParameters() {
        // synthetic points from a known WCM: the grid search must find A, C, D again
        const double a = 0.02, b = 0.084, c = -27.0, d = 20.0;
        std::mt19937 rng(3);
        std::uniform_real_distribution<double> sm(0.05, 0.45), vwc(0.2, 3.0), theta(30, 46);
        std::vector<workloads::WcmPoint> pts;
        for (int i = 0; i < 400; ++i) {
            const double s = sm(rng), v = vwc(rng), th = theta(rng);
            const double cosT = std::cos(th * M_PI / 180), g2 = std::exp(-2 * b * v / cosT);
            const double sigma = a * cosT * (1 - g2) + g2 * std::pow(10.0, (c + d * s) / 10);
            pts.push_back({10 * std::log10(sigma), th, v, s});
        }
        const auto cal = workloads::calibrateWcm(pts, b);
        QVERIFY(std::abs(cal.a - a) / a < 0.05);
        QVERIFY(std::abs(cal.c - c) < 0.5);
        QVERIFY(std::abs(cal.d - d) < 1.0);
        QVERIFY(cal.rmse < 1e-3);
    }

    void quickRun() {
        testing::Recorder rec;
        const auto r = testing::runQuick(m_twin, "wcm_lstm", rec).json;
        QCOMPARE(r["learned_a"].size(), std::size_t(4));
        for (const auto& a : r["learned_a"]) {
            QVERIFY(a.is_number());
            const double v = a.get<double>();
            QVERIFY2(v > 1e-3 && v < 1.0, std::to_string(v).c_str());
        }
        const double trueA = r["true_a"];
        QVERIFY(trueA > 0.005 && trueA < 0.1);
        for (int f = 1; f <= 4; ++f) {
            const std::string fold = "fold " + std::to_string(f);
            QVERIFY(std::isfinite(testing::metricOf(r, fold, "wcm", "rmse")));
            QVERIFY(std::isfinite(testing::metricOf(r, fold, "wcm_lstm", "rmse")));
            QVERIFY(testing::metricOf(r, fold, "wcm_lstm", "rmse") < 0.5);
        }
        const std::string problem = testing::checkReportAndStore(r, {"rmse", "A"});
        QVERIFY2(problem.empty(), problem.c_str());
        geo::Raster map(std::filesystem::path(r["folder"].get<std::string>()) / "wcm_baseline_map.tif");
        const auto v = map.readBand(1);
        QVERIFY(geo::countValid(v) > v.size() / 2);
        for (float x : v)
            if (std::isfinite(x)) QVERIFY(x >= 0.0f && x <= 1.0f);
    }
};

QTEST_APPLESS_MAIN(TestWcmLstm)
#include "test_wcm_lstm.moc"
