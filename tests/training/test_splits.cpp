// Split schemes never leak a group; k-means clusters; learning curves; evaluation; search.
#include "base/error.h"
#include "base/time_utils.h"
#include "training/evaluation.h"
#include "training/hyper_search.h"
#include "training/split_scheme.h"

#include <QtTest>

#include <random>
#include <set>

using namespace soilscope;
using namespace soilscope::training;

namespace {

features::GroupLabels randomLabels(std::size_t n, std::mt19937& rng) {
    features::GroupLabels g;
    const int stations = std::uniform_int_distribution<int>(3, 15)(rng);
    const int users = std::uniform_int_distribution<int>(5, 9)(rng);
    std::uniform_int_distribution<int> pickStation(0, stations - 1), pickUser(0, users - 1),
        year(2016, 2021);
    for (std::size_t i = 0; i < n; ++i) {
        const int s = pickStation(rng);
        g.station.push_back("st" + std::to_string(s));
        g.cell.push_back(s * 7 + 3); // one cell per station, on a 10-wide grid
        g.user.push_back("u" + std::to_string(pickUser(rng)));
        const int y = year(rng);
        g.year.push_back(y);
        g.date.push_back(makeTime(y, 6, 1));
    }
    return g;
}

std::set<std::string> keysOf(const features::GroupLabels& g, const std::string& key,
                             const std::vector<std::size_t>& idx) {
    std::set<std::string> out;
    for (auto i : idx)
        out.insert(groupKey(g, key, i));
    return out;
}

bool disjoint(const std::set<std::string>& a, const std::set<std::string>& b) {
    for (const auto& x : a)
        if (b.count(x))
            return false;
    return true;
}

void checkPartition(const Split& s, std::size_t n, bool testRequired) {
    std::vector<int> seen(n, 0);
    for (auto i : s.train)
        ++seen[i];
    for (auto i : s.validation)
        ++seen[i];
    for (auto i : s.test)
        ++seen[i];
    for (std::size_t i = 0; i < n; ++i)
        QCOMPARE(seen[i], 1);
    QVERIFY(!s.train.empty());
    if (testRequired)
        QVERIFY(!s.test.empty());
}

} // namespace

class TestSplits : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void groupSchemesNeverLeak() {
        std::mt19937 rng(2024);
        struct Scheme {
            std::string name, key;
        };
        const std::vector<Scheme> schemes{{"spatial", "cell"},
                                          {"leave_station_out", "station"},
                                          {"group_kfold", "user"},
                                          {"cluster_kfold", "cell"}};
        for (int trial = 0; trial < 40; ++trial) {
            const std::size_t n = std::uniform_int_distribution<std::size_t>(60, 300)(rng);
            const auto g = randomLabels(n, rng);
            for (const auto& sc : schemes) {
                SplitSettings s;
                s.scheme = sc.name;
                s.folds = 3;
                s.testCells = 1;
                s.groupBy = "user";
                s.gridWidth = 10;
                s.repeats = 2;
                s.seed = std::uint64_t(trial);
                s.validationFraction = 0.25;
                std::vector<Split> splits;
                try {
                    splits = makeSplits(g, n, s);
                } catch (const Error&) {
                    continue; // e.g. fewer distinct cells than folds for k-means: refused, fine
                }
                for (const auto& sp : splits) {
                    checkPartition(sp, n, true);
                    const auto tr = keysOf(g, sc.key, sp.train),
                               va = keysOf(g, sc.key, sp.validation),
                               te = keysOf(g, sc.key, sp.test);
                    QVERIFY2(disjoint(tr, te) && disjoint(va, te) && disjoint(tr, va),
                             qPrintable(QString::fromStdString(sc.name + " " + sp.name)));
                }
            }
        }
    }

    void kFoldTestsEverySampleOnce() {
        std::mt19937 rng(7);
        const auto g = randomLabels(200, rng);
        SplitSettings s;
        s.scheme = "group_kfold";
        s.folds = 3;
        s.groupBy = "station";
        const auto splits = makeSplits(g, 200, s);
        QCOMPARE(splits.size(), std::size_t(3));
        std::vector<int> tested(200, 0);
        for (const auto& sp : splits)
            for (auto i : sp.test)
                ++tested[i];
        for (int t : tested)
            QCOMPARE(t, 1);
    }

    void leaveOneStationOut() {
        std::mt19937 rng(8);
        const auto g = randomLabels(150, rng);
        SplitSettings s;
        s.scheme = "leave_station_out";
        s.repeats = 3;
        const auto splits = makeSplits(g, 150, s);
        const auto stations = keysOf(
            g, "station", std::vector<std::size_t>(150) = [] {
                std::vector<std::size_t> v(150);
                std::iota(v.begin(), v.end(), 0);
                return v;
            }());
        QCOMPARE(splits.size(), 3 * stations.size());
        for (const auto& sp : splits)
            QCOMPARE(keysOf(g, "station", sp.test).size(), std::size_t(1));
        s.maxFolds = 2;
        QCOMPARE(makeSplits(g, 150, s).size(), std::size_t(6));
    }

    void temporalAndRandomSchemes() {
        std::mt19937 rng(9);
        const auto g = randomLabels(300, rng);
        SplitSettings s;
        s.scheme = "temporal";
        s.testYears = {2021};
        for (const auto& sp : makeSplits(g, 300, s)) {
            checkPartition(sp, 300, true);
            for (auto i : sp.test)
                QCOMPARE(g.year[i], 2021);
            for (auto i : sp.train)
                QVERIFY(g.year[i] != 2021);
        }
        s.testYears.clear();
        s.testFrom = "2020-01-01";
        for (const auto& sp : makeSplits(g, 300, s))
            for (auto i : sp.test)
                QVERIFY(g.year[i] >= 2020);
        SplitSettings r;
        r.testFraction = 0.3;
        r.repeats = 2;
        const auto splits = makeSplits(g, 300, r);
        QCOMPARE(splits[0].test.size(), std::size_t(90));
        QVERIFY(splits[0].test != splits[1].test);               // repeats are re-drawn
        QCOMPARE(makeSplits(g, 300, r)[1].test, splits[1].test); // and reproducible
        SplitSettings bad;
        bad.scheme = "temporal";
        QVERIFY_THROWS_EXCEPTION(Error, makeSplits(g, 300, bad));
        bad.scheme = "spatial";
        QVERIFY_THROWS_EXCEPTION(Error, makeSplits(features::GroupLabels{}, 10, bad));
        QCOMPARE(SplitSettings::fromJson(s.toJson()).toJson(), s.toJson());
    }

    void kMeansSeparatesBlobs() {
        std::mt19937 rng(1);
        std::normal_distribution<double> e(0, 1);
        std::vector<std::pair<double, double>> pts;
        for (int i = 0; i < 50; ++i)
            pts.emplace_back(e(rng), e(rng));
        for (int i = 0; i < 50; ++i)
            pts.emplace_back(100 + e(rng), 100 + e(rng));
        const auto label = kMeans(pts, 2, 3);
        for (int i = 1; i < 50; ++i)
            QCOMPARE(label[std::size_t(i)], label[0]);
        for (int i = 51; i < 100; ++i)
            QCOMPARE(label[std::size_t(i)], label[50]);
        QVERIFY(label[0] != label[50]);
    }

    void learningCurveKeepsWholeGroups() {
        std::mt19937 rng(10);
        const auto g = randomLabels(200, rng);
        SplitSettings s;
        s.scheme = "spatial";
        s.testCells = 2;
        s.folds = 1;
        s.validationFraction = 0;
        const auto base = makeSplits(g, 200, s).front();
        const auto sub = subsampleTraining(base, g, 1, "cell", 5);
        QCOMPARE(keysOf(g, "cell", sub.train).size(), std::size_t(1));
        QCOMPARE(sub.test, base.test);
        const auto samples = subsampleTraining(base, g, 10, "sample", 5);
        QCOMPARE(samples.train.size(), std::size_t(10));
        QVERIFY_THROWS_EXCEPTION(Error, subsampleTraining(base, g, 1000, "cell", 5));
    }

    void evaluationPoolsAndGroups() {
        features::Dataset d;
        d.featureShape = {1};
        d.targetShape = {1};
        d.x = {0, 0, 0, 0, 0, 0};
        d.y = {0.1f, 0.2f, 0.3f, 0.1f, 0.2f, 0.3f};
        d.targetMask = {1, 1, 1, 1, 1, 0};
        d.groups.station = {"a", "a", "a", "b", "b", "b"};
        const std::vector<float> pred{0.1f, 0.2f, 0.3f, 0.2f, 0.3f, 9.0f};
        const auto e = evaluate(pred, d);
        QCOMPARE(e.pooled.at("n"), 5.0);
        QVERIFY(std::abs(e.groups.at("station").at("a").at("rmse")) < 1e-6);
        QVERIFY(std::abs(e.groups.at("station").at("b").at("bias") - 0.1) < 1e-6);
        QCOMPARE(e.groups.at("station").at("b").at("n"), 2.0);
        QVERIFY(e.toJson()["groups"]["station"].contains("b"));
    }

    void searchReportsHonestAndOracle() {
        std::mt19937 rng(11);
        std::uniform_real_distribution<float> u(-2, 2);
        features::Dataset d;
        d.featureShape = {2};
        d.targetShape = {1};
        for (int i = 0; i < 300; ++i) {
            const float a = u(rng), b = u(rng);
            d.x.insert(d.x.end(), {a, b});
            d.y.push_back(std::sin(a) + 0.3f * b);
        }
        SplitSettings s;
        s.testFraction = 0.3;
        const auto split = makeSplits(d.groups, 300, s).front();
        SearchSettings search;
        search.draws = 4;
        search.space = {{"n_estimators", {{"min", 5}, {"max", 60}}},
                        {"max_depth", {{"choices", {1, 3}}}}};
        TrainSettings t;
        t.threads = 1;
        Feedback obs;
        const auto r = randomSearch({"xgboost", {}}, t, d, split, search, obs);
        QCOMPARE(r.draws.size(), std::size_t(4));
        for (const auto& draw : r.draws) {
            const int trees = draw.spec.params["n_estimators"];
            QVERIFY(trees >= 5 && trees <= 60);
            QVERIFY(draw.testScore >= r.draws[r.oracleIndex].testScore); // rmse: lower is better
            QVERIFY(draw.innerScore >= r.draws[r.honestIndex].innerScore);
        }
        const auto j = r.toJson();
        QVERIFY(j.contains("honest") && j.contains("oracle"));
        QVERIFY(j["honest"]["test_score"].get<double>() >= j["oracle"]["test_score"].get<double>());
        search.innerFolds = 3;
        search.draws = 2;
        QCOMPARE(randomSearch({"xgboost", {}}, t, d, split, search, obs).draws.size(),
                 std::size_t(2));
        QVERIFY_THROWS_EXCEPTION(Error, drawSpec({"xgboost", {}}, {{"depth", {{"min", 1}}}}, 1));
    }

    void trainingSettingsAreDrawnToo() {
        // "training.*" entries draw training settings from a stream of their own: the model
        // draws are those of the space without them; each draw's settings are its own.
        const nlohmann::json model = {{"layers", {{"min", 1}, {"max", 5}}},
                                      {"width", {{"min", 16}, {"max", 256}, {"log", true}}}};
        nlohmann::json space = model;
        space["training.optimizer.lr"] = {{"min", 0.001}, {"max", 0.1}, {"log", true}};
        space["training.optimizer.weight_decay"] = {{"min", 1e-4}, {"max", 1e-2}, {"log", true}};
        std::set<double> rates;
        for (unsigned long long seed = 1; seed <= 20; ++seed) {
            QCOMPARE(drawSpec({"mlp", {}}, space, seed).params,
                     drawSpec({"mlp", {}}, model, seed).params);
            const auto drawn = drawTraining(space, seed);
            const double lr = drawn["optimizer.lr"], wd = drawn["optimizer.weight_decay"];
            QVERIFY(lr >= 0.001 && lr <= 0.1 && wd >= 1e-4 && wd <= 1e-2);
            rates.insert(lr);
            const TrainSettings t = withDrawnTraining(TrainSettings{}, drawn);
            QCOMPARE(t.optimizer.learningRate, lr);
            QCOMPARE(t.optimizer.weightDecay, wd);
            QCOMPARE(t.epochs, TrainSettings{}.epochs);
        }
        QCOMPARE(rates.size(), std::size_t(20));
        QVERIFY(drawTraining(model, 1).empty());
        QVERIFY_THROWS_EXCEPTION(Error,
                                 withDrawnTraining(TrainSettings{}, {{"optimizer.no_such", 1.0}}));
        QVERIFY_THROWS_EXCEPTION(Error, drawTraining({{"training.epochs", {{"min", 1}}}}, 1));
        // A draw keeps its settings through JSON (a search's results travel between ranks).
        SearchDraw d;
        d.spec = models::resolveSpec({"mlp", {}});
        d.training = drawTraining(space, 3);
        QCOMPARE(SearchDraw::fromJson(d.toJson()).training, d.training);
    }
};

QTEST_APPLESS_MAIN(TestSplits)
#include "test_splits.moc"
