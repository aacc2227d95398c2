// JSON text from files: depth bombs, syntax errors with line and column, bytes in messages;
// base64 payloads.
#include "base/base64.h"
#include "base/error.h"
#include "base/json_text.h"
#include "error_message.h"

#include <QtTest>

using namespace soilscope;

namespace {
std::string messageOf(const std::string& text) {
    return testing::errorMessageOf([&] { parseJsonText(text, "f.json"); });
}
} // namespace

class TestJsonText : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void depthIgnoresBracketsInStrings() {
        QCOMPARE(jsonNestingDepth("{\"a\": [1, {\"b\": \"[[[\\\"]]]\"}]}"), std::size_t(3));
        QCOMPARE(jsonNestingDepth("1"), std::size_t(0));
    }

    void deepDocumentsAreRefusedBeforeParsing() {
        const std::string deep = std::string(200000, '[') + std::string(200000, ']');
        const std::string e = messageOf(deep);
        QVERIFY2(e.find("f.json") == 0 && e.find("200000 levels") != std::string::npos, e.c_str());
        QCOMPARE(parseJsonText(std::string(100, '[') + std::string(100, ']'), "ok.json").size(),
                 std::size_t(1));
    }

    void syntaxErrorsGiveLineAndColumn() {
        const std::string e = messageOf("{\n  \"a\": 1,\n  \"b\": tru\n}");
        QVERIFY2(e.find("f.json") == 0 && e.find("line 3, column") != std::string::npos, e.c_str());
        QVERIFY2(messageOf("").find("line 1, column 1") != std::string::npos,
                 messageOf("").c_str());
    }

    void numbersBeyondDoubleAreErrors() {
        // found by fuzz_project_file: out_of_range escaped the parser's error handling
        const std::string e = messageOf("{\"epochs\": 1e999}");
        QVERIFY2(e.find("f.json") == 0 && e.find("overflow") != std::string::npos, e.c_str());
    }

    void controlBytesInMessagesAreEscaped() {
        const Error e(std::string("bad \0 byte", 10), std::string("f\x01.csv"));
        QCOMPARE(std::string(e.what()), std::string("f\\x01.csv: bad \\x00 byte"));
        QCOMPARE(Error("two\nlines\tand a tab").message(), std::string("two\nlines\tand a tab"));
    }

    void base64RoundTripsEveryLengthAndRefusesOtherText() {
        QCOMPARE(base64Encode("Man"), std::string("TWFu"));
        QCOMPARE(base64Encode("Ma"), std::string("TWE="));
        QCOMPARE(base64Encode("M"), std::string("TQ=="));
        std::string bytes;
        for (int n = 0; n < 300; ++n) {
            QCOMPARE(base64Decode(base64Encode(bytes), "test"), bytes);
            bytes.push_back(char((n * 151 + 7) & 0xff));
        }
        for (const char* bad : {"TWE", "TW=u", "TW!u", "T===", "=AAA"})
            QVERIFY_THROWS_EXCEPTION(Error, base64Decode(bad, "test"));
    }
};

QTEST_APPLESS_MAIN(TestJsonText)
#include "test_json_text.moc"
