// XGBoost (boosting and random forest) and ε-SVR members fit a smooth function.
#include "base/error.h"
#include "models/native_members.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace soilscope;
using namespace soilscope::models;

namespace {

/// y = sin(2 x0) + 0.5 x1², x ∈ [−1.5, 1.5]², plus a noise feature.
features::Dataset smooth(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(-1.5f, 1.5f);
    features::Dataset d;
    d.featureShape = {3};
    d.targetShape = {1};
    d.featureNames = {"x0", "x1", "noise"};
    for (std::size_t i = 0; i < n; ++i) {
        const float a = u(rng), b = u(rng), c = u(rng);
        d.x.insert(d.x.end(), {a, b, c});
        d.y.push_back(std::sin(2 * a) + 0.5f * b * b);
    }
    return d;
}

double rmse(const std::vector<float>& p, const std::vector<float>& y) {
    double s = 0;
    for (std::size_t i = 0; i < p.size(); ++i)
        s += (p[i] - y[i]) * (p[i] - y[i]);
    return std::sqrt(s / double(p.size()));
}

double stdOf(const std::vector<float>& y) {
    double m = 0, s = 0;
    for (auto v : y)
        m += v;
    m /= double(y.size());
    for (auto v : y)
        s += (v - m) * (v - m);
    return std::sqrt(s / double(y.size()));
}

} // namespace

class TestNativeModels : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void boostingFitsSmoothFunction() {
        const auto train = smooth(1500, 1), test = smooth(400, 2);
        int rounds = 0;
        double lastVal = 1e9;
        auto member = fitXGBoost({"xgboost", {{"n_estimators", 150}, {"max_depth", 4}}}, train,
                                 &test, 7, 2, [&](int r, const std::map<std::string, double>& v) {
                                     rounds = r;
                                     lastVal = v.at("val_rmse");
                                     return false;
                                 });
        QCOMPARE(rounds, 150);
        const double e = rmse(member->predict(test.x.data(), test.sampleCount()), test.y);
        QVERIFY2(e < 0.1, qPrintable(QString::number(e)));
        QVERIFY(std::abs(e - lastVal) < 1e-3); // the reported validation RMSE is the real one
        QVERIFY(e < 0.2 * stdOf(test.y));
    }

    void randomForestFitsSmoothFunction() {
        const auto train = smooth(1500, 3), test = smooth(400, 4);
        auto member = fitXGBoost({"random_forest", {{"n_estimators", 60}, {"max_features", "all"}}},
                                 train, nullptr, 7, 1, {});
        const double e = rmse(member->predict(test.x.data(), test.sampleCount()), test.y);
        QVERIFY2(e < 0.15, qPrintable(QString::number(e)));
        QCOMPARE(member->parameterCount(), std::int64_t(1)); // one round of parallel trees
    }

    void boostingCancelsBetweenRounds() {
        const auto train = smooth(300, 5);
        int rounds = 0;
        QVERIFY_THROWS_EXCEPTION(CanceledError,
                                 fitXGBoost({"xgboost", {{"n_estimators", 100}}}, train, nullptr, 1,
                                            1, [&](int r, const std::map<std::string, double>&) {
                                                rounds = r;
                                                return r == 3;
                                            }));
        QCOMPARE(rounds, 3);
    }

    void svrFitsSmoothFunction() {
        const auto train = smooth(800, 6), test = smooth(300, 7);
        auto member = fitSvr(
            {"svr", {{"kernel", "rbf"}, {"c", 10.0}, {"epsilon", 0.01}, {"gamma", 0.5}}}, train);
        const double e = rmse(member->predict(test.x.data(), test.sampleCount()), test.y);
        QVERIFY2(e < 0.08, qPrintable(QString::number(e)));
        QVERIFY(member->parameterCount() > 10);
    }

    void svrKernelsRun() {
        // A linear target: the linear kernel fits it; every kernel trains and predicts.
        auto train = smooth(300, 8);
        for (std::size_t i = 0; i < train.sampleCount(); ++i)
            train.y[i] = 0.3f * train.x[i * 3] - 0.2f * train.x[i * 3 + 1] + 0.1f;
        for (const std::string k : {"linear", "poly", "rbf", "sigmoid"}) {
            auto member =
                fitSvr({"svr", {{"kernel", k}, {"epsilon", 0.01}, {"gamma", 0.1}}}, train);
            const auto p = member->predict(train.x.data(), train.sampleCount());
            for (const float v : p)
                QVERIFY(std::isfinite(v));
            if (k == "linear")
                QVERIFY(rmse(p, train.y) < 0.02);
        }
    }

    void badInputIsRejected() {
        auto train = smooth(50, 9);
        train.featureShape = {3, 1};
        QVERIFY_THROWS_EXCEPTION(Error, fitSvr({"svr", {}}, train));
        QVERIFY_THROWS_EXCEPTION(Error, fitXGBoost({"xgboost", {}}, train, nullptr, 1, 1, {}));
        QVERIFY_THROWS_EXCEPTION(Error, fitSvr({"svr", {{"c", -1.0}}}, smooth(50, 1)));
    }
};

QTEST_APPLESS_MAIN(TestNativeModels)
#include "test_native_models.moc"
