#include "base/error.h"
#include "features/temporal.h"
#include "features/transforms.h"

#include <QtTest>

#include <cmath>

using namespace soilscope;
using namespace soilscope::features;
using std::chrono::hours;

class TestTemporal : public QObject {
    Q_OBJECT

    static series::TimeSeries dailyRain() {
        // 2020-01-01 .. 2020-01-10, rain = day number (1..10) mm, given at 06:00 and 18:00 halves
        series::TimeSeries s;
        for (int d = 1; d <= 10; ++d) {
            s.push(makeTime(2020, 1, unsigned(d), 6), d / 2.0);
            s.push(makeTime(2020, 1, unsigned(d), 18), d / 2.0);
        }
        return s;
    }

  private Q_SLOTS:
    void antecedentSumsIncludeOrExcludeTheCurrentDay() {
        const auto s = dailyRain();
        const std::vector<TimePoint> t = {makeTime(2020, 1, 5, 12)};
        AntecedentWindow w;
        w.days = 3;
        w.includeCurrent = true;
        QCOMPARE(antecedentStatistic(s, t, w)[0], 3.0 + 4 + 5);
        w.includeCurrent = false;
        QCOMPARE(antecedentStatistic(s, t, w)[0], 2.0 + 3 + 4);
        w.statistic = AntecedentStatistic::Mean; // mean over observations (half-days)
        QCOMPARE(antecedentStatistic(s, t, w)[0], (2.0 + 3 + 4) / 6.0);
        w.statistic = AntecedentStatistic::Max;
        QCOMPARE(antecedentStatistic(s, t, w)[0], 2.0);
        // a window reaching before the record is incomplete
        w.statistic = AntecedentStatistic::Sum;
        w.days = 15;
        QVERIFY(std::isnan(antecedentStatistic(s, t, w)[0]));
        w.maxMissingDays = 11;
        QCOMPARE(antecedentStatistic(s, t, w)[0], 1.0 + 2 + 3 + 4);
    }

    void consecutiveDryDaysCountBackToTheLastWetDay() {
        series::TimeSeries p;
        const double rain[] = {5, 0, 0.05, 0, 2, 0, 0, 0};
        for (int d = 0; d < 8; ++d)
            p.push(makeTime(2021, 3, unsigned(d + 1)), rain[d]);
        const auto r = consecutiveDryDays(
            p, {makeTime(2021, 3, 4), makeTime(2021, 3, 8), makeTime(2021, 3, 5)});
        QCOMPARE(r[0], 3.0); // 2nd, 3rd (0.05 < 0.1) and 4th
        QCOMPARE(r[1], 3.0);
        QCOMPARE(r[2], 0.0); // rain on the day itself
        const auto excl = consecutiveDryDays(p, {makeTime(2021, 3, 5)}, 0.1, false);
        QCOMPARE(excl[0], 3.0);
        QVERIFY(std::isnan(consecutiveDryDays(p, {makeTime(2022, 1, 1)})[0]));
    }

    void linearInterpolationRespectsTheMaximumGap() {
        series::TimeSeries s;
        s.push(makeTime(2020, 1, 1), 0.0);
        s.push(makeTime(2020, 1, 11), 10.0);
        s.push(makeTime(2020, 3, 1), 50.0);
        s.push(makeTime(2020, 3, 2), std::nan("")); // missing values are ignored
        InterpolationOptions o;
        o.maxGap = std::chrono::days(30);
        const auto v =
            interpolateToDates(s,
                               {makeTime(2020, 1, 6), makeTime(2020, 2, 1), makeTime(2020, 1, 11),
                                makeTime(2019, 12, 31), makeTime(2020, 3, 2)},
                               o);
        QCOMPARE(v[0], 5.0);
        QVERIFY(std::isnan(v[1])); // bracket of 50 days > 30
        QCOMPARE(v[2], 10.0);      // exact hit
        QVERIFY(std::isnan(v[3])); // before the record
        QVERIFY(std::isnan(v[4])); // after the last valid observation
        o.maxGap.reset();
        QVERIFY(std::abs(interpolateToDates(s, {makeTime(2020, 2, 1)}, o)[0] -
                         (10 + 40.0 * 21 / 50)) < 1e-9);
    }

    void naturalSplineInterpolates() {
        series::TimeSeries s;
        for (int d = 0; d < 6; ++d)
            s.push(makeTime(2020, 1, unsigned(1 + 2 * d)), 3.0 + 0.5 * d); // linear data
        InterpolationOptions o;
        o.method = InterpolationMethod::NaturalSpline;
        const auto v = interpolateToDates(s, {makeTime(2020, 1, 2), makeTime(2020, 1, 8, 12)}, o);
        QVERIFY(std::abs(v[0] - 3.25) < 1e-9); // a natural spline reproduces straight lines
        QVERIFY(std::abs(v[1] - (3.0 + 0.5 * 3.75)) < 1e-9);
        // a bump: the spline is smooth, overshoots linear interpolation near the peak
        series::TimeSeries b;
        const double y[] = {0, 0, 1, 0, 0};
        for (int d = 0; d < 5; ++d)
            b.push(makeTime(2020, 1, unsigned(1 + d)), y[d]);
        const auto sp =
            interpolateToDates(b, {makeTime(2020, 1, 3, 6), makeTime(2020, 1, 2, 12)}, o);
        QVERIFY(sp[0] > 0.75 && sp[0] < 1.0); // linear would give 0.75
        QVERIFY(sp[1] > 0.5);                 // symmetric shoulder above the linear 0.5
    }

    void radarTransforms() {
        QVERIFY(std::abs(dbToLinear(-10.0) - 0.1) < 1e-12);
        QVERIFY(std::abs(linearToDb(0.01) + 20.0) < 1e-12);
        QVERIFY(std::isnan(linearToDb(0.0)));
        // cosine-squared normalisation: at the reference angle nothing changes
        QVERIFY(std::abs(normaliseIncidence(-12, 40, 40, IncidenceNormalisation::Cosine, 2) + 12) <
                1e-9);
        const double n30 = normaliseIncidence(-12, 30, 40, IncidenceNormalisation::Cosine, 2);
        QVERIFY(std::abs(n30 - (-12 + 20 * std::log10(std::cos(40 * M_PI / 180) /
                                                      std::cos(30 * M_PI / 180)))) < 1e-9);
        QVERIFY(std::abs(normaliseIncidence(-12, 30, 40, IncidenceNormalisation::Linear, 0.2) +
                         10) < 1e-12);
    }

    void waterCloudInversionRoundTrips() {
        WaterCloudParameters p{0.0185, 0.084, -18.0, 40.0};
        const double theta = 40.0, vwc = 1.5, sm = 0.25;
        const double c = std::cos(theta * M_PI / 180);
        const double g2 = std::exp(-2 * p.B * vwc / c);
        const double soil = dbToLinear(p.C + p.D * sm);
        const double obs = p.A * c * (1 - g2) + g2 * soil;
        const auto r = isolateSoilBackscatter(linearToDb(obs), theta, 1.0, vwc, p);
        QVERIFY(!r.clamped);
        QVERIFY(std::abs(r.soilMoisture - sm) < 1e-9);
        QVERIFY(std::abs(r.sigmaSoilDb - (p.C + p.D * sm)) < 1e-9);
        // σ_obs below the vegetation term: the log is undefined → NaN and counted as clamped
        const auto bad =
            isolateSoilBackscatter(linearToDb(p.A * c * (1 - g2) * 0.5), theta, 1.0, vwc, p);
        QVERIFY(bad.clamped && std::isnan(bad.sigmaSoilDb));
        QCOMPARE(vegetationWaterContent(0.5, {0.1, 2.0}), 1.1);
        QCOMPARE(vegetationWaterContent(0.5, {0.0, 0.0, 4.0}), 1.0);
    }

    void calendarAndPolynomial() {
        const auto [s, c] = dayOfYearSinCos(makeTime(2021, 1, 1));
        QVERIFY(std::abs(s - std::sin(2 * M_PI / 365.25)) < 1e-12 && c > 0.99);
        const auto [s2, c2] = dayOfYearSinCos(makeTime(2021, 7, 2));
        QVERIFY(c2 < -0.99 && std::abs(s2) < 0.05);
        QCOMPARE(polynomial(2.0, {1.0, -3.0, 0.5}), 1.0 - 6.0 + 2.0);
        QVERIFY(std::isnan(polynomial(std::nan(""), {1.0})));
    }
};

QTEST_APPLESS_MAIN(TestTemporal)
#include "test_temporal.moc"
