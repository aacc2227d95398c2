// Folding a target transform into a model: predictions become scale·y + offset exactly, per
// pixel for locally connected models (one layer and with a hidden layer), per time step for the
// recurrent families, the last linear layer of an MLP ensemble; wrong sizes are refused.
#include "base/error.h"
#include "models/model_spec.h"
#include "models/network.h"
#include "models/output_affine.h"
#include "models/trained_model.h"

#include <QtTest>

#include <cmath>
#include <memory>
#include <random>

using namespace soilscope;
using namespace soilscope::models;

namespace {

TrainedModel localModel(int hidden) {
    const ModelSpec spec =
        resolveSpec({"locally_connected", {{"kernel", 3}, {"hidden_channels", hidden}}});
    auto net = std::make_shared<NetworkMember>(spec, std::vector<std::int64_t>{2, 4, 5},
                                               std::vector<std::int64_t>{4, 5});
    return TrainedModel(spec, {2, 4, 5}, {4, 5}, {net});
}

} // namespace

class TestOutputAffine : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void foldsScaleAndPixelOffsets_data() {
        QTest::addColumn<int>("hidden");
        QTest::newRow("one layer") << 0;
        QTest::newRow("hidden layer") << 3;
    }
    void foldsScaleAndPixelOffsets() {
        QFETCH(int, hidden);
        TrainedModel model = localModel(hidden);
        std::mt19937 rng(7);
        std::normal_distribution<float> normal;
        const std::size_t n = 3;
        std::vector<float> x(n * 2 * 20);
        for (float& v : x)
            v = normal(rng);
        const auto before = model.predict(x.data(), n);
        std::vector<float> offset(20);
        for (std::size_t j = 0; j < offset.size(); ++j)
            offset[j] = 0.1f + 0.01f * float(j);
        const float scale = 0.065f;
        foldOutputAffine(model, scale, offset);
        const auto after = model.predict(x.data(), n);
        QCOMPARE(after.size(), before.size());
        double worst = 0.0;
        for (std::size_t i = 0; i < after.size(); ++i)
            worst =
                std::max(worst, double(std::abs(after[i] - (scale * before[i] + offset[i % 20]))));
        QVERIFY2(worst < 1e-5, std::to_string(worst).c_str());
    }
    void foldsRecurrentHeads_data() {
        QTest::addColumn<QString>("family");
        QTest::newRow("lstm") << "lstm";
        QTest::newRow("gru") << "gru";
        QTest::newRow("wcm_lstm") << "wcm_lstm";
    }
    void foldsRecurrentHeads() {
        QFETCH(QString, family);
        ModelSpec spec{family.toStdString(), {{"hidden", 5}}};
        if (family == "wcm_lstm")
            spec.params = {{"hidden", 5}, {"theta_index", 1}, {"v2_index", 2}};
        spec = resolveSpec(spec);
        auto net = std::make_shared<NetworkMember>(spec, std::vector<std::int64_t>{6, 4},
                                                   std::vector<std::int64_t>{6});
        TrainedModel model(spec, {6, 4}, {6}, {net});
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> uniform(0.01f, 0.2f);
        const std::size_t n = 2;
        std::vector<float> x(n * 6 * 4);
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = (i % 4 == 1) ? 35.0f : uniform(rng);
        const auto before = model.predict(x.data(), n);
        foldOutputAffine(model, 0.07f, {0.25f});
        const auto after = model.predict(x.data(), n);
        QCOMPARE(after.size(), before.size());
        double worst = 0.0;
        for (std::size_t i = 0; i < after.size(); ++i)
            worst = std::max(worst, double(std::abs(after[i] - (0.07f * before[i] + 0.25f))));
        QVERIFY2(worst < 1e-5, std::to_string(worst).c_str());
        QVERIFY_THROWS_EXCEPTION(Error, foldOutputAffine(model, 1.0f, {0.0f, 0.0f}));
    }
    void refusesOtherFamiliesAndSizes() {
        TrainedModel model = localModel(0);
        QVERIFY_THROWS_EXCEPTION(Error,
                                 foldOutputAffine(model, 1.0f, std::vector<float>(19, 0.0f)));
        const ModelSpec mlp = resolveSpec({"mlp", {{"widths", "4"}}});
        auto net = std::make_shared<NetworkMember>(mlp, std::vector<std::int64_t>{3},
                                                   std::vector<std::int64_t>{1});
        TrainedModel other(mlp, {3}, {1}, {net});
        QVERIFY_THROWS_EXCEPTION(Error, foldOutputAffine(other, 2.0f, {0.0f, 1.0f}));
    }
    void foldsMlpOutput_data() {
        QTest::addColumn<QString>("widths");
        QTest::newRow("two hidden layers") << "35,35";
        QTest::newRow("one hidden layer") << "8";
    }
    void foldsMlpOutput() {
        QFETCH(QString, widths);
        const ModelSpec spec = resolveSpec({"mlp", {{"widths", widths.toStdString()}}});
        auto net = std::make_shared<NetworkMember>(spec, std::vector<std::int64_t>{14},
                                                   std::vector<std::int64_t>{1});
        TrainedModel model(
            spec, {14}, {1},
            {net, std::make_shared<NetworkMember>(spec, std::vector<std::int64_t>{14},
                                                  std::vector<std::int64_t>{1})});
        std::mt19937 rng(5);
        std::normal_distribution<float> normal;
        const std::size_t n = 7;
        std::vector<float> x(n * 14);
        for (float& v : x)
            v = normal(rng);
        const auto before = model.predict(x.data(), n);
        foldOutputAffine(model, 0.045f, {0.21f});
        const auto after = model.predict(x.data(), n);
        QCOMPARE(after.size(), n);
        double worst = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            worst = std::max(worst, double(std::abs(after[i] - (0.045f * before[i] + 0.21f))));
        QVERIFY2(worst < 1e-5, std::to_string(worst).c_str());
    }
};

QTEST_APPLESS_MAIN(TestOutputAffine)
#include "test_output_affine.moc"
