// Glorot-uniform initialisation of the locally connected kernel follows Keras (the framework of
// the CNN-l method): both fans count the output positions, so the limit is
// sqrt(6 / (H·W·(k²·C + O))), not the per-pixel sqrt(6 / (k²·C + k²·O)).
#include "models/model_spec.h"
#include "models/network.h"

#include <torch/torch.h>

#include <QtTest>

#include <cmath>

using namespace soilscope;
using namespace soilscope::models;

class TestLocallyConnectedInit : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void glorotUsesKerasFans() {
        torch::manual_seed(3);
        const std::int64_t c = 3, h = 10, w = 12, k = 5;
        NetworkMember net(resolveSpec({"locally_connected", {{"kernel", k}, {"init", "glorot"}}}),
                          {c, h, w}, {h, w});
        torch::Tensor weight, bias;
        for (const auto& p : net.module().named_parameters(true)) {
            if (p.key() == "last.weight")
                weight = p.value();
            if (p.key() == "last.bias")
                bias = p.value();
        }
        QVERIFY(weight.defined() && bias.defined());
        const double limit = std::sqrt(6.0 / double(h * w * (k * k * c + 1)));
        const double largest = weight.abs().max().item<double>();
        QVERIFY2(largest <= limit * (1 + 1e-6), std::to_string(largest).c_str());
        // uniform on [−limit, limit]: the standard deviation is limit / √3 (9 000 draws)
        const double sd = weight.std().item<double>();
        QVERIFY2(std::abs(sd - limit / std::sqrt(3.0)) < 0.05 * limit, std::to_string(sd).c_str());
        QCOMPARE(bias.abs().max().item<double>(), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestLocallyConnectedInit)
#include "test_locally_connected_init.moc"
