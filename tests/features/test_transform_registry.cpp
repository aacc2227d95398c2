// Predictor transforms added by plugins: parsed and applied like the built-in ones, their
// parameters checked against what the transform declares, the names of the built-in ones kept.
#include "base/error.h"
#include "error_message.h"
#include "features/predictor_spec.h"
#include "features/transform_registry.h"

#include <QtTest>

#include <cmath>

using namespace soilscope;
using namespace soilscope::features;

namespace {
std::string refusal(const std::string& predictors) {
    return testing::errorMessageOf(
        [&] { parsePredictors(nlohmann::json::parse(predictors), "/predictors"); });
}
} // namespace

class TestTransformRegistry : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(registerTransform(
            "times_k", {"x·k", {"k"}, [](double x, const std::map<std::string, double>& p) {
                            return x * p.at("k");
                        }}));
    }

    void namesAreChecked() {
        QVERIFY(!registerTransform(
            "scale", {"shadows a built-in", {}, [](double x, const auto&) { return x; }}));
        QVERIFY(
            !registerTransform("times_k", {"again", {}, [](double x, const auto&) { return x; }}));
        QVERIFY(findTransform("times_k"));
        QVERIFY(!findTransform("scale"));
        QCOMPARE(registeredTransforms(), std::vector<std::string>{"times_k"});
    }

    void parsedAppliedAndWrittenBack() {
        const auto specs = parsePredictors(nlohmann::json::parse(R"([
            {"name": "x", "role": "r", "transforms": [{"op": "times_k", "parameters": {"k": 2.5}},
                                                      {"op": "scale", "offset": 1}]}])"),
                                           "/predictors");
        std::vector<float> values{1.0f, 2.0f, std::nanf("")};
        applyTransforms(specs[0], values.data(), values.size());
        QCOMPARE(values[0], 3.5f);
        QCOMPARE(values[1], 6.0f);
        QVERIFY(std::isnan(values[2]));
        const auto again = parsePredictors(predictorsToJson(specs), "/predictors");
        QCOMPARE(predictorsToJson(again).dump(), predictorsToJson(specs).dump());
    }

    void badStepsNameThePathAndTheParameter() {
        auto m = refusal(R"([{"name": "x", "role": "r", "transforms": [{"op": "times_k"}]}])");
        QVERIFY2(m.find("/predictors/0/transforms/0/parameters") != std::string::npos &&
                     m.find("'k'") != std::string::npos,
                 m.c_str());
        m = refusal(R"([{"name": "x", "role": "r",
                         "transforms": [{"op": "times_k", "parameters": {"k": 1, "j": 2}}]}])");
        QVERIFY2(m.find("no 'j'") != std::string::npos, m.c_str());
        m = refusal(R"([{"name": "x", "role": "r", "transforms": [{"op": "nope"}]}])");
        QVERIFY2(m.find("unknown transform 'nope'") != std::string::npos &&
                     m.find("times_k") != std::string::npos,
                 m.c_str());
    }
};

QTEST_APPLESS_MAIN(TestTransformRegistry)
#include "test_transform_registry.moc"
