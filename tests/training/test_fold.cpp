// The one fold runner: the normaliser sees only the training part, training never sees the test
// part, and a fold's evaluation is the evaluation of its predictions.
#include "features/normaliser.h"
#include "training/fold.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace soilscope;
using namespace soilscope::training;

namespace {

features::Dataset makeData(int n) {
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> u(-2, 2);
    features::Dataset d;
    d.featureShape = {2};
    d.targetShape = {1};
    for (int i = 0; i < n; ++i) {
        const float a = u(rng), b = u(rng);
        d.x.insert(d.x.end(), {a, b});
        d.y.push_back(0.3f + 0.05f * std::sin(a) + 0.02f * b);
        d.groups.station.push_back(i % 2 ? "odd" : "even");
    }
    return d;
}

Split firstSplit(int n) {
    Split s;
    for (int i = 0; i < n; ++i)
        (i < n * 6 / 10 ? s.train : i < n * 8 / 10 ? s.validation : s.test).push_back(i);
    return s;
}

} // namespace

class TestFold : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void normaliserSeesOnlyTheTrainingPart() {
        auto d = makeData(100);
        const Split split = firstSplit(100);
        const auto blank =
            features::Normaliser::uniform(features::NormaliserKind::ZScore, d.featureSize());
        const auto a = normaliseOnTraining(d, blank, split.train);
        for (const auto i : split.test) // wild test features change nothing of the fit
            d.x[i * 2] = 1e6f;
        const auto b = normaliseOnTraining(d, blank, split.train);
        QCOMPARE(a.normaliser.toJson(), b.normaliser.toJson());
        double mean = 0;
        for (const auto i : split.train)
            mean += a.data.x[i * 2];
        QVERIFY(std::abs(mean / double(split.train.size())) < 1e-5);
    }

    void trainingNeverSeesTheTestPart() {
        auto d = makeData(120);
        const Split split = firstSplit(120);
        TrainSettings settings;
        settings.threads = 1;
        const models::ModelSpec spec{"xgboost", {{"n_estimators", 20}}};
        Feedback feedback;
        const auto a = trainFold(spec, settings, d, split, feedback, FoldReports::Quiet);
        for (const auto i : split.test)
            d.y[i] = 99.0f; // poisoned test targets
        const auto b = trainFold(spec, settings, d, split, feedback, FoldReports::Quiet);
        const auto test = d.subset(split.test);
        const auto predictions = [&test](const FoldModel& m) {
            return m.training.model.predict(test.x.data(), test.sampleCount());
        };
        QCOMPARE(predictions(a), predictions(b));
        const auto ev = a.evaluate(makeData(120), split.test, {});
        const auto clean = makeData(120).subset(split.test);
        QCOMPARE(ev.pooled,
                 training::evaluate(a.training.model.predict(clean.x.data(), clean.sampleCount()),
                                    clean, {})
                     .pooled);
        QVERIFY(ev.pooled.at("rmse") < 0.05);
        QVERIFY(a.evaluate(makeData(120), split.test).groups.at("station").count("odd"));
    }
};

QTEST_APPLESS_MAIN(TestFold)
#include "test_fold.moc"
