// Temporal stability (Vachaud et al. 1985): mean and standard deviation of each station's
// relative difference from the group mean, and the filter that keeps the stable members.
#include "analysis/temporal_stability.h"

#include <QtTest>

#include <cmath>

using namespace soilscope;
using namespace soilscope::analysis;

namespace {
series::TimeSeries scaled(double factor, int n, double noise = 0.0) {
    series::TimeSeries s;
    for (int i = 0; i < n; ++i)
        s.push(makeTime(2019, 1, 1, 0) + std::chrono::hours{i},
               factor * (0.2 + 0.05 * std::sin(i / 5.0)) + noise * ((i % 2) ? 1 : -1));
    return s;
}
} // namespace

class TestTemporalStability : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void relativeDifferencesOfScaledStations() {
        const auto a = scaled(1.0, 50), b = scaled(1.02, 50), c = scaled(1.5, 50);
        const auto st = temporalStability({&a, &b, &c});
        const double mean = (1.0 + 1.02 + 1.5) / 3.0;
        QVERIFY(std::abs(st[0].meanRelativeDifference - (1.0 / mean - 1.0)) < 1e-12);
        QVERIFY(std::abs(st[2].meanRelativeDifference - (1.5 / mean - 1.0)) < 1e-12);
        QVERIFY(st[0].sdRelativeDifference < 1e-12); // a constant ratio: no spread
        QCOMPARE(st[1].n, std::size_t(50));
        // |MRD| 0.148, 0.131, 0.278: 0.15 keeps the two close ones
        const auto keep = stableMembers(st, 0.15, 1.0);
        QCOMPARE(keep, (std::vector<bool>{true, true, false}));
    }

    void spreadCountsAndTheMostRepresentativeStaysAlone() {
        const auto a = scaled(1.0, 50), b = scaled(1.0, 50, 0.03), c = scaled(1.3, 50);
        const auto st = temporalStability({&a, &b, &c});
        QVERIFY(st[1].sdRelativeDifference > 0.05);
        QVERIFY(st[0].sdRelativeDifference < st[1].sdRelativeDifference);
        // no member passes: the one nearest the mean (smallest √(MRD² + SDRD²)) stays alone
        const auto keep = stableMembers(st, 0.0, 0.0);
        QCOMPARE(std::count(keep.begin(), keep.end(), true), 1L);
        std::size_t best = 0;
        for (std::size_t m = 1; m < st.size(); ++m)
            if (st[m].distance() < st[best].distance())
                best = m;
        QVERIFY(keep[best]);
    }

    void timesWithOneStationDoNotCount() {
        auto a = scaled(1.0, 30), b = scaled(1.1, 5);
        const auto st = temporalStability({&a, &b});
        QCOMPARE(st[0].n, std::size_t(5));
        // too few common times to judge: every member is kept
        QCOMPARE(stableMembers(st, 0.0, 0.0), (std::vector<bool>{true, true}));
        b.values[0] = std::nan("");
        QCOMPARE(temporalStability({&a, &b})[1].n, std::size_t(4));
    }
};

QTEST_APPLESS_MAIN(TestTemporalStability)
#include "test_temporal_stability.moc"
