#include "base/error.h"
#include "series/quality_flags.h"
#include "series/resampling.h"

#include <QtTest>

#include <cmath>

using namespace soilscope;
using namespace soilscope::series;

class TestResampling : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void hourlyToDailyWithMinimumCount() {
        TimeSeries s;
        const TimePoint day0 = makeTime(2020, 3, 1);
        for (int h = 0; h < 24; ++h)
            s.push(day0 + std::chrono::hours(h), h); // mean 11.5
        for (int h = 0; h < 5; ++h)
            s.push(day0 + std::chrono::hours(24 + h), 100.0); // 5 values
        s.push(day0 + std::chrono::hours(24 + 6), NAN);       // missing
        s.push(day0 + std::chrono::hours(72 + 1), 7.0);       // 3rd day empty
        const TimeSeries d = dailyMean(s, 5);
        QCOMPARE(d.size(), std::size_t(4));
        QCOMPARE(d.times[0], day0);
        QCOMPARE(d.values[0], 11.5);
        QCOMPARE(d.values[1], 100.0);
        QVERIFY(std::isnan(d.values[2]));
        QVERIFY(std::isnan(d.values[3])); // one value < minimum count 5
        const TimeSeries strict = dailyMean(s, 6);
        QVERIFY(std::isnan(strict.values[1]));
        QCOMPARE(dailyMean(s, 1).values[3], 7.0);
    }
    void flagsAndAggregations() {
        TimeSeries s;
        const TimePoint t0 = makeTime(2021, 6, 1);
        s.push(t0, 1.0, flag::G);
        s.push(t0 + std::chrono::minutes(10), 5.0, flag::G);
        s.push(t0 + std::chrono::minutes(20), 2.0, flag::G);
        s.push(t0 + std::chrono::minutes(30), 50.0, flag::D(3));
        ResampleOptions o;
        o.period = std::chrono::hours(1);
        o.acceptedFlags = flag::G;
        QCOMPARE(resample(s, o).values[0], 8.0 / 3.0);
        o.aggregation = Aggregation::Median;
        QCOMPARE(resample(s, o).values[0], 2.0);
        o.aggregation = parseAggregation("max");
        QCOMPARE(resample(s, o).values[0], 5.0);
        o.acceptedFlags = ~0u;
        QCOMPARE(resample(s, o).values[0], 50.0);
        o.aggregation = Aggregation::Sum;
        QCOMPARE(resample(s, o).values[0], 58.0);
        QVERIFY_THROWS_EXCEPTION(Error, parseAggregation("mode"));
        o.period = std::chrono::seconds(0);
        QVERIFY_THROWS_EXCEPTION(Error, resample(s, o));
    }
    void binsBeforeEpochAndOffsets() {
        TimeSeries s;
        s.push(makeTime(1969, 12, 31, 23), 4.0);
        s.push(makeTime(1970, 1, 1, 1), 6.0);
        const TimeSeries d = dailyMean(s);
        QCOMPARE(d.size(), std::size_t(2));
        QCOMPARE(d.times[0], makeTime(1969, 12, 31));
        ResampleOptions o;
        o.offset = std::chrono::hours(12); // days from noon to noon
        const TimeSeries noon = resample(s, o);
        QCOMPARE(noon.size(), std::size_t(1));
        QCOMPARE(noon.times[0], makeTime(1969, 12, 31, 12));
        QCOMPARE(noon.values[0], 5.0);
    }
};

QTEST_APPLESS_MAIN(TestResampling)
#include "test_resampling.moc"
