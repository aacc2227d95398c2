// runUnits: units spread over the processes of a group, committed for --resume, errors and
// cancellation reaching every process, nested runs kept local; assignUnits balances by cost.
#include "base/error.h"
#include "base/process_group.h"
#include "base/unit_runner.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <fstream>
#include <thread>

using namespace soilscope;
namespace fs = std::filesystem;

namespace {

/// Process `rank` of 2; the other process's status and units are given by the test.
class OneOfTwo : public ProcessGroup {
  public:
    OneOfTwo(int rank, std::string otherStatus, std::string otherUnits = "{}")
        : m_rank(rank), m_otherStatus(std::move(otherStatus)), m_otherUnits(std::move(otherUnits)) {
    }
    int rank() const override { return m_rank; }
    int size() const override { return 2; }
    int localSize() const override { return 2; } // both on this machine
    std::vector<std::string> allGather(const std::string& mine) override {
        ++gathers;
        return m_rank == 0 ? std::vector<std::string>{mine, m_otherStatus}
                           : std::vector<std::string>{m_otherStatus, mine};
    }
    std::vector<std::string> gather(const std::string& mine) override {
        ++gathers;
        if (m_rank != 0)
            return {};
        // results travel as MessagePack
        const auto packed = nlohmann::json::to_msgpack(nlohmann::json::parse(m_otherUnits));
        return {mine, std::string(packed.begin(), packed.end())};
    }
    std::string broadcast(const std::string&) override { return "attempt"; }
    int gathers = 0;

  private:
    int m_rank;
    std::string m_otherStatus, m_otherUnits;
};

struct GroupGuard {
    explicit GroupGuard(std::unique_ptr<ProcessGroup> g) { installProcessGroup(std::move(g)); }
    ~GroupGuard() { installProcessGroup(nullptr); }
};

} // namespace

class TestUnitRunner : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void unitsAreAssignedRoundRobinOrByCost() {
        QCOMPARE(assignUnits(5, 2), (std::vector<std::size_t>{0, 1, 0, 1, 0}));
        // costs 4, 3, 2, 1, 1, 1: longest first to the least loaded gives 6 and 6
        const auto owner = assignUnits(6, 2, {1, 4, 1, 3, 2, 1});
        double load[2] = {0, 0};
        const double costs[] = {1, 4, 1, 3, 2, 1};
        for (std::size_t i = 0; i < owner.size(); ++i)
            load[owner[i]] += costs[i];
        QCOMPARE(load[0], 6.0);
        QCOMPARE(load[1], 6.0);
        QCOMPARE(assignUnits(3, 1, {3, 2, 1}), (std::vector<std::size_t>{0, 0, 0}));
    }

    void processesShareTheCoresOnlyWhileTheirUnitsRun() {
        const int cores = std::max(1, int(std::thread::hardware_concurrency()));
        const GroupGuard guard(
            std::make_unique<OneOfTwo>(0, R"({"computed": 1, "resumed": 0})", R"({"1": 0})"));
        QCOMPARE(processorShare(), cores); // process 0 alone: the others wait for it
        Feedback feedback;
        int inside = 0;
        runUnits(
            2,
            [&](std::size_t, Feedback&) {
                inside = processorShare();
                return nlohmann::json(0);
            },
            feedback);
        QCOMPARE(inside, std::max(1, cores / 2));
        QCOMPARE(processorShare(), cores);
    }

    void finishedUnitsAreCommittedAndResumed() {
        QTemporaryDir tmp;
        const fs::path ledger = fs::path(tmp.path().toStdString()) / "units" / "run-1";
        Feedback feedback;
        int calls = 0;
        const UnitFunction square = [&](std::size_t i, Feedback&) {
            ++calls;
            return nlohmann::json(double(i * i) + 0.1);
        };
        UnitRunReport report;
        const auto first = runUnits(4, square, feedback, ledger, &report);
        QCOMPARE(calls, 4);
        QCOMPARE(report.computed, std::size_t(4));
        QCOMPARE(first[3].get<double>(), 9.1);
        QVERIFY(fs::exists(ledger / "unit-2.json"));

        std::ofstream(ledger / "unit-1.json") << "{\"unit\": 1, \"res"; // cut short by a kill
        fs::remove(ledger / "unit-3.json");
        calls = 0;
        const auto second = runUnits(4, square, feedback, ledger, &report);
        QCOMPARE(calls, 2);
        QCOMPARE(report.resumed, std::size_t(2));
        QCOMPARE(report.computed, std::size_t(2));
        QCOMPARE(second, first);
    }

    void resultsOfEveryProcessArriveInUnitOrderOnTheRoot() {
        auto group = std::make_unique<OneOfTwo>(0, R"({"computed": 2, "resumed": 0})",
                                                R"({"1": "one", "3": "three"})");
        OneOfTwo* fake = group.get();
        const GroupGuard guard(std::move(group));
        Feedback feedback;
        std::vector<std::size_t> mine;
        UnitRunReport report;
        const auto results = runUnits(
            4,
            [&](std::size_t i, Feedback& f) {
                mine.push_back(i);
                // a run inside a unit stays on this process: no gather of its own
                const auto inner = runUnits(
                    2, [](std::size_t k, Feedback&) { return nlohmann::json(k); }, f);
                return nlohmann::json("unit " + std::to_string(i) + "/" +
                                      std::to_string(inner.size()));
            },
            feedback, {}, &report);
        QCOMPARE(mine, (std::vector<std::size_t>{0, 2}));
        QCOMPARE(fake->gathers, 2); // the statuses to all, the results to the root
        QCOMPARE(results, (std::vector<nlohmann::json>{"unit 0/2", "one", "unit 2/2", "three"}));
        QCOMPARE(report.computed, std::size_t(4));
        QCOMPARE(report.processes, 2);
    }

    void theOtherProcessesComputeButReceiveNothing() {
        const GroupGuard guard(std::make_unique<OneOfTwo>(1, R"({"computed": 2, "resumed": 0})"));
        Feedback feedback;
        std::vector<std::size_t> mine;
        const auto results = runUnits(
            4,
            [&](std::size_t i, Feedback&) {
                mine.push_back(i);
                return nlohmann::json(i);
            },
            feedback);
        QCOMPARE(mine, (std::vector<std::size_t>{1, 3}));
        QCOMPARE(results, std::vector<nlohmann::json>(4));
    }

    void withALedgerFreeProcessesClaimTheNextUnit() {
        QTemporaryDir tmp;
        const fs::path ledger = tmp.path().toStdString();
        // the other process has claimed units 1 and 2 of this attempt; a claim of an earlier
        // attempt (a killed run) does not count
        for (const char* name : {"claim-1-attempt", "claim-2-attempt", "claim-0-earlier"})
            std::ofstream(ledger / name) << "";
        const GroupGuard guard(std::make_unique<OneOfTwo>(0, R"({"computed": 2, "resumed": 0})",
                                                          R"({"1": 10, "2": 20})"));
        Feedback feedback;
        std::vector<std::size_t> mine;
        const auto results = runUnits(
            4,
            [&](std::size_t i, Feedback&) {
                mine.push_back(i);
                return nlohmann::json(i * 10);
            },
            feedback, ledger);
        QCOMPARE(mine, (std::vector<std::size_t>{0, 3}));
        QCOMPARE(results, (std::vector<nlohmann::json>{0, 10, 20, 30}));
        QVERIFY(fs::exists(ledger / "claim-3-attempt"));
        QVERIFY(fs::exists(ledger / "unit-3.json"));
    }

    void aPinnedFirstUnitRunsOnTheRootAndIsAlwaysComputed() {
        QTemporaryDir tmp;
        const fs::path ledger = tmp.path().toStdString();
        // units 0 and 2 were committed by a killed run; the other process claims nothing yet
        for (const std::size_t i : {0, 2})
            std::ofstream(ledger / ("unit-" + std::to_string(i) + ".json"))
                << R"({"unit": )" << i << R"(, "result": )" << i * 10 << "}";
        std::vector<std::size_t> mine;
        const UnitFunction tenfold = [&](std::size_t i, Feedback&) {
            mine.push_back(i);
            return nlohmann::json(i * 10);
        };
        Feedback feedback;
        {
            const GroupGuard guard(
                std::make_unique<OneOfTwo>(0, R"({"computed": 0, "resumed": 0})"));
            UnitRunReport report;
            const auto results = runUnits(4, tenfold, feedback, ledger, &report, {}, true);
            // unit 0 computed again (its side effects are wanted), 2 read back, 1 and 3 claimed
            QCOMPARE(mine, (std::vector<std::size_t>{0, 1, 3}));
            QCOMPARE(report.resumed, std::size_t(1));
            QCOMPARE(results, (std::vector<nlohmann::json>{0, 10, 20, 30}));
            QVERIFY(!fs::exists(ledger / "claim-0-attempt"));
        }
        // another process never takes unit 0, even when it is free first
        mine.clear();
        for (const auto& entry : fs::directory_iterator(ledger))
            fs::remove(entry.path());
        const GroupGuard guard(std::make_unique<OneOfTwo>(1, R"({"computed": 1, "resumed": 0})"));
        runUnits(4, tenfold, feedback, ledger, nullptr, {}, true);
        QCOMPARE(mine, (std::vector<std::size_t>{1, 2, 3}));
    }

    void anotherProcesssErrorIsRethrownHere() {
        const GroupGuard guard(std::make_unique<OneOfTwo>(
            1, R"({"failure": {"kind": "error", "message": "disk full", "context": "/x/y.tif"}})"));
        Feedback feedback;
        try {
            runUnits(
                4, [](std::size_t i, Feedback&) { return nlohmann::json(i); }, feedback);
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.message(), std::string("disk full"));
            QCOMPARE(e.context(), std::string("/x/y.tif"));
        }
    }

    void anErrorBeatsACancellation() {
        const GroupGuard guard(
            std::make_unique<OneOfTwo>(0, R"({"failure": {"kind": "canceled"}})"));
        Feedback feedback;
        QVERIFY_THROWS_EXCEPTION(Error, runUnits(
                                            2,
                                            [](std::size_t, Feedback&) -> nlohmann::json {
                                                throw Error("bad band", "a.tif");
                                            },
                                            feedback));
        QVERIFY_THROWS_EXCEPTION(
            CanceledError,
            runUnits(
                2, [](std::size_t i, Feedback&) { return nlohmann::json(i); }, feedback));
    }
};

QTEST_GUILESS_MAIN(TestUnitRunner)
#include "test_unit_runner.moc"
