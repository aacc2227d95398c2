#include "base/error.h"
#include "geo/cf_time.h"

#include <QtTest>

using namespace soilscope;
using namespace soilscope::geo;

namespace {
std::string at(double value, const std::string& units, const std::string& calendar = {}) {
    return formatIsoTime(cfToTime(value, parseCfTimeUnits(units, calendar)));
}
} // namespace

class TestCfTime : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void gregorianUnits() {
        QCOMPARE(at(24, "hours since 1970-01-01 00:00:00"), std::string("1970-01-02T00:00:00Z"));
        QCOMPARE(at(1.5, "days since 2000-01-01"), std::string("2000-01-02T12:00:00Z"));
        QCOMPARE(at(90, "minutes since 2017-08-10 23:00"), std::string("2017-08-11T00:30:00Z"));
        QCOMPARE(at(-1, "seconds since 1970-01-01T00:00:00Z"), std::string("1969-12-31T23:59:59Z"));
        // The Stage IV NetCDF writes its units like this.
        QCOMPARE(at(146396, "Hour since 2001-12-31T23:00:00Z", "proleptic_gregorian"),
                 std::string("2018-09-13T19:00:00Z"));
        QCOMPARE(at(0, "hours since 2000-01-01 02:00:00 +2:00"),
                 std::string("2000-01-01T00:00:00Z"));
        QCOMPARE(at(0, "hours since 2000-01-01 00:00:00 -0530"),
                 std::string("2000-01-01T05:30:00Z"));
        QCOMPARE(at(0.5, "days since 2000-1-1 0:0:0"), std::string("2000-01-01T12:00:00Z"));
    }

    void standardCalendarIsJulianBefore1582() {
        // 2000-01-01 is 730119 days after proleptic-Gregorian 0001-01-01, but 730121 days after
        // 0001-01-01 of the mixed Julian/Gregorian "standard" calendar (as cftime counts).
        QCOMPARE(at(730121, "days since 0001-01-01", "standard"),
                 std::string("2000-01-01T00:00:00Z"));
        QCOMPARE(at(730119, "days since 0001-01-01", "proleptic_gregorian"),
                 std::string("2000-01-01T00:00:00Z"));
        QCOMPARE(at(0, "days since 1970-01-01", "julian"), std::string("1970-01-14T00:00:00Z"));
        QCOMPARE(at(1, "days since 1582-10-04", "gregorian"), std::string("1582-10-15T00:00:00Z"));
    }

    void modelCalendars() {
        QCOMPARE(at(59, "days since 2000-01-01", "noleap"), std::string("2000-03-01T00:00:00Z"));
        QCOMPARE(at(365, "days since 2000-01-01", "365_day"), std::string("2001-01-01T00:00:00Z"));
        QCOMPARE(at(-1, "days since 2000-01-01", "noleap"), std::string("1999-12-31T00:00:00Z"));
        QCOMPARE(at(60, "days since 2001-01-01", "all_leap"), std::string("2001-03-01T00:00:00Z"));
        QCOMPARE(at(366, "days since 2001-01-01", "366_day"), std::string("2002-01-01T00:00:00Z"));
        // 29 February 2001 exists only in the model calendar: it maps to the month's last day.
        QCOMPARE(at(59.25, "days since 2001-01-01", "all_leap"),
                 std::string("2001-02-28T06:00:00Z"));
        QCOMPARE(at(30, "days since 2000-01-01", "360_day"), std::string("2000-02-01T00:00:00Z"));
        QCOMPARE(at(360, "days since 2000-01-01", "360_day"), std::string("2001-01-01T00:00:00Z"));
        QCOMPARE(at(24 * 45.5, "hours since 2000-01-01", "360_day"),
                 std::string("2000-02-16T12:00:00Z"));
        QCOMPARE(at(59, "days since 2001-01-01", "360_day"), std::string("2001-02-28T00:00:00Z"));
    }

    void calendarNames() {
        QVERIFY(parseCfCalendar("") == CfCalendar::Standard);
        QVERIFY(parseCfCalendar("Gregorian") == CfCalendar::Standard);
        QVERIFY(parseCfCalendar("365_day") == CfCalendar::NoLeap);
        QVERIFY(parseCfCalendar("366_day") == CfCalendar::AllLeap);
        QCOMPARE(std::string(cfCalendarName(parseCfCalendar("all_leap"))), std::string("all_leap"));
    }

    void badUnitsAreErrors() {
        QVERIFY_THROWS_EXCEPTION(Error, parseCfTimeUnits("meters"));
        QVERIFY_THROWS_EXCEPTION(Error, parseCfTimeUnits("fortnights since 2000-01-01"));
        QVERIFY_THROWS_EXCEPTION(Error, parseCfTimeUnits("days since yesterday"));
        QVERIFY_THROWS_EXCEPTION(Error, parseCfTimeUnits("days since 2000-13-01"));
        QVERIFY_THROWS_EXCEPTION(Error, parseCfTimeUnits("days since 2000-01-01", "martian"));
        // A fill value read as a time is not year -19749 (issue 20, finding 10).
        const auto days = parseCfTimeUnits("days since 1970-01-01");
        QVERIFY_THROWS_EXCEPTION(Error, cfToTime(-9.96921e36, days));
        QVERIFY_THROWS_EXCEPTION(Error, cfToTime(1e8, days));
        QCOMPARE(formatIsoDate(cfToTime(365.0 * 3000, days)).substr(0, 2), std::string("49"));
        QVERIFY_THROWS_EXCEPTION(Error,
                                 cfToTime(std::nan(""), parseCfTimeUnits("days since 2000-01-01")));
    }

    void errorsNameTheFileAndTheVariable() {
        const auto messageOf = [](auto&& f) {
            try {
                f();
            } catch (const Error& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        std::string e = messageOf(
            [] { parseCfTimeUnitsOf("a.nc", "time", "days since 2000-01-01", "martian"); });
        QVERIFY2(e.find("a.nc") == 0 && e.find("'time'") != std::string::npos &&
                     e.find("martian") != std::string::npos,
                 e.c_str());
        e = messageOf([] { parseCfTimeUnitsOf("b.nc", "t0", "fortnights since 2000-01-01", ""); });
        QVERIFY2(e.find("b.nc") == 0 && e.find("fortnights") != std::string::npos, e.c_str());
        e = messageOf(
            [] { cfToTimeOf("c.nc", "time", 1e300, parseCfTimeUnits("days since 2000-01-01")); });
        QVERIFY2(e.find("c.nc") == 0 && e.find("10 000 years") != std::string::npos, e.c_str());
    }
};

QTEST_APPLESS_MAIN(TestCfTime)
#include "test_cf_time.moc"
