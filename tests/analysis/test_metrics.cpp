#include "analysis/metrics.h"
#include "analysis/rank_order.h"
#include "analysis/special_functions.h"
#include "base/error.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

using namespace soilscope;
using namespace soilscope::analysis;

namespace {

std::vector<double> range10(double offset = 0.0) {
    std::vector<double> v;
    for (int i = 0; i < 10; ++i)
        v.push_back(i + offset);
    return v;
}

bool close(double a, double b, double tol) {
    return std::fabs(a - b) <= tol;
}

/// Kendall tau-b by its O(n²) definition.
double bruteForceTau(const std::vector<double>& x, const std::vector<double>& y) {
    double c = 0, d = 0, tx = 0, ty = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j) {
            const double sx = x[i] - x[j], sy = y[i] - y[j];
            if (sx == 0 && sy == 0)
                continue;
            if (sx == 0)
                tx += 1;
            else if (sy == 0)
                ty += 1;
            else if (sx * sy > 0)
                c += 1;
            else
                d += 1;
        }
    return (c - d) / std::sqrt((c + d + tx) * (c + d + ty));
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void pytesmoPublishedShift() {
        const auto x = range10(), y = range10(2.0);
        const Metrics m = computeMetrics(x, y);
        QCOMPARE(m.n, std::size_t(10));
        QCOMPARE(m.bias, 2.0); // pytesmo's bias(x, y) is −2: it computes mean(x − y)
        QCOMPARE(m.rmsd, 2.0);
        QVERIFY(close(m.ubrmsd, 0.0, 1e-12));
        QCOMPARE(m.mae, 2.0);
        QCOMPARE(m.mse, 4.0);
        QCOMPARE(m.mseBias, 4.0);
        QVERIFY(close(m.r, 1.0, 1e-12));
        QCOMPARE(m.pR, 0.0);
        QVERIFY(close(m.nse, 1.0 - 40.0 / 82.5, 1e-12));
        QVERIFY(close(m.kge, 1.0 - (6.5 / 4.5 - 1.0), 1e-12));
    }
    void pytesmoPublishedOutlier() {
        auto x = range10(), y = range10(2.0);
        y[9] = 100.0;
        const Metrics m = computeMetrics(x, y);
        QVERIFY(close(m.rmsd, std::sqrt(831.7), 1e-6)); // pytesmo test_rmsd
        QVERIFY(close(m.rmsd, 28.84, 0.005));
        QVERIFY(close(m.ubrmsd, 26.7, 1e-9));
        QVERIFY(close(m.bias, 10.9, 1e-12));
        y = range10(2.0);
        y[9] = 51.0; // pytesmo test_mse
        const Metrics m2 = computeMetrics(x, y);
        QVERIFY(close(m2.mse, 180.0, 1e-9));
        QVERIFY(close(m2.mseBias, 36.0, 1e-9));
        y = range10(2.0);
        y[9] = 201.0; // pytesmo test_aad
        QVERIFY(close(computeMetrics(x, y).mae, 21.0, 1e-12));
    }
    void mseDecompositionSumsToMse() {
        std::mt19937_64 rng(7);
        std::normal_distribution<double> g;
        std::vector<double> x(500), y(500);
        for (std::size_t i = 0; i < x.size(); ++i) {
            x[i] = g(rng);
            y[i] = 0.3 + 0.7 * x[i] + 0.5 * g(rng);
        }
        const Metrics m = computeMetrics(x, y);
        QVERIFY(close(m.mseCorr + m.mseVar + m.mseBias, m.mse, 1e-12));
        QVERIFY(close(m.rmsd * m.rmsd, m.mse, 1e-12));
        QVERIFY(close(m.ubrmsd * m.ubrmsd + m.bias * m.bias, m.mse, 1e-12));
        QVERIFY(m.mseCorr > 0 && m.mseVar > 0 && m.mseBias > 0);
    }
    void correlationsAgainstIndependentValues() {
        // Reference values from a separate brute-force implementation (pairwise counts, rank
        // by counting, p-values by numerical integration of the t density).
        std::vector<double> x = range10(1.0), y{2, 1, 4, 3, 7, 8, 5, 6, 10, 9};
        Metrics m = computeMetrics(x, y);
        QVERIFY(close(m.r, 0.866666666666667, 1e-12));
        QVERIFY(close(m.pR, 1.173538180156530e-03, 1e-9));
        QVERIFY(close(m.rho, 0.866666666666667, 1e-12));
        QVERIFY(close(m.pRho, 1.173538180156530e-03, 1e-9));
        QVERIFY(close(m.tau, 31.0 / 45.0, 1e-12));
        QVERIFY(close(m.pTau, 5.558919627070559e-03, 1e-9)); // normal approx., no ties
        // With ties in both series.
        x = {1, 2, 2, 3, 4, 5, 5, 6, 7, 8};
        y = {2, 1, 3, 3, 5, 4, 6, 6, 9, 7};
        m = computeMetrics(x, y);
        QVERIFY(close(m.r, 0.903171006614171, 1e-12));
        QVERIFY(close(m.pR, 3.416820026237444e-04, 1e-9));
        QVERIFY(close(m.rho, 0.932515337423313, 1e-12));
        QVERIFY(close(m.pRho, 8.359628528875618e-05, 1e-9));
        QVERIFY(close(m.tau, 0.813953488372093, 1e-12));
        QVERIFY(close(m.pTau, 1.469449864818367e-03, 1e-9));
        x = {0.3, -1.2, 2.5, 0.7, 1.1, -0.4, 0.0, 1.9};
        y = {0.1, -0.8, 1.7, 1.5, 0.2, -0.9, 0.4, 1.0};
        m = computeMetrics(x, y);
        QVERIFY(close(m.r, 0.833082217444758, 1e-12));
        QVERIFY(close(m.pR, 1.021956017034942e-02, 1e-9));
        QVERIFY(close(m.rho, 0.809523809523810, 1e-12));
        QVERIFY(close(m.pRho, 1.490266768622339e-02, 1e-9));
        QVERIFY(close(m.tau, 0.642857142857143, 1e-12));
    }
    void kendallMatchesDefinitionWithManyTies() {
        std::mt19937_64 rng(3);
        std::uniform_int_distribution<int> u(0, 12);
        for (int trial = 0; trial < 5; ++trial) {
            std::vector<double> x(400), y(400);
            for (std::size_t i = 0; i < x.size(); ++i) {
                x[i] = u(rng);
                y[i] = (trial % 2 ? -1.0 : 1.0) * x[i] + u(rng);
            }
            const double fast = kendallTau(x, y).value;
            QVERIFY2(close(fast, bruteForceTau(x, y), 1e-12), qPrintable(QString::number(fast)));
        }
    }
    void radixOrderIsStableAndExact() {
        std::mt19937_64 rng(9);
        std::normal_distribution<double> g;
        std::vector<double> v(3000);
        for (std::size_t i = 0; i < v.size(); ++i) {
            // Many exact ties, negative values, ±0 and values differing only in the last bits.
            v[i] = i % 5 == 0 ? std::round(g(rng) * 3.0) : g(rng);
            if (i % 7 == 0)
                v[i] = 0.25 + static_cast<double>(i % 3) * 1e-15;
            if (i % 11 == 0)
                v[i] = (i % 2) ? -0.0 : 0.0;
        }
        const auto order = sortedOrder(v);
        std::vector<std::uint32_t> expected(v.size());
        std::iota(expected.begin(), expected.end(), 0u);
        std::stable_sort(expected.begin(), expected.end(),
                         [&](auto a, auto b) { return v[a] < v[b]; });
        QCOMPARE(order, expected);
        std::uniform_int_distribution<int> u(0, 99);
        std::vector<std::int32_t> ranks(2000);
        for (auto& r : ranks)
            r = u(rng);
        std::int64_t brute = 0;
        for (std::size_t i = 0; i < ranks.size(); ++i)
            for (std::size_t j = i + 1; j < ranks.size(); ++j)
                brute += ranks[i] > ranks[j];
        QCOMPARE(countInversions(ranks, 100), brute);
    }
    void averageRanksForTies() {
        const std::vector<double> v{10, 20, 20, 5, 20};
        const auto r = averageRanks(v);
        QCOMPARE(r, (std::vector<double>{2, 4, 4, 1, 4}));
    }
    void degenerateInputs() {
        const std::vector<double> c{1, 1, 1, 1}, y{1, 2, 3, 4};
        const Metrics m = computeMetrics(c, y);
        QVERIFY(std::isnan(m.r));
        QVERIFY(std::isnan(m.nse));
        QVERIFY(std::isfinite(m.rmsd));
        const Metrics empty = computeMetrics(std::vector<double>{}, std::vector<double>{});
        QCOMPARE(empty.n, std::size_t(0));
        QVERIFY(std::isnan(empty.bias));
        QVERIFY_THROWS_EXCEPTION(Error, computeMetrics(c, std::vector<double>{1, 2}));
    }
    void nonFinitePairsAreIgnored() {
        std::vector<double> x = range10(), y = range10(2.0);
        x.push_back(std::nan(""));
        y.push_back(5.0);
        x.push_back(3.0);
        y.push_back(INFINITY);
        const Metrics m = computeMetrics(x, y);
        QCOMPARE(m.n, std::size_t(10));
        QCOMPARE(m.bias, 2.0);
    }
    void jsonHasEveryKey() {
        const auto j = metricsToJson(computeMetrics(range10(), range10(2.0)));
        for (const auto& name : metricNames())
            QVERIFY2(j.contains(name), name.c_str());
        QVERIFY(j["ubRMSD"].is_number());
        QCOMPARE(metricValue(computeMetrics(range10(), range10(2.0)), "RMSD"), 2.0);
        QVERIFY_THROWS_EXCEPTION(Error, metricValue(Metrics{}, "nope"));
    }
    void distributionFunctions() {
        QVERIFY(close(normalQuantile(0.975), 1.959963984540054, 1e-12));
        QVERIFY(close(normalCdf(1.959963984540054), 0.975, 1e-12));
        QVERIFY(close(studentTQuantile(0.975, 10), 2.228138851986274, 1e-10));
        QVERIFY(close(studentTTwoSidedP(2.228138851986274, 10), 0.05, 1e-10));
        QVERIFY(close(chiSquaredQuantile(0.95, 10), 18.307038053275146, 1e-9));
        QVERIFY(close(chiSquaredCdf(18.307038053275146, 10), 0.95, 1e-10));
        QVERIFY(std::isnan(studentTQuantile(1.5, 3)));
        QVERIFY(std::isnan(chiSquaredQuantile(0.5, 0)));
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "test_metrics.moc"
