// TorchScript in bundles: model.pt reloaded with torch::jit::load (and, when Python has torch,
// with torch.jit.load) gives the native model's predictions on raw, partly missing predictors.
#include "base/atomic_file.h"
#include "base/error.h"
#include "features/normaliser.h"
#include "models/bundle.h"
#include "models/network.h"
#include "models/torchscript_export.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <random>

using namespace soilscope;
using namespace soilscope::models;
namespace fs = std::filesystem;

namespace {

struct Case {
    ModelSpec spec;
    std::vector<std::int64_t> featureShape, targetShape;
};

std::vector<Case> cases() {
    return {
        {{"mlp", {{"layers", 2}, {"width", 9}, {"activation", "tanh"}}}, {5}, {1}},
        {{"mlp", {{"layers", 1}, {"width", 4}, {"activation", "elu"}}}, {3}, {1}},
        {{"cnn", {{"layers", 2}, {"channels", 4}, {"kernel", 3}, {"activation", "relu"}}},
         {3, 6, 7},
         {6, 7}},
        {{"locally_connected", {{"kernel", 3}, {"hidden_channels", 2}, {"activation", "sigmoid"}}},
         {2, 5, 4},
         {5, 4}},
        {{"locally_connected", {{"kernel", 5}}}, {3, 6, 6}, {6, 6}},
        {{"lstm", {{"layers", 2}, {"hidden", 6}}}, {8, 3}, {8}},
        {{"gru", {{"layers", 1}, {"hidden", 5}}}, {7, 4}, {7}}};
}

/// A fitted z-score normaliser over random training data, and raw inputs with some NaN.
struct Inputs {
    features::Normaliser normaliser;
    std::vector<float> raw;
    std::size_t n = 0;
};

Inputs makeInputs(const std::vector<std::int64_t>& featureShape, std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(3.0f, 2.0f);
    features::Dataset d;
    d.featureShape = featureShape;
    d.targetShape = {1};
    d.x.resize(n * d.featureSize());
    for (auto& v : d.x)
        v = g(rng);
    d.y.assign(n, 0.0f);
    std::vector<std::size_t> all(n);
    for (std::size_t i = 0; i < n; ++i)
        all[i] = i;
    Inputs in;
    const auto layout = features::channelLayout(featureShape);
    in.normaliser =
        features::Normaliser::uniform(features::NormaliserKind::ZScore, layout.channels);
    in.normaliser.fit(d, all);
    in.raw = d.x;
    for (std::size_t i = 0; i < in.raw.size(); i += 7)
        in.raw[i] = std::numeric_limits<float>::quiet_NaN();
    in.n = n;
    return in;
}

/// What the native path predicts: normalise, missing → 0, the model.
std::vector<float> nativePrediction(const TrainedModel& model, const Inputs& in) {
    features::Dataset d;
    d.featureShape = model.featureShape();
    d.targetShape = model.targetShape();
    d.x = in.raw;
    d.y.assign(in.n * d.targetSize(), 0.0f);
    in.normaliser.apply(d);
    for (auto& v : d.x)
        if (!std::isfinite(v))
            v = 0.0f;
    return model.predict(d.x.data(), in.n);
}

TrainedModel makeModel(const Case& c, int members) {
    std::vector<std::shared_ptr<ModelMember>> m;
    for (int i = 0; i < members; ++i) {
        torch::manual_seed(100 + i);
        m.push_back(
            std::make_shared<NetworkMember>(resolveSpec(c.spec), c.featureShape, c.targetShape));
    }
    return TrainedModel(resolveSpec(c.spec), c.featureShape, c.targetShape, m);
}

} // namespace

class TestTorchScript : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

  private Q_SLOTS:
    void scriptedModelMatchesTheNativeOne_data() {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("members");
        const auto all = cases();
        for (int i = 0; i < int(all.size()); ++i)
            for (int members : {1, 2})
                QTest::newRow((all[std::size_t(i)].spec.family + " #" + std::to_string(i) + " x" +
                               std::to_string(members))
                                  .c_str())
                    << i << members;
    }

    void scriptedModelMatchesTheNativeOne() {
        QFETCH(int, index);
        QFETCH(int, members);
        const Case c = cases()[std::size_t(index)];
        const TrainedModel model = makeModel(c, members);
        const Inputs in = makeInputs(c.featureShape, 11, unsigned(index));
        BundleInfo info;
        info.normalisation = in.normaliser.toJson();
        const fs::path bundle = fs::path(m_tmp.path().toStdString()) /
                                ("b" + std::to_string(index) + "_" + std::to_string(members));
        saveBundle(bundle, model, info);
        const auto doc = nlohmann::json::parse(readTextFile(bundle / "bundle.json"));
        QCOMPARE(doc["torchscript"]["file"].get<std::string>(), std::string("model.pt"));
        QCOMPARE(doc["torchscript"]["members"].get<int>(), members);

        torch::jit::Module scripted = torch::jit::load((bundle / "model.pt").string());
        std::vector<std::int64_t> shape{std::int64_t(in.n)};
        shape.insert(shape.end(), c.featureShape.begin(), c.featureShape.end());
        const auto x =
            torch::from_blob(const_cast<float*>(in.raw.data()), shape, torch::kFloat32).clone();
        torch::NoGradGuard guard;
        const auto y = scripted.forward({x}).toTensor().contiguous();
        std::vector<std::int64_t> expectedShape{std::int64_t(in.n)};
        expectedShape.insert(expectedShape.end(), c.targetShape.begin(), c.targetShape.end());
        QCOMPARE(y.sizes().vec(), expectedShape);
        const auto native = nativePrediction(model, in);
        QCOMPARE(std::size_t(y.numel()), native.size());
        double maxDiff = 0;
        for (std::size_t i = 0; i < native.size(); ++i) {
            QVERIFY(std::isfinite(native[i]));
            maxDiff = std::max(maxDiff, double(std::abs(y.data_ptr<float>()[i] - native[i])));
        }
        QVERIFY2(maxDiff < 1e-5, qPrintable(QString("max abs diff %1").arg(maxDiff)));
        // the reloaded bundle predicts what it did before (model.pt does not disturb the natives)
        const auto reloaded = Predictor::load(bundle);
        QCOMPARE(reloaded.info().normalisation, info.normalisation);
    }

    void familiesWithoutAScriptedFormWriteNone() {
        QVERIFY(!torchScriptSupported("wcm_lstm"));
        QVERIFY(!torchScriptSupported("xgboost"));
        const Case c{{"mlp", {{"layers", 1}, {"width", 3}}}, {2}, {1}};
        const TrainedModel model = makeModel(c, 1);
        const nlohmann::json wrongChannels = {{"channels", nlohmann::json::array()}};
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "x.pt";
        QVERIFY_THROWS_EXCEPTION(soilscope::Error, saveTorchScript(model, wrongChannels, file));
        QVERIFY(!fs::exists(file));
        // in a bundle, a normalisation that cannot be folded leaves the bundle usable and says why
        BundleInfo info;
        info.normalisation = wrongChannels;
        const fs::path bundle = fs::path(m_tmp.path().toStdString()) / "unfoldable";
        saveBundle(bundle, model, info);
        const auto doc = nlohmann::json::parse(readTextFile(bundle / "bundle.json"));
        QVERIFY(doc["torchscript"]["error"].get<std::string>().find("channels") !=
                std::string::npos);
        QVERIFY(!fs::exists(bundle / "model.pt"));
        QCOMPARE(Predictor::load(bundle).model().memberCount(), std::size_t(1));
    }

    void pythonLoadsTheSameModule() {
        // the first python3 on PATH may be a separate installation without Debian's python3-torch
        QString python;
        for (const QString& candidate :
             {QStringLiteral("python3"), QStringLiteral("/usr/bin/python3")}) {
            QProcess probe;
            probe.start(candidate, {"-c", "import torch"});
            if (probe.waitForFinished(60000) && probe.exitStatus() == QProcess::NormalExit &&
                probe.exitCode() == 0) {
                python = candidate;
                break;
            }
        }
        if (python.isEmpty())
            QSKIP("no python3 with torch is installed");
        // one bundle per kind of network (MLP, locally connected CNN, LSTM), one Python process
        const QString script =
            QStringLiteral("import json, sys, torch\n"
                           "out = []\n"
                           "for folder in sys.argv[1:]:\n"
                           "    m = torch.jit.load(folder + '/model.pt')\n"
                           "    d = json.load(open(folder + '/x.json'))\n"
                           "    x = [float('nan') if v is None else v for v in d['x']]\n"
                           "    y = m(torch.tensor(x, dtype=torch.float32).reshape(d['shape']))\n"
                           "    out.append(y.flatten().tolist())\n"
                           "print(json.dumps(out))\n");
        QStringList args{"-c", script};
        std::vector<std::vector<float>> expected;
        for (const std::size_t k : {std::size_t(0), std::size_t(3), std::size_t(5)}) {
            const Case c = cases()[k];
            const TrainedModel model = makeModel(c, 2);
            const Inputs in = makeInputs(c.featureShape, 6, 42);
            BundleInfo info;
            info.normalisation = in.normaliser.toJson();
            const fs::path bundle =
                fs::path(m_tmp.path().toStdString()) / ("py" + std::to_string(k));
            saveBundle(bundle, model, info);
            std::vector<std::int64_t> shape{std::int64_t(in.n)};
            shape.insert(shape.end(), c.featureShape.begin(), c.featureShape.end());
            std::ofstream(bundle / "x.json")
                << nlohmann::json{{"x", in.raw}, {"shape", shape}}.dump();
            args << QString::fromStdString(bundle.string());
            expected.push_back(nativePrediction(model, in));
        }
        QProcess py;
        py.start(python, args);
        QVERIFY(py.waitForFinished(120000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const auto y = nlohmann::json::parse(py.readAllStandardOutput().toStdString())
                           .get<std::vector<std::vector<double>>>();
        QCOMPARE(y.size(), expected.size());
        for (std::size_t m = 0; m < y.size(); ++m) {
            QCOMPARE(y[m].size(), expected[m].size());
            for (std::size_t i = 0; i < y[m].size(); ++i)
                QVERIFY(std::abs(y[m][i] - expected[m][i]) < 1e-5);
        }
    }
};

QTEST_APPLESS_MAIN(TestTorchScript)
#include "test_torchscript.moc"
