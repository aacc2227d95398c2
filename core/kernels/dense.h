#pragma once
// The dense-layer kernels of the hand-written training paths and of the CPU evaluators of trained
// networks (one implementation each). Activations are feature-major
// ([units][lanes], lanes = the batch padded to a multiple of kDenseLanes, padded lanes of
// gradients zero). AVX2/FMA versions are chosen at run time when the CPU has them.
#include <cstddef>

namespace soilscope::kernels {

/// Batches are padded to a multiple of this many samples.
constexpr int kDenseLanes = 16;

/// dst[o][p] = b[o] + Σ_k w[o][k]·src[k][p], then the hidden activation act (an Activation,
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

} // namespace soilscope::kernels
