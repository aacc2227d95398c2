// The SWI exponential filter against its closed form, beta CDF scaling, and upscaling by
// averaging (identical stations average to one station).
#include "base/error.h"
#include "series/exponential_filter.h"
#include "series/scaler.h"
#include "series/series_average.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace soilscope;
using namespace soilscope::series;

class TestSwiScalingUpscaling : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void swiMatchesTheClosedForm() {
        // SWI(t_n) = Σ ms_i e^{−(t_n − t_i)/T} / Σ e^{−(t_n − t_i)/T} over the valid values.
        std::mt19937_64 rng(4);
        std::uniform_real_distribution<double> u(0.05, 0.45);
        std::uniform_int_distribution<int> gap(6, 60);
        TimeSeries s;
        TimePoint t{std::chrono::hours{400000}};
        for (int i = 0; i < 200; ++i) {
            t += std::chrono::hours{gap(rng)};
            s.push(t, i % 17 == 5 ? std::nan("") : u(rng));
        }
        const double T = 10.0;
        const auto swi = exponentialFilter(s, T);
        for (std::size_t n = 0; n < s.size(); ++n) {
            if (std::isnan(s.values[n])) {
                QVERIFY(std::isnan(swi.values[n]));
                continue;
            }
            double num = 0, den = 0;
            for (std::size_t i = 0; i <= n; ++i) {
                if (std::isnan(s.values[i]))
                    continue;
                const double days =
                    std::chrono::duration<double>(s.times[n] - s.times[i]).count() / 86400.0;
                num += s.values[i] * std::exp(-days / T);
                den += std::exp(-days / T);
            }
            QVERIFY2(std::fabs(swi.values[n] - num / den) < 1e-9, qPrintable(QString::number(n)));
        }
        QVERIFY_THROWS_EXCEPTION(Error, exponentialFilter(s, 0.0));
    }

    void betaCdfMatchesTheReferenceDistribution() {
        std::mt19937_64 rng(8);
        std::gamma_distribution<double> ga(2.0), gb(5.0);
        std::vector<double> src, ref;
        for (int i = 0; i < 4000; ++i) {
            const double x = ga(rng), y = gb(rng);
            src.push_back(10 + 40 * x / (x + y)); // % saturation-like
            const double x2 = ga(rng), y2 = gb(rng);
            ref.push_back(0.05 + 0.4 * x2 / (x2 + y2)); // m3 m-3-like
        }
        const auto s = Scaler::fit(parseScalingMethod("beta_cdf"), src, ref);
        QCOMPARE(QString::fromStdString(scalingMethodName(s.method())), QString("beta_cdf"));
        const auto scaled = s.apply(src);
        double ms = 0, mr = 0;
        for (std::size_t i = 0; i < src.size(); ++i) {
            ms += scaled[i];
            mr += ref[i];
        }
        QVERIFY(std::fabs(ms / src.size() - mr / ref.size()) < 0.005);
        QVERIFY(s.apply(20.0) < s.apply(30.0)); // monotonic
        const auto& b = s.referenceBeta();
        QVERIFY(std::fabs(b.a / (b.a + b.b) - 2.0 / 7.0) < 0.05); // the beta(2, 5) shape
        const std::vector<double> constant(50, 0.3);
        QVERIFY_THROWS_EXCEPTION(Error, Scaler::fit(ScalingMethod::BetaCdf, constant, ref));
    }

    void identicalStationsAverageToOne() {
        TimeSeries a;
        a.units = "m3 m-3";
        for (int h = 0; h < 48; ++h)
            a.push(TimePoint{std::chrono::hours{h}}, 0.1 + 0.001 * h);
        const auto same = averageSeries({&a, &a, &a});
        QCOMPARE(same.values, a.values);
        QCOMPARE(same.times, a.times);
        QCOMPARE(QString::fromStdString(same.units), QString("m3 m-3"));
        TimeSeries b;
        b.push(TimePoint{std::chrono::hours{1}}, 0.3);
        b.push(TimePoint{std::chrono::hours{100}}, 0.5);
        const auto mixed = averageSeries({&a, &b});
        QCOMPARE(mixed.size(), a.size() + 1);
        QVERIFY(std::fabs(mixed.values[1] - (0.101 + 0.3) / 2) < 1e-12);
        QCOMPARE(mixed.values.back(), 0.5);
    }
};

QTEST_APPLESS_MAIN(TestSwiScalingUpscaling)
#include "test_swi_scaling_upscaling.moc"
