// Adam/AdamW as torch::optim::Adam(W) makes it, over flat buffers.
#include "kernels/adam.h"

#include "kernels/cpu_features.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <cmath>

namespace soilscope::kernels {

namespace {
/// The update of torch::optim::Adam(W) (eps outside the square root, bias corrections), inlined
/// where it is used: into the AVX2 variant (for its tail) the compiler may contract it to FMA,
/// as it did before the kernels were shared, and its results must not change.
__attribute__((always_inline)) inline void adamLoop(float* __restrict w, const float* __restrict g,
                                                    float* __restrict m, float* __restrict v,
                                                    std::size_t n, float b1, float b2, float l2,
                                                    float decay, float stepSize, float invSqrtBc2,
                                                    float eps) {
    for (std::size_t i = 0; i < n; ++i) {
        const float gi = g[i] + l2 * w[i];
        m[i] = b1 * m[i] + (1.0f - b1) * gi;
        v[i] = b2 * v[i] + (1.0f - b2) * gi * gi;
        w[i] = w[i] * decay - stepSize * m[i] / (std::sqrt(v[i]) * invSqrtBc2 + eps);
    }
}
} // namespace

void adamUpdatePortable(float* w, const float* g, float* m, float* v, std::size_t n, float b1,
                        float b2, float l2, float decay, float stepSize, float invSqrtBc2,
                        float eps) {
    adamLoop(w, g, m, v, n, b1, b2, l2, decay, stepSize, invSqrtBc2, eps);
}

namespace {
#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) void
adamUpdateAvx2(float* __restrict w, const float* __restrict g, float* __restrict m,
               float* __restrict v, std::size_t n, float b1, float b2, float l2, float decay,
               float stepSize, float invSqrtBc2, float eps) {
    const __m256 vb1 = _mm256_set1_ps(b1), vb2 = _mm256_set1_ps(b2);
    const __m256 cb1 = _mm256_set1_ps(1.0f - b1), cb2 = _mm256_set1_ps(1.0f - b2);
    const __m256 vl2 = _mm256_set1_ps(l2), vdecay = _mm256_set1_ps(decay);
    const __m256 vstep = _mm256_set1_ps(stepSize), vinv = _mm256_set1_ps(invSqrtBc2);
    const __m256 veps = _mm256_set1_ps(eps);
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 wi = _mm256_loadu_ps(w + i);
        const __m256 gi = _mm256_add_ps(_mm256_loadu_ps(g + i), _mm256_mul_ps(vl2, wi));
        const __m256 mi =
            _mm256_add_ps(_mm256_mul_ps(vb1, _mm256_loadu_ps(m + i)), _mm256_mul_ps(cb1, gi));
        const __m256 vi = _mm256_add_ps(_mm256_mul_ps(vb2, _mm256_loadu_ps(v + i)),
                                        _mm256_mul_ps(_mm256_mul_ps(cb2, gi), gi));
        const __m256 den = _mm256_add_ps(_mm256_mul_ps(_mm256_sqrt_ps(vi), vinv), veps);
        _mm256_storeu_ps(m + i, mi);
        _mm256_storeu_ps(v + i, vi);
        _mm256_storeu_ps(w + i, _mm256_sub_ps(_mm256_mul_ps(wi, vdecay),
                                              _mm256_div_ps(_mm256_mul_ps(vstep, mi), den)));
    }
    adamLoop(w + i, g + i, m + i, v + i, n - i, b1, b2, l2, decay, stepSize, invSqrtBc2, eps);
}
#endif
} // namespace

void adamUpdate(float* w, const float* g, float* m, float* v, std::size_t n, float b1, float b2,
                float l2, float decay, float stepSize, float invSqrtBc2, float eps) {
#if defined(__x86_64__)
    if (cpuHasAvx2Fma()) {
        adamUpdateAvx2(w, g, m, v, n, b1, b2, l2, decay, stepSize, invSqrtBc2, eps);
        return;
    }
#endif
    adamUpdatePortable(w, g, m, v, n, b1, b2, l2, decay, stepSize, invSqrtBc2, eps);
}

void flatAdamStep(FlatAdamBuffers& b, const AdamHyper& h, double lr) {
    ++b.steps;
    const float flr = float(lr), wd = float(h.weightDecay), b1 = float(h.beta1),
                b2 = float(h.beta2);
    const double step = double(b.steps);
    const float stepSize = float(double(flr) / (1.0 - std::pow(double(b1), step)));
    const float invSqrtBc2 = float(1.0 / std::sqrt(1.0 - std::pow(double(b2), step)));
    const float decay = h.decoupled ? 1.0f - flr * wd : 1.0f;
    const float l2 = h.decoupled ? 0.0f : wd;
    adamUpdate(b.params.data(), b.grads.data(), b.expAvg.data(), b.expAvgSq.data(), b.params.size(),
               b1, b2, l2, decay, stepSize, invSqrtBc2, float(h.eps));
}

} // namespace soilscope::kernels
