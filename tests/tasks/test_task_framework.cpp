#include "base/error.h"
#include "tasks/command_line.h"
#include "tasks/task_registry.h"
#include "tasks/task_runner.h"

#include <QtTest>
#include <thread>

using namespace soilscope;
using namespace soilscope::tasks;

namespace {

class CountingTask : public Task {
  public:
    TaskInfo info() const override { return {"test-count", "Count", "Counts to n.", "Test", {}}; }
    std::vector<ParameterSpec> parameters() const override {
        return {intParam("n", "how far", 10, 0, 1000000), choiceParam("mode", "m", {"a", "b"}, "a"),
                pathParam("input", "an input", false), boolParam("fail", "throw an Error"),
                stringParam("produce",
                            "the output to return (undeclared: one the task does not declare)",
                            "count")};
    }
    std::vector<OutputSpec> outputs() const override {
        return {{"count", OutputKind::JsonDocument, "how far it counted"}};
    }
    TaskResult run(const ParameterValues& v, Feedback& fb) override {
        if (v.flag("fail"))
            throw Error("the file is broken", "/tmp/x.tif");
        const auto n = v.integer("n");
        for (long long i = 0; i < n; ++i) {
            fb.throwIfCanceled();
            fb.setProgress(100.0 * i / n);
            if (n >= 1000000)
                std::this_thread::sleep_for(std::chrono::microseconds(50));
        }
        TaskResult r;
        r.json["n"] = n;
        r.json["mode"] = v.text("mode");
        r.outputs.push_back({v.text("produce"), OutputKind::JsonDocument, "", "", "", nullptr});
        return r;
    }
};

class RecordingFeedback : public Feedback {
  public:
    int progressCalls = 0;
    std::vector<std::string> messages;

  protected:
    void onProgress(double) override { ++progressCalls; }
    void onMessage(MessageLevel, const std::string& m) override { messages.push_back(m); }
};

} // namespace

SOILSCOPE_REGISTER_TASK(CountingTask, "test-count")

class TestTaskFramework : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void commandLineOfFormValues() {
        const std::vector<ParameterSpec> specs{
            pathParam("input", "in"), boolParam("anomalies", "a"), boolParam("seasonal", "s", true),
            intParam("window", "w", 12), ParameterSpec{.name = "set", .description = "settings"}};
        const std::string line = commandLine("validate", specs,
                                             {{"window", "12"},
                                              {"input", "/data/my files/it's.nc"},
                                              {"anomalies", "true"},
                                              {"seasonal", "false"},
                                              {"set", "training.epochs=3\nname=a b"},
                                              {"json", "true"}});
        QCOMPARE(line, std::string("soilscope-cli validate --input '/data/my files/it'\\''s.nc' "
                                   "--anomalies --seasonal false --set training.epochs=3 "
                                   "--set 'name=a b'"));
        // A POSIX shell reads the same words back.
        QProcess sh;
        sh.start("/bin/sh", {"-c", QString::fromStdString("printf '%s\\n' " + line)});
        QVERIFY(sh.waitForFinished(10000));
        const QStringList words = QString::fromUtf8(sh.readAllStandardOutput()).split('\n');
        QCOMPARE(words.at(3), QStringLiteral("/data/my files/it's.nc"));
        QCOMPARE(words.at(10), QStringLiteral("name=a b"));
        QCOMPARE(shellWord(""), std::string("''"));
    }

    void registryHandsOutFreshInstances() {
        auto a = TaskRegistry::instance().create("test-count");
        auto b = TaskRegistry::instance().create("test-count");
        QVERIFY(a && b);
        QVERIFY(a.get() != b.get());
        QVERIFY(!TaskRegistry::instance().create("no-such-task"));
    }
    void defaultsAreFilledAndTypesChecked() {
        CountingTask t;
        RecordingFeedback fb;
        auto ok = runTask(t, {{"n", "5"}}, fb);
        QCOMPARE(ok.status, TaskStatus::Succeeded);
        QCOMPARE(ok.result.json["n"].get<int>(), 5);
        QCOMPARE(ok.result.json["mode"].get<std::string>(), std::string("a"));
        QCOMPARE(runTask(t, {{"n", "abc"}}, fb).status, TaskStatus::UsageFailed);
        QCOMPARE(runTask(t, {{"n", "2.5"}}, fb).status, TaskStatus::UsageFailed);
        QCOMPARE(runTask(t, {{"n", "-1"}}, fb).status, TaskStatus::UsageFailed);
        QCOMPARE(runTask(t, {{"mode", "c"}}, fb).status, TaskStatus::UsageFailed);
        QCOMPARE(runTask(t, {{"bogus", "1"}}, fb).status, TaskStatus::UsageFailed);
    }
    void errorsCarryTheirContext() {
        CountingTask t;
        RecordingFeedback fb;
        auto out = runTask(t, {{"fail", "true"}}, fb);
        QCOMPARE(out.status, TaskStatus::Failed);
        QVERIFY(out.errorMessage.find("/tmp/x.tif") != std::string::npos);
        QVERIFY(out.errorMessage.find("broken") != std::string::npos);
    }
    void progressIsThrottled() {
        CountingTask t;
        RecordingFeedback fb;
        auto out = runTask(t, {{"n", "100000"}}, fb);
        QCOMPARE(out.status, TaskStatus::Succeeded);
        QVERIFY(fb.progressCalls <= 102);
        QVERIFY(fb.progressCalls >= 2);
        QCOMPARE(fb.progress(), 100.0);
    }
    void cancelFromAnotherThreadIsAnOutcome() {
        CountingTask t;
        RecordingFeedback fb;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            fb.cancel();
        });
        auto out = runTask(t, {{"n", "1000000"}}, fb);
        canceller.join();
        QCOMPARE(out.status, TaskStatus::Canceled);
    }
    void producedOutputsAreDeclaredOnes() {
        CountingTask t;
        RecordingFeedback fb;
        const auto ok = runTask(t, {{"n", "3"}}, fb);
        QCOMPARE(int(ok.status), int(TaskStatus::Succeeded));
        QCOMPARE(ok.result.json["outputs"].size(), std::size_t(1));
        QCOMPARE(ok.result.json["outputs"][0]["description"].get<std::string>(),
                 std::string("how far it counted"));
        const auto bad = runTask(t, {{"n", "3"}, {"produce", "undeclared"}}, fb);
        QCOMPARE(int(bad.status), int(TaskStatus::Failed));
        QVERIFY2(bad.errorMessage.find("'undeclared'") != std::string::npos,
                 bad.errorMessage.c_str());
    }
    void outputKindNamesRoundTrip() {
        for (const OutputKind k : outputKinds())
            QCOMPARE(int(*outputKindFromName(outputKindName(k))), int(k));
        QVERIFY(!outputKindFromName("movie"));
        const OutputValue v{"pairs", OutputKind::SeriesPairs, "/tmp/p.csv", "x", "d", nullptr};
        const OutputValue back = OutputValue::fromJson(v.toJson());
        QCOMPARE(back.path, v.path);
        QCOMPARE(int(back.kind), int(v.kind));
        QCOMPARE(back.label, v.label);
    }
    void describeListsParameters() {
        CountingTask t;
        auto j = describeTask(t);
        QCOMPARE(j["parameters"].size(), std::size_t(5));
        QCOMPARE(j["outputs"].size(), std::size_t(1));
        QCOMPARE(j["outputs"][0]["name"].get<std::string>(), std::string("count"));
        QCOMPARE(j["outputs"][0]["kind"].get<std::string>(), std::string("json"));
        QCOMPARE(j["parameters"][1]["choices"].size(), std::size_t(2));
        QCOMPARE(j["parameters"][0]["minimum"].get<double>(), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestTaskFramework)
#include "test_task_framework.moc"
