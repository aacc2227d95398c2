// The CPU path for sequence LSTMs against LibTorch's own forward: one and several layers, an
// ensemble, a folded output affine, sequence counts that are not a multiple of the lane count
// (and large enough to be split over threads); other families have no fast path.
#include "inference/fast_lstm.h"
#include "models/model_spec.h"
#include "models/network.h"
#include "models/output_affine.h"
#include "models/trained_model.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace soilscope;

class TestFastLstm : public QObject {
    Q_OBJECT

    static models::TrainedModel sequenceModel(const std::string& family,
                                              const nlohmann::json& params, int members,
                                              std::int64_t steps, std::int64_t inputs) {
        const auto spec = models::resolveSpec(models::ModelSpec{family, params});
        std::vector<std::shared_ptr<models::ModelMember>> m;
        for (int i = 0; i < members; ++i)
            m.push_back(std::make_shared<models::NetworkMember>(
                spec, std::vector<std::int64_t>{steps, inputs}, std::vector<std::int64_t>{steps}));
        return models::TrainedModel(spec, {steps, inputs}, {steps}, m);
    }

    static void compare(const models::TrainedModel& model, std::size_t n) {
        const auto fast = inference::fastLstm(model);
        QVERIFY(fast.has_value());
        const std::size_t T = std::size_t(model.featureShape()[0]),
                          P = std::size_t(model.featureShape()[1]);
        std::mt19937 rng(3);
        std::normal_distribution<float> nd(0, 1.5);
        std::vector<float> x(n * T * P);
        for (float& v : x)
            v = nd(rng);
        const auto a = model.predict(x.data(), n);
        const auto b = (*fast)(x.data(), n);
        QCOMPARE(b.size(), n * T);
        double maxDiff = 0, spread = 0;
        for (std::size_t i = 0; i < a.size(); ++i) {
            maxDiff = std::max(maxDiff, double(std::abs(a[i] - b[i])));
            spread = std::max(spread, double(std::abs(a[i] - a[0])));
        }
        QVERIFY2(maxDiff < 2e-5, qPrintable(QString::number(maxDiff)));
        QVERIFY(spread > 1e-3); // the outputs vary, so the comparison means something
    }

  private Q_SLOTS:
    void twoLayersMatchLibTorch() {
        compare(sequenceModel("lstm", {{"layers", 2}, {"hidden", 16}, {"dropout", 0.1}}, 1, 40, 12),
                203);
    }
    void oneLayerEnsembleMatchesLibTorch() {
        compare(sequenceModel("lstm", {{"layers", 1}, {"hidden", 7}}, 3, 25, 5), 70);
    }
    void foldedOutputMatchesLibTorch() {
        auto model = sequenceModel("lstm", {{"layers", 2}, {"hidden", 16}}, 1, 30, 9);
        models::foldOutputAffine(model, 0.05f, {0.25f});
        compare(model, 33);
    }
    void otherFamiliesHaveNoFastPath() {
        QVERIFY(!inference::fastLstm(sequenceModel("gru", {{"layers", 2}, {"hidden", 8}}, 1, 10, 4))
                     .has_value());
        QVERIFY(!inference::fastLstm(models::TrainedModel()).has_value());
    }
};

QTEST_APPLESS_MAIN(TestFastLstm)
#include "test_fast_lstm.moc"
