#pragma once
// Internal to training/: the dense kernels behind DenseMlpStepper. Activations are feature-major
// ([units][lanes], lanes = the batch padded to a multiple of kDenseLanes, padded lanes of
// gradients zero). AVX2/FMA versions are chosen at run time when the CPU has them.
#include <cstddef>

namespace soilscope::training::detail {

/// Batches are padded to a multiple of this many samples.
constexpr int kDenseLanes = 16;

/// dst[o][p] = b[o] + Σ_k w[o][k]·src[k][p], then the hidden activation act (an MlpActivation,
/// or -1 for none).
void denseForward(const float* w, const float* b, int in, int out, const float* src, float* dst,
                  int lanes, int act);
/// g[i] *= act'(y[i]) with the derivative taken from the activation's output y.
void denseActivationBackward(float* g, const float* y, std::size_t n, int act);
/// dw[o][k] = Σ_p g[o][p]·a[k][p] and db[o] = Σ_p g[o][p].
void denseWeightGradients(const float* g, const float* a, int in, int out, int lanes, float* dw,
                          float* db);
/// ga[k][p] = Σ_o w[o][k]·g[o][p].
void denseInputGradients(const float* w, const float* g, int in, int out, int lanes, float* ga);
/// Adam/AdamW as torch::optim::Adam(W): g' = g + l2·w, m = b1·m + (1−b1)·g',
/// v = b2·v + (1−b2)·g'², w = w·decay − stepSize·m / (√v·invSqrtBc2 + eps).
void denseAdamUpdate(float* w, const float* g, float* m, float* v, std::size_t n, float b1,
                     float b2, float l2, float decay, float stepSize, float invSqrtBc2, float eps);

} // namespace soilscope::training::detail
