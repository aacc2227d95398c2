// The autograd-free LSTM training path against LibTorch autograd + torch::optim::Adam(W):
// gradients of one batch (layers, losses, masks, dropout, recurrent L2), the trainer end to end
// (fast path on and off, the same weights and losses), and the configurations it leaves to
// autograd.
#include "base/error.h"
#include "models/network.h"
#include "models/trained_model.h"
#include "training/fast_lstm_path.h"
#include "training/fast_training_path.h"
#include "training/hybrid_lstm_path.h"
#include "training/losses.h"
#include "training/trainer.h"

#include "fast_path_test_support.h"

#include <torch/torch.h>

#include <QtTest>

#include <cstdlib>
#include <random>

using namespace soilscope;
using namespace soilscope::training;
using models::ModelSpec;
using test::relativeError;

namespace {

constexpr int kSteps = 9, kInputs = 4;

/// Sequences [n][T][p] with a target that depends on the past (a leaky sum of x0) and holes.
features::Dataset randomSequences(std::size_t n, unsigned seed, bool holes) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> u(0.0f, 1.0f);
    features::Dataset d;
    d.featureShape = {kSteps, kInputs};
    d.targetShape = {kSteps};
    for (std::size_t i = 0; i < n; ++i) {
        float memory = 0.0f;
        for (int t = 0; t < kSteps; ++t) {
            float x0 = 0.0f;
            for (int k = 0; k < kInputs; ++k) {
                const float v = u(rng);
                if (k == 0)
                    x0 = v;
                d.x.push_back(v);
            }
            memory = 0.7f * memory + 0.3f * x0;
            d.y.push_back(memory + 0.05f * u(rng));
        }
    }
    if (holes)
        test::punchTargetHoles(d, 4);
    return d;
}

TrainSettings settingsFor(const std::string& optimizer, const std::string& loss) {
    return test::pathSettings(optimizer, loss, 1, optimizer == "adamw" ? 1e-2 : 0.0);
}

/// A sequence dataset as tensors: x [n, T, p], the mask, y with masked targets zeroed (as the
/// trainer passes them) and that y's flat copy.
struct SequenceTensors {
    torch::Tensor x, mask, y;
    std::vector<float> maskValues, yZeroed;
};

SequenceTensors tensorsOf(const features::Dataset& data) {
    SequenceTensors t;
    const std::int64_t n = std::int64_t(data.y.size()) / kSteps, p = data.featureShape[1];
    t.x = torch::from_blob(const_cast<float*>(data.x.data()), {n, kSteps, p}, torch::kFloat32);
    t.maskValues.assign(data.targetMask.begin(), data.targetMask.end());
    t.mask = torch::from_blob(t.maskValues.data(), {n, kSteps}, torch::kFloat32);
    const auto y =
        torch::from_blob(const_cast<float*>(data.y.data()), {n, kSteps}, torch::kFloat32);
    t.y = torch::where(t.mask > 0.5, y, torch::zeros_like(y));
    t.yZeroed.assign(t.y.data_ptr<float>(), t.y.data_ptr<float>() + t.y.numel());
    return t;
}

/// Water Cloud Model sequences: σ⁰ linear, V2, θ, a class 0/1 and two auxiliary features; the
/// target follows σ⁰ through a vegetation term and remembers the first auxiliary feature.
features::Dataset wcmSequences(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    features::Dataset d;
    d.featureShape = {kSteps, 6};
    d.targetShape = {kSteps};
    for (std::size_t i = 0; i < n; ++i) {
        const float cls = float(i % 2);
        float memory = 0.0f;
        for (int t = 0; t < kSteps; ++t) {
            const float sigma = 0.03f + 0.15f * u(rng), v2 = 0.5f + 2.5f * u(rng);
            const float aux = u(rng);
            for (const float v : {sigma, v2, 30.0f + 15.0f * u(rng), cls, aux, u(rng)})
                d.x.push_back(v);
            memory = 0.6f * memory + 0.4f * aux;
            d.y.push_back(2.0f * sigma - 0.02f * v2 * (1.0f + cls) + 0.1f * memory);
        }
    }
    test::punchTargetHoles(d, 5);
    return d;
}

ModelSpec wcmSpec(double dropout) {
    return {"wcm_lstm",
            {{"hidden", 5},
             {"layers", 2},
             {"dropout", dropout},
             {"recurrent_l2", 1e-2},
             {"theta_index", 2},
             {"v2_index", 1},
             {"landcover_index", 3},
             {"classes", 2},
             {"a_init", 0.05},
             {"guard_share", 0.05},
             {"guard_weight", 0.1}}};
}

ModelSpec lstmSpec(int layers, double dropout, double l2) {
    return {"lstm",
            {{"hidden", 5}, {"layers", layers}, {"dropout", dropout}, {"recurrent_l2", l2}}};
}

} // namespace

class TestFastLstmTraining : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void gradientsMatchAutograd() {
        const std::size_t n = 12;
        const auto data = randomSequences(n, 1, true);
        const auto tensors = tensorsOf(data);
        const auto& [x, mask, y, maskValues, yZeroed] = tensors;
        for (const int batch : {1, 3})
            for (const int layers : {1, 2})
                for (const std::string loss : {"mse", "mae", "huber"})
                    for (const bool masked : {false, true})
                        for (const double dropout : {0.0, 0.3}) {
                            const double l2 = masked ? 1e-2 : 0.0;
                            const std::string what = "batch " + std::to_string(batch) + " layers " +
                                                     std::to_string(layers) + " " + loss +
                                                     (masked ? " masked l2" : "") +
                                                     (dropout > 0 ? " dropout" : "");
                            torch::manual_seed(7);
                            const auto spec = lstmSpec(layers, dropout, l2);
                            models::NetworkMember net(spec, {kSteps, kInputs}, {kSteps});
                            auto s = settingsFor("adam", loss);
                            s.loss.huberDelta = 0.2;
                            s.loss.boundsWeight = 0.5;
                            s.loss.lowerBound = -0.3;
                            s.loss.upperBound = 0.3;
                            torch::optim::Adam opt(net.module().parameters());
                            auto fast = training::detail::FastLstmPath::create(
                                spec, s, net, opt, "cpu", {kSteps, kInputs});
                            QVERIFY2(fast, what.c_str());
                            QVERIFY(fast->pull());
                            std::vector<std::int64_t> rows;
                            for (int i = 0; i < batch; ++i)
                                rows.push_back((i * 5 + 2) % 12);
                            const auto idx =
                                torch::from_blob(rows.data(), {batch}, torch::kLong).clone();
                            torch::manual_seed(99); // the same dropout masks on both sides
                            const double fastLoss = fast->computeGradients(
                                data.x.data(), yZeroed.data(), masked ? maskValues.data() : nullptr,
                                rows.data(), batch);
                            opt.zero_grad();
                            net.module().train();
                            torch::manual_seed(99);
                            const auto torchLoss = computeLoss(
                                s.loss, net.forward(x.index_select(0, idx)), y.index_select(0, idx),
                                masked ? mask.index_select(0, idx) : torch::Tensor());
                            (torchLoss + net.regularization()).backward();
                            QVERIFY2(std::abs(fastLoss - torchLoss.item<double>()) <=
                                         1e-5 * std::abs(fastLoss),
                                     what.c_str());
                            const auto params = net.module().parameters();
                            const auto& st = fast->stepper();
                            std::vector<std::size_t> offsets;
                            for (int l = 0; l < layers; ++l)
                                for (const auto o : {st.weightIhOffset(l), st.weightHhOffset(l),
                                                     st.biasIhOffset(l), st.biasHhOffset(l)})
                                    offsets.push_back(o);
                            offsets.push_back(st.headWeightOffset());
                            offsets.push_back(st.headBiasOffset());
                            QCOMPARE(params.size(), offsets.size());
                            for (std::size_t i = 0; i < params.size(); ++i) {
                                const double err = relativeError(
                                    test::flatSlice(st.gradients(), offsets[i], params[i]),
                                    params[i].grad());
                                QVERIFY2(err < 2e-5, (what + ": parameter " + std::to_string(i) +
                                                      " gradient error " + std::to_string(err))
                                                         .c_str());
                            }
                        }
    }

    void trainerTakesTheFastPathWithTheSameResult() {
        const auto train = randomSequences(20, 4, true), val = randomSequences(6, 5, false);
        for (const std::string name : {"adam", "adamw"}) {
            auto s = settingsFor(name, "mae");
            s.batchSize = name == "adam" ? 1 : 3;
            s.scheduler.kind = "cyclic";
            s.scheduler.stepSize = 7;
            s.scheduler.minLearningRate = 1e-4;
            s.scheduler.maxLearningRate = 5e-3;
            s.optimizer.eps = 1e-7;
            const auto spec = lstmSpec(2, 0.1, 1e-4);
            const auto both = test::trainBothWays(spec, s, train, &val, "fused LSTM training path");
            QVERIFY(both.fastTaken);
            QVERIFY(!both.slowTaken);
            const auto& fast = both.fast;
            const auto& slow = both.slow;
            const auto wf = test::memberWeights(fast), ws = test::memberWeights(slow);
            QCOMPARE(wf.size(), ws.size());
            for (std::size_t i = 0; i < wf.size(); ++i) {
                const double err = relativeError(wf[i], ws[i]);
                QVERIFY2(err < 1e-4, (name + ": weight error " + std::to_string(err)).c_str());
            }
            QCOMPARE(fast.history.size(), slow.history.size());
            for (std::size_t e = 0; e < fast.history.size(); ++e) {
                const double a = fast.history[e].values.at("train_loss");
                const double b = slow.history[e].values.at("train_loss");
                QVERIFY2(std::abs(a - b) <= 1e-4 * std::abs(b), name.c_str());
                const double va = fast.history[e].values.at("val_loss");
                const double vb = slow.history[e].values.at("val_loss");
                QVERIFY2(std::abs(va - vb) <= 1e-4 * std::abs(vb), name.c_str());
            }
            // Training changed the weights: the comparison is not between two untouched nets.
            torch::manual_seed(s.seed);
            models::NetworkMember fresh(spec, {kSteps, kInputs}, {kSteps});
            QVERIFY(relativeError(wf.front(), fresh.module().parameters().front()) > 1e-3);
        }
    }

    void wcmLstmGradientsMatchAutograd() {
        const std::size_t n = 8;
        const auto data = wcmSequences(n, 3);
        const auto tensors = tensorsOf(data);
        const auto& [x, mask, y, maskValues, yZeroed] = tensors;
        for (const double dropout : {0.0, 0.3})
            for (const std::string loss : {"mse", "mae"}) {
                const std::string what = loss + (dropout > 0 ? " dropout" : "");
                torch::manual_seed(5);
                const auto spec = wcmSpec(dropout);
                models::NetworkMember net(spec, {kSteps, 6}, {kSteps});
                net.module().train();
                const auto s = settingsFor("adam", loss);
                torch::optim::Adam opt(net.module().parameters());
                auto fast =
                    training::detail::HybridLstmPath::create(spec, s, net, opt, "cpu", {kSteps, 6});
                QVERIFY2(fast, what.c_str());
                std::vector<std::int64_t> rows{5, 0, 3};
                torch::manual_seed(99);
                const double fastLoss = fast->computeGradients(data.x.data(), yZeroed.data(),
                                                               maskValues.data(), rows.data(), 3);
                std::vector<torch::Tensor> fastGrads;
                for (const auto& p : net.module().parameters())
                    fastGrads.push_back(p.grad().clone());
                opt.zero_grad();
                const auto idx = torch::from_blob(rows.data(), {3}, torch::kLong).clone();
                torch::manual_seed(99);
                const auto torchLoss =
                    computeLoss(s.loss, net.forward(x.index_select(0, idx)), y.index_select(0, idx),
                                mask.index_select(0, idx));
                (torchLoss + net.regularization()).backward();
                QVERIFY2(std::abs(fastLoss - torchLoss.item<double>()) <= 1e-5 * std::abs(fastLoss),
                         what.c_str());
                const auto named = net.module().named_parameters();
                QCOMPARE(named.size(), fastGrads.size());
                for (std::size_t i = 0; i < named.size(); ++i) {
                    const double err = relativeError(fastGrads[i], named[i].value().grad());
                    QVERIFY2(err < 2e-5, (what + ": " + named[i].key() + " gradient error " +
                                          std::to_string(err))
                                             .c_str());
                }
                QVERIFY(named[0].key() == "logA" && fastGrads[0].abs().sum().item<double>() > 0);
            }
    }

    void wcmLstmTrainerTakesTheHybridPathWithTheSameResult() {
        const auto train = wcmSequences(12, 6), val = wcmSequences(4, 7);
        auto s = settingsFor("adam", "mae");
        s.batchSize = 4;
        s.epochs = 4;
        const auto both =
            test::trainBothWays(wcmSpec(0.1), s, train, &val, "fused LSTM core training path");
        QVERIFY(both.fastTaken);
        QVERIFY(!both.slowTaken);
        const auto wf = test::memberWeights(both.fast), ws = test::memberWeights(both.slow);
        for (std::size_t i = 0; i < wf.size(); ++i) {
            const double err = relativeError(wf[i], ws[i]);
            QVERIFY2(err < 1e-4, ("weight error " + std::to_string(err)).c_str());
        }
        for (std::size_t e = 0; e < both.fast.history.size(); ++e) {
            const auto& a = both.fast.history[e].values;
            const auto& b = both.slow.history[e].values;
            QVERIFY(std::abs(a.at("train_loss") - b.at("train_loss")) <= 1e-4 * b.at("train_loss"));
            QVERIFY(std::abs(a.at("A_0") - b.at("A_0")) <= 1e-4 * b.at("A_0"));
        }
        QVERIFY(std::abs(both.fast.history.back().values.at("A_1") - 0.05) > 1e-4); // A was learned
    }

    void uncoveredConfigurationsUseAutograd() {
        torch::manual_seed(1);
        const auto s = settingsFor("adam", "mse");
        auto make = [&](const ModelSpec& spec, const TrainSettings& st) {
            models::NetworkMember net(spec, {kSteps, kInputs}, {kSteps});
            torch::optim::Adam opt(net.module().parameters());
            const auto path = training::detail::makeFastTrainingPath(spec, st, net, opt, "cpu",
                                                                     {kSteps, kInputs});
            return path ? path->description() : std::string();
        };
        QCOMPARE(make(lstmSpec(2, 0.1, 1e-4), s), std::string("fused LSTM training path"));
        QCOMPARE(make({"gru", {{"hidden", 4}}}, s), std::string());
        QCOMPARE(make(wcmSpec(0.0), s), std::string("fused LSTM core training path"));
        auto sgd = s;
        sgd.optimizer.name = "sgd";
        QCOMPARE(make(lstmSpec(1, 0.0, 0.0), sgd), std::string());
        auto ams = s;
        ams.optimizer.amsgrad = true;
        QCOMPARE(make(lstmSpec(1, 0.0, 0.0), ams), std::string());
        auto autograd = s;
        autograd.backend = "autograd";
        QCOMPARE(make(lstmSpec(1, 0.0, 0.0), autograd), std::string());
    }
};

QTEST_APPLESS_MAIN(TestFastLstmTraining)
#include "test_fast_lstm_training.moc"
