// Task "runs": lists and shows the runs of a run store.
#include "base/error.h"
#include "project/run_store.h"
#include "tasks/task_registry.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace soilscope;
using namespace soilscope::tasks;

namespace {
TaskResult runTask(const std::map<std::string, std::string>& raw) {
    auto task = TaskRegistry::instance().create("runs");
    const auto values = ParameterValues::fromText(task->parameters(), raw);
    task->validate(values);
    Feedback feedback;
    return task->run(values, feedback);
}
} // namespace

class TestRunsTask : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void listsAndShowsRuns() {
        QTemporaryDir tmp;
        const std::string file = tmp.filePath("runs.sqlite").toStdString();
        std::int64_t id = 0;
        {
            project::RunStore store(file);
            id =
                store.beginRun("p.soilscope.json", {{"project", {{"model", {{"family", "mlp"}}}}}});
            store.addEpochValues(id, 1, {{"train_loss", 0.4}});
            store.addEpochValues(id, 2, {{"train_loss", 0.3}});
            store.addMetrics(id, "pooled", "", {{"rmse", 0.042}, {"r", 0.81}});
            store.addMetrics(id, "station", "S1", {{"rmse", 0.05}});
            store.setStatus(id, "finished");
            store.beginRun("p.soilscope.json", nlohmann::json::object());
        }
        const auto list = runTask({{"store", file}});
        QCOMPARE(list.json["runs"].size(), std::size_t(2));
        QCOMPARE(list.json["runs"][0]["model"].get<std::string>(), std::string("mlp"));
        QCOMPARE(list.json["runs"][0]["rmse"].get<double>(), 0.042);
        QVERIFY(list.json["runs"][1]["rmse"].is_null());
        QVERIFY(list.summary.find("finished") != std::string::npos);
        const auto show = runTask({{"store", file}, {"run", std::to_string(id)}});
        QCOMPARE(show.json["run"]["epochs"]["2"]["train_loss"].get<double>(), 0.3);
        QCOMPARE(show.json["run"]["metrics"]["station"]["S1"]["rmse"].get<double>(), 0.05);
        QVERIFY(show.summary.find("rmse = 0.042") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(Error, runTask({{"store", file}, {"run", "99"}}));
        QVERIFY_THROWS_EXCEPTION(Error,
                                 runTask({{"store", tmp.filePath("none.sqlite").toStdString()}}));
        QVERIFY_THROWS_EXCEPTION(UsageError, runTask({}));
    }
};

QTEST_APPLESS_MAIN(TestRunsTask)
#include "test_runs_task.moc"
