// Search spaces come from the model declarations: the built-in space of each family is its
// parameters' declared search ranges, and a user's space is checked against the declarations
// (keys, ranges within the declared ones, allowed choices), naming the key.
#include "base/error.h"
#include "error_message.h"
#include "models/model_spec.h"

#include <QtTest>

using namespace soilscope;
using namespace soilscope::models;

namespace {
/// The message of what checkSearchSpace throws ("" when it accepts the space).
std::string refusal(const std::string& family, const std::string& space) {
    return testing::errorMessageOf(
        [&] { checkSearchSpace(family, nlohmann::json::parse(space), "--space"); });
}
} // namespace

class TestSearchSpace : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void builtInSpacesAreDeclaredAndValid() {
        int families = 0;
        for (const auto& family : modelFamilies()) {
            const auto space = builtInSearchSpace(family);
            if (space.empty())
                continue;
            ++families;
            QCOMPARE(checkSearchSpace(family, space, "built-in"), space);
            for (const auto& [name, range] : space.items()) {
                const auto& params = modelParameters(family);
                QVERIFY(std::any_of(params.begin(), params.end(), [&](const ModelParameter& p) {
                    return p.name == name && p.searchRange == range;
                }));
            }
        }
        QVERIFY(families >= 9);
        const auto mlp = builtInSearchSpace("mlp");
        QCOMPARE(mlp["width"]["log"].get<bool>(), true);
        QCOMPARE(describeSearchRange(mlp["width"]), std::string("8 .. 128, log-uniform"));
        QCOMPARE(describeSearchRange(mlp["activation"]), std::string("one of relu, tanh"));
    }

    void settingsSayWhatASearchDraws() {
        bool found = false;
        for (const auto& s : modelSettingSpecs())
            if (s.name == "model.lstm.hidden") {
                QCOMPARE(s.searchRange, std::string("8 .. 64, log-uniform"));
                found = true;
            } else if (s.name == "model.lstm.init") {
                QVERIFY(s.searchRange.empty());
            }
        QVERIFY(found);
    }

    void dottedKeysAreAccepted() {
        const auto space = checkSearchSpace(
            "mlp", nlohmann::json::parse(R"({"model.mlp.width": {"min": 4, "max": 16}})"), "x");
        QVERIFY(space.contains("width"));
        QVERIFY(!space.contains("model.mlp.width"));
    }

    void badSpacesNameTheKeyAndTheAllowedRange() {
        QVERIFY(refusal("mlp", R"({"width": {"min": 4, "max": 32, "log": true}})").empty());
        auto m = refusal("mlp", R"({"no_such": {"min": 1, "max": 2}})");
        QVERIFY2(m.find("unknown parameter 'no_such'") != std::string::npos, m.c_str());
        QVERIFY2(m.find("width") != std::string::npos, m.c_str()); // lists the known ones
        m = refusal("mlp", R"({"width": {"min": 4, "max": 10000}})");
        QVERIFY2(m.find("'width'") != std::string::npos && m.find("1 .. 4096") != std::string::npos,
                 m.c_str());
        m = refusal("mlp", R"({"width": {"min": 100, "max": 1}})");
        QVERIFY2(m.find("above max") != std::string::npos, m.c_str());
        m = refusal("mlp", R"({"dropout": {"min": 0, "max": 0.5, "log": true}})");
        QVERIFY2(m.find("min > 0") != std::string::npos, m.c_str());
        m = refusal("mlp", R"({"activation": {"choices": ["relu", "swish"]}})");
        QVERIFY2(m.find("'activation'") != std::string::npos &&
                     m.find("swish") != std::string::npos,
                 m.c_str());
        m = refusal("mlp", R"({"activation": {"min": 0, "max": 1}})");
        QVERIFY2(m.find("choices") != std::string::npos, m.c_str());
        m = refusal("cnn", R"({"kernel": {"choices": [3, 99]}})");
        QVERIFY2(m.find("99") != std::string::npos, m.c_str());
        m = refusal("mlp", R"({"width": {"min": "nan", "max": 10}})");
        QVERIFY2(m.find("finite number") != std::string::npos, m.c_str());
        m = refusal("mlp", R"({"width": {"mn": 4}})");
        QVERIFY2(m.find("unknown key 'mn'") != std::string::npos, m.c_str());
        m = refusal("mlp", R"({"width": 5})");
        QVERIFY2(m.find("needs") != std::string::npos, m.c_str());
        QVERIFY(refusal("mlp", "{}").find("non-empty") != std::string::npos);
        QVERIFY(refusal("mlp", R"({"width": {"min": 4, "max": 8}})").empty());
    }
};

QTEST_APPLESS_MAIN(TestSearchSpace)
#include "test_search_space.moc"
