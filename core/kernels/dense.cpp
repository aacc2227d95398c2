// Scalar kernels (any x86-64) and AVX2/FMA kernels (register-blocked, chosen at run time).
#include "kernels/dense.h"

#include "kernels/activation.h"
#include "kernels/cpu_features.h"
#include "kernels/float_math.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <cmath>

namespace soilscope::kernels {

namespace {

/// In-place hidden activation of n values (ELU with alpha 1).
void activateScalar(float* x, std::size_t n, int act) {
    switch (Activation(act)) {
    case Activation::Relu:
        for (std::size_t i = 0; i < n; ++i)
            x[i] = x[i] > 0.0f ? x[i] : 0.0f;
        break;
    case Activation::Tanh:
        for (std::size_t i = 0; i < n; ++i)
            x[i] = ExactMath::tanh(x[i]);
        break;
    case Activation::Sigmoid:
        for (std::size_t i = 0; i < n; ++i)
            x[i] = ExactMath::sigmoid(x[i]);
        break;
    case Activation::Elu:
        for (std::size_t i = 0; i < n; ++i)
            x[i] = x[i] > 0.0f ? x[i] : std::expm1(x[i]);
        break;
    }
}

void forwardLayerScalar(const float* __restrict w, const float* __restrict b, int in, int out,
                        const float* __restrict src, float* __restrict dst, int lanes, int act) {
    for (int c = 0; c < lanes; c += kDenseLanes)
        for (int o = 0; o < out; ++o) {
            float acc[kDenseLanes];
            for (int j = 0; j < kDenseLanes; ++j)
                acc[j] = b[o];
            const float* wo = w + std::size_t(o) * std::size_t(in);
            for (int k = 0; k < in; ++k) {
                const float wk = wo[k];
                const float* s = src + std::size_t(k) * std::size_t(lanes) + std::size_t(c);
                for (int j = 0; j < kDenseLanes; ++j)
                    acc[j] += wk * s[j];
            }
            float* d = dst + std::size_t(o) * std::size_t(lanes) + std::size_t(c);
            for (int j = 0; j < kDenseLanes; ++j)
                d[j] = acc[j];
        }
    if (act >= 0)
        activateScalar(dst, std::size_t(out) * std::size_t(lanes), act);
}

/// g[o][p] *= act'(y[o][p]) with the derivative taken from the activation's output y.
void activationBackwardScalar(float* __restrict g, const float* __restrict y, std::size_t n,
                              int act) {
    switch (Activation(act)) {
    case Activation::Relu:
        for (std::size_t i = 0; i < n; ++i)
            g[i] = y[i] > 0.0f ? g[i] : 0.0f;
        break;
    case Activation::Tanh:
        for (std::size_t i = 0; i < n; ++i)
            g[i] *= 1.0f - y[i] * y[i];
        break;
    case Activation::Sigmoid:
        for (std::size_t i = 0; i < n; ++i)
            g[i] *= (1.0f - y[i]) * y[i];
        break;
    case Activation::Elu:
        for (std::size_t i = 0; i < n; ++i)
            g[i] = y[i] > 0.0f ? g[i] : g[i] * (y[i] + 1.0f);
        break;
    }
}

/// dw[o][k] = Σ_p g[o][p]·a[k][p], db[o] = Σ_p g[o][p] (padded lanes of g are zero).
void weightGradientsScalar(const float* __restrict g, const float* __restrict a, int in, int out,
                           int lanes, float* __restrict dw, float* __restrict db) {
    for (int o = 0; o < out; ++o) {
        const float* go = g + std::size_t(o) * std::size_t(lanes);
        float bacc[kDenseLanes] = {};
        for (int c = 0; c < lanes; c += kDenseLanes)
            for (int j = 0; j < kDenseLanes; ++j)
                bacc[j] += go[c + j];
        float bs = 0.0f;
        for (int j = 0; j < kDenseLanes; ++j)
            bs += bacc[j];
        db[o] = bs;
        for (int k = 0; k < in; ++k) {
            const float* ak = a + std::size_t(k) * std::size_t(lanes);
            float acc[kDenseLanes] = {};
            for (int c = 0; c < lanes; c += kDenseLanes)
                for (int j = 0; j < kDenseLanes; ++j)
                    acc[j] += go[c + j] * ak[c + j];
            float s = 0.0f;
            for (int j = 0; j < kDenseLanes; ++j)
                s += acc[j];
            dw[std::size_t(o) * std::size_t(in) + std::size_t(k)] = s;
        }
    }
}

/// ga[k][p] = Σ_o w[o][k]·g[o][p]: the gradient reaching the layer's input.
void inputGradientsScalar(const float* __restrict w, const float* __restrict g, int in, int out,
                          int lanes, float* __restrict ga) {
    for (int c = 0; c < lanes; c += kDenseLanes)
        for (int k = 0; k < in; ++k) {
            float acc[kDenseLanes] = {};
            for (int o = 0; o < out; ++o) {
                const float wok = w[std::size_t(o) * std::size_t(in) + std::size_t(k)];
                const float* go = g + std::size_t(o) * std::size_t(lanes) + std::size_t(c);
                for (int j = 0; j < kDenseLanes; ++j)
                    acc[j] += wok * go[j];
            }
            float* d = ga + std::size_t(k) * std::size_t(lanes) + std::size_t(c);
            for (int j = 0; j < kDenseLanes; ++j)
                d[j] = acc[j];
        }
}

#if defined(__x86_64__)
#define SOILSCOPE_AVX2 __attribute__((target("avx2,fma")))

SOILSCOPE_AVX2 inline __m256 relu8(__m256 x) {
    // x > 0 ? x : 0 (NaN stays 0 like the scalar comparison)
    return _mm256_and_ps(x, _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_GT_OQ));
}

/// R outputs × 16 lanes in registers per pass over the inputs k (every output and lane
/// accumulates b + Σ_k w·s in the order of k, whatever R is).
template <int R>
SOILSCOPE_AVX2 inline void forwardBlockAvx2(const float* __restrict w, const float* __restrict b,
                                            int in, const float* __restrict src,
                                            float* __restrict dst, std::size_t L, int c, int o,
                                            bool relu) {
    __m256 acc[R][2];
    for (int r = 0; r < R; ++r)
        acc[r][0] = acc[r][1] = _mm256_set1_ps(b[o + r]);
    const float* w0 = w + std::size_t(o) * std::size_t(in);
    for (int k = 0; k < in; ++k) {
        const float* s = src + std::size_t(k) * L + std::size_t(c);
        const __m256 s0 = _mm256_loadu_ps(s), s1 = _mm256_loadu_ps(s + 8);
        for (int r = 0; r < R; ++r) {
            const __m256 x = _mm256_set1_ps(w0[std::size_t(r) * std::size_t(in) + std::size_t(k)]);
            acc[r][0] = _mm256_fmadd_ps(x, s0, acc[r][0]);
            acc[r][1] = _mm256_fmadd_ps(x, s1, acc[r][1]);
        }
    }
    for (int r = 0; r < R; ++r) {
        float* d = dst + std::size_t(o + r) * L + std::size_t(c);
        _mm256_storeu_ps(d, relu ? relu8(acc[r][0]) : acc[r][0]);
        _mm256_storeu_ps(d + 8, relu ? relu8(acc[r][1]) : acc[r][1]);
    }
}

/// Blocks of six outputs (12 accumulators), the rest in one smaller block.
SOILSCOPE_AVX2 void forwardLayerAvx2(const float* __restrict w, const float* __restrict b, int in,
                                     int out, const float* __restrict src, float* __restrict dst,
                                     int lanes, int act) {
    const std::size_t L = std::size_t(lanes);
    const bool relu = act == int(Activation::Relu);
    for (int c = 0; c < lanes; c += 16) {
        int o = 0;
        for (; o + 6 <= out; o += 6)
            forwardBlockAvx2<6>(w, b, in, src, dst, L, c, o, relu);
        switch (out - o) {
        case 5:
            forwardBlockAvx2<5>(w, b, in, src, dst, L, c, o, relu);
            break;
        case 4:
            forwardBlockAvx2<4>(w, b, in, src, dst, L, c, o, relu);
            break;
        case 3:
            forwardBlockAvx2<3>(w, b, in, src, dst, L, c, o, relu);
            break;
        case 2:
            forwardBlockAvx2<2>(w, b, in, src, dst, L, c, o, relu);
            break;
        case 1:
            forwardBlockAvx2<1>(w, b, in, src, dst, L, c, o, relu);
            break;
        default:
            break;
        }
    }
    if (act >= 0 && !relu)
        activateScalar(dst, std::size_t(out) * L, act);
}

SOILSCOPE_AVX2 inline float hsum8(__m256 v) {
    const __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 t = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(t, _mm_shuffle_ps(t, t, 1)));
}

/// Σ of each of four vectors: [Σa, Σb, Σc, Σd].
SOILSCOPE_AVX2 inline __m128 hsum4x8(__m256 a, __m256 b, __m256 c, __m256 d) {
    const __m256 u = _mm256_hadd_ps(_mm256_hadd_ps(a, b), _mm256_hadd_ps(c, d));
    return _mm_add_ps(_mm256_castps256_ps128(u), _mm256_extractf128_ps(u, 1));
}

SOILSCOPE_AVX2 void weightGradientsAvx2(const float* __restrict g, const float* __restrict a,
                                        int in, int out, int lanes, float* __restrict dw,
                                        float* __restrict db) {
    const std::size_t L = std::size_t(lanes);
    for (int o = 0; o < out; ++o) {
        const float* go = g + std::size_t(o) * L;
        __m256 bs = _mm256_setzero_ps();
        for (int c = 0; c < lanes; c += 8)
            bs = _mm256_add_ps(bs, _mm256_loadu_ps(go + c));
        db[o] = hsum8(bs);
    }
    int o = 0;
    for (; o + 2 <= out; o += 2) {
        const float* g0 = g + std::size_t(o) * L;
        const float* g1 = g0 + L;
        int k = 0;
        for (; k + 4 <= in; k += 4) {
            __m256 acc[2][4];
            for (int r = 0; r < 2; ++r)
                for (int q = 0; q < 4; ++q)
                    acc[r][q] = _mm256_setzero_ps();
            for (int c = 0; c < lanes; c += 8) {
                const __m256 x0 = _mm256_loadu_ps(g0 + c), x1 = _mm256_loadu_ps(g1 + c);
                for (int q = 0; q < 4; ++q) {
                    const __m256 y = _mm256_loadu_ps(a + std::size_t(k + q) * L + std::size_t(c));
                    acc[0][q] = _mm256_fmadd_ps(x0, y, acc[0][q]);
                    acc[1][q] = _mm256_fmadd_ps(x1, y, acc[1][q]);
                }
            }
            _mm_storeu_ps(dw + std::size_t(o) * std::size_t(in) + std::size_t(k),
                          hsum4x8(acc[0][0], acc[0][1], acc[0][2], acc[0][3]));
            _mm_storeu_ps(dw + std::size_t(o + 1) * std::size_t(in) + std::size_t(k),
                          hsum4x8(acc[1][0], acc[1][1], acc[1][2], acc[1][3]));
        }
        for (; k < in; ++k) {
            const float* ak = a + std::size_t(k) * L;
            __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
            for (int c = 0; c < lanes; c += 8) {
                const __m256 y = _mm256_loadu_ps(ak + c);
                s0 = _mm256_fmadd_ps(_mm256_loadu_ps(g0 + c), y, s0);
                s1 = _mm256_fmadd_ps(_mm256_loadu_ps(g1 + c), y, s1);
            }
            dw[std::size_t(o) * std::size_t(in) + std::size_t(k)] = hsum8(s0);
            dw[std::size_t(o + 1) * std::size_t(in) + std::size_t(k)] = hsum8(s1);
        }
    }
    for (; o < out; ++o) {
        const float* go = g + std::size_t(o) * L;
        int k = 0;
        for (; k + 4 <= in; k += 4) {
            __m256 acc[4];
            for (int q = 0; q < 4; ++q)
                acc[q] = _mm256_setzero_ps();
            for (int c = 0; c < lanes; c += 8) {
                const __m256 x = _mm256_loadu_ps(go + c);
                for (int q = 0; q < 4; ++q)
                    acc[q] = _mm256_fmadd_ps(
                        x, _mm256_loadu_ps(a + std::size_t(k + q) * L + std::size_t(c)), acc[q]);
            }
            _mm_storeu_ps(dw + std::size_t(o) * std::size_t(in) + std::size_t(k),
                          hsum4x8(acc[0], acc[1], acc[2], acc[3]));
        }
        for (; k < in; ++k) {
            const float* ak = a + std::size_t(k) * L;
            __m256 s = _mm256_setzero_ps();
            for (int c = 0; c < lanes; c += 8)
                s = _mm256_fmadd_ps(_mm256_loadu_ps(go + c), _mm256_loadu_ps(ak + c), s);
            dw[std::size_t(o) * std::size_t(in) + std::size_t(k)] = hsum8(s);
        }
    }
}

SOILSCOPE_AVX2 void inputGradientsAvx2(const float* __restrict w, const float* __restrict g, int in,
                                       int out, int lanes, float* __restrict ga) {
    const std::size_t L = std::size_t(lanes);
    for (int c = 0; c < lanes; c += 16) {
        int k = 0;
        for (; k + 4 <= in; k += 4) {
            __m256 acc[4][2];
            for (int q = 0; q < 4; ++q)
                acc[q][0] = acc[q][1] = _mm256_setzero_ps();
            for (int o = 0; o < out; ++o) {
                const float* go = g + std::size_t(o) * L + std::size_t(c);
                const __m256 g0 = _mm256_loadu_ps(go), g1 = _mm256_loadu_ps(go + 8);
                const float* wk = w + std::size_t(o) * std::size_t(in) + std::size_t(k);
                for (int q = 0; q < 4; ++q) {
                    const __m256 x = _mm256_set1_ps(wk[q]);
                    acc[q][0] = _mm256_fmadd_ps(x, g0, acc[q][0]);
                    acc[q][1] = _mm256_fmadd_ps(x, g1, acc[q][1]);
                }
            }
            for (int q = 0; q < 4; ++q) {
                float* d = ga + std::size_t(k + q) * L + std::size_t(c);
                _mm256_storeu_ps(d, acc[q][0]);
                _mm256_storeu_ps(d + 8, acc[q][1]);
            }
        }
        for (; k < in; ++k) {
            __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
            for (int o = 0; o < out; ++o) {
                const float* go = g + std::size_t(o) * L + std::size_t(c);
                const __m256 x =
                    _mm256_set1_ps(w[std::size_t(o) * std::size_t(in) + std::size_t(k)]);
                a0 = _mm256_fmadd_ps(x, _mm256_loadu_ps(go), a0);
                a1 = _mm256_fmadd_ps(x, _mm256_loadu_ps(go + 8), a1);
            }
            float* d = ga + std::size_t(k) * L + std::size_t(c);
            _mm256_storeu_ps(d, a0);
            _mm256_storeu_ps(d + 8, a1);
        }
    }
}

bool useAvx2() {
    return cpuHasAvx2Fma();
}
#else
constexpr bool useAvx2() {
    return false;
}
#define forwardLayerAvx2 forwardLayerScalar
#define weightGradientsAvx2 weightGradientsScalar
#define inputGradientsAvx2 inputGradientsScalar
#endif

} // namespace

void denseForward(const float* w, const float* b, int in, int out, const float* src, float* dst,
                  int lanes, int act) {
    if (useAvx2())
        forwardLayerAvx2(w, b, in, out, src, dst, lanes, act);
    else
        forwardLayerScalar(w, b, in, out, src, dst, lanes, act);
}

void denseActivationBackward(float* g, const float* y, std::size_t n, int act) {
    activationBackwardScalar(g, y, n, act);
}

void denseWeightGradients(const float* g, const float* a, int in, int out, int lanes, float* dw,
                          float* db) {
    if (useAvx2())
        weightGradientsAvx2(g, a, in, out, lanes, dw, db);
    else
        weightGradientsScalar(g, a, in, out, lanes, dw, db);
}

void denseInputGradients(const float* w, const float* g, int in, int out, int lanes, float* ga) {
    if (useAvx2())
        inputGradientsAvx2(w, g, in, out, lanes, ga);
    else
        inputGradientsScalar(w, g, in, out, lanes, ga);
}

} // namespace soilscope::kernels
