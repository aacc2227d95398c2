#include "series/quality_flags.h"
#include "series/temporal_matching.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace soilscope;
using namespace soilscope::series;

namespace {

TimePoint at(long long seconds) {
    return TimePoint{std::chrono::seconds{seconds}};
}

TimeSeries makeSeries(std::initializer_list<std::pair<long long, double>> obs) {
    TimeSeries s;
    for (const auto& [t, v] : obs)
        s.push(at(t), v);
    return s;
}

/// Nearest match by exhaustive search, for comparison.
MatchedPairs bruteForce(const TimeSeries& ref, const TimeSeries& cand, const MatchOptions& o) {
    MatchedPairs out;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        if (!std::isfinite(ref.values[i]))
            continue;
        long long best = -1;
        long long bestDist = 0;
        for (std::size_t j = 0; j < cand.size(); ++j) {
            const bool valid = std::isfinite(cand.values[j]);
            if (!valid && o.mode == MatchingMode::Nearest)
                continue;
            const long long d = std::llabs((cand.times[j] - ref.times[i]).count());
            if (d > o.window.count())
                continue;
            if (best < 0 || d < bestDist || (d == bestDist && cand.times[j] > cand.times[best])) {
                best = static_cast<long long>(j);
                bestDist = d;
            }
        }
        if (best < 0 || !std::isfinite(cand.values[static_cast<std::size_t>(best)]))
            continue;
        out.times.push_back(ref.times[i]);
        out.candidateTimes.push_back(cand.times[static_cast<std::size_t>(best)]);
        out.reference.push_back(ref.values[i]);
        out.candidate.push_back(cand.values[static_cast<std::size_t>(best)]);
    }
    return out;
}

} // namespace

class TestTemporalMatching : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void windowIsInclusive() {
        const TimeSeries ref = makeSeries({{0, 1.0}, {10000, 2.0}});
        const TimeSeries cand = makeSeries({{3600, 5.0}, {10000 + 3601, 6.0}});
        const MatchedPairs p = matchTemporal(ref, cand, {std::chrono::seconds{3600}});
        QCOMPARE(p.size(), std::size_t(1));
        QCOMPARE(p.candidate[0], 5.0);
        QCOMPARE(p.candidateTimes[0], at(3600));
        const TimeSeries before = makeSeries({{-3600, 7.0}});
        QCOMPARE(matchTemporal(ref, before, {std::chrono::seconds{3600}}).size(), std::size_t(1));
        QCOMPARE(matchTemporal(ref, before, {std::chrono::seconds{3599}}).size(), std::size_t(0));
    }
    void exactAndTiedTimes() {
        const TimeSeries ref = makeSeries({{0, 1.0}, {5000, 2.0}});
        const TimeSeries cand =
            makeSeries({{-1800, 10.0}, {0, 11.0}, {1800, 12.0}, {3200, 13.0}, {6800, 14.0}});
        const MatchedPairs p = matchTemporal(ref, cand, {std::chrono::seconds{3600}});
        QCOMPARE(p.size(), std::size_t(2));
        QCOMPARE(p.candidate[0], 11.0); // exact time wins
        QCOMPARE(p.candidate[1], 14.0); // 3200 and 6800 are both 1800 s away: the later wins
    }
    void oneCandidateServesSeveralReferences() {
        const TimeSeries ref = makeSeries({{0, 1.0}, {600, 2.0}, {1200, 3.0}});
        const TimeSeries cand = makeSeries({{700, 9.0}});
        const MatchedPairs p = matchTemporal(ref, cand, {std::chrono::seconds{3600}});
        QCOMPARE(p.size(), std::size_t(3));
        for (double v : p.candidate)
            QCOMPARE(v, 9.0);
    }
    void missingCandidateNearestVersusPytesmo() {
        const TimeSeries ref = makeSeries({{0, 1.0}, {100000, 2.0}});
        const TimeSeries cand = makeSeries({{60, NAN}, {1200, 8.0}, {100000, 3.0}});
        MatchOptions o{std::chrono::seconds{3600}};
        const MatchedPairs nearest = matchTemporal(ref, cand, o);
        QCOMPARE(nearest.size(), std::size_t(2));
        QCOMPARE(nearest.candidate[0], 8.0);
        o.mode = MatchingMode::Pytesmo;
        const MatchedPairs py = matchTemporal(ref, cand, o);
        QCOMPARE(py.size(), std::size_t(1)); // the missing value won and the pair was dropped
        QCOMPARE(py.candidate[0], 3.0);
    }
    void flagsFilteredBeforeMatching() {
        TimeSeries cand;
        cand.push(at(-100), 4.0, flag::D(1));
        cand.push(at(900), 5.0, flag::G);
        cand.push(at(50000), 6.0, flag::C(2));
        TimeSeries ref;
        ref.push(at(0), 1.0, flag::G);
        ref.push(at(50000), 2.0, flag::G);
        ref.push(at(80000), 3.0, flag::D(2)); // rejected reference observation
        MatchOptions o{std::chrono::seconds{3600}};
        o.candidateAcceptedFlags = flag::G;
        o.referenceAcceptedFlags = flag::G;
        const MatchedPairs nearest = matchTemporal(ref, cand, o);
        QCOMPARE(nearest.size(), std::size_t(1));
        QCOMPARE(nearest.candidate[0], 5.0); // the D01 one is closer but filtered out first
        o.mode = MatchingMode::Pytesmo;
        QCOMPARE(matchTemporal(ref, cand, o).size(), std::size_t(0));
        o.candidateAcceptedFlags = ~0u;
        o.mode = MatchingMode::Nearest;
        QCOMPARE(matchTemporal(ref, cand, o).size(), std::size_t(2));
    }
    void agreesWithBruteForce() {
        std::mt19937_64 rng(5);
        std::uniform_int_distribution<long long> step(1, 4000);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        for (int trial = 0; trial < 20; ++trial) {
            TimeSeries ref, cand;
            long long t = 0;
            for (int i = 0; i < 300; ++i)
                ref.push(at(t += step(rng) * 3), u(rng) < 0.1 ? NAN : u(rng));
            t = -5000;
            for (int i = 0; i < 900; ++i)
                cand.push(at(t += step(rng)), u(rng) < 0.3 ? NAN : u(rng));
            for (const auto mode : {MatchingMode::Nearest, MatchingMode::Pytesmo}) {
                MatchOptions o{std::chrono::seconds{trial * 200 + 1}};
                o.mode = mode;
                const MatchedPairs fast = matchTemporal(ref, cand, o);
                const MatchedPairs slow = bruteForce(ref, cand, o);
                QCOMPARE(fast.times, slow.times);
                QCOMPARE(fast.candidateTimes, slow.candidateTimes);
                QCOMPARE(fast.candidate, slow.candidate);
            }
        }
    }
    void collocateKeepsCommonTimes() {
        const TimeSeries ref = makeSeries({{0, 1.0}, {10000, 2.0}, {20000, 3.0}});
        const TimeSeries a = makeSeries({{100, 10.0}, {10100, 20.0}, {20100, 30.0}});
        const TimeSeries b = makeSeries({{-100, 100.0}, {20050, 300.0}});
        const Collocation c = collocate(ref, {&a, &b}, {std::chrono::seconds{600}});
        QCOMPARE(c.size(), std::size_t(2));
        QCOMPARE(c.reference, (std::vector<double>{1.0, 3.0}));
        QCOMPARE(c.others[0], (std::vector<double>{10.0, 30.0}));
        QCOMPARE(c.others[1], (std::vector<double>{100.0, 300.0}));
    }
    void emptyInputs() {
        const TimeSeries empty;
        const TimeSeries ref = makeSeries({{0, 1.0}});
        QVERIFY(matchTemporal(empty, ref).empty());
        QVERIFY(matchTemporal(ref, empty).empty());
    }
};

QTEST_APPLESS_MAIN(TestTemporalMatching)
#include "test_temporal_matching.moc"
