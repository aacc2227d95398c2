#include "base/error.h"
#include "series/scaler.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace soilscope;
using namespace soilscope::series;

namespace {
bool close(double a, double b, double tol) {
    return std::fabs(a - b) <= tol;
}
double mean(const std::vector<double>& v) {
    double s = 0;
    for (double x : v)
        s += x;
    return s / v.size();
}
double sd(const std::vector<double>& v) {
    const double m = mean(v);
    double s = 0;
    for (double x : v)
        s += (x - m) * (x - m);
    return std::sqrt(s / v.size());
}
} // namespace

class TestScaler : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void linearMethods() {
        const std::vector<double> src{1, 2, 3, 4, 5}, ref{10, 30, 20, 50, 40};
        auto scaled = Scaler::fit(ScalingMethod::MeanStd, src, ref).apply(src);
        QVERIFY(close(mean(scaled), mean(ref), 1e-12));
        QVERIFY(close(sd(scaled), sd(ref), 1e-12));
        scaled = Scaler::fit(parseScalingMethod("min_max"), src, ref).apply(src);
        QCOMPARE(*std::min_element(scaled.begin(), scaled.end()), 10.0);
        QCOMPARE(*std::max_element(scaled.begin(), scaled.end()), 50.0);
        const std::vector<double> line{3, 5, 7, 9, 11}; // 2·src + 1
        const Scaler lr = Scaler::fit(ScalingMethod::LinReg, src, line);
        QVERIFY(close(lr.slope(), 2.0, 1e-12) && close(lr.intercept(), 1.0, 1e-12));
        QVERIFY(close(lr.apply(10.0), 21.0, 1e-12));
        QVERIFY(std::isnan(lr.apply(NAN)));
        QCOMPARE(Scaler::fit(ScalingMethod::None, src, ref).apply(3.0), 3.0);
        QVERIFY_THROWS_EXCEPTION(Error, parseScalingMethod("zscore"));
        QVERIFY_THROWS_EXCEPTION(
            Error, Scaler::fit(ScalingMethod::MeanStd, std::vector<double>{1, 1, 1}, ref));
        QCOMPARE(scalingMethodName(ScalingMethod::Cdf), std::string("cdf"));
    }
    void cdfMatchingMapsDistributions() {
        std::mt19937_64 rng(17);
        std::exponential_distribution<double> ex(4.0);
        std::normal_distribution<double> nd(0.3, 0.05);
        std::vector<double> src(5000), ref(5000);
        for (auto& v : src)
            v = ex(rng);
        for (auto& v : ref)
            v = nd(rng);
        const Scaler s = Scaler::fit(ScalingMethod::Cdf, src, ref);
        QCOMPARE(s.sourcePercentiles().size(), std::size_t(101));
        std::vector<double> mapped = s.apply(src);
        std::sort(mapped.begin(), mapped.end());
        std::sort(ref.begin(), ref.end());
        double worst = 0.0; // quantile-by-quantile distance of the mapped and reference samples
        for (std::size_t k = 50; k < 5000; k += 50)
            worst = std::max(worst, std::fabs(mapped[k] - ref[k]));
        QVERIFY2(worst < 0.003, qPrintable(QString::number(worst)));
        QVERIFY(close(mean(mapped), mean(ref), 0.002));
        // Order is preserved and values beyond the source range are extrapolated linearly.
        QVERIFY(s.apply(0.1) < s.apply(0.2));
        QVERIFY(s.apply(100.0) > s.referencePercentiles().back());
    }
    void cdfMatchingResizesBinsAndHandlesTies() {
        const std::vector<double> sorted{1, 1, 1, 1, 2, 3};
        const std::vector<double> pct{0, 25, 50, 75, 100};
        const auto p = uniquePercentiles(sorted, pct);
        for (std::size_t k = 1; k < p.size(); ++k)
            QVERIFY(p[k] > p[k - 1]);
        QCOMPARE(p.front(), 1.0);
        QCOMPARE(p.back(), 3.0);
        std::vector<double> src, ref;
        for (int i = 0; i < 100; ++i) {
            src.push_back(i);
            ref.push_back(2.0 * i);
        }
        const Scaler s = Scaler::fit(ScalingMethod::Cdf, src, ref, {100, 20}); // 100/20 → 5 bins
        QCOMPARE(s.sourcePercentiles().size(), std::size_t(6));
        QVERIFY(close(s.apply(50.0), 100.0, 1e-9));
        QVERIFY_THROWS_EXCEPTION(
            Error, Scaler::fit(ScalingMethod::Cdf, std::vector<double>(50, 1.0), ref));
    }
};

QTEST_APPLESS_MAIN(TestScaler)
#include "test_scaler.moc"
