// The validation framework's numerics: Std with N − 1, BCa bootstrap, Theil–Sen/Mann–Kendall,
// intra-annual windows, sparser-driven matching, triple collocation with bootstrap intervals on
// errors set by construction, and a seasonal bias found in its season.
#include "analysis/bootstrap.h"
#include "analysis/network_validation.h"
#include "analysis/paired_tests.h"
#include "analysis/trend.h"
#include "analysis/triple_collocation.h"
#include "base/error.h"

#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

using namespace soilscope;
using namespace soilscope::analysis;

namespace {

TimePoint day(int d) {
    return TimePoint{std::chrono::days{d}} + std::chrono::days{17532}; // from 2018-01-01
}

/// A smooth seasonal "truth" with weather noise, daily, for `days` days from 2018-01-01.
std::vector<double> truth(int days, std::mt19937_64& rng) {
    std::normal_distribution<double> g(0.0, 0.04);
    std::vector<double> out;
    double anomaly = 0;
    for (int d = 0; d < days; ++d) {
        anomaly = 0.8 * anomaly + g(rng);
        out.push_back(0.25 + 0.08 * std::sin(2 * M_PI * d / 365.25) + anomaly);
    }
    return out;
}

series::TimeSeries seriesOf(const std::vector<double>& v, int stepHours = 24) {
    series::TimeSeries s;
    for (std::size_t i = 0; i < v.size(); ++i)
        s.push(day(0) + std::chrono::hours{stepHours * static_cast<int>(i)}, v[i]);
    return s;
}

} // namespace

class TestNetworkValidation : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void stdOfDifferencesHasTheIdentity() {
        std::mt19937_64 rng(3);
        std::normal_distribution<double> g;
        std::vector<double> r, c;
        for (int i = 0; i < 57; ++i) {
            r.push_back(g(rng));
            c.push_back(0.3 + 0.9 * r.back() + 0.4 * g(rng));
        }
        const Metrics m = computeMetrics(r, c);
        const double n = static_cast<double>(m.n);
        QVERIFY(std::fabs(m.rmsd * m.rmsd -
                          (m.bias * m.bias + m.stdDiff * m.stdDiff * (n - 1) / n)) < 1e-12);
        QCOMPARE(metricValue(m, "Std"), m.stdDiff);
        QVERIFY(m.stdDiff > m.ubrmsd); // N − 1 against N
    }

    void bootstrapMomentsAgreeWithMetrics() {
        // With one resample equal to... the full sample is not drawn; instead the BCa
        // interval must hold the full-sample estimate for a well-behaved statistic.
        std::mt19937_64 rng(5);
        std::normal_distribution<double> g;
        std::vector<double> r, c;
        for (int i = 0; i < 300; ++i) {
            r.push_back(g(rng));
            c.push_back(r.back() + 0.1 + 0.5 * g(rng));
        }
        const Metrics m = computeMetrics(r, c);
        BootstrapOptions o;
        o.resamples = 500;
        o.method = BootstrapMethod::BCa;
        o.rankCorrelations = true;
        const auto bca = bootstrapIntervals(r, c, o);
        for (const char* name : {"R", "bias", "RMSD", "ubRMSD", "Std", "MAE", "KGE", "rho"}) {
            const double est = metricValue(m, name);
            QVERIFY2(bca.at(name).contains(est), name);
        }
        o.method = BootstrapMethod::Percentile;
        const auto pct = bootstrapIntervals(r, c, o);
        // Same draws: the two kinds differ, but only a little for a symmetric statistic.
        QVERIFY(std::fabs(pct.at("bias").lower - bca.at("bias").lower) < 0.02);
        QVERIFY(pct.at("bias").lower != bca.at("bias").lower);
        QCOMPARE(int(parseBootstrapMethod("bca")), int(BootstrapMethod::BCa));
        QVERIFY_THROWS_EXCEPTION(Error, parseBootstrapMethod("studentized"));
    }

    void bcaCoversTheTrueBias() {
        std::mt19937_64 rng(99);
        std::normal_distribution<double> g;
        std::exponential_distribution<double> e(5.0); // skewed errors
        int cover = 0;
        for (int t = 0; t < 100; ++t) {
            std::vector<double> r(80), c(80);
            for (std::size_t i = 0; i < r.size(); ++i) {
                r[i] = g(rng);
                c[i] = r[i] + e(rng); // true bias 0.2
            }
            BootstrapOptions o;
            o.resamples = 400;
            o.seed = 7 + t;
            o.method = BootstrapMethod::BCa;
            o.rankCorrelations = false;
            cover += bootstrapIntervals(r, c, o).at("bias").contains(0.2);
        }
        QVERIFY2(cover >= 85 && cover <= 100, qPrintable(QString::number(cover)));
    }

    void theilSenAndMannKendall() {
        std::vector<double> x, y;
        for (int i = 0; i < 20; ++i) {
            x.push_back(i);
            y.push_back(2.0 * i + (i % 3 == 0 ? 0.5 : -0.3));
        }
        y[7] = 100; // an outlier leaves the median slope alone
        const Trend t = theilSenTrend(x, y);
        QVERIFY(std::fabs(t.slope - 2.0) < 0.1);
        QVERIFY(t.lower <= t.slope && t.slope <= t.upper);
        QVERIFY(t.p < 1e-6);
        const std::vector<double> flat{1, 1, 1, 1, 1};
        const std::vector<double> xs{1, 2, 3, 4, 5};
        const Trend f = theilSenTrend(xs, flat);
        QCOMPARE(f.slope, 0.0);
        QVERIFY(!(f.p < 1.0)); // all tied: no evidence of a trend (p NaN or 1)
        QCOMPARE(theilSenTrend(std::vector<double>{1, 2}, std::vector<double>{1, 2}).n,
                 std::size_t(2));
    }

    void yearWindowsWrapAndOverlap() {
        const auto seasons = seasonWindows();
        const auto djf = seasons[0];
        const auto at = [](int y, unsigned m, unsigned d) {
            return TimePoint{std::chrono::sys_days{std::chrono::year{y} / m / d}};
        };
        QVERIFY(djf.contains(at(2019, 12, 31)) && djf.contains(at(2020, 2, 29)));
        QVERIFY(djf.contains(at(2021, 1, 15)) && !djf.contains(at(2021, 3, 1)));
        QVERIFY(djf.contains(at(2021, 3, 5), 5) && !djf.contains(at(2021, 3, 7), 5));
        QCOMPARE(monthWindows().size(), std::size_t(12));
        const auto w = parseYearWindow("growing=04-15/09-30");
        QCOMPARE(QString::fromStdString(w.name), QString("growing"));
        QVERIFY(w.contains(at(2020, 4, 15)) && !w.contains(at(2020, 4, 14)));
        QVERIFY_THROWS_EXCEPTION(Error, parseYearWindow("growing=04-31/09-30"));
        QVERIFY_THROWS_EXCEPTION(Error, parseYearWindow("04-01/09-30"));
    }

    void sparserSeriesDrivesTheMatching() {
        std::mt19937_64 rng(1);
        std::vector<double> hourly;
        for (int h = 0; h < 24 * 60; ++h)
            hourly.push_back(0.2 + 0.0001 * h);
        const auto station = seriesOf(hourly, 1);
        std::vector<double> daily;
        for (int d = 0; d < 60; ++d)
            daily.push_back(0.2 + 0.0001 * 24 * d + 0.01);
        const auto product = seriesOf(daily, 24);
        NetworkValidationOptions o;
        const auto v = validateStation(station, {&product}, o);
        QCOMPARE(v.candidates[0].bulk.metrics.n, std::size_t(60)); // one pair per product day
        QVERIFY(std::fabs(v.candidates[0].bulk.metrics.bias - 0.01) < 1e-9);
        QVERIFY(v.candidates[0].note.empty());
    }

    void seasonalBiasShowsInItsSeason() {
        std::mt19937_64 rng(11);
        const auto t = truth(3 * 365, rng);
        std::normal_distribution<double> g(0.0, 0.01);
        std::vector<double> c;
        const auto ref = seriesOf(t);
        for (std::size_t i = 0; i < t.size(); ++i) {
            const bool summer = seasonWindows()[2].contains(ref.times[i]);
            c.push_back(t[i] + (summer ? 0.05 : 0.0) + g(rng));
        }
        const auto cand = seriesOf(c);
        NetworkValidationOptions o;
        o.windows = seasonWindows();
        o.stability = true;
        const auto v = validateStation(ref, {&cand}, o);
        const auto& r = v.candidates[0];
        QVERIFY(std::fabs(r.windows[2].bias - 0.05) < 0.005); // JJA
        for (const std::size_t w : {0u, 1u, 3u})
            QVERIFY(std::fabs(r.windows[w].bias) < 0.005);
        QCOMPARE(r.years.size(), std::size_t(3));
        QVERIFY(r.trends.count("R") && r.trends.at("R").n == 3);
    }

    void tripleCollocationRecoversErrorsSetByConstruction() {
        std::mt19937_64 rng(21);
        const auto t = truth(3000, rng);
        std::normal_distribution<double> g(0.0, 1.0);
        std::vector<double> a, b, c;
        for (const double x : t) {
            a.push_back(x + 0.01 * g(rng));
            b.push_back(0.1 + 0.8 * x + 0.02 * g(rng));
            c.push_back(-0.05 + 1.3 * x + 0.03 * g(rng));
        }
        const auto ref = seriesOf(a), sb = seriesOf(b), sc = seriesOf(c);
        NetworkValidationOptions o;
        o.tripleCollocation = true;
        o.bootstrapResamples = 300;
        const auto v = validateStation(ref, {&sb, &sc}, o);
        QVERIFY(v.collocation && v.collocation->note.empty());
        const auto& tc = *v.collocation;
        // Errors in the reference's space: b's 0.02/0.8, c's 0.03/1.3.
        const double expected[3] = {0.01, 0.02 / 0.8, 0.03 / 1.3};
        for (std::size_t d = 0; d < 3; ++d) {
            QVERIFY2(std::fabs(tc.metrics.errorStd[d] - expected[d]) < 0.1 * expected[d],
                     qPrintable(QString::number(tc.metrics.errorStd[d])));
            QVERIFY(tc.errorStd[d].contains(expected[d]));
        }
    }

    void pairedTestsOnFishersData() {
        // Darwin's Zea mays differences (Fisher 1935): ranks of the negative differences
        // (−48, −67) are 10 and 14, W = 24; normal approximation z = (24 − 60)/√310.
        const std::vector<double> d{6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75};
        const std::vector<double> zero(d.size(), 0.0);
        const auto t = pairedTests(zero, d);
        QCOMPARE(t.n, d.size());
        QCOMPARE(t.wilcoxonW, 24.0);
        QVERIFY(std::fabs(t.wilcoxonP - 0.04088) < 2e-4);
        QVERIFY(std::fabs(t.meanDifference - 314.0 / 15.0) < 1e-12);
        QVERIFY(std::fabs(t.tStatistic - 2.1483) < 1e-3); // mean / (s / √15), s = 37.744
        QVERIFY(t.tP > 0.04 && t.tP < 0.06);
        const auto same = pairedTests(d, d);
        QCOMPARE(same.wilcoxonP, 1.0);
        QCOMPARE(same.tP, 1.0);
    }

    void extendedCollocationGeneralisesTripleCollocation() {
        std::mt19937_64 rng(31);
        const auto t = truth(4000, rng);
        std::normal_distribution<double> g(0.0, 1.0);
        const double noise[4] = {0.01, 0.02, 0.03, 0.015};
        const double gain[4] = {1.0, 0.8, 1.3, 1.1};
        std::vector<std::vector<double>> cols(4);
        for (const double x : t)
            for (std::size_t d = 0; d < 4; ++d)
                cols[d].push_back(0.05 * d + gain[d] * x + noise[d] * g(rng));
        // Three data sets: the same numbers as triple collocation.
        const auto tc = tripleCollocation(cols[0], cols[1], cols[2], 0);
        const auto ec3 = extendedCollocation({cols[0], cols[1], cols[2]}, 0);
        for (std::size_t d = 0; d < 3; ++d) {
            QVERIFY(std::fabs(ec3.errorStd[d] - tc.errorStd[d]) < 1e-12);
            QVERIFY(std::fabs(ec3.snrDb[d] - tc.snrDb[d]) < 1e-9);
            QVERIFY(std::fabs(ec3.beta[d] - tc.beta[d]) < 1e-12);
        }
        // Four: every error recovered in the reference's space.
        const auto ec = extendedCollocation(cols, 0);
        for (std::size_t d = 0; d < 4; ++d)
            QVERIFY2(std::fabs(ec.errorStd[d] - noise[d] / gain[d]) < 0.1 * noise[d] / gain[d],
                     qPrintable(QString::number(ec.errorStd[d])));
        auto flipped = cols;
        for (auto& v : flipped[3])
            v = -v;
        QVERIFY_THROWS_EXCEPTION(Error, extendedCollocation(flipped, 0));
        QVERIFY_THROWS_EXCEPTION(Error, extendedCollocation({cols[0], cols[1]}, 0));
    }

    void noOverlapIsSaid() {
        const auto a = seriesOf({0.1, 0.2, 0.3, 0.2, 0.1, 0.2, 0.3, 0.2, 0.1, 0.2, 0.3});
        series::TimeSeries late;
        for (int d = 0; d < 20; ++d)
            late.push(day(400 + d), 0.2);
        NetworkValidationOptions o;
        const auto v = validateStation(a, {&late}, o);
        QVERIFY(v.candidates[0].note.find("within") != std::string::npos);
        o.start = day(500);
        const auto empty = validateStation(prepareSeries(a, o), {&late}, o);
        QVERIFY(empty.candidates[0].note.find("reference has no valid value") != std::string::npos);
    }

    void scalingToTheReferenceOrTheCandidate() {
        std::mt19937_64 rng(2);
        const auto t = truth(400, rng);
        std::vector<double> c;
        for (const double x : t)
            c.push_back(2.0 * x + 0.1);
        const auto ref = seriesOf(t), cand = seriesOf(c);
        NetworkValidationOptions o;
        o.scaling = series::ScalingMethod::MeanStd;
        const auto toRef = validateStation(ref, {&cand}, o).candidates[0].bulk.metrics;
        QVERIFY(std::fabs(toRef.bias) < 1e-12 && toRef.rmsd < 1e-12);
        o.scaleReference = true;
        const auto toCand = validateStation(ref, {&cand}, o).candidates[0].bulk.pairs;
        QVERIFY(std::fabs(toCand.reference[10] - toCand.candidate[10]) < 1e-12);
        QVERIFY(std::fabs(toCand.candidate[10] - c[10]) < 1e-12); // the candidate untouched
    }
};

QTEST_APPLESS_MAIN(TestNetworkValidation)
#include "test_network_validation.moc"
