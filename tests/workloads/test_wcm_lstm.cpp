// wcm_lstm in quick mode on the tiny twin: four spatial folds with finite RMSE for the WCM
// baseline and the WCM-LSTM, a positive learned A in a loose range, the true A read from
// twin.json for checking, and readable outputs (baseline map, bundle, fold table); the WCM-LSTM map
// of the baseline map's dates agrees at the station pixels with fold 1's held-out predictions. On
// synthetic sequences with a known A (vegetation seasonally correlated with soil moisture, as on
// the twin) the WCM-LSTM as the workload builds it learns A from a start 2.5 times too large.
#include "base/error.h"
#include "geo/raster.h"
#include "map_test_support.h"
#include "training/trainer.h"
#include "workload_test_support.h"
#include "workloads/wcm_lstm/wcm_model.h"

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

    void wcmLstmIdentifiesA() {
        // 36 sequences of 60 steps: SM with a seasonal cycle and rain pulses, VWC peaking when
        // SM is low, σ0 (dB) from the WCM with A = 0.02 plus 0.3 dB noise; features σ0 dB, θ,
        // VWC, an auxiliary input.
        const double a = 0.02, b = 0.084, c = -27.0, d = 20.0;
        std::mt19937 rng(5);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        std::normal_distribution<double> noise(0.0, 0.3);
        features::Dataset data;
        const std::int64_t steps = 60;
        data.featureShape = {steps, 4};
        data.targetShape = {steps};
        for (int s = 0; s < 36; ++s) {
            const double level = 0.15 + 0.15 * u(rng), phase = 0.5 * u(rng), aux = u(rng);
            double wet = 0;
            for (std::int64_t k = 0; k < steps; ++k) {
                const double season = std::sin(2 * M_PI * (double(k) / 30.0 + phase));
                wet = 0.7 * wet + (u(rng) < 0.15 ? 0.08 * u(rng) : 0.0);
                const double sm = std::clamp(level + 0.06 * season + wet, 0.03, 0.5);
                const double vwc = std::max(0.0, 1.0 - 0.9 * season + 0.1 * u(rng));
                const double theta = 30 + 16 * u(rng), cosT = std::cos(theta * M_PI / 180);
                const double g2 = std::exp(-2 * b * vwc / cosT);
                const double sigma = a * cosT * (1 - g2) + g2 * std::pow(10.0, (c + d * sm) / 10);
                data.x.insert(data.x.end(), {float(10 * std::log10(sigma) + noise(rng)),
                                             float(theta), float(vwc), float(aux)});
                data.y.push_back(float(sm));
            }
        }
        std::vector<std::size_t> trainIdx, valIdx;
        for (std::size_t i = 0; i < 36; ++i)
            (i % 6 == 5 ? valIdx : trainIdx).push_back(i);
        training::TrainSettings settings;
        settings.optimizer.name = "adam";
        settings.optimizer.learningRate = 5e-3;
        settings.epochs = 60;
        settings.batchSize = 4;
        settings.loss.kind = "mse";
        settings.seed = 7;
        double mean = 0;
        for (std::size_t i = 0; i < data.x.size(); i += 4)
            mean += data.x[i];
        mean /= double(data.x.size() / 4);
        const models::ModelSpec spec{"wcm_lstm",
                                     {{"sigma0_index", 0},
                                      {"sigma0_db", true},
                                      {"theta_index", 1},
                                      {"v2_index", 2},
                                      {"a_init", 0.05},
                                      {"layers", 1},
                                      {"hidden", 8},
                                      {"guard_share", 0.05},
                                      {"guard_weight", 0.1},
                                      {"a_lr_scale", 10.0},
                                      {"soil_db_centre", mean},
                                      {"soil_db_scale", 2.0}}};
        testing::Recorder rec;
        const auto train = data.subset(trainIdx), val = data.subset(valIdx);
        const auto result = training::train(spec, settings, train, &val, rec);
        double learned = NAN; // the restored (best validation) epoch's A
        for (const auto& e : result.history)
            if (e.epoch == result.bestEpoch && e.values.count("A"))
                learned = e.values.at("A");
        qInfo("learned A %.4f (true %.4f, start 0.05)", learned, a);
        QVERIFY2(std::abs(learned - a) / a < 0.2, std::to_string(learned).c_str());
    }

    void badStemWaterIsRejected() {
        auto p = project::loadProject(m_twin / "projects" / "wcm_lstm.soilscope.json");
        // the twin's project has no stem water (the generator's is truth); a user may add one
        QVERIFY(!p.data.at("vwc_from_ndvi").parameters.contains("stem_water"));
        p.data.at("vwc_from_ndvi").parameters["stem_water"] = {{"trees", 1.5}};
        workloads::WorkloadOptions o;
        o.quick = true;
        o.device = "cpu";
        testing::Recorder rec;
        try {
            workloads::runWorkload(p, o, rec);
            QFAIL("a land-cover key that is not a code was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("stem_water") != std::string::npos, e.what());
        }
    }

    void quickRun() {
        testing::Recorder rec;
        auto p = project::loadProject(m_twin / "projects" / "wcm_lstm.soilscope.json");
        p.training["workload"] = {
            {"map_dates", 6}}; // default 1; more dates to meet fold 1's stations
        workloads::WorkloadOptions o;
        o.quick = true;
        o.device = "cpu";
        const auto r = workloads::runWorkload(p, o, rec).json;
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
        // default standardised target, folded back into the output layer: the bundle predicts SM
        const auto bundle = nlohmann::json::parse(readTextFile(
            std::filesystem::path(r["folder"].get<std::string>()) / "bundle" / "bundle.json"));
        QVERIFY(bundle["metrics"]["target_scaling"]["sd"].get<double>() > 0);
        QVERIFY(bundle["metrics"]["target_scaling"]["folded_into_output"].get<bool>());
        const std::string problem = testing::checkReportAndStore(r, {"rmse", "A"});
        QVERIFY2(problem.empty(), problem.c_str());
        const std::filesystem::path folder = r["folder"].get<std::string>();
        geo::Raster map(folder / "wcm_baseline_map.tif");
        QCOMPARE(map.bandCount(), 6);
        const auto v = map.readBand(6);
        QVERIFY(geo::countValid(v) > v.size() / 2);
        for (float x : v)
            if (std::isfinite(x))
                QVERIFY(x >= 0.0f && x <= 1.0f);
        // the WCM-LSTM map of the same dates: at fold 1's test stations it must equal fold 1's
        // held-out predictions (scatter.csv, 4 digits), which come from the station sequences
        const auto check =
            testing::checkMapAtStations(m_twin, r["map"].get<std::string>(), 6, "wcm_lstm_sm",
                                        m_twin / "stations" / "ismn_twin_20190101_20191231.zip",
                                        folder / "scatter.csv", "fold", "1", "wcm_lstm", 2e-4);
        QVERIFY2(check.problem.empty(), check.problem.c_str());
        qInfo("map vs held-out predictions of fold 1: %zu pixel-dates, largest difference %.2g",
              check.compared, check.maxDiff);
        geo::Raster lstmMap(r["map"].get<std::string>());
        for (int b = 1; b <= 6; ++b)
            QCOMPARE(lstmMap.band(b).description.substr(12), map.band(b).description.substr(7));
        QVERIFY(testing::metricOf(r, "map check", "map_stations", "r_station_model") > 0.9999);
        QVERIFY(testing::metricOf(r, "map check", "map_stations", "max_abs_diff") < 1e-4);
    }
};

QTEST_APPLESS_MAIN(TestWcmLstm)
#include "test_wcm_lstm.moc"
