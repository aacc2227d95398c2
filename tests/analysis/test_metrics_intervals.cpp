#include "analysis/bootstrap.h"
#include "analysis/confidence_intervals.h"
#include "analysis/metrics.h"
#include "analysis/triple_collocation.h"
#include "base/error.h"

#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

using namespace soilscope;
using namespace soilscope::analysis;

namespace {
bool close(double a, double b, double tol) {
    return std::fabs(a - b) <= tol;
}
} // namespace

class TestMetricsIntervals : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void pearsonIntervalPytesmoPublished() {
        // pytesmo test_pearson_conf
        Interval i = pearsonInterval(0.654, 34, 0.05);
        QVERIFY(close(i.lower, 0.406, 5e-4) && close(i.upper, 0.812, 5e-4));
        i = pearsonInterval(0.654, 34, 0.01);
        QVERIFY(close(i.lower, 0.309, 5e-4) && close(i.upper, 0.8468, 5e-4));
        i = pearsonInterval(0.824, 300, 0.05);
        QVERIFY(close(i.lower, 0.784, 5e-4) && close(i.upper, 0.857, 5e-4));
        i = pearsonInterval(0.824, 300, 0.01);
        QVERIFY(close(i.lower, 0.7697, 5e-4) && close(i.upper, 0.866, 5e-4));
        QVERIFY(std::isnan(pearsonInterval(0.5, 3).lower));
    }
    void biasAndUbrmsdIntervalsByHand() {
        // d = y − x = {1, 2, 3, 4, 5}: mean 3, s = √2.5, t(0.975, 4) = 2.776445105
        const std::vector<double> x{0, 0, 0, 0, 0}, y{1, 2, 3, 4, 5};
        const Interval b = biasInterval(x, y);
        const double half = 2.776445105197793 * std::sqrt(2.5) / std::sqrt(5.0);
        QVERIFY(close(b.lower, 3.0 - half, 1e-9) && close(b.upper, 3.0 + half, 1e-9));
        // χ²(0.975, 4) = 11.143286781877794, χ²(0.025, 4) = 0.4844185570879305
        const Interval u = ubrmsdInterval(2.0, 5);
        QVERIFY(close(u.lower, std::sqrt(5 * 4.0 / 11.143286781877794), 1e-9));
        QVERIFY(close(u.upper, std::sqrt(5 * 4.0 / 0.4844185570879305), 1e-9));
        QVERIFY_THROWS_EXCEPTION(Error, ubrmsdInterval(2.0, 5, 1.5));
    }
    void analyticIntervalsCoverTheTruth() {
        // Monte Carlo with a fixed seed: 95 % intervals must contain the true values in about
        // 95 % of 400 trials (binomial sd ≈ 1.1 %).
        std::mt19937_64 rng(2024);
        std::normal_distribution<double> g;
        const double trueBias = 0.05, errSd = 0.04,
                     trueR = 1.0 / std::sqrt(1.0 + 0.04 * 0.04 / 0.01);
        int coverBias = 0, coverUb = 0, coverR = 0;
        const int trials = 400;
        for (int t = 0; t < trials; ++t) {
            std::vector<double> ref(80), cand(80);
            for (std::size_t i = 0; i < ref.size(); ++i) {
                ref[i] = 0.25 + 0.1 * g(rng);
                cand[i] = ref[i] + trueBias + errSd * g(rng);
            }
            const Metrics m = computeMetrics(ref, cand);
            const auto ci = analyticIntervals(ref, cand, m);
            coverBias += ci.at("bias").contains(trueBias);
            coverUb += ci.at("ubRMSD").contains(errSd);
            coverR += ci.at("R").contains(trueR);
        }
        for (int c : {coverBias, coverUb, coverR}) {
            const double rate = double(c) / trials;
            QVERIFY2(rate > 0.91 && rate < 0.99, qPrintable(QString::number(rate)));
        }
    }
    void bootstrapIsSeededAndCovers() {
        std::mt19937_64 rng(99);
        std::normal_distribution<double> g;
        int cover = 0;
        const int trials = 100;
        for (int t = 0; t < trials; ++t) {
            std::vector<double> ref(60), cand(60);
            for (std::size_t i = 0; i < ref.size(); ++i) {
                ref[i] = g(rng);
                cand[i] = ref[i] + 0.2 + 0.5 * g(rng);
            }
            BootstrapOptions o;
            o.resamples = 400;
            o.seed = 1000 + t;
            o.rankCorrelations = false;
            cover += bootstrapIntervals(ref, cand, o).at("bias").contains(0.2);
        }
        QVERIFY2(cover >= 85 && cover <= 100, qPrintable(QString::number(cover)));

        std::vector<double> ref{1, 2, 3, 4, 5, 6, 7, 8},
            cand{1.1, 2.3, 2.8, 4.4, 5.1, 5.7, 7.2, 8.5};
        BootstrapOptions o;
        o.resamples = 200;
        const auto a = bootstrapIntervals(ref, cand, o);
        const auto b = bootstrapIntervals(ref, cand, o);
        o.seed = 7;
        const auto c = bootstrapIntervals(ref, cand, o);
        QCOMPARE(a.at("RMSD").lower, b.at("RMSD").lower);
        QCOMPARE(a.at("tau").upper, b.at("tau").upper);
        QVERIFY(a.at("RMSD").lower != c.at("RMSD").lower ||
                a.at("RMSD").upper != c.at("RMSD").upper);
        QVERIFY(a.count("R") && a.count("KGE") && !a.count("p_R") && !a.count("n"));
        QVERIFY(a.at("R").lower <= a.at("R").upper);
    }
    void percentileInterpolates() {
        QCOMPARE(percentile({1, 2, 3, 4}, 50), 2.5);
        QCOMPARE(percentile({4, 1, 3, 2}, 0), 1.0);
        QCOMPARE(percentile({4, 1, 3, 2}, 100), 4.0);
        QVERIFY(close(percentile({0, 10}, 2.5), 0.25, 1e-12));
    }
    void tripleCollocationRecoversErrors() {
        const std::size_t n = 1000000;
        std::mt19937_64 rng(11);
        std::normal_distribution<double> g;
        std::vector<double> x(n), y(n), z(n);
        const double ex = 0.1, ey = 0.3, ez = 0.2; // error sds in each data set's own units
        for (std::size_t i = 0; i < n; ++i) {
            const double truth = g(rng);
            x[i] = truth + ex * g(rng);
            y[i] = 0.5 + 2.0 * truth + ey * g(rng);
            z[i] = -1.0 + 0.8 * truth + ez * g(rng);
        }
        const TripleCollocation tc = tripleCollocation(x, y, z, 0);
        QCOMPARE(tc.n, n);
        // In the reference (x) space: ey / 2 and ez / 0.8.
        QVERIFY2(close(tc.errorStd[0], 0.10, 0.005), qPrintable(QString::number(tc.errorStd[0])));
        QVERIFY2(close(tc.errorStd[1], 0.15, 0.005), qPrintable(QString::number(tc.errorStd[1])));
        QVERIFY2(close(tc.errorStd[2], 0.25, 0.005), qPrintable(QString::number(tc.errorStd[2])));
        QCOMPARE(tc.beta[0], 1.0);
        QVERIFY(close(tc.beta[1], 0.5, 0.005));
        QVERIFY(close(tc.beta[2], 1.25, 0.005));
        // SNR = 10 log10(signal var / error var) in each data set's own space.
        QVERIFY(close(tc.snrDb[0], 10 * std::log10(1.0 / 0.01), 0.05));
        QVERIFY(close(tc.snrDb[1], 10 * std::log10(4.0 / 0.09), 0.05));
        QVERIFY(close(tc.snrDb[2], 10 * std::log10(0.64 / 0.04), 0.05));
        // Another reference: errors in y space are scaled by 2.
        const TripleCollocation ty = tripleCollocation(x, y, z, 1);
        QVERIFY(close(ty.errorStd[0], 0.20, 0.01));
        QVERIFY(close(ty.errorStd[1], 0.30, 0.01));
        QVERIFY_THROWS_EXCEPTION(Error, tripleCollocation(x, y, std::vector<double>{1, 2}, 0));
        QVERIFY_THROWS_EXCEPTION(Error, tripleCollocation(x, y, z, 3));
    }
};

QTEST_APPLESS_MAIN(TestMetricsIntervals)
#include "test_metrics_intervals.moc"
