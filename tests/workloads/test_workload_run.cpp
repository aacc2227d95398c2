// A workload run's report says when training restored the best validation epoch instead of
// keeping the last one (training.restore_best), and in how many of its trainings.
#include "workload_test_support.h"

#include "workloads/workload_run.h"

#include <QtTest>

#include <fstream>
#include <sstream>

using namespace soilscope;

namespace {
training::TrainResult trained(int bestEpoch, int epochsRun) {
    training::TrainResult r;
    r.bestEpoch = bestEpoch;
    r.epochsRun = epochsRun;
    return r;
}

std::string reportOf(const workloads::WorkloadResult& result) {
    std::ifstream in(result.json.at("report").get<std::string>());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}
} // namespace

class TestWorkloadRun : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::filesystem::path m_twin;

  private Q_SLOTS:
    void initTestCase() {
        const std::string error = testing::makeTinyTwin(m_dir, m_twin);
        QVERIFY2(error.empty(), error.c_str());
    }

    void restoredBestEpochsAreAFinding() {
        const auto project =
            project::loadProject(m_twin / "projects" / "lstm_s1_s2_weather.soilscope.json");
        Feedback feedback;
        training::TrainSettings settings;
        std::string report;
        {
            workloads::WorkloadRun run(project, {}, feedback, nlohmann::json::object());
            run.addTraining("fold A", trained(7, 20), settings);
            run.addTraining("fold B", trained(20, 20), settings); // the last epoch was the best
            run.addTraining("fold C", trained(0, 20), settings);  // no validation part
            report = reportOf(run.finish("test", nlohmann::json::object()));
        }
        QVERIFY2(report.find("replaced the last epoch's in 1 of 2 trainings") != std::string::npos,
                 report.c_str());
        QVERIFY2(report.find("fold A: epoch 7 of 20") != std::string::npos, report.c_str());

        settings.restoreBest = false;
        workloads::WorkloadRun kept(project, {}, feedback, nlohmann::json::object());
        kept.addTraining("fold A", trained(7, 20), settings);
        QVERIFY(reportOf(kept.finish("test", nlohmann::json::object())).find("best validation") ==
                std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestWorkloadRun)
#include "test_workload_run.moc"
