// The WCM-LSTM physics layer: the smooth log guard (exact away from the guard, a gradient to A
// inside it), the physics penalty, which inputs reach the LSTM (the vegetation inputs only on
// request, since with them A is not identified) and the logA learning-rate scale.
#include "kernels/water_cloud.h"
#include "models/network.h"

#include <torch/torch.h>

#include <QtTest>

#include <cmath>

using namespace soilscope::models;

namespace {

torch::Tensor dbl(std::initializer_list<double> v) {
    return torch::tensor(std::vector<double>(v), torch::TensorOptions().dtype(torch::kFloat64));
}

std::int64_t lstmInputs(const NetworkMember& net) {
    for (const auto& p : net.module().named_parameters(true))
        if (p.key().find("weight_ih_l0") != std::string::npos)
            return p.value().size(1);
    return -1;
}

} // namespace

class TestWcmLayer : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void smoothGuardIsExactAwayFromTheGuard() {
        // σveg ≈ 0.02·cos35·(1−γ²) ≈ 0.004 ≪ σobs: the soft floor changes nothing measurable
        const auto sigma = dbl({0.08, 0.15}), theta = dbl({35, 42}), v1 = dbl({1, 1}),
                   v2 = dbl({1.5, 2.5});
        const auto a = dbl({0.02});
        const auto hard = wcmSoilBackscatterDb(sigma, theta, v1, v2, a, 0.084);
        const auto soft = wcmSoilBackscatterDb(sigma, theta, v1, v2, a, 0.084, 1e-6, 0.05);
        QVERIFY(torch::allclose(hard, soft, 0, 1e-6));
    }

    void tensorLayerAgreesWithTheScalarKernel() {
        // models/recurrent_modules.cpp is the tensor form of kernels/water_cloud.h: σsoil in dB
        // with and without the soft guard, inside and outside it
        const std::vector<double> sigmas{0.08, 0.15, 0.003, 0.002}, thetas{35, 42, 40, 30},
            v2s{1.5, 2.5, 2.0, 4.0};
        const double a = 0.02, b = 0.084;
        for (const double share : {0.0, 0.05}) {
            const auto db = wcmSoilBackscatterDb(
                dbl({sigmas[0], sigmas[1], sigmas[2], sigmas[3]}),
                dbl({thetas[0], thetas[1], thetas[2], thetas[3]}), dbl({1, 1, 1, 1}),
                dbl({v2s[0], v2s[1], v2s[2], v2s[3]}), dbl({a}), b, 1e-6, share);
            for (std::size_t k = 0; k < sigmas.size(); ++k) {
                const auto canopy =
                    soilscope::kernels::waterCloudCanopy(thetas[k], 1.0, v2s[k], a, b);
                double d = sigmas[k] - canopy.sigmaVeg;
                if (share > 0)
                    d = soilscope::kernels::softGuardedDifference(d, sigmas[k], share, 1e-6);
                const double expected = 10.0 * std::log10(std::max(d / canopy.gamma2, 1e-6));
                QVERIFY2(std::abs(db[std::int64_t(k)].item<double>() - expected) < 1e-9,
                         qPrintable(QStringLiteral("point %1, share %2").arg(k).arg(share)));
            }
        }
    }

    void smoothGuardKeepsAGradientWhereTheClampHasNone() {
        // σveg = 0.0021 just above σobs = 0.002: the hard clamp gives dσsoil/dA = 0, the soft
        // floor does not (deep inside the guard only the penalty keeps a gradient)
        const auto sigma = dbl({0.002}), theta = dbl({40}), v1 = dbl({1}), v2 = dbl({2});
        const double c = std::cos(40 * M_PI / 180),
                     a = 0.0021 / (c * (1 - std::exp(-2 * 0.084 * 2 / c)));
        for (const double share : {0.0, 0.05}) {
            auto logA = dbl({std::log(a)}).requires_grad_(true);
            wcmSoilBackscatterDb(sigma, theta, v1, v2, logA.exp(), 0.084, 1e-6, share)
                .sum()
                .backward();
            const double g = logA.grad().item<double>();
            if (share == 0)
                QCOMPARE(g, 0.0);
            else
                QVERIFY2(g < -1.0, qPrintable(QString::number(g))); // larger A, lower σsoil
        }
    }

    void vegetationInputsStayOutOfTheLstmUnlessAsked() {
        // features: σ0, θ, VWC, clay, sand → the LSTM sees σsoil, clay, sand (3) or also VWC (4)
        NetworkMember plain({"wcm_lstm", {{"theta_index", 1}, {"v2_index", 2}, {"hidden", 4}}},
                            {7, 5}, {7});
        QCOMPARE(lstmInputs(plain), std::int64_t(3));
        NetworkMember with(
            {"wcm_lstm",
             {{"theta_index", 1}, {"v2_index", 2}, {"hidden", 4}, {"lstm_vegetation", true}}},
            {7, 5}, {7});
        QCOMPARE(lstmInputs(with), std::int64_t(4));
    }

    void logAIsStoredScaled() {
        NetworkMember net({"wcm_lstm", {{"a_init", 0.05}, {"a_lr_scale", 10.0}, {"v2_index", 1}}},
                          {6, 3}, {6});
        const auto constants = net.learnedConstants();
        QCOMPARE(constants.size(), std::size_t(1));
        QVERIFY(std::abs(constants[0].second - 0.05) < 1e-6);
        for (const auto& p : net.module().named_parameters(true))
            if (p.key() == "logA")
                QVERIFY(std::abs(p.value().item<double>() - std::log(0.05) / 10) < 1e-6);
    }

    void guardPenaltyCountsOnlyPointsInsideTheGuard() {
        // σ0 (linear) feature 0, VWC feature 1; A = 0.1 puts the second point inside the guard
        const double a = 0.1, b = 0.084, vwc = 2.0, theta = 40.0;
        const double c = std::cos(theta * M_PI / 180),
                     veg = a * c * (1 - std::exp(-2 * b * vwc / c));
        NetworkMember net({"wcm_lstm",
                           {{"a_init", a},
                            {"v2_index", 1},
                            {"theta_deg", theta},
                            {"recurrent_l2", 0.0},
                            {"guard_share", 0.05},
                            {"guard_weight", 2.0},
                            {"hidden", 3},
                            {"layers", 1}}},
                          {2, 2}, {2});
        QVERIFY(net.hasRegularization());
        auto x =
            torch::tensor({10 * veg, vwc, 0.5 * veg, vwc}).reshape({1, 2, 2}).to(torch::kFloat32);
        net.module().train();
        net.forward(x);
        const double expected = 2.0 * (1.0 / 0.5 - 0.95) / 2.0; // mean over both steps
        QVERIFY(std::abs(net.regularization().item<double>() - expected) < 1e-4);
        QCOMPARE(net.regularization().item<double>(), 0.0); // consumed once
        net.module().eval();
        net.forward(x); // evaluation records no penalty
        QCOMPARE(net.regularization().item<double>(), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestWcmLayer)
#include "test_wcm_layer.moc"
