// The CPU path for sequence LSTMs against LibTorch's own forward: one and several layers, an
// ensemble, a folded output affine, the wcm_lstm family's physics layer (soft guard, hard clamp,
// per-class A), sequence counts that are not a multiple of the lane count
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

    /// Random inputs; with `wcm` the first four features look like the WCM layer's (VH dB, θ in
    /// degrees, VWC kg m⁻², a land-cover class 0..2).
    static std::vector<float> inputs(std::size_t n, std::size_t T, std::size_t P, bool wcm) {
        std::mt19937 rng(3);
        std::normal_distribution<float> nd(0, 1.5);
        std::uniform_real_distribution<float> u(0, 1);
        std::vector<float> x(n * T * P);
        for (std::size_t i = 0; i < x.size(); ++i) {
            const std::size_t k = i % P;
            if (!wcm || k > 3)
                x[i] = nd(rng);
            else if (k == 0)
                x[i] = -22.0f + 12.0f * u(rng);
            else if (k == 1)
                x[i] = 30.0f + 16.0f * u(rng);
            else if (k == 2)
                x[i] = 4.0f * u(rng);
            else
                x[i] = std::floor(3.0f * u(rng));
        }
        return x;
    }

    static void compare(const models::TrainedModel& model, std::size_t n, bool wcm = false) {
        const auto fast = inference::fastLstm(model);
        QVERIFY(fast.has_value());
        const std::size_t T = std::size_t(model.featureShape()[0]),
                          P = std::size_t(model.featureShape()[1]);
        const auto x = inputs(n, T, P, wcm);
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
    void wcmLstmMatchesLibTorch() {
        // the workload's layout: σ0 dB, θ, VWC (v2), then auxiliaries; soft log guard
        const nlohmann::json params = {{"sigma0_index", 0},    {"sigma0_db", true},
                                       {"theta_index", 1},     {"v1_index", -1},
                                       {"v2_index", 2},        {"b", 0.084},
                                       {"a_init", 0.05},       {"guard_share", 0.05},
                                       {"a_lr_scale", 10.0},   {"soil_db_centre", -15.0},
                                       {"soil_db_scale", 3.0}, {"layers", 2},
                                       {"hidden", 16}};
        auto model = sequenceModel("wcm_lstm", params, 2, 30, 6);
        compare(model, 101, true);
        models::foldOutputAffine(model, 0.06f, {0.2f});
        compare(model, 40, true);
        // per-class A (feature 3 is the class), hard clamp instead of the soft guard, an A large
        // enough for the clamp to bite at some steps
        auto perClass = params;
        perClass["landcover_index"] = 3;
        perClass["classes"] = 3;
        perClass["guard_share"] = 0.0;
        perClass["a_init"] = 0.3;
        compare(sequenceModel("wcm_lstm", perClass, 1, 20, 6), 50, true);
    }
    void otherFamiliesHaveNoFastPath() {
        QVERIFY(!inference::fastLstm(sequenceModel("gru", {{"layers", 2}, {"hidden", 8}}, 1, 10, 4))
                     .has_value());
        QVERIFY(!inference::fastLstm(models::TrainedModel()).has_value());
    }
};

QTEST_APPLESS_MAIN(TestFastLstm)
#include "test_fast_lstm.moc"
