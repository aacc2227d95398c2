#include "analysis/intraday.h"
#include "analysis/intraday_stream.h"
#include "analysis/metrics.h"
#include "base/error.h"

#include <QtTest>

#include <cmath>
#include <numbers>

using namespace soilscope;
using namespace soilscope::analysis;

namespace {

/// Hourly SM with a diurnal sine: mean 0.25, amplitude a (so delta = 2a), maximum at `peakHour`
/// local solar time at longitude `lon`.
series::TimeSeries diurnal(double amplitude, double peakHour, double lon, int days) {
    series::TimeSeries s;
    const TimePoint t0 = makeTime(2019, 6, 1);
    for (int h = 0; h < 24 * days; ++h) {
        const double utcHour = h % 24;
        const double solarHour = utcHour + lon / 15.0;
        const double v =
            0.25 + amplitude * std::cos(2.0 * std::numbers::pi * (solarHour - peakHour) / 24.0);
        s.push(t0 + std::chrono::hours(h), v);
    }
    return s;
}

} // namespace

class TestIntraday : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void amplitudeAndHourOfMaxUtc() {
        const auto s = diurnal(0.02, 14.0, 0.0, 5);
        const auto days = dailyExtremes(s, {});
        QCOMPARE(days.size(), std::size_t(5));
        for (const auto& d : days) {
            QCOMPARE(d.count, std::size_t(24));
            QVERIFY(std::abs(d.delta - 0.04) < 1e-9);
            QCOMPARE(d.hourMax, 14.0);
            QCOMPARE(d.hourMin, 2.0);
            QVERIFY(std::abs(d.smMax - 0.27) < 1e-12);
        }
        QCOMPARE(days[0].day,
                 std::int64_t(makeTime(2019, 6, 1).time_since_epoch().count() / 86400));
    }
    void localSolarVersusUtcDay() {
        // At 90 W the solar day runs 06:00-06:00 UTC. The maximum at 14 h solar is 20 h UTC.
        const double lon = -90.0;
        const auto s = diurnal(0.03, 14.0, lon, 4);
        IntradayOptions solar;
        solar.day = DayDefinition::LocalSolar;
        const auto local = dailyExtremes(s, solar, lon);
        const auto utc = dailyExtremes(s, {}, lon);
        QCOMPARE(utc.size(), std::size_t(4));
        QCOMPARE(utc[0].hourMax, 20.0);
        QCOMPARE(utc[0].hourMin, 8.0);
        // Solar days (UTC - 6 h): 18-24 h of 31 May, three full days, 0-18 h of 4 June.
        QCOMPARE(local.size(), std::size_t(5));
        QCOMPARE(local[0].count, std::size_t(6));
        QCOMPARE(local[4].count, std::size_t(18));
        QCOMPARE(local[1].count, std::size_t(24));
        QCOMPARE(local[1].hourMax, 14.0);
        QCOMPARE(local[1].hourMin, 2.0);
        QVERIFY(std::abs(local[1].delta - 0.06) < 1e-9);
        const auto [day, hour] =
            dayAndHour(makeTime(2019, 6, 2, 3), DayDefinition::LocalSolar, lon);
        QCOMPARE(hour, 21.0);
        QCOMPARE(day, std::int64_t(makeTime(2019, 6, 1).time_since_epoch().count() / 86400));
    }
    void observationHoursAndMinimumCount() {
        // Two overpasses a day (04 h and 16 h UTC); a reference sampled there sees a smaller
        // amplitude than at all hours.
        const auto ref = diurnal(0.02, 14.0, 0.0, 3);
        std::vector<TimePoint> obs;
        for (int d = 0; d < 3; ++d) {
            obs.push_back(makeTime(2019, 6, 1 + d, 4, 10));
            obs.push_back(makeTime(2019, 6, 1 + d, 16, 40));
        }
        obs.push_back(makeTime(2019, 6, 9, 12)); // no reference within tolerance
        const auto sampled = sampleAt(ref, obs, std::chrono::minutes(30));
        QVERIFY(std::isnan(sampled.back()));
        QVERIFY(std::abs(sampled[0] - ref.values[4]) < 1e-12);  // 04:10 -> 04:00
        QVERIFY(std::abs(sampled[1] - ref.values[17]) < 1e-12); // 16:40 -> 17:00
        const auto atObs = dailyExtremes(obs, sampled, {});
        QCOMPARE(atObs.size(), std::size_t(3)); // the single 9 June observation is not a day
        const auto all = dailyExtremes(ref, {});
        QVERIFY(atObs[0].delta < all[0].delta);
        QCOMPARE(atObs[0].hourMax, 16.0 + 40.0 / 60.0);
        IntradayOptions three;
        three.minObservations = 3;
        QVERIFY(dailyExtremes(obs, sampled, three).empty());
    }
    void circularMeanOfHours() {
        const std::vector<double> a{23.0, 1.0};
        QCOMPARE(circularMeanHours(a), 0.0);
        const std::vector<double> b{22.0, 23.0, 3.0};
        QVERIFY(std::abs(circularMeanHours(b) - 0.0) < 0.5 ||
                std::abs(circularMeanHours(b) - 24.0) < 0.5);
        const std::vector<double> c{6.0, 8.0};
        QVERIFY(std::abs(circularMeanHours(c) - 7.0) < 1e-9);
        const std::vector<double> opposite{0.0, 12.0};
        QVERIFY(std::isnan(circularMeanHours(opposite)));
        QVERIFY(std::isnan(circularMeanHours(std::vector<double>{})));
        PixelDayMeans means(2);
        DayExtremes d1;
        d1.smMax = 0.3;
        d1.smMin = 0.2;
        d1.delta = 0.1;
        d1.hourMax = 23.0;
        d1.hourMin = 11.0;
        DayExtremes d2 = d1;
        d2.hourMax = 1.0;
        d2.hourMin = 13.0;
        d2.delta = 0.3;
        means.add(0, d1);
        means.add(0, d2);
        QVERIFY(std::abs(means.layer(PixelDayMeans::Layer::HourMax)[0]) < 1e-5);
        QVERIFY(std::abs(means.layer(PixelDayMeans::Layer::HourMin)[0] - 12.0f) < 1e-5);
        QVERIFY(std::abs(means.layer(PixelDayMeans::Layer::DeltaSm)[0] - 0.2f) < 1e-6);
        QVERIFY(std::isnan(means.layer(PixelDayMeans::Layer::SmMax)[1]));
        QCOMPARE(means.layer(PixelDayMeans::Layer::Days)[1], 0.0f);
    }
    void conditionParsing() {
        const auto c = PrecipitationCondition::parse("pt > 10 & pt1=0");
        QCOMPARE(c.label, std::string("pt>10&pt1=0"));
        QVERIFY(c.test(12.0, 0.0));
        QVERIFY(!c.test(12.0, 0.5));
        QVERIFY(!c.test(10.0, 0.0));
        QVERIFY(!c.test(std::nan(""), 0.0));
        QVERIFY(PrecipitationCondition::parse("all").test(std::nan(""), std::nan("")));
        QVERIFY(PrecipitationCondition::parse("pt>=1").test(1.0, 5.0));
        QVERIFY(PrecipitationCondition::parse("pt1<=2").test(0.0, 2.0));
        QVERIFY_THROWS_EXCEPTION(Error, PrecipitationCondition::parse("rain>3"));
        QVERIFY_THROWS_EXCEPTION(Error, PrecipitationCondition::parse("pt>x"));
        QVERIFY_THROWS_EXCEPTION(Error, PrecipitationCondition::parse("pt10"));
        QVERIFY_THROWS_EXCEPTION(Error, PrecipitationCondition::parse("pt>1&"));
    }
    void conditioningCountsAndCorrelation() {
        // 40 days: p_t cycles through 0, 0, 5, 15, 20 mm. B's delta equals A's on wet days
        // (> 10 mm) and is unrelated elsewhere.
        std::vector<PairedDay> days;
        const double pattern[] = {0.0, 0.0, 5.0, 15.0, 20.0};
        for (int i = 0; i < 40; ++i) {
            PairedDay d;
            d.day = i;
            d.pToday = pattern[i % 5];
            d.pYesterday = i == 0 ? std::nan("") : pattern[(i - 1) % 5];
            d.a.delta = 0.01 + 0.001 * i;
            d.a.smMax = 0.3 + 0.001 * i;
            d.a.smMin = d.a.smMax - d.a.delta;
            d.b = d.a;
            if (d.pToday <= 10.0)
                d.b.delta = 0.02 + 0.01 * std::sin(i * 1.7);
            days.push_back(d);
        }
        const auto all = correlateDays(days, PrecipitationCondition::parse("all"));
        const auto wet = correlateDays(days, PrecipitationCondition::parse("pt>0"));
        const auto heavy = correlateDays(days, PrecipitationCondition::parse("pt>10"));
        const auto heavyAfterDry =
            correlateDays(days, PrecipitationCondition::parse("pt>10&pt1=0"));
        QCOMPARE(all.n, std::size_t(40));
        QCOMPARE(wet.n, std::size_t(24));
        QCOMPARE(heavy.n, std::size_t(16));
        QCOMPARE(heavyAfterDry.n, std::size_t(0)); // 15 mm days follow 5 mm days, 20 follow 15
        const auto after5 =
            correlateDays(days, PrecipitationCondition::parse("pt>10&pt1>=5&pt1<10"));
        QCOMPARE(after5.n, std::size_t(8));
        QVERIFY(std::abs(heavy.rDelta - 1.0) < 1e-12);
        QVERIFY(all.rDelta < 0.9);
        QVERIFY(std::abs(all.rMax - 1.0) < 1e-12);
        QVERIFY(std::isnan(heavyAfterDry.rDelta));
    }
    void streamMatchesSeriesExtremes() {
        // Two pixels at 0 and 90 W, local solar days; the stream must give the same days as
        // dailyExtremes on each pixel's series, also when closeBefore closes them early.
        const auto s0 = diurnal(0.02, 14.0, 0.0, 4);
        const auto s1 = diurnal(0.03, 6.0, -90.0, 4);
        IntradayOptions o;
        o.day = DayDefinition::LocalSolar;
        DailyExtremesStream stream(2, o, {0.0, -90.0});
        std::vector<std::vector<DayExtremes>> got(2);
        const auto sink = [&](std::size_t p, const DayExtremes& d) { got[p].push_back(d); };
        for (std::size_t i = 0; i < s0.size(); ++i) {
            const std::vector<float> map{static_cast<float>(s0.values[i]),
                                         static_cast<float>(s1.values[i])};
            stream.closeBefore(s0.times[i], sink);
            stream.add(s0.times[i], map, sink);
        }
        QCOMPARE(got[0].size(), std::size_t(3)); // the last day of each pixel is still open
        stream.finish(sink);
        const auto e0 = dailyExtremes(s0, o, 0.0);
        const auto e1 = dailyExtremes(s1, o, -90.0);
        QCOMPARE(got[0].size(), e0.size());
        QCOMPARE(got[1].size(), e1.size());
        for (std::size_t i = 0; i < e1.size(); ++i) {
            QCOMPARE(got[1][i].day, e1[i].day);
            QCOMPARE(got[1][i].count, e1[i].count);
            QCOMPARE(got[1][i].hourMax, e1[i].hourMax);
            QVERIFY(std::abs(got[1][i].delta - e1[i].delta) < 1e-6);
        }
        const std::vector<float> wrongSize{1.0f};
        QVERIFY_THROWS_EXCEPTION(Error, stream.add(s0.times.back(), wrongSize, sink));
    }
    void runningCorrelationMatchesPearson() {
        std::vector<double> x, y;
        RunningCorrelation rc;
        for (int i = 0; i < 200; ++i) {
            x.push_back(0.3 + 0.01 * std::sin(i * 0.37));
            y.push_back(0.5 * x.back() + 0.004 * std::cos(i * 1.3));
            rc.add(x.back(), y.back());
        }
        rc.add(std::nan(""), 1.0);
        QCOMPARE(rc.n(), std::size_t(200));
        QVERIFY(std::abs(rc.r() - pearson(x, y).value) < 1e-10);
        RunningCorrelation two;
        two.add(1, 2);
        two.add(2, 3);
        QVERIFY(std::isnan(two.r()));
    }
    void pairingDays() {
        std::vector<DayExtremes> a(3), b(2);
        a[0].day = 1;
        a[1].day = 2;
        a[2].day = 4;
        b[0].day = 2;
        b[1].day = 4;
        const auto p = pairDays(a, b, 7);
        QCOMPARE(p.size(), std::size_t(2));
        QCOMPARE(p[1].day, std::int64_t(4));
        QCOMPARE(p[0].pixel, std::int64_t(7));
    }
};

QTEST_APPLESS_MAIN(TestIntraday)
#include "test_intraday.moc"
