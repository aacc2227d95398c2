// The SQLite run store: runs, per-epoch history and metrics round trip; the unfinished run
// --resume takes up; bad files.
#include "base/error.h"
#include "project/run_store.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace soilscope;
using namespace soilscope::project;

class TestRunStore : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void roundTrip() {
        QTemporaryDir tmp;
        const std::filesystem::path file = tmp.filePath("sub/runs.sqlite").toStdString();
        std::int64_t id = 0;
        {
            RunStore store(file);
            id = store.beginRun("demo.soilscope.json",
                                {{"model", {{"family", "mlp"}}}, {"seed", 3}});
            store.addEpochValues(id, 1, {{"train_loss", 0.5}, {"val_loss", 0.6}});
            store.addEpochValues(id, 2, {{"train_loss", 0.25}, {"val_loss", std::nan("")}});
            store.addMetrics(id, "pooled", "", {{"rmse", 0.04}, {"r", 0.8}});
            store.addMetrics(id, "station", "REMEDHUS-K10", {{"rmse", 0.05}});
            store.setStatus(id, "finished");
            const auto other = store.beginRun("other", nlohmann::json::object());
            QVERIFY(other > id);
        }
        RunStore store(file); // reopened: everything persisted
        const auto runs = store.runs();
        QCOMPARE(runs.size(), std::size_t(2));
        QCOMPARE(runs[0].id, id);
        QCOMPARE(runs[0].status, std::string("finished"));
        QCOMPARE(runs[0].project, std::string("demo.soilscope.json"));
        QCOMPARE(runs[0].config["seed"].get<int>(), 3);
        QVERIFY(!runs[0].started.empty());
        QCOMPARE(runs[1].status, std::string("running"));
        const auto epochs = store.epochs(id);
        QCOMPARE(epochs.size(), std::size_t(4));
        QCOMPARE(epochs[0].epoch, 1);
        QCOMPARE(epochs[2].epoch, 2);
        QVERIFY(std::isnan(epochs[3].value)); // NaN is stored as NULL and read back as NaN
        const auto metrics = store.metrics(id);
        QCOMPARE(metrics.size(), std::size_t(3));
        QCOMPARE(metrics[2].scope, std::string("station"));
        QCOMPARE(metrics[2].group, std::string("REMEDHUS-K10"));
        QCOMPARE(metrics[2].value, 0.05);
        QVERIFY(store.run(id).has_value());
        QVERIFY(!store.run(999).has_value());
        QVERIFY(store.removeRun(id));
        QVERIFY(!store.removeRun(id));
        QVERIFY(store.epochs(id).empty());
        QVERIFY(store.metrics(id).empty());
        QVERIFY_THROWS_EXCEPTION(Error, store.setStatus(999, "failed"));
    }

    void theLatestUnfinishedRunWithTheSameSettingsIsReopened() {
        QTemporaryDir tmp;
        RunStore store(tmp.filePath("runs.sqlite").toStdString());
        const nlohmann::json config = {{"sizes", {0.5, 1}}, {"repeats", 2}};
        QCOMPARE(store.latestUnfinished(config), std::int64_t(0));
        const auto failed = store.beginRun("p", config);
        store.setStatus(failed, "failed");
        const auto killed = store.beginRun("p", config); // still "running": killed
        store.addMetrics(killed, "pooled", "", {{"rmse", 0.1}});
        store.addEpochValues(killed, 1, {{"train_loss", 0.5}});
        const auto other = store.beginRun("p", {{"sizes", {0.5, 1}}, {"repeats", 3}});
        store.setStatus(store.beginRun("p", config), "finished");
        QCOMPARE(store.latestUnfinished(config), killed);
        QVERIFY(store.latestUnfinished(config) != other);
        store.reopenRun(killed);
        QCOMPARE(store.run(killed)->status, std::string("running"));
        QVERIFY(store.metrics(killed).empty());
        QVERIFY(store.epochs(killed).empty());
    }

    void notAStoreGivesACleanError() {
        QTemporaryDir tmp;
        const std::string file = tmp.filePath("junk.sqlite").toStdString();
        {
            std::ofstream out(file);
            out << "this is not an SQLite database, just text that is long enough to matter....";
        }
        try {
            RunStore store(file);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QCOMPARE(e.context(), file);
        }
    }
};

QTEST_APPLESS_MAIN(TestRunStore)
#include "test_run_store.moc"
