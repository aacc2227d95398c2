// Declared numbers are checked: NaN and infinities pass no range comparison, so they are
// refused by name, as are whole numbers too large to be exact (issue 20, finding 10).
#include "base/error.h"
#include "base/parameter_values.h"

#include <QtTest>

using namespace soilscope;

class TestParameterValues : public QObject {
    Q_OBJECT
    static QString refusal(const std::vector<ParameterSpec>& specs,
                           const std::map<std::string, std::string>& raw) {
        try {
            ParameterValues::fromText(specs, raw);
        } catch (const UsageError& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

  private Q_SLOTS:
    void nonFiniteAndHugeNumbersAreRefused() {
        const std::vector<ParameterSpec> specs{
            doubleParam("departure-factor", "a factor", 1.5, 1.0, 10.0),
            intParam("band", "a band", 0, 0)};
        for (const char* bad : {"nan", "NaN", "inf", "-inf"}) {
            const QString e = refusal(specs, {{"departure-factor", bad}});
            QVERIFY2(e.contains("--departure-factor") && e.contains("finite"), qPrintable(e));
        }
        QVERIFY(refusal(specs, {{"band", "1e300"}}).contains("too large"));
        QVERIFY(refusal(specs, {{"departure-factor", "2.5"}, {"band", "3"}}).isEmpty());
        QVERIFY(refusal(specs, {{"departure-factor", "0.5"}}).contains("outside"));
    }
};

QTEST_APPLESS_MAIN(TestParameterValues)
#include "test_parameter_values.moc"
