// The autograd-free MLP training path against LibTorch autograd + torch::optim::Adam(W):
// gradients of one batch (activations, losses, masks, dropout), weights and optimiser state after
// several steps, the trainer end to end (fast path on and off), checkpoint resume, and the
// configurations it leaves to autograd.
#include "base/error.h"
#include "models/network.h"
#include "models/trained_model.h"
#include "training/fast_mlp_path.h"
#include "training/fast_training_path.h"
#include "training/losses.h"
#include "training/trainer.h"

#include "fast_path_test_support.h"

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <numeric>
#include <random>

using namespace soilscope;
using namespace soilscope::training;
using models::ModelSpec;
using test::relativeError;

namespace {

features::Dataset randomData(std::size_t n, int inputs, int outputs, unsigned seed, bool holes) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> u(0.0f, 1.0f);
    features::Dataset d;
    d.featureShape = {inputs};
    d.targetShape = {outputs};
    for (std::size_t i = 0; i < n * std::size_t(inputs); ++i)
        d.x.push_back(u(rng));
    for (std::size_t i = 0; i < n; ++i)
        for (int t = 0; t < outputs; ++t) {
            const float* x = d.x.data() + i * std::size_t(inputs);
            d.y.push_back(std::sin(x[0] + float(t)) + 0.3f * x[inputs - 1] + 0.1f * u(rng));
        }
    if (holes)
        test::punchTargetHoles(d, 5);
    return d;
}

std::unique_ptr<torch::optim::Optimizer> adam(const OptimizerSettings& o, torch::nn::Module& m) {
    if (o.name == "adamw")
        return std::make_unique<torch::optim::AdamW>(m.parameters(),
                                                     torch::optim::AdamWOptions(o.learningRate)
                                                         .betas({o.beta1, o.beta2})
                                                         .eps(o.eps)
                                                         .weight_decay(o.weightDecay));
    return std::make_unique<torch::optim::Adam>(m.parameters(),
                                                torch::optim::AdamOptions(o.learningRate)
                                                    .betas({o.beta1, o.beta2})
                                                    .eps(o.eps)
                                                    .weight_decay(o.weightDecay));
}

TrainSettings settingsFor(const std::string& optimizer, const std::string& loss) {
    return test::pathSettings(optimizer, loss, 13, 1e-2);
}

template <class State>
void compareState(const torch::optim::OptimizerParamState& a,
                  const torch::optim::OptimizerParamState& b) {
    const auto& sa = static_cast<const State&>(a);
    const auto& sb = static_cast<const State&>(b);
    QCOMPARE(sb.step(), sa.step());
    QVERIFY(relativeError(sb.exp_avg(), sa.exp_avg()) < 1e-4);
    QVERIFY(relativeError(sb.exp_avg_sq(), sa.exp_avg_sq()) < 1e-4);
}

} // namespace

class TestFastMlpTraining : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void gradientsMatchAutograd() {
        const auto data = randomData(40, 5, 2, 1, true);
        const auto x =
            torch::from_blob(const_cast<float*>(data.x.data()), {40, 5}, torch::kFloat32);
        auto yAll =
            torch::from_blob(const_cast<float*>(data.y.data()), {40, 2}, torch::kFloat32).clone();
        std::vector<float> maskValues(data.targetMask.begin(), data.targetMask.end());
        const auto mask = torch::from_blob(maskValues.data(), {40, 2}, torch::kFloat32);
        yAll = torch::where(mask > 0.5, yAll, torch::zeros_like(yAll));
        const std::vector<float> yZeroed(yAll.data_ptr<float>(), yAll.data_ptr<float>() + 80);
        std::vector<std::int64_t> rows(19);
        for (std::size_t i = 0; i < rows.size(); ++i)
            rows[i] = std::int64_t((i * 7 + 3) % 40);
        const auto idx = torch::from_blob(rows.data(), {19}, torch::kLong);
        for (const std::string act : {"relu", "tanh", "sigmoid", "elu"})
            for (const std::string loss : {"mse", "mae", "huber"})
                for (const bool masked : {false, true})
                    for (const double dropout : {0.0, 0.3}) {
                        const std::string what = act + " " + loss + (masked ? " masked" : "") +
                                                 (dropout > 0 ? " dropout" : "");
                        torch::manual_seed(7);
                        const ModelSpec spec{
                            "mlp", {{"widths", "9,6"}, {"activation", act}, {"dropout", dropout}}};
                        models::NetworkMember net(spec, {5}, {2});
                        auto s = settingsFor("adam", loss);
                        s.loss.huberDelta = 0.4;
                        s.loss.boundsWeight = 0.5;
                        s.loss.lowerBound = -0.2;
                        s.loss.upperBound = 0.3;
                        auto opt = adam(s.optimizer, net.module());
                        auto fast =
                            training::detail::FastMlpPath::create(spec, s, net, *opt, "cpu");
                        QVERIFY2(fast, what.c_str());
                        QVERIFY(fast->pull());
                        torch::manual_seed(99); // the same dropout masks on both sides
                        const double fastLoss = fast->computeGradients(
                            data.x.data(), yZeroed.data(), masked ? maskValues.data() : nullptr,
                            rows.data(), int(rows.size()));
                        opt->zero_grad();
                        torch::manual_seed(99);
                        const auto torchLoss = computeLoss(
                            s.loss, net.forward(x.index_select(0, idx)), yAll.index_select(0, idx),
                            masked ? mask.index_select(0, idx) : torch::Tensor());
                        torchLoss.backward();
                        QVERIFY2(std::abs(fastLoss - torchLoss.item<double>()) <=
                                     1e-5 * std::abs(fastLoss),
                                 what.c_str());
                        const auto params = net.module().parameters();
                        const auto& grads = fast->stepper().gradients();
                        for (std::size_t i = 0; i < params.size(); ++i) {
                            const std::size_t offset = i % 2 == 0
                                                           ? fast->stepper().weightOffset(i / 2)
                                                           : fast->stepper().biasOffset(i / 2);
                            const double err = relativeError(
                                test::flatSlice(grads, offset, params[i]), params[i].grad());
                            QVERIFY2(err < 1e-5,
                                     (what + ": gradient error " + std::to_string(err)).c_str());
                        }
                    }
    }

    void weightsAndStateAfterStepsMatchAdam() {
        const auto data = randomData(64, 14, 1, 2, false);
        const auto x =
            torch::from_blob(const_cast<float*>(data.x.data()), {64, 14}, torch::kFloat32);
        const auto y =
            torch::from_blob(const_cast<float*>(data.y.data()), {64, 1}, torch::kFloat32);
        std::vector<std::int64_t> order(64);
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), std::mt19937(3));
        for (const std::string name : {"adam", "adamw"}) {
            const ModelSpec spec{"mlp", {{"widths", "35,35"}}};
            torch::manual_seed(11);
            models::NetworkMember a(spec, {14}, {1});
            torch::manual_seed(11);
            models::NetworkMember b(spec, {14}, {1});
            const auto s = settingsFor(name, "mse");
            auto optA = adam(s.optimizer, a.module()), optB = adam(s.optimizer, b.module());
            auto fast = training::detail::FastMlpPath::create(spec, s, b, *optB, "cpu");
            QVERIFY(fast);
            QVERIFY(fast->pull());
            for (int step = 0; step < 24; ++step) {
                const std::int64_t start = (step * 16) % 64;
                const auto idx = torch::from_blob(order.data() + start, {16}, torch::kLong);
                optA->zero_grad();
                torch::mse_loss(a.forward(x.index_select(0, idx)), y.index_select(0, idx))
                    .backward();
                optA->step(); // LibTorch's own optimiser, not the one-pass variant
                fast->step(data.x.data(), data.y.data(), nullptr, order.data() + start, 16,
                           s.optimizer.learningRate);
            }
            fast->push();
            const auto pa = a.module().parameters(), pb = b.module().parameters();
            for (std::size_t i = 0; i < pa.size(); ++i) {
                const double err = relativeError(pb[i], pa[i]);
                QVERIFY2(err < 1e-5, (name + ": weight error " + std::to_string(err)).c_str());
                const auto& stA =
                    *optA->state().at(c10::guts::to_string(pa[i].unsafeGetTensorImpl()));
                const auto& stB =
                    *optB->state().at(c10::guts::to_string(pb[i].unsafeGetTensorImpl()));
                if (name == "adam")
                    compareState<torch::optim::AdamParamState>(stA, stB);
                else
                    compareState<torch::optim::AdamWParamState>(stA, stB);
            }
        }
    }

    void trainerTakesTheFastPathWithTheSameResult() {
        const auto train = randomData(300, 6, 1, 4, true), val = randomData(80, 6, 1, 5, false);
        for (const std::string name : {"adam", "adamw"}) {
            auto s = settingsFor(name, "huber");
            s.scheduler.kind = "cyclic";
            s.scheduler.stepSize = 7;
            s.scheduler.minLearningRate = 1e-4;
            s.scheduler.maxLearningRate = 5e-3;
            const ModelSpec spec{"mlp",
                                 {{"widths", "12,8"},
                                  {"activation", "tanh"},
                                  {"dropout", name == "adamw" ? 0.25 : 0.0}}};
            const auto both = test::trainBothWays(spec, s, train, &val, "fused MLP training path");
            QVERIFY(both.fastTaken);
            QVERIFY(!both.slowTaken);
            const auto& fast = both.fast;
            const auto& slow = both.slow;
            const auto wf = test::memberWeights(fast), ws = test::memberWeights(slow);
            for (std::size_t i = 0; i < wf.size(); ++i)
                QVERIFY2(relativeError(wf[i], ws[i]) < 1e-5, name.c_str());
            for (std::size_t e = 0; e < fast.history.size(); ++e) {
                const double a = fast.history[e].values.at("train_loss");
                const double b = slow.history[e].values.at("train_loss");
                QVERIFY(std::abs(a - b) <= 1e-5 * std::abs(b));
                QCOMPARE(fast.history[e].values.at("lr"), slow.history[e].values.at("lr"));
            }
        }
    }

    void resumeFromCheckpointContinuesTheFastPath() {
        QTemporaryDir tmp;
        const auto train = randomData(200, 4, 1, 6, false), val = randomData(50, 4, 1, 7, false);
        auto s = settingsFor("adam", "mse");
        s.epochs = 4;
        s.checkpointDir = tmp.filePath("ckpt").toStdString();
        const ModelSpec spec{"mlp", {{"widths", "10"}}};
        struct CancelAfterTwo : test::PathMessages {
            CancelAfterTwo() : PathMessages("fused MLP training path") {}
            void onMetric(int epoch, const std::string&, double) override {
                if (epoch == 2)
                    cancel();
            }
        } first;
        QVERIFY_THROWS_EXCEPTION(soilscope::CanceledError,
                                 training::train(spec, s, train, &val, first));
        QVERIFY(first.fast());
        s.resume = true;
        test::PathMessages second("fused MLP training path");
        const auto resumed = training::train(spec, s, train, &val, second);
        s.resume = false;
        s.checkpointDir.clear();
        test::PathMessages third("fused MLP training path");
        const auto whole = training::train(spec, s, train, &val, third);
        const auto wr = test::memberWeights(resumed), ww = test::memberWeights(whole);
        for (std::size_t i = 0; i < wr.size(); ++i)
            QVERIFY(relativeError(wr[i], ww[i]) < 1e-6);
    }

    void theBackendIsASettingAndAFallbackFromManualIsAWarning() {
        const auto train = randomData(120, 4, 1, 8, false);
        auto s = settingsFor("adam", "mse");
        s.epochs = 2;
        const ModelSpec spec{"mlp", {{"widths", "6"}}};
        struct Log : Feedback {
            std::vector<std::string> warnings;
            void onMessage(MessageLevel level, const std::string& text) override {
                if (level == MessageLevel::Warning)
                    warnings.push_back(text);
            }
        };
        Log covered;
        s.backend = "manual";
        QCOMPARE(training::train(spec, s, train, nullptr, covered).backend, std::string("manual"));
        QVERIFY(covered.warnings.empty());
        s.backend = "auto";
        QCOMPARE(training::train(spec, s, train, nullptr, covered).backend, std::string("manual"));
        s.backend = "autograd";
        QCOMPARE(training::train(spec, s, train, nullptr, covered).backend,
                 std::string("autograd"));
        QVERIFY(covered.warnings.empty());
        // SGD has no hand-written path: manual falls back, and says so.
        Log fallback;
        s.backend = "manual";
        s.optimizer.name = "sgd";
        QCOMPARE(training::train(spec, s, train, nullptr, fallback).backend,
                 std::string("autograd"));
        QCOMPARE(fallback.warnings.size(), std::size_t(1));
        QVERIFY2(fallback.warnings.front().find("training.backend is manual") != std::string::npos,
                 fallback.warnings.front().c_str());
        s.backend = "fastest";
        QVERIFY_THROWS_EXCEPTION(soilscope::Error,
                                 training::train(spec, s, train, nullptr, fallback));
    }

    void uncoveredConfigurationsUseAutograd() {
        torch::manual_seed(1);
        auto s = settingsFor("adam", "mse");
        auto make = [&](const ModelSpec& spec, const TrainSettings& st) {
            models::NetworkMember net(spec, {3}, {1});
            auto opt = adam(st.optimizer, net.module());
            return training::detail::makeFastTrainingPath(spec, st, net, *opt, "cpu", {3}) !=
                   nullptr;
        };
        QVERIFY(make({"mlp", {}}, s));
        QVERIFY(make({"mlp", {{"dropout", 0.2}}}, s));
        auto sgd = s;
        sgd.optimizer.name = "sgd";
        QVERIFY(!make({"mlp", {}}, sgd));
        auto ams = s;
        ams.optimizer.amsgrad = true;
        QVERIFY(!make({"mlp", {}}, ams));
        auto autograd = s;
        autograd.backend = "autograd";
        QVERIFY(!make({"mlp", {}}, autograd));
    }
};

QTEST_APPLESS_MAIN(TestFastMlpTraining)
#include "test_fast_mlp_training.moc"
