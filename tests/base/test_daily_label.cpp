// The time of day of date-only daily labels: 12:00 UTC by default, set as HH:MM.
#include "base/daily_label.h"
#include "base/error.h"

#include <QtTest>

using namespace soilscope;
using namespace std::chrono;

class TestDailyLabel : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void noonByDefault() {
        QCOMPARE(dailyLabelTime(), seconds{hours{12}});
        QCOMPARE(formatIsoTime(labelDaily(makeTime(2019, 6, 1))),
                 std::string("2019-06-01T12:00:00Z"));
        QCOMPARE(formatIsoTime(labelDaily(makeTime(2019, 6, 1, 6))),
                 std::string("2019-06-01T06:00:00Z")); // a real time stays
    }

    void timesOfDay() {
        QCOMPARE(parseTimeOfDay("00:00"), seconds{0});
        QCOMPARE(parseTimeOfDay("23:59:30"), seconds{23 * 3600 + 59 * 60 + 30});
        for (const char* bad : {"24:00", "12", "12:60", "1:00", "12:00:", "noon", "", "-1:00"})
            QVERIFY_THROWS_EXCEPTION(Error, parseTimeOfDay(bad));
        setDailyLabelTime(parseTimeOfDay("06:30"));
        QCOMPARE(formatIsoTime(labelDaily(makeTime(2019, 6, 1))),
                 std::string("2019-06-01T06:30:00Z"));
        QVERIFY_THROWS_EXCEPTION(Error, setDailyLabelTime(hours{24}));
        setDailyLabelTime(hours{12});
    }
};

QTEST_APPLESS_MAIN(TestDailyLabel)
#include "test_daily_label.moc"
