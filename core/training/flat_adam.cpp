#include "training/flat_adam.h"

#include "training/dense_mlp_kernels.h"

#include <cmath>

namespace soilscope::training::detail {

void flatAdamStep(FlatAdamBuffers& b, const AdamHyper& h, double lr) {
    ++b.steps;
    const float flr = float(lr), wd = float(h.weightDecay), b1 = float(h.beta1),
                b2 = float(h.beta2);
    const double step = double(b.steps);
    const float stepSize = float(double(flr) / (1.0 - std::pow(double(b1), step)));
    const float invSqrtBc2 = float(1.0 / std::sqrt(1.0 - std::pow(double(b2), step)));
    const float decay = h.decoupled ? 1.0f - flr * wd : 1.0f;
    const float l2 = h.decoupled ? 0.0f : wd;
    denseAdamUpdate(b.params.data(), b.grads.data(), b.expAvg.data(), b.expAvgSq.data(),
                    b.params.size(), b1, b2, l2, decay, stepSize, invSqrtBc2, float(h.eps));
}

} // namespace soilscope::training::detail
