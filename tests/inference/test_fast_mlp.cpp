#include "inference/fast_mlp.h"
#include "models/model_spec.h"
#include "models/network.h"
#include "models/trained_model.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace soilscope;

class TestFastMlp : public QObject {
    Q_OBJECT

    static models::TrainedModel mlp(const nlohmann::json& params, int members) {
        const auto spec = models::resolveSpec(models::ModelSpec{"mlp", params});
        std::vector<std::shared_ptr<models::ModelMember>> m;
        for (int i = 0; i < members; ++i)
            m.push_back(std::make_shared<models::NetworkMember>(spec, std::vector<std::int64_t>{14},
                                                                std::vector<std::int64_t>{1}));
        return models::TrainedModel(spec, {14}, {1}, m);
    }

    static void compare(const models::TrainedModel& model) {
        const auto fast = inference::fastMlp(model);
        QVERIFY(fast.has_value());
        std::mt19937 rng(3);
        std::normal_distribution<float> nd(0, 2);
        const std::size_t n = 1000; // not a multiple of the lane count
        std::vector<float> x(n * 14);
        for (float& v : x)
            v = nd(rng);
        const auto a = model.predict(x.data(), n);
        const auto b = (*fast)(x.data(), n);
        QCOMPARE(b.size(), n);
        double maxDiff = 0;
        for (std::size_t i = 0; i < n; ++i)
            maxDiff = std::max(maxDiff, double(std::abs(a[i] - b[i])));
        QVERIFY2(maxDiff < 1e-4, qPrintable(QString::number(maxDiff)));
    }

  private Q_SLOTS:
    void reluMatchesLibTorch() { compare(mlp({{"layers", 2}, {"width", 35}}, 1)); }
    void tanhEnsembleWithDropoutMatchesLibTorch() {
        compare(mlp({{"widths", "20,7,5"}, {"activation", "tanh"}, {"dropout", 0.3}}, 3));
    }
    void everyActivationOfTheSharedKernels() {
        // The evaluator runs on the training path's dense kernels, so every hidden activation
        // the MLP offers has the fast path (ELU had none while the evaluator kept kernels of its
        // own).
        compare(mlp({{"widths", "16,9"}, {"activation", "elu"}}, 1));
        compare(mlp({{"widths", "11"}, {"activation", "sigmoid"}}, 2));
    }
    void otherFamiliesHaveNoFastPath() {
        QVERIFY(!inference::fastMlp(models::TrainedModel()).has_value());
    }
};

QTEST_APPLESS_MAIN(TestFastMlp)
#include "test_fast_mlp.moc"
