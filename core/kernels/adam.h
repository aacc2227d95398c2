#pragma once
// Adam/AdamW over flat float buffers: the optimiser of the hand-written training paths and the
// fused step of the LibTorch path (one implementation).
#include <cstddef>
#include <vector>

namespace soilscope::kernels {

/// What torch::optim::Adam(W) is configured with.
struct AdamHyper {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weightDecay = 0.0;
    bool decoupled = false; ///< AdamW (true) or Adam with L2 in the gradient (false)
};

/// Parameters, their gradients and Adam's moments as flat buffers of one layout.
struct FlatAdamBuffers {
    std::vector<float> params, grads, expAvg, expAvgSq;
    long long steps = 0; ///< Adam steps taken (bias correction), shared by every parameter
    void resize(std::size_t n) {
        params.assign(n, 0.0f);
        grads.assign(n, 0.0f);
        expAvg.assign(n, 0.0f);
        expAvgSq.assign(n, 0.0f);
    }
};

/// g' = g + l2·w, m = b1·m + (1−b1)·g', v = b2·v + (1−b2)·g'², w = w·decay − stepSize·m /
/// (√v·invSqrtBc2 + eps) over n values (eps outside the square root, bias corrections folded into
/// stepSize and invSqrtBc2), with AVX2 when the CPU has it.
void adamUpdate(float* w, const float* g, float* m, float* v, std::size_t n, float b1, float b2,
                float l2, float decay, float stepSize, float invSqrtBc2, float eps);
/// The same update in portable scalar code: its rounding does not depend on the CPU. The fused
/// step of the LibTorch path uses it, so that autograd runs repeat to the bit those made before
/// the kernels were shared.
void adamUpdatePortable(float* w, const float* g, float* m, float* v, std::size_t n, float b1,
                        float b2, float l2, float decay, float stepSize, float invSqrtBc2,
                        float eps);
/// One update of b.params from b.grads at learning rate lr, as torch::optim::Adam(W) makes it.
void flatAdamStep(FlatAdamBuffers& b, const AdamHyper& h, double lr);

} // namespace soilscope::kernels
