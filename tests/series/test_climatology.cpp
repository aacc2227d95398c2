#include "series/climatology.h"

#include <QtTest>

#include <cmath>

using namespace soilscope;
using namespace soilscope::series;

namespace {
bool close(double a, double b, double tol) {
    return std::fabs(a - b) <= tol;
}

/// Daily series over the leap year 2020 whose value is its day of year (1..366).
TimeSeries sawtooth() {
    TimeSeries s;
    for (TimePoint t = makeTime(2020, 1, 1); t < makeTime(2021, 1, 1); t += std::chrono::days(1))
        s.push(t, Climatology::dayOfYear(t));
    return s;
}
} // namespace

class TestClimatology : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void dayOfYearBehavesLikeALeapYear() {
        QCOMPARE(Climatology::dayOfYear(makeTime(2020, 2, 29)), 60);
        QCOMPARE(Climatology::dayOfYear(makeTime(2021, 2, 28)), 59);
        QCOMPARE(Climatology::dayOfYear(makeTime(2021, 3, 1)), 61);
        QCOMPARE(Climatology::dayOfYear(makeTime(2021, 12, 31, 23)), 366);
        QCOMPARE(Climatology::dayOfYear(makeTime(2021, 1, 1)), 1);
    }
    void wraparoundSmoothsAcrossNewYear() {
        ClimatologyOptions o;
        o.movingAverageOriginalDays = 0;
        o.movingAverageClimDays = 35; // ±17 days
        o.wraparound = true;
        const Climatology wrapped = computeClimatology(sawtooth(), o);
        // Day 1 averages days 350..366 and 1..18.
        QVERIFY(close(wrapped.atDay(1), (17.0 * 358.0 + 171.0) / 35.0, 1e-9));
        QVERIFY(close(wrapped.atDay(183), 183.0, 1e-9));
        QVERIFY(close(wrapped.atDay(366), (18.0 * 357.5 + 153.0) / 35.0, 1e-9));
        o.wraparound = false;
        const Climatology open = computeClimatology(sawtooth(), o);
        QVERIFY(close(open.atDay(1), 9.5, 1e-9));
        QVERIFY(close(open.atDay(183), 183.0, 1e-9));
        QVERIFY(std::isnan(open.atDay(0)) && std::isnan(open.atDay(367)));
    }
    void climatologyOfSeasonalSignal() {
        // Ten years of a pure seasonal cycle plus an offset: the climatology recovers it.
        TimeSeries s;
        for (TimePoint t = makeTime(2010, 1, 1); t < makeTime(2020, 1, 1);
             t += std::chrono::hours(12)) {
            const double doy = Climatology::dayOfYear(t);
            s.push(t, 0.25 + 0.1 * std::sin(2 * M_PI * doy / 366.0));
        }
        const Climatology c = computeClimatology(s);
        double worst = 0.0;
        for (int d = 1; d <= 366; ++d)
            worst = std::max(worst,
                             std::fabs(c.atDay(d) - (0.25 + 0.1 * std::sin(2 * M_PI * d / 366.0))));
        QVERIFY2(worst < 0.005, qPrintable(QString::number(worst))); // box-filter damping only
        const TimeSeries a = climatologyAnomalies(s, c);
        for (double v : a.values)
            QVERIFY(std::fabs(v) < 0.006);
    }
    void minimumObservations() {
        TimeSeries s;
        s.push(makeTime(2019, 7, 1), 1.0);
        ClimatologyOptions o;
        o.movingAverageOriginalDays = 0;
        o.movingAverageClimDays = 5;
        o.minObsClim = 2;
        QVERIFY(std::isnan(computeClimatology(s, o).at(makeTime(2019, 7, 1))));
        o.minObsClim = 1;
        QCOMPARE(computeClimatology(s, o).at(makeTime(2019, 7, 2)), 1.0);
        QVERIFY(std::isnan(computeClimatology(s, o).at(makeTime(2019, 7, 10))));
    }
    void movingAverageAnomaliesOfTrend() {
        // A linear trend has zero anomaly wherever the 35-day window is complete and symmetric.
        TimeSeries s;
        for (int i = 0; i < 200; ++i)
            s.push(makeTime(2020, 1, 1) + std::chrono::days(i), 0.01 * i);
        s.values[100] = NAN;
        const TimeSeries a = movingAverageAnomalies(s, 35.0);
        QVERIFY(close(a.values[50], 0.0, 1e-12));
        QVERIFY(close(a.values[150], 0.0, 1e-12));
        QVERIFY(std::isnan(a.values[100]));
        QVERIFY(a.values[0] < -0.05);               // window holds only later days at the start
        const TimeSeries m = movingAverage(s, 2.0); // ±1 day
        QVERIFY(close(m.values[10], 0.10, 1e-12));
        QVERIFY(close(m.values[99], (0.98 + 0.99) / 2.0, 1e-12)); // day 100 is missing
        QVERIFY(std::isnan(movingAverage(s, 2.0, 3).values[99]));
        QVERIFY(close(movingAverage(s, 2.0, 1, true).values[100], 1.0, 1e-12));
    }
};

QTEST_APPLESS_MAIN(TestClimatology)
#include "test_climatology.moc"
