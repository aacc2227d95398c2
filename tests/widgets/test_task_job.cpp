// TaskJob and JobQueue: a task runs on a worker thread, its Feedback arrives as queued signals,
// it can be canceled, queued jobs wait their turn, and the event loop is never blocked.
#include "base/error.h"
#include "tasks/task_registry.h"
#include "widgets/job_queue.h"
#include "widgets/task_job.h"

#include "event_loop_gap_meter.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <chrono>
#include <thread>

using namespace soilscope;

namespace {

/// Counts to `steps`, sleeping `ms` per step, reporting progress and a metric; checks cancel.
class CountTask : public tasks::Task {
  public:
    tasks::TaskInfo info() const override {
        return {"test-count", "Count slowly", "Counts for tests.", "Test", {}};
    }
    std::vector<soilscope::ParameterSpec> parameters() const override {
        return {soilscope::intParam("steps", "steps", 10, 1, 100000),
                soilscope::intParam("ms", "sleep per step", 10, 0, 10000),
                soilscope::boolParam("fail", "throw an error")};
    }
    std::vector<soilscope::OutputSpec> outputs() const override { return {}; }
    tasks::TaskResult run(const soilscope::ParameterValues& v,
                          soilscope::Feedback& feedback) override {
        if (v.flag("fail"))
            throw Error("bad input file", "/nowhere/x.tif");
        const long long steps = v.integer("steps");
        for (long long i = 0; i < steps; ++i) {
            feedback.throwIfCanceled();
            std::this_thread::sleep_for(std::chrono::milliseconds(v.integer("ms")));
            feedback.metric(static_cast<int>(i), "train_loss", 1.0 / (i + 1));
            feedback.setProgress(100.0 * (i + 1) / steps);
        }
        feedback.info("counted");
        tasks::TaskResult r;
        r.json["steps"] = steps;
        r.json["thread_differs"] = true;
        return r;
    }
};

} // namespace

SOILSCOPE_REGISTER_TASK(CountTask, "test-count")

class TestTaskJob : public QObject {
    Q_OBJECT
  private:
    static bool waitDone(widgets::TaskJob* job, int ms = 20000) {
        return QTest::qWaitFor([job] { return job->isDone(); }, ms);
    }

  private Q_SLOTS:
    void runsOnAWorkerAndReports() {
        widgets::TaskJob job(QStringLiteral("test-count"), {{"steps", "20"}, {"ms", "5"}});
        QCOMPARE(job.title(), QStringLiteral("Count slowly"));
        QSignalSpy progress(&job, &widgets::TaskJob::progressChanged);
        QSignalSpy metrics(&job, &widgets::TaskJob::metricReported);
        QSignalSpy messages(&job, &widgets::TaskJob::messageLogged);
        QSignalSpy finished(&job, &widgets::TaskJob::finished);
        job.start();
        QCOMPARE(job.state(), widgets::TaskJob::State::Running);
        QVERIFY(waitDone(&job));
        QCOMPARE(job.state(), widgets::TaskJob::State::Succeeded);
        QCOMPARE(finished.count(), 1);
        QVERIFY(progress.count() >= 1);
        QCOMPARE(progress.last().at(0).toDouble(), 100.0);
        QCOMPARE(metrics.count(), 20);
        QCOMPARE(metrics.at(3).at(1).toString(), QStringLiteral("train_loss"));
        QCOMPARE(metrics.at(3).at(2).toDouble(), 0.25);
        QCOMPARE(messages.count(), 1);
        QCOMPARE(job.resultJson().value(QStringLiteral("steps")).toInt(), 20);
        QVERIFY(job.elapsedSeconds() > 0.05);
    }

    void errorsBecomeAFailedOutcome() {
        widgets::TaskJob job(QStringLiteral("test-count"), {{"fail", "true"}});
        job.start();
        QVERIFY(waitDone(&job));
        QCOMPARE(job.state(), widgets::TaskJob::State::Failed);
        QVERIFY(job.errorMessage().contains(QStringLiteral("bad input file")));
        QVERIFY(job.errorMessage().contains(QStringLiteral("/nowhere/x.tif")));
        widgets::TaskJob unknown(QStringLiteral("no-such-task"), {});
        unknown.start();
        QVERIFY(waitDone(&unknown));
        QCOMPARE(unknown.state(), widgets::TaskJob::State::Failed);
        widgets::TaskJob bad(QStringLiteral("test-count"), {{"steps", "-5"}});
        bad.start();
        QVERIFY(waitDone(&bad));
        QVERIFY(bad.errorMessage().contains(QStringLiteral("--steps")));
    }

    void cancelStopsTheTask() {
        widgets::TaskJob job(QStringLiteral("test-count"), {{"steps", "100000"}, {"ms", "2"}});
        QSignalSpy progress(&job, &widgets::TaskJob::progressChanged);
        job.start();
        QVERIFY(QTest::qWaitFor([&] { return progress.count() > 0; }, 10000));
        QElapsedTimer clock;
        clock.start();
        job.cancel();
        QVERIFY(waitDone(&job, 5000));
        QVERIFY(clock.elapsed() < 2000);
        QCOMPARE(job.state(), widgets::TaskJob::State::Canceled);
        QVERIFY(job.resultJson().isEmpty());
    }

    void queueRunsOneAtATime() {
        widgets::JobQueue queue;
        QCOMPARE(queue.maxConcurrent(), 1);
        auto* a = queue.submit(QStringLiteral("test-count"), {{"steps", "10"}, {"ms", "10"}});
        auto* b = queue.submit(QStringLiteral("test-count"), {{"steps", "5"}, {"ms", "10"}});
        auto* c = queue.submit(QStringLiteral("test-count"), {{"steps", "5"}, {"ms", "10"}});
        QCOMPARE(a->state(), widgets::TaskJob::State::Running);
        QCOMPARE(b->state(), widgets::TaskJob::State::Queued);
        QCOMPARE(queue.pendingCount(), 2);
        c->cancel(); // a queued job is canceled at once and never starts
        QCOMPARE(c->state(), widgets::TaskJob::State::Canceled);
        QVERIFY(waitDone(b));
        QCOMPARE(a->state(), widgets::TaskJob::State::Succeeded);
        QCOMPARE(b->state(), widgets::TaskJob::State::Succeeded);
        queue.clearFinished();
        QCOMPARE(queue.jobs().size(), 0);
    }

    void workRunsWithTheSameStates() {
        // A work job (the GUI's loads): progress, a thrown error's message, cancel
        widgets::TaskJob ok(
            [](Feedback& f) {
                f.setProgress(50);
                f.info("half");
            },
            QStringLiteral("Load something"));
        QVERIFY(!ok.isTask());
        QVERIFY(ok.taskId().isEmpty());
        QCOMPARE(ok.title(), QStringLiteral("Load something"));
        QSignalSpy progress(&ok, &widgets::TaskJob::progressChanged);
        ok.start();
        QVERIFY(waitDone(&ok));
        QCOMPARE(ok.state(), widgets::TaskJob::State::Succeeded);
        QCOMPARE(progress.first().at(0).toDouble(), 50.0);

        widgets::TaskJob failing([](Feedback&) { throw Error("not a raster", "/data/broken.tif"); },
                                 QStringLiteral("Raster broken.tif"));
        failing.start();
        QVERIFY(waitDone(&failing));
        QCOMPARE(failing.state(), widgets::TaskJob::State::Failed);
        QVERIFY(failing.errorMessage().contains(QStringLiteral("/data/broken.tif")));

        widgets::TaskJob endless(
            [](Feedback& f) {
                for (;;) {
                    f.throwIfCanceled();
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                }
            },
            QStringLiteral("Endless"));
        endless.start();
        QTest::qWait(20);
        endless.cancel();
        QVERIFY(waitDone(&endless, 5000));
        QCOMPARE(endless.state(), widgets::TaskJob::State::Canceled);
    }

    void workStartsBesideARunningTaskAndLeavesWhenDone() {
        widgets::JobQueue queue; // one task at a time
        auto* task = queue.submit(QStringLiteral("test-count"), {{"steps", "200"}, {"ms", "5"}});
        auto* waiting = queue.submit(QStringLiteral("test-count"), {{"steps", "1"}});
        QCOMPARE(waiting->state(), widgets::TaskJob::State::Queued);
        auto* load = new widgets::TaskJob([](Feedback&) {}, QStringLiteral("Load"));
        QSignalSpy removed(&queue, &widgets::JobQueue::jobRemoved);
        queue.enqueue(load);
        QCOMPARE(load->state(), widgets::TaskJob::State::Running); // not behind the task
        QVERIFY(QTest::qWaitFor([&] { return removed.count() == 1; }, 10000));
        QCOMPARE(queue.jobs().size(), 2); // a load that succeeded leaves the list
        QCOMPARE(task->state(), widgets::TaskJob::State::Running);
        QCOMPARE(waiting->state(), widgets::TaskJob::State::Queued);
        auto* broken = new widgets::TaskJob([](Feedback&) { throw Error("unreadable", "x.nc"); },
                                            QStringLiteral("Load x.nc"));
        queue.enqueue(broken);
        QVERIFY(waitDone(broken));
        QTest::qWait(10);
        QCOMPARE(queue.jobs().size(), 3); // a failed one stays, with its message
        queue.cancelAll();
        QVERIFY(waitDone(task));
    }

    void eventLoopStaysResponsive() {
        // A long job must never block the GUI thread: the largest gap between 10 ms timer
        // ticks while it runs stays below 100 ms.
        widgets::JobQueue queue;
        auto* job = queue.submit(QStringLiteral("test-count"), {{"steps", "150"}, {"ms", "10"}});
        testing::EventLoopGapMeter meter;
        QVERIFY(waitDone(job, 30000));
        meter.stop();
        QCOMPARE(job->state(), widgets::TaskJob::State::Succeeded);
        QVERIFY2(
            meter.worstGapMs() < 100,
            qPrintable(QStringLiteral("event loop blocked for %1 ms").arg(meter.worstGapMs())));
        QVERIFY(meter.ticks() > 50);
    }
};

QTEST_MAIN(TestTaskJob)
#include "test_task_job.moc"
