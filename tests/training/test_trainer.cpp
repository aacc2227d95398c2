// The Trainer: learning (MLP, LSTM, WCM-LSTM, XGBoost), early stopping, determinism, cancel,
// checkpoints and resume, schedules, losses, devices.
#include "base/error.h"
#include "epoch_recorder.h"
#include "models/network.h"
#include "training/losses.h"
#include "training/trainer.h"
#include "training/trainer_detail.h"

#include <ATen/autocast_mode.h>
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

using namespace soilscope;
using namespace soilscope::training;
using models::ModelSpec;

namespace {

features::Dataset sine(std::size_t n, unsigned seed, float noise = 0.0f) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(-3.14159f, 3.14159f);
    std::normal_distribution<float> e(0.0f, 1.0f);
    features::Dataset d;
    d.featureShape = {1};
    d.targetShape = {1};
    for (std::size_t i = 0; i < n; ++i) {
        const float x = u(rng);
        d.x.push_back(x);
        d.y.push_back(std::sin(x) + noise * e(rng));
    }
    return d;
}

/// Sequences x_t ~ U(0, 1), y_t = x_t + x_{t−1} + x_{t−2} (zeros before the start).
features::Dataset laggedSum(std::size_t n, std::int64_t t, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    features::Dataset d;
    d.featureShape = {t, 1};
    d.targetShape = {t};
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<float> x(static_cast<std::size_t>(t));
        for (auto& v : x)
            v = u(rng);
        for (std::int64_t k = 0; k < t; ++k) {
            d.x.push_back(x[std::size_t(k)]);
            float s = x[std::size_t(k)];
            if (k >= 1)
                s += x[std::size_t(k - 1)];
            if (k >= 2)
                s += x[std::size_t(k - 2)];
            d.y.push_back(s);
        }
    }
    return d;
}

double rmse(const std::vector<float>& p, const features::Dataset& d) {
    double s = 0, n = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!d.targetMask.empty() && !d.targetMask[i])
            continue;
        s += (p[i] - d.y[i]) * (p[i] - d.y[i]);
        n += 1;
    }
    return std::sqrt(s / n);
}

class Recorder : public testing::EpochRecorder {
  public:
    bool isCanceled() const override {
        ++polls;
        if (cancelAtPoll > 0 && polls >= cancelAtPoll)
            return true;
        return EpochRecorder::isCanceled();
    }
    int cancelAtPoll = 0;
    mutable int polls = 0;
};

TrainSettings quick(int epochs, int batch, double lr) {
    TrainSettings s;
    s.epochs = epochs;
    s.batchSize = batch;
    s.optimizer.learningRate = lr;
    s.device = "cpu";
    s.threads = 1;
    return s;
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void mlpLearnsSine() {
        const auto train = sine(1000, 1), val = sine(300, 2);
        Recorder obs;
        const auto r = training::train({"mlp", {{"widths", "32,32"}, {"activation", "tanh"}}},
                                       quick(150, 64, 1e-2), train, &val, obs);
        const double e = rmse(r.model.predict(val.x.data(), val.sampleCount()), val);
        QVERIFY2(e < 0.05, qPrintable(QString::number(e)));
        QCOMPARE(int(obs.reports.size()), 150);
        QVERIFY(obs.reports.back().values.at("val_rmse") <
                obs.reports.front().values.at("val_rmse"));
        // the explained-variance curve at the epoch whose weights were kept matches the fit
        std::vector<float> pred = r.model.predict(val.x.data(), val.sampleCount());
        double mean = 0.0, meanD = 0.0;
        for (std::size_t i = 0; i < pred.size(); ++i) {
            mean += val.y[i] / double(pred.size());
            meanD += (pred[i] - val.y[i]) / double(pred.size());
        }
        double varY = 0.0, varD = 0.0;
        for (std::size_t i = 0; i < pred.size(); ++i) {
            varY += (val.y[i] - mean) * (val.y[i] - mean) / double(pred.size());
            const double d = pred[i] - val.y[i] - meanD;
            varD += d * d / double(pred.size());
        }
        const double ev =
            obs.reports.at(std::size_t(r.bestEpoch - 1)).values.at("val_explained_variance");
        QVERIFY2(std::abs(ev - (1.0 - varD / varY)) < 1e-3, qPrintable(QString::number(ev)));
        QVERIFY(ev > obs.reports.front().values.at("val_explained_variance"));
    }

    void bf16MixedPrecisionTrains() {
        // training.precision = bf16: autocast on the autograd path (the hand-written fp32 paths
        // stand aside); the MLP still learns the sine, close to the fp32 fit.
        const auto train = sine(1000, 1), val = sine(300, 2);
        auto s = quick(150, 64, 1e-2);
        s.precision = "bf16";
        Recorder obs;
        const auto r = training::train({"mlp", {{"widths", "32,32"}, {"activation", "tanh"}}}, s,
                                       train, &val, obs);
        QCOMPARE(r.backend, std::string("autograd"));
        const double e = rmse(r.model.predict(val.x.data(), val.sampleCount()), val);
        QVERIFY2(e < 0.08, qPrintable(QString::number(e)));
        QVERIFY(std::isfinite(obs.reports.back().values.at("val_rmse")));
        QVERIFY(!at::autocast::is_cpu_enabled()); // left as it was
        // the recurrent and convolutional families too
        const auto seqTrain = laggedSum(60, 20, 3), seqVal = laggedSum(20, 20, 4);
        auto sl = quick(3, 16, 1e-2);
        sl.precision = "bf16";
        Feedback quiet;
        const auto lstm =
            training::train({"lstm", {{"layers", 1}, {"hidden", 8}}}, sl, seqTrain, &seqVal, quiet);
        QVERIFY(
            std::isfinite(rmse(lstm.model.predict(seqVal.x.data(), seqVal.sampleCount()), seqVal)));
        s.precision = "fp16";
        QVERIFY_THROWS_EXCEPTION(Error, s.check());
    }

    void accuracyCurveIsInTargetUnits() {
        // The FFNN paper's accuracy: |estimate − target| < tolerance and the estimate in range,
        // in target units; a target standardised by the caller is scaled back first.
        const auto train = sine(400, 1), val = sine(200, 2);
        auto s = quick(30, 64, 1e-2);
        s.accuracy = {0.1, -2.0, 2.0};
        s.targetSd = 0.5; // the data are "standardised": target units are half as large
        Recorder obs;
        training::train({"mlp", {{"widths", "32"}, {"activation", "tanh"}}}, s, train, &val, obs);
        const auto& last = obs.reports.back().values;
        const double accuracy = last.at("val_accuracy");
        QVERIFY2(accuracy > 0.3 && accuracy <= 1.0, qPrintable(QString::number(accuracy)));
        QCOMPARE(last.at("val_rmse_target_units"), last.at("val_rmse") * 0.5);
        // an estimate range that excludes everything: no sample is accurate
        s.accuracy = {0.1, 100.0, 200.0};
        Recorder none;
        training::train({"mlp", {{"widths", "32"}, {"activation", "tanh"}}}, s, train, &val, none);
        QCOMPARE(none.reports.back().values.at("val_accuracy"), 0.0);
        const auto back = training::TrainSettings::fromJson(s.toJson());
        QCOMPARE(back.accuracy.min, 100.0);
        s.accuracy.tolerance = -1;
        QVERIFY_THROWS_EXCEPTION(Error, s.check());
    }

    void lstmLearnsLaggedSum() {
        const auto train = laggedSum(200, 30, 3), val = laggedSum(50, 30, 4);
        Feedback obs;
        auto s = quick(60, 16, 1e-2);
        const auto r = training::train({"lstm", {{"layers", 1}, {"hidden", 16}, {"dropout", 0.0}}},
                                       s, train, &val, obs);
        const double e = rmse(r.model.predict(val.x.data(), val.sampleCount()), val);
        QVERIFY2(e < 0.1, qPrintable(QString::number(e))); // the target's std is ≈ 0.5
    }

    void maskedTargetsAreIgnored() {
        // Half of the targets are NaN and masked; training must neither see nor propagate them.
        auto train = laggedSum(100, 20, 5);
        train.targetMask.assign(train.y.size(), 1);
        for (std::size_t i = 0; i < train.y.size(); i += 2) {
            train.y[i] = std::nanf("");
            train.targetMask[i] = 0;
        }
        Feedback obs;
        const auto r = training::train({"gru", {{"layers", 1}, {"hidden", 8}}}, quick(15, 10, 1e-2),
                                       train, &train, obs);
        QVERIFY(std::isfinite(r.history.back().values.at("train_loss")));
        QVERIFY(r.history.back().values.at("val_rmse") < r.history.front().values.at("val_rmse"));
    }

    void wcmLstmTrainsAndReportsA() {
        // Synthetic Water Cloud Model data: σobs from SM through the WCM with A = 0.018.
        std::mt19937 rng(9);
        std::uniform_real_distribution<float> u(0.0f, 1.0f);
        features::Dataset d;
        const std::int64_t t = 40;
        d.featureShape = {t, 3}; // σ⁰ linear, VWC, an auxiliary input
        d.targetShape = {t};
        for (int s = 0; s < 40; ++s) {
            float sm = 0.2f + 0.1f * u(rng);
            for (std::int64_t k = 0; k < t; ++k) {
                sm = std::clamp(0.9f * sm + 0.1f * (0.05f + 0.4f * u(rng)), 0.02f, 0.5f);
                const float vwc = 0.5f + 2.0f * u(rng);
                const float c = std::cos(40.0f * 3.14159265f / 180.0f);
                const float g2 = std::exp(-2.0f * 0.084f * vwc / c);
                const float soil = std::pow(10.0f, (-20.0f + 30.0f * sm) / 10.0f);
                const float sigma = 0.018f * c * (1 - g2) + g2 * soil;
                d.x.insert(d.x.end(), {sigma, vwc, u(rng)});
                d.y.push_back(sm);
            }
        }
        const auto train = d.subset({0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14,
                                     15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29});
        const auto val = d.subset({30, 31, 32, 33, 34, 35, 36, 37, 38, 39});
        auto s = quick(40, 4, 5e-3);
        s.loss.boundsWeight = 1.0;
        Recorder obs;
        const auto r = training::train(
            {"wcm_lstm", {{"hidden", 16}, {"layers", 1}, {"v2_index", 1}}}, s, train, &val, obs);
        QVERIFY(obs.reports.back().values.count("A") == 1);
        const double a = obs.reports.back().values.at("A");
        QVERIFY(a > 0 && std::isfinite(a));
        QVERIFY(obs.reports.front().values.at("A") != a); // A is learned
        const double e = rmse(r.model.predict(val.x.data(), val.sampleCount()), val);
        QVERIFY2(e < 0.04, qPrintable(QString::number(e)));
    }

    void earlyStoppingRestoresBestWeights() {
        const auto train = sine(40, 6, 0.4f), val = sine(200, 7, 0.4f);
        auto s = quick(400, 8, 3e-2);
        s.patience = 5;
        Recorder obs;
        const auto r = training::train({"mlp", {{"widths", "64,64"}, {"init", "kaiming"}}}, s,
                                       train, &val, obs);
        QVERIFY(r.earlyStopped);
        QVERIFY(r.epochsRun < 400);
        QCOMPARE(r.epochsRun, r.bestEpoch + 5);
        double best = 1e9;
        int bestEpoch = 0;
        for (const auto& rep : obs.reports)
            if (rep.values.at("val_loss") < best) {
                best = rep.values.at("val_loss");
                bestEpoch = rep.epoch;
            }
        QCOMPARE(r.bestEpoch, bestEpoch);
        const auto p = r.model.predict(val.x.data(), val.sampleCount());
        double mse = 0;
        for (std::size_t i = 0; i < p.size(); ++i)
            mse += (p[i] - val.y[i]) * (p[i] - val.y[i]);
        mse /= double(p.size());
        QVERIFY2(std::abs(mse - best) < 1e-5 * (1 + best),
                 qPrintable(QString("%1 vs best %2").arg(mse).arg(best)));
    }

    void deterministicModeGivesIdenticalWeights() {
        const auto train = sine(200, 8);
        auto s = quick(5, 16, 1e-2);
        s.deterministic = true;
        Feedback obs;
        const ModelSpec spec{"mlp", {{"dropout", 0.2}}};
        const auto a = training::train(spec, s, train, nullptr, obs);
        const auto b = training::train(spec, s, train, nullptr, obs);
        s.seed = 43;
        const auto c = training::train(spec, s, train, nullptr, obs);
        const auto pa = a.model.predict(train.x.data(), 200),
                   pb = b.model.predict(train.x.data(), 200),
                   pc = c.model.predict(train.x.data(), 200);
        QVERIFY(pa == pb);
        QVERIFY(pa != pc);
        const auto& na = dynamic_cast<const models::NetworkMember&>(*a.model.members()[0]);
        const auto& nb = dynamic_cast<const models::NetworkMember&>(*b.model.members()[0]);
        const auto wa = na.module().parameters(), wb = nb.module().parameters();
        for (std::size_t i = 0; i < wa.size(); ++i)
            QVERIFY(torch::equal(wa[i], wb[i]));
    }

    void cancelStopsWithinOneBatch() {
        const auto train = sine(640, 9);
        Recorder obs;
        obs.cancelAtPoll = 15; // mid-epoch: 20 batches per epoch
        QVERIFY_THROWS_EXCEPTION(
            CanceledError, training::train({"mlp", {}}, quick(10, 32, 1e-2), train, nullptr, obs));
        QCOMPARE(obs.polls, 15); // no batch ran after the cancel was seen
        QVERIFY(obs.reports.empty());
    }

    void cancelFromAnotherThreadStopsTraining() {
        // As in the GUI: the training runs on a worker, the cancel comes from another thread.
        const auto train = sine(640, 12);
        Feedback feedback;
        std::atomic<bool> canceled{false};
        std::thread worker([&] {
            try {
                training::train({"mlp", {}}, quick(100000, 32, 1e-2), train, nullptr, feedback);
            } catch (const CanceledError&) {
                canceled = true;
            }
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        feedback.cancel();
        worker.join();
        QVERIFY(canceled);
    }

    void checkpointResumeContinuesAtTheRightEpoch() {
        QTemporaryDir tmp;
        const auto train = sine(300, 10), val = sine(100, 11);
        auto s = quick(6, 32, 1e-2);
        s.checkpointDir = tmp.filePath("ckpt").toStdString();
        const ModelSpec spec{"mlp", {{"dropout", 0.1}}};
        Recorder first;
        first.cancelAfterEpoch = 3;
        QVERIFY_THROWS_EXCEPTION(CanceledError, training::train(spec, s, train, &val, first));
        QCOMPARE(int(first.reports.size()), 3);
        s.resume = true;
        Recorder second;
        const auto resumed = training::train(spec, s, train, &val, second);
        QCOMPARE(second.reports.front().epoch, 4);
        QCOMPARE(int(second.reports.size()), 3);
        QCOMPARE(int(resumed.history.size()), 6);
        QCOMPARE(resumed.epochsRun, 6);
        // The same training without interruption ends with the same weights.
        auto plain = quick(6, 32, 1e-2);
        Feedback obs;
        const auto whole = training::train(spec, plain, train, &val, obs);
        QVERIFY(whole.model.predict(val.x.data(), 100) == resumed.model.predict(val.x.data(), 100));
        QCOMPARE(whole.history.back().values.at("val_loss"),
                 resumed.history.back().values.at("val_loss"));
        // A checkpoint of another model is refused, not silently used.
        QVERIFY_THROWS_EXCEPTION(Error,
                                 training::train({"mlp", {{"width", 7}}}, s, train, &val, obs));
    }

    void nativeFamiliesTrainThroughTheSameEntry() {
        const auto train = sine(400, 12), val = sine(100, 13);
        auto s = quick(1, 32, 1e-2);
        s.ensemble = 2;
        Recorder obs;
        const auto r = training::train({"xgboost", {{"n_estimators", 30}}}, s, train, &val, obs);
        QCOMPARE(r.model.memberCount(), std::size_t(2));
        QCOMPARE(int(obs.reports.size()), 60);
        QVERIFY(obs.reports.back().values.count("val_rmse") == 1);
        QVERIFY(rmse(r.model.predict(val.x.data(), 100), val) < 0.1);
        const auto svr = training::train({"svr", {{"c", 10.0}}}, s, train, &val, obs);
        QVERIFY(rmse(svr.model.predict(val.x.data(), 100), val) < 0.1);
        QVERIFY_THROWS_EXCEPTION(Error, training::train({"lstm", {}}, s, train, &val, obs));
    }

    void fusedAdamMatchesLibTorch() {
        for (const std::string name : {"adam", "adamw"}) {
            torch::manual_seed(5);
            const auto init = torch::randn({6, 3});
            auto a = init.clone().requires_grad_(true), b = init.clone().requires_grad_(true);
            std::unique_ptr<torch::optim::Optimizer> oa, ob;
            if (name == "adam") {
                auto o =
                    torch::optim::AdamOptions(0.05).weight_decay(0.1).eps(1e-7).betas({0.8, 0.99});
                oa = std::make_unique<torch::optim::Adam>(std::vector<torch::Tensor>{a}, o);
                ob = std::make_unique<torch::optim::Adam>(std::vector<torch::Tensor>{b}, o);
            } else {
                auto o = torch::optim::AdamWOptions(0.05).weight_decay(0.1);
                oa = std::make_unique<torch::optim::AdamW>(std::vector<torch::Tensor>{a}, o);
                ob = std::make_unique<torch::optim::AdamW>(std::vector<torch::Tensor>{b}, o);
            }
            for (int step = 0; step < 6; ++step) {
                const auto g = torch::randn({6, 3});
                oa->zero_grad();
                ob->zero_grad();
                (a * g).sum().backward();
                (b * g).sum().backward();
                oa->step();
                QVERIFY(training::detail::fusedAdamStep(*ob, name));
            }
            QVERIFY2(torch::allclose(a, b, 1e-5, 1e-6), name.c_str());
        }
    }

    void schedulesFollowTheirFormulas() {
        SchedulerSettings c;
        c.kind = "cyclic";
        c.minLearningRate = 1e-6;
        c.maxLearningRate = 2e-3;
        c.stepSize = 250;
        QCOMPARE(scheduledLearningRate(c, 1e-3, 1, 20, 0), 1e-6);
        QVERIFY(std::abs(scheduledLearningRate(c, 1e-3, 1, 20, 250) - 2e-3) < 1e-12);
        QVERIFY(std::abs(scheduledLearningRate(c, 1e-3, 1, 20, 125) - (1e-6 + 2e-3) / 2) < 1e-9);
        QVERIFY(std::abs(scheduledLearningRate(c, 1e-3, 1, 20, 500) - 1e-6) < 1e-12);
        SchedulerSettings st;
        st.kind = "step";
        st.stepSize = 10;
        st.gamma = 0.5;
        QCOMPARE(scheduledLearningRate(st, 1.0, 10, 30, 0), 1.0);
        QCOMPARE(scheduledLearningRate(st, 1.0, 11, 30, 0), 0.5);
        SchedulerSettings co;
        co.kind = "cosine";
        QCOMPARE(scheduledLearningRate(co, 1.0, 1, 10, 0), 1.0);
        QVERIFY(std::abs(scheduledLearningRate(co, 1.0, 6, 10, 0) - 0.5) < 1e-12);
        // The trainer applies the cyclic rate per batch.
        auto s = quick(2, 10, 1e-3);
        s.scheduler = c;
        s.scheduler.stepSize = 5;
        Recorder obs;
        training::train({"mlp", {}}, s, sine(100, 1), nullptr, obs);
        QVERIFY(std::abs(obs.reports[0].values.at("lr") -
                         scheduledLearningRate(s.scheduler, 1e-3, 1, 2, 9)) < 1e-12);
    }

    void lossesComposeAndMask() {
        LossSettings mse;
        const auto pred = torch::tensor({0.5f, 1.5f, -0.5f});
        const auto target = torch::tensor({0.0f, 0.0f, 0.0f});
        const auto mask = torch::tensor({1.0f, 0.0f, 1.0f});
        QVERIFY(std::abs(computeLoss(mse, pred, target, torch::Tensor()).item<double>() -
                         2.75 / 3) < 1e-6);
        QVERIFY(std::abs(computeLoss(mse, pred, target, mask).item<double>() - 0.25) < 1e-6);
        LossSettings mae;
        mae.kind = "mae";
        QVERIFY(std::abs(computeLoss(mae, pred, target, mask).item<double>() - 0.5) < 1e-6);
        LossSettings hinge;
        hinge.kind = "mae";
        hinge.boundsWeight = 2.0;
        // mae over valid (0.5) + 2 · mean(0, 0.5, 0.5) over all predictions.
        QVERIFY(std::abs(computeLoss(hinge, pred, target, mask).item<double>() -
                         (0.5 + 2.0 / 3.0)) < 1e-6);
        LossSettings huber;
        huber.kind = "huber";
        huber.huberDelta = 1.0;
        QVERIFY(std::abs(computeLoss(huber, pred, target, torch::Tensor()).item<double>() -
                         (0.125 + 1.0 + 0.125) / 3) < 1e-6);
    }

    void devicesAndSettingsAreChecked() {
        QCOMPARE(resolveDevice("cpu"), std::string("cpu"));
        if (!cudaAvailable()) {
            QCOMPARE(resolveDevice("auto"), std::string("cpu"));
            QVERIFY_THROWS_EXCEPTION(Error, resolveDevice("cuda"));
        } else {
            QCOMPARE(resolveDevice("auto"), std::string("cuda"));
        }
        QVERIFY_THROWS_EXCEPTION(Error, resolveDevice("tpu"));
        auto s = quick(0, 1, 1e-3);
        QVERIFY_THROWS_EXCEPTION(Error, s.check());
        const auto j = quick(3, 4, 1e-3).toJson();
        const auto back = TrainSettings::fromJson(j);
        QCOMPARE(back.toJson(), j);
        QVERIFY_THROWS_EXCEPTION(Error,
                                 TrainSettings::fromJson({{"optimizer", {{"name", "lion"}}}}));
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
