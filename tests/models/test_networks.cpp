// LibTorch building blocks: WCM layer gradients, locally connected layer against an explicit
// loop, shapes of every neural family, spec resolution.
#include "base/error.h"
#include "models/model_spec.h"
#include "models/network.h"

#include <torch/torch.h>

#include <QtTest>

#include <cmath>

using namespace soilscope;
using namespace soilscope::models;

namespace {

double wcmScalar(double sigma, double thetaDeg, double v1, double v2, double a, double b) {
    const double c = std::cos(thetaDeg * M_PI / 180.0);
    const double g2 = std::exp(-2.0 * b * v2 / c);
    const double veg = a * v1 * c * (1.0 - g2);
    return 10.0 * std::log10((sigma - veg) / g2);
}

} // namespace

class TestNetworks : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void wcmForwardMatchesFormula() {
        const auto opts = torch::TensorOptions().dtype(torch::kFloat64);
        const auto sigma = torch::tensor({0.08, 0.15}, opts);
        const auto theta = torch::tensor({35.0, 42.0}, opts);
        const auto v1 = torch::tensor({1.0, 0.7}, opts);
        const auto v2 = torch::tensor({1.5, 2.5}, opts);
        const auto a = torch::tensor(0.02, opts);
        const auto out = wcmSoilBackscatterDb(sigma, theta, v1, v2, a, 0.084);
        QVERIFY(std::abs(out[0].item<double>() - wcmScalar(0.08, 35, 1.0, 1.5, 0.02, 0.084)) <
                1e-10);
        QVERIFY(std::abs(out[1].item<double>() - wcmScalar(0.15, 42, 0.7, 2.5, 0.02, 0.084)) <
                1e-10);
    }

    void wcmGradientsMatchFiniteDifferences() {
        torch::manual_seed(3);
        const auto opts = torch::TensorOptions().dtype(torch::kFloat64);
        auto sigma = (0.05 + 0.15 * torch::rand({6}, opts)).requires_grad_(true);
        auto theta = (30 + 15 * torch::rand({6}, opts)).requires_grad_(true);
        auto v1 = (0.5 + torch::rand({6}, opts)).requires_grad_(true);
        auto v2 = (0.5 + 2.5 * torch::rand({6}, opts)).requires_grad_(true);
        auto logA = torch::tensor(std::log(0.018), opts).requires_grad_(true);
        const auto weights = torch::randn({6}, opts);
        auto f = [&](const torch::Tensor& s, const torch::Tensor& t, const torch::Tensor& a1,
                     const torch::Tensor& a2, const torch::Tensor& la) {
            return (wcmSoilBackscatterDb(s, t, a1, a2, la.exp(), 0.084) * weights).sum();
        };
        f(sigma, theta, v1, v2, logA).backward();
        const double h = 1e-6;
        torch::NoGradGuard guard;
        std::vector<torch::Tensor*> inputs{&sigma, &theta, &v1, &v2, &logA};
        for (auto* in : inputs) {
            const auto grad = in->grad().clone();
            auto flat = in->detach().clone().reshape({-1});
            for (std::int64_t i = 0; i < flat.numel(); ++i) {
                auto plus = flat.clone(), minus = flat.clone();
                plus[i] += h;
                minus[i] -= h;
                auto eval = [&](const torch::Tensor& v) {
                    const auto shaped = v.reshape(in->sizes());
                    return f(in == &sigma ? shaped : sigma.detach(),
                             in == &theta ? shaped : theta.detach(),
                             in == &v1 ? shaped : v1.detach(), in == &v2 ? shaped : v2.detach(),
                             in == &logA ? shaped : logA.detach())
                        .item<double>();
                };
                const double numeric = (eval(plus) - eval(minus)) / (2 * h);
                const double analytic = grad.reshape({-1})[i].item<double>();
                QVERIFY2(std::abs(numeric - analytic) <= 1e-5 * (1 + std::abs(numeric)),
                         qPrintable(QString("d/dinput %1: numeric %2 analytic %3")
                                        .arg(i)
                                        .arg(numeric)
                                        .arg(analytic)));
            }
        }
        QVERIFY(logA.grad().abs().item<double>() > 0); // A really is learnable through the layer
    }

    void locallyConnectedMatchesExplicitLoop() {
        torch::manual_seed(5);
        const int b = 2, c = 3, h = 6, w = 7, k = 3, o = 2, pad = k / 2;
        const auto x = torch::randn({b, c, h, w}, torch::kFloat64);
        auto weight = torch::randn({k * k, c, o, h, w}, torch::kFloat64).requires_grad_(true);
        auto bias = torch::randn({o, h, w}, torch::kFloat64).requires_grad_(true);
        const auto out = locallyConnected2d(x, weight, bias, k);
        QCOMPARE(out.sizes().vec(), (std::vector<std::int64_t>{b, o, h, w}));
        const auto g = torch::randn({b, o, h, w}, torch::kFloat64);
        (out * g).sum().backward();
        auto X = x.accessor<double, 4>();
        auto W = weight.accessor<double, 5>();
        auto B = bias.accessor<double, 3>();
        auto G = g.accessor<double, 4>();
        const auto outDetached = out.detach();
        auto O = outDetached.accessor<double, 4>();
        auto GW = weight.grad().accessor<double, 5>();
        double maxOut = 0, maxGrad = 0;
        std::vector<double> gw(std::size_t(k * k * c * o * h * w), 0.0);
        for (int n = 0; n < b; ++n)
            for (int q = 0; q < o; ++q)
                for (int y = 0; y < h; ++y)
                    for (int z = 0; z < w; ++z) {
                        double s = B[q][y][z];
                        for (int ch = 0; ch < c; ++ch)
                            for (int dy = 0; dy < k; ++dy)
                                for (int dx = 0; dx < k; ++dx) {
                                    const int yy = y + dy - pad, zz = z + dx - pad;
                                    if (yy < 0 || yy >= h || zz < 0 || zz >= w)
                                        continue;
                                    s += X[n][ch][yy][zz] * W[dy * k + dx][ch][q][y][z];
                                    gw[std::size_t(
                                        ((((dy * k + dx) * c + ch) * o + q) * h + y) * w + z)] +=
                                        G[n][q][y][z] * X[n][ch][yy][zz];
                                }
                        maxOut = std::max(maxOut, std::abs(s - O[n][q][y][z]));
                    }
        for (int kk = 0; kk < k * k; ++kk)
            for (int ch = 0; ch < c; ++ch)
                for (int q = 0; q < o; ++q)
                    for (int y = 0; y < h; ++y)
                        for (int z = 0; z < w; ++z)
                            maxGrad = std::max(
                                maxGrad,
                                std::abs(
                                    GW[kk][ch][q][y][z] -
                                    gw[std::size_t((((kk * c + ch) * o + q) * h + y) * w + z)]));
        QVERIFY2(maxOut < 1e-10, qPrintable(QString::number(maxOut)));
        QVERIFY2(maxGrad < 1e-10, qPrintable(QString::number(maxGrad)));
        QVERIFY(torch::allclose(bias.grad(), g.sum(0)));
        // The tensor-op version (used off the CPU) and the input gradient agree with the kernel.
        auto xg = x.clone().requires_grad_(true), xr = x.clone().requires_grad_(true);
        const auto w2 = weight.detach().clone().requires_grad_(true);
        const auto w3 = weight.detach().clone().requires_grad_(true);
        (locallyConnected2d(xg, w2, bias.detach(), k) * g).sum().backward();
        const auto ref = locallyConnected2dTensorOps(xr, w3, bias.detach(), k);
        (ref * g).sum().backward();
        QVERIFY(torch::allclose(ref, out.detach(), 1e-10, 1e-10));
        QVERIFY(torch::allclose(xg.grad(), xr.grad(), 1e-10, 1e-10));
        QVERIFY(torch::allclose(w2.grad(), w3.grad(), 1e-10, 1e-10));
    }

    void locallyConnectedHasPaperParameterCount() {
        // CNN-l: 100 × 200 × 3 input, one 5 × 5 locally connected layer → ≈ 1.52 M parameters.
        NetworkMember net({"locally_connected", {{"kernel", 5}}}, {3, 100, 200}, {100, 200});
        QCOMPARE(net.parameterCount(), std::int64_t(100 * 200 * (5 * 5 * 3 + 1)));
    }

    void everyFamilyHasTheRightOutputShape() {
        torch::manual_seed(1);
        struct Case {
            ModelSpec spec;
            std::vector<std::int64_t> f, t;
        };
        const std::vector<Case> cases{
            {{"mlp", {{"widths", "8,4"}, {"activation", "tanh"}, {"dropout", 0.1}}}, {5}, {1}},
            {{"cnn", {{"layers", 2}, {"channels", 4}}}, {3, 8, 9}, {8, 9}},
            {{"locally_connected", {{"kernel", 3}, {"hidden_channels", 2}}}, {3, 8, 9}, {8, 9}},
            {{"lstm", {{"hidden", 6}}}, {11, 4}, {11}},
            {{"gru", {{"hidden", 6}, {"layers", 1}}}, {11, 4}, {11}},
            {{"wcm_lstm",
              {{"hidden", 6}, {"landcover_index", 3}, {"classes", 3}, {"theta_index", 2}}},
             {11, 4},
             {11}},
        };
        for (const auto& c : cases) {
            NetworkMember net(c.spec, c.f, c.t);
            std::vector<std::int64_t> shape{4};
            shape.insert(shape.end(), c.f.begin(), c.f.end());
            auto x = torch::rand(shape) + 0.5;
            if (c.spec.family == "wcm_lstm") {
                x.select(2, 0).fill_(0.1);  // σ⁰ linear
                x.select(2, 2).fill_(38.0); // θ
                x.select(2, 3).fill_(2.0);  // class 2
            }
            const auto y = net.forward(x);
            std::vector<std::int64_t> expected{4};
            expected.insert(expected.end(), c.t.begin(), c.t.end());
            QCOMPARE(y.sizes().vec(), expected);
            QVERIFY2(torch::isfinite(y).all().item<bool>(), c.spec.family.c_str());
            const auto flat = net.predict(x.contiguous().data_ptr<float>(), 4);
            QCOMPARE(flat.size(), std::size_t(y.numel()));
        }
    }

    void fusedMlpMatchesAutograd() {
        for (const std::string act : {"relu", "tanh", "sigmoid", "elu"}) {
            torch::manual_seed(4);
            NetworkMember net({"mlp", {{"widths", "7,5"}, {"activation", act}}}, {4}, {2});
            auto x = torch::randn({9, 4}).requires_grad_(true);
            const auto g = torch::randn({9, 2});
            net.module().train();
            (net.forward(x) * g).sum().backward();
            // The same network from plain autograd operations on the module's parameters.
            std::vector<torch::Tensor> p;
            for (const auto& item : net.module().named_parameters(true))
                p.push_back(item.value().detach().clone().requires_grad_(true));
            auto xr = x.detach().clone().requires_grad_(true);
            auto f = [&](torch::Tensor h) {
                if (act == "relu")
                    return torch::relu(h);
                if (act == "tanh")
                    return torch::tanh(h);
                if (act == "sigmoid")
                    return torch::sigmoid(h);
                return torch::elu(h);
            };
            auto h = f(torch::linear(xr, p[0], p[1]));
            h = f(torch::linear(h, p[2], p[3]));
            const auto y = torch::linear(h, p[4], p[5]);
            (y * g).sum().backward();
            QVERIFY(torch::allclose(net.forward(x), y, 1e-5, 1e-6));
            QVERIFY(torch::allclose(x.grad(), xr.grad(), 1e-5, 1e-6));
            std::size_t i = 0;
            for (const auto& item : net.module().named_parameters(true))
                QVERIFY2(torch::allclose(item.value().grad(), p[i++].grad(), 1e-5, 1e-6),
                         (act + " " + item.key()).c_str());
        }
    }

    void wcmHasOneAPerClass() {
        NetworkMember net({"wcm_lstm", {{"landcover_index", 2}, {"classes", 4}, {"a_init", 0.03}}},
                          {5, 3}, {5});
        const auto constants = net.learnedConstants();
        QCOMPARE(constants.size(), std::size_t(4));
        QCOMPARE(constants[3].first, std::string("A_3"));
        QVERIFY(std::abs(constants[3].second - 0.03) < 1e-6);
        QVERIFY(net.hasRegularization());
    }

    void kerasInitialisationOfRecurrentLayers() {
        torch::manual_seed(2);
        NetworkMember net({"lstm", {{"hidden", 8}, {"layers", 1}}}, {5, 3}, {5});
        for (const auto& p : net.module().named_parameters(true)) {
            if (p.key().find("bias_ih") != std::string::npos) {
                QCOMPARE(p.value().slice(0, 8, 16).sum().item<double>(), 8.0); // forget gate
                QCOMPARE(p.value().slice(0, 0, 8).abs().sum().item<double>(), 0.0);
            }
            if (p.key().find("weight_hh") != std::string::npos) {
                // Orthogonal [h, 4h] matrix: its rows are orthonormal.
                const auto q = p.value().t();
                QVERIFY(torch::allclose(q.mm(q.t()), torch::eye(8), 1e-4, 1e-5));
            }
        }
    }

    void specsAreValidated() {
        QVERIFY_THROWS_EXCEPTION(Error, resolveSpec({"mlp", {{"layers", 0}}}));
        QVERIFY_THROWS_EXCEPTION(Error, resolveSpec({"mlp", {{"activation", "swish"}}}));
        QVERIFY_THROWS_EXCEPTION(Error, resolveSpec({"mlp", {{"witdh", 3}}}));
        QVERIFY_THROWS_EXCEPTION(Error, resolveSpec({"transformer", {}}));
        QVERIFY_THROWS_EXCEPTION(Error, NetworkMember({"cnn", {}}, {5}, {1}));
        QVERIFY_THROWS_EXCEPTION(Error, NetworkMember({"mlp", {{"widths", "3,x"}}}, {5}, {1}));
        const auto spec = resolveSpec({"svr", {{"kernel", "poly"}}});
        QCOMPARE(spec.params["degree"].get<int>(), 3);
        QCOMPARE(modelFamilies().size(), std::size_t(9));
        for (const auto& f : modelFamilies())
            QVERIFY(!modelParameters(f).empty());
    }
};

QTEST_APPLESS_MAIN(TestNetworks)
#include "test_networks.moc"
