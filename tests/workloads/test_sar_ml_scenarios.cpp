// sar_ml_scenarios in quick mode on the tiny twin: every scenario yields finite RMSEs for both
// selections, oracle never loses to honest, the scenarios train on matched sample counts (the
// regional one on its network's stations, tested on the campaign map), the
// prediction map is written, outputs are readable, bad options are rejected.
#include "base/error.h"
#include "workload_test_support.h"

#include <QTest>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace soilscope;

class TestSarMlScenarios : public QObject {
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
        const auto r = testing::runQuick(m_twin, "sar_ml_scenarios", rec).json;
        for (const char* sc : {"dependent", "temporal", "spatial", "regional"}) {
            if (!r["median_rmse"].contains(sc))
                continue; // a scenario may be skipped on tiny data
            const double rmse = r["median_rmse"][sc].get<double>();
            QVERIFY2(std::isfinite(rmse) && rmse > 0 && rmse < 0.5, sc);
        }
        QVERIFY(r["median_rmse"].size() >= 2);
        // the oracle picks the best test score among the same draws: never worse than honest
        for (const auto& m : r["metrics"]) {
            const std::string g = m["group"];
            if (g.size() < 7 || g.substr(g.size() - 7) != "/honest")
                continue;
            const std::string base = g.substr(0, g.size() - 7);
            const double honest = m["values"]["median_rmse"];
            const double oracle = testing::metricOf(r, "scenario", base + "/oracle", "median_rmse");
            QVERIFY2(oracle <= honest + 1e-9, base.c_str());
        }
        const std::string problem = testing::checkReportAndStore(r, {"median_rmse", "median_r"});
        QVERIFY2(problem.empty(), problem.c_str());
        std::ifstream csv(std::filesystem::path(r["folder"].get<std::string>()) /
                          "scenario_results.csv");
        std::string header;
        std::getline(csv, header);
        QVERIFY(header.rfind("scenario,size,repeat,method,selection", 0) == 0);
        int rows = 0;
        std::map<std::string, std::set<std::string>> sizes; // scenario → sizes
        bool mlpDrawsTraining = true;
        for (std::string line; std::getline(csv, line);) {
            ++rows;
            std::vector<std::string> f;
            std::stringstream ss(line);
            for (std::string cell; f.size() < 9 && std::getline(ss, cell, ',');)
                f.push_back(cell);
            QVERIFY(f.size() == 9);
            // matched sizes: the training part plus its validation share is the size
            QCOMPARE(std::stoll(f[5]) + std::stoll(f[6]), std::stoll(f[1]));
            sizes[f[0]].insert(f[1]);
            // the MLP's learning rate and α are searched (Adam's lr and weight decay)
            if (f[3] == "mlp")
                mlpDrawsTraining =
                    mlpDrawsTraining && line.find("training.optimizer.lr") != std::string::npos &&
                    line.find("training.optimizer.weight_decay") != std::string::npos;
        }
        QVERIFY(mlpDrawsTraining);
        QVERIFY(rows >= 8); // ≥ 2 scenarios × 4 methods × honest/oracle
        // the regional scenario trains on one network's stations and tests on the campaign map
        QVERIFY(sizes.count("regional") == 1 && sizes.at("regional").size() == 1);
        QVERIFY(r["median_rmse"].contains("regional"));
        QVERIFY(readTextFile(r["report"].get<std::string>())
                    .find("regional scenario (campaign map) the hardest") != std::string::npos);
        sizes.erase("regional");
        for (const auto& [sc, set] : sizes)
            QCOMPARE(set, sizes.begin()->second);
        QVERIFY(r["matched_sizes"].is_array() && !r["matched_sizes"].empty());
        const std::filesystem::path map =
            std::filesystem::path(r["folder"].get<std::string>()) / "dependent_best_honest_map.tif";
        QVERIFY2(std::filesystem::is_regular_file(map), map.string().c_str());
        QVERIFY(r["map"]["valid_pixels"].get<std::size_t>() > 0);
        QVERIFY(rec.lastProgress >= 99.0);
    }

    void unknownOptionIsRejected() {
        auto p = project::loadProject(m_twin / "projects" / "sar_ml_scenarios.soilscope.json");
        p.training = {{"workload", {{"no_such_option", 1}}}};
        testing::Recorder rec;
        workloads::WorkloadOptions o;
        o.quick = true;
        o.device = "cpu";
        try {
            workloads::runWorkload(p, o, rec);
            QFAIL("an unknown option was accepted");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("no_such_option") != std::string::npos);
        }
    }
};

QTEST_APPLESS_MAIN(TestSarMlScenarios)
#include "test_sar_ml_scenarios.moc"
