// Permutation importance: a model of y = sin(a) + 0.05 b loses much when a is shuffled, little
// when b is, nothing when an unused column is; the same seed gives the same figures.
#include "base/error.h"
#include "training/permutation_importance.h"
#include "training/trainer.h"

#include <QtTest>

#include <random>

using namespace soilscope;
using namespace soilscope::training;

class TestPermutationImportance : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void theFeatureTheTargetDependsOnMattersMost() {
        std::mt19937 rng(5);
        std::uniform_real_distribution<float> u(-2, 2);
        features::Dataset d;
        d.featureShape = {3};
        d.targetShape = {1};
        d.featureNames = {"a", "b", "unused"};
        for (int i = 0; i < 400; ++i) {
            const float a = u(rng), b = u(rng), c = u(rng);
            d.x.insert(d.x.end(), {a, b, c});
            d.y.push_back(std::sin(a) + 0.05f * b);
        }
        d.targetMask.assign(d.y.size(), 1);
        std::vector<std::size_t> train, test;
        for (std::size_t i = 0; i < 400; ++i)
            (i < 300 ? train : test).push_back(i);
        TrainSettings t;
        t.threads = 1;
        Feedback quiet;
        const auto trainSet = d.subset(train), testSet = d.subset(test);
        const auto model = training::train({"xgboost", {{"n_estimators", 80}, {"max_depth", 3}}}, t,
                                           trainSet, nullptr, quiet)
                               .model;
        const auto imp = permutationImportance(model, testSet, 5, 9);
        QCOMPARE(imp.size(), std::size_t(3));
        QCOMPARE(imp[0].feature, std::string("a"));
        QVERIFY2(imp[0].meanIncrease > 0.3, std::to_string(imp[0].meanIncrease).c_str());
        QVERIFY(imp[1].meanIncrease > 0 && imp[1].meanIncrease < imp[0].meanIncrease / 5);
        QVERIFY(std::abs(imp[2].meanIncrease) < 0.01);
        QVERIFY(imp[0].sdIncrease > 0);
        const auto again = permutationImportance(model, testSet, 5, 9);
        QCOMPARE(again[0].meanIncrease, imp[0].meanIncrease);
        features::Dataset one = testSet.subset({0});
        QVERIFY_THROWS_EXCEPTION(Error, permutationImportance(model, one, 5, 9));
    }
};

QTEST_GUILESS_MAIN(TestPermutationImportance)
#include "test_permutation_importance.moc"
