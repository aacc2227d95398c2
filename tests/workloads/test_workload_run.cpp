// A workload run's report says when training restored the best validation epoch instead of
// keeping the last one (training.restore_best), and in how many of its trainings; a killed run
// is taken up by --resume at the units it had not finished.
#include "workload_test_support.h"

#include "base/error.h"
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

    void aKilledRunIsTakenUpByResumeAtItsUnfinishedUnits() {
        const auto project =
            project::loadProject(m_twin / "projects" / "lstm_s1_s2_weather.soilscope.json");
        const nlohmann::json settings = {{"case", "resume"}};
        Feedback feedback;
        std::vector<std::size_t> computed;
        std::size_t failAt = 99;
        const UnitFunction square = [&](std::size_t i, Feedback&) {
            if (i == failAt)
                throw Error("node lost");
            computed.push_back(i);
            return nlohmann::json(i * i);
        };
        std::int64_t killed = 0;
        {
            workloads::WorkloadRun run(project, {}, feedback, settings);
            killed = run.id();
            run.units(3, square, feedback);
            failAt = 2; // the second call stops after its units 0 and 1
            QVERIFY_THROWS_EXCEPTION(Error, run.units(4, square, feedback, true));
        }
        project::RunStore store(project.outputs.folder / "runs.sqlite");
        QCOMPARE(store.run(killed)->status, std::string("failed"));

        failAt = 99;
        computed.clear();
        workloads::WorkloadOptions resume;
        resume.resume = true;
        workloads::WorkloadRun again(project, resume, feedback, settings);
        QCOMPARE(again.id(), killed);
        QCOMPARE(store.run(killed)->status, std::string("running"));
        QCOMPARE(again.units(3, square, feedback),
                 (std::vector<nlohmann::json>{0u, 1u, 4u})); // all read back
        QVERIFY(computed.empty());
        QCOMPARE(again.units(4, square, feedback, true),
                 (std::vector<nlohmann::json>{0u, 1u, 4u, 9u}));
        // the first unit is computed again for its side effects, unit 1 read back
        QCOMPARE(computed, (std::vector<std::size_t>{0, 2, 3}));
        const auto result = again.finish("test", nlohmann::json::object());
        QCOMPARE(result.json.at("units").at("resumed").get<int>(), 4);
        QCOMPARE(result.json.at("units").at("computed").get<int>(), 3);
        const std::string report = reportOf(result);
        QVERIFY2(report.find("4 of 7 units were read back") != std::string::npos, report.c_str());
        QVERIFY(!std::filesystem::exists(project.outputs.folder / "units"));
        QCOMPARE(store.run(killed)->status, std::string("finished"));

        // nothing unfinished with these settings: a new run
        const workloads::WorkloadRun fresh(project, resume, feedback, settings);
        QVERIFY(fresh.id() > killed);
    }
};

QTEST_APPLESS_MAIN(TestWorkloadRun)
#include "test_workload_run.moc"
