#include "base/atomic_file.h"
#include "base/error.h"
#include "base/time_utils.h"

#include <QtTest>
#include <filesystem>

using namespace soilscope;

class TestTimeUtils : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void parsesIsoVariants() {
        const auto t = makeTime(2017, 8, 10, 12, 30, 0);
        QCOMPARE(parseIsoTime("2017-08-10T12:30:00Z").value(), t);
        QCOMPARE(parseIsoTime("2017-08-10 12:30").value(), t);
        QCOMPARE(parseIsoTime("2017/08/10 12:30:00").value(), t);
        QCOMPARE(parseIsoTime("2017-08-10T12:29:59.6").value(), t);
        QCOMPARE(parseIsoTime("2017-08-10T14:30:00+02:00").value(), t);
        QCOMPARE(parseIsoTime("2017-08-10").value(), makeTime(2017, 8, 10));
        QVERIFY(!parseIsoTime("2017-02-30"));
        QVERIFY(!parseIsoTime("yesterday"));
        QVERIFY(!parseIsoTime("2017-08-10T12"));
        QCOMPARE(formatIsoTime(t), std::string("2017-08-10T12:30:00Z"));
        QCOMPARE(formatIsoDate(t), std::string("2017-08-10"));
        QCOMPARE(formatIsoTime(makeTime(1900, 1, 1)), std::string("1900-01-01T00:00:00Z"));
    }
    void parsesDurations() {
        QCOMPARE(parseDuration("1h").count(), 3600L);
        QCOMPARE(parseDuration("30min").count(), 1800L);
        QCOMPARE(parseDuration("1.5h").count(), 5400L);
        QCOMPARE(parseDuration("2d").count(), 172800L);
        QVERIFY_THROWS_EXCEPTION(UsageError, parseDuration("1 fortnight"));
        QVERIFY_THROWS_EXCEPTION(UsageError, parseDuration("h"));
    }
    void atomicWriteLeavesTargetIntactOnFailure() {
        const auto dir = std::filesystem::temp_directory_path() / "soilscope_atomic_test";
        std::filesystem::remove_all(dir);
        const auto target = dir / "out.txt";
        writeTextAtomically(target, "first");
        QCOMPARE(readTextFile(target), std::string("first"));
        QVERIFY_THROWS_EXCEPTION(Error, writeAtomically(target, [](const auto& tmp) {
                                     writeTextAtomically(tmp, "half");
                                     throw Error("writer failed");
                                 }));
        QCOMPARE(readTextFile(target), std::string("first"));
        std::size_t files = 0;
        for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir))
            ++files;
        QCOMPARE(files, std::size_t(1));
        std::filesystem::remove_all(dir);
    }
};

QTEST_APPLESS_MAIN(TestTimeUtils)
#include "test_time_utils.moc"
