// Bundles: round trip for every family (identical predictions), ensembles, corrupt bundles.
#include "base/atomic_file.h"
#include "base/error.h"
#include "models/bundle.h"
#include "models/native_members.h"
#include "models/network.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <random>

using namespace soilscope;
using namespace soilscope::models;
namespace fs = std::filesystem;

namespace {

features::Dataset randomData(std::vector<std::int64_t> f, std::vector<std::int64_t> t,
                             std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0.2f, 1.0f);
    features::Dataset d;
    d.featureShape = std::move(f);
    d.targetShape = std::move(t);
    d.x.resize(n * d.featureSize());
    for (auto& v : d.x)
        v = u(rng);
    d.y.resize(n * d.targetSize());
    for (std::size_t i = 0; i < d.y.size(); ++i)
        d.y[i] = d.x[i % d.x.size()] * 0.5f;
    return d;
}

TrainedModel makeModel(const ModelSpec& spec, const features::Dataset& d, int members) {
    std::vector<std::shared_ptr<ModelMember>> m;
    for (int i = 0; i < members; ++i) {
        if (spec.family == "svr")
            m.push_back(fitSvr(spec, d));
        else if (spec.family == "xgboost" || spec.family == "random_forest")
            m.push_back(fitXGBoost(spec, d, nullptr, unsigned(i), 1, {}));
        else
            m.push_back(std::make_shared<NetworkMember>(spec, d.featureShape, d.targetShape));
    }
    return TrainedModel(spec, d.featureShape, d.targetShape, m);
}

} // namespace

class TestBundle : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void roundTripGivesIdenticalPredictions() {
        QTemporaryDir tmp;
        struct Case {
            ModelSpec spec;
            std::vector<std::int64_t> f, t;
        };
        const std::vector<Case> cases{
            {{"mlp", {{"widths", "6"}}}, {4}, {1}},
            {{"cnn", {{"layers", 1}, {"channels", 3}}}, {2, 5, 6}, {5, 6}},
            {{"locally_connected", {{"kernel", 3}}}, {2, 5, 6}, {5, 6}},
            {{"lstm", {{"hidden", 5}}}, {9, 3}, {9}},
            {{"gru", {{"hidden", 5}}}, {9, 3}, {9}},
            {{"wcm_lstm", {{"hidden", 5}, {"landcover_index", 2}, {"classes", 2}}}, {9, 3}, {9}},
            {{"xgboost", {{"n_estimators", 20}}}, {4}, {1}},
            {{"random_forest", {{"n_estimators", 10}}}, {4}, {1}},
            {{"svr", {}}, {4}, {1}},
        };
        for (const auto& c : cases) {
            const auto data = randomData(c.f, c.t, 40, 11);
            const auto model = makeModel(resolveSpec(c.spec), data, 2);
            BundleInfo info;
            info.predictors = nlohmann::json::array({{{"name", "ndvi"}}});
            info.normalisation = {{"kind", "zscore"}};
            info.metrics = {{"rmse", 0.05}};
            for (std::int64_t k = 0; k < data.featureShape.back(); ++k)
                info.featureNames.push_back("f" + std::to_string(k)); // one per input
            const fs::path folder = fs::path(tmp.path().toStdString()) / c.spec.family;
            saveBundle(folder, model, info);
            QVERIFY(fs::exists(folder / "bundle.json"));
            const auto loaded = Predictor::load(folder);
            QCOMPARE(loaded.model().memberCount(), std::size_t(2));
            QCOMPARE(loaded.info().normalisation, info.normalisation);
            QCOMPARE(loaded.info().predictors, info.predictors);
            QVERIFY(!loaded.info().soilscopeVersion.empty());
            const auto before = model.predict(data.x.data(), data.sampleCount());
            const auto after = loaded.predict(data);
            QCOMPARE(after.size(), data.y.size());
            QVERIFY2(before == after, c.spec.family.c_str());
        }
    }

    void ensembleAveragesMembers() {
        const auto data = randomData({4}, {1}, 10, 3);
        const auto spec = resolveSpec({"mlp", {{"widths", "4"}}});
        const auto model = makeModel(spec, data, 3);
        std::vector<float> mean(10, 0.0f);
        for (const auto& m : model.members()) {
            const auto p = m->predict(data.x.data(), 10);
            for (std::size_t i = 0; i < 10; ++i)
                mean[i] += p[i] / 3.0f;
        }
        const auto p = model.predict(data.x.data(), 10);
        for (std::size_t i = 0; i < 10; ++i)
            QVERIFY(std::abs(p[i] - mean[i]) < 1e-6);
    }

    void corruptBundlesGiveCleanErrors() {
        QTemporaryDir tmp;
        const fs::path folder = fs::path(tmp.path().toStdString()) / "m";
        const auto data = randomData({4}, {1}, 30, 5);
        saveBundle(folder, makeModel(resolveSpec({"mlp", {}}), data, 1), {});
        // Truncated weights.
        fs::resize_file(folder / "member_0.pt", fs::file_size(folder / "member_0.pt") / 2);
        QVERIFY_THROWS_EXCEPTION(Error, Predictor::load(folder));
        // Garbage weights of the right size.
        saveBundle(folder, makeModel(resolveSpec({"svr", {}}), data, 1), {});
        {
            std::fstream f(folder / "member_0.svm",
                           std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(0);
            f << "garbage!";
        }
        QVERIFY_THROWS_EXCEPTION(Error, Predictor::load(folder));
        // Broken JSON, missing member, wrong format, missing folder.
        saveBundle(folder, makeModel(resolveSpec({"xgboost", {{"n_estimators", 5}}}), data, 1), {});
        const auto json = readTextFile(folder / "bundle.json");
        writeTextAtomically(folder / "bundle.json", json.substr(0, json.size() / 2));
        QVERIFY_THROWS_EXCEPTION(Error, Predictor::load(folder));
        writeTextAtomically(folder / "bundle.json", R"({"format": "something else"})");
        QVERIFY_THROWS_EXCEPTION(Error, Predictor::load(folder));
        writeTextAtomically(folder / "bundle.json", json);
        QVERIFY(Predictor::load(folder).model().memberCount() == 1);
        fs::remove(folder / "member_0.json");
        QVERIFY_THROWS_EXCEPTION(Error, Predictor::load(folder));
        QVERIFY_THROWS_EXCEPTION(Error, Predictor::load(folder / "nope"));
        try {
            Predictor::load(folder);
        } catch (const Error& e) {
            QVERIFY(e.context().find("member_0.json") != std::string::npos);
        }
    }

    void aMemberOutsideTheFolderIsRefused() {
        // A member named by a path (absolute, or climbing out) is refused before it is read, even
        // with the size and checksum of the file it points at.
        QTemporaryDir tmp;
        const fs::path root(tmp.path().toStdString());
        const auto data = randomData({4}, {1}, 30, 5);
        saveBundle(root / "m", makeModel(resolveSpec({"svr", {}}), data, 1), {});
        fs::copy_file(root / "m" / "member_0.svm", root / "outside.svm");
        auto doc = nlohmann::json::parse(readTextFile(root / "m" / "bundle.json"));
        for (const std::string& name :
             std::vector<std::string>{"../outside.svm", (root / "outside.svm").string()}) {
            doc["members"][0]["file"] = name;
            writeTextAtomically(root / "m" / "bundle.json", doc.dump());
            try {
                Predictor::load(root / "m");
                QFAIL("no error");
            } catch (const Error& e) {
                QVERIFY2(e.message().find("not a file name inside the bundle folder") !=
                             std::string::npos,
                         e.what());
            }
        }
    }

    void savingReplacesOnlyWhenComplete() {
        QTemporaryDir tmp;
        const fs::path folder = fs::path(tmp.path().toStdString()) / "m";
        const auto data = randomData({4}, {1}, 30, 5);
        saveBundle(folder, makeModel(resolveSpec({"mlp", {}}), data, 1), {});
        QVERIFY_THROWS_EXCEPTION(Error, saveBundle(folder, TrainedModel(), {}));
        QVERIFY(Predictor::load(folder).spec().family == "mlp");
        saveBundle(folder, makeModel(resolveSpec({"svr", {}}), data, 1), {});
        QVERIFY(Predictor::load(folder).spec().family == "svr");
        QVERIFY(!fs::exists(folder / "member_0.pt"));
        std::size_t entries = 0;
        for (const auto& e : fs::directory_iterator(tmp.path().toStdString())) {
            (void)e;
            ++entries;
        }
        QCOMPARE(entries, std::size_t(1)); // no temporary or old folders left behind
    }

    void wrongLayoutIsRejected() {
        const auto data = randomData({4}, {1}, 10, 5);
        QTemporaryDir tmp;
        const fs::path folder = fs::path(tmp.path().toStdString()) / "m";
        saveBundle(folder, makeModel(resolveSpec({"mlp", {}}), data, 1), {});
        const auto other = randomData({5}, {1}, 10, 5);
        QVERIFY_THROWS_EXCEPTION(Error, Predictor::load(folder).predict(other));
    }
};

QTEST_APPLESS_MAIN(TestBundle)
#include "test_bundle.moc"
