// JSON output never aborts on the bytes of real files: invalid UTF-8 is read as Latin-1.
#include "base/utf8.h"

#include <QtTest>

using namespace soilscope;

class TestUtf8 : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void validTextIsKept() {
        QCOMPARE(validUtf8("Narbonne"), std::string("Narbonne"));
        QCOMPARE(validUtf8("m³ m⁻³, café, 土壤"), std::string("m³ m⁻³, café, 土壤"));
    }
    void latin1BytesBecomeTheirCharacters() {
        QCOMPARE(validUtf8("caf\xe9"), std::string("café"));
        QCOMPARE(validUtf8("\xc3"), std::string("Ã"));                         // a cut sequence
        QCOMPARE(validUtf8("\xc0\xaf"), std::string("À¯"));                    // overlong "/"
        QCOMPARE(validUtf8("\xed\xa0\x80"), std::string("í\xc2\xa0\xc2\x80")); // a surrogate
    }
    void documentsDumpWithoutThrowing() {
        nlohmann::json j{{"station", "Mont\xe9limar"}, {"caf\xe9", {"\xff", 1}}};
        const std::string text = dumpJson(j);
        QVERIFY(text.find("Montélimar") != std::string::npos);
        QVERIFY(text.find("café") != std::string::npos);
        QVERIFY(!nlohmann::json::parse(text).is_discarded());
    }
};

QTEST_APPLESS_MAIN(TestUtf8)
#include "test_utf8.moc"
