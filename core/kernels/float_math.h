#pragma once
// The float activations of the hand-written kernels, in two flavours with one interface:
// ExactMath (std::exp, std::tanh: training, to match LibTorch to float round-off) and FastMath
// (plain arithmetic the compiler vectorises in lane loops: inference, absolute error about 1e-7).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace soilscope::kernels {

struct ExactMath {
    static float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }
    static float tanh(float x) { return std::tanh(x); }
};

struct FastMath {
    /// e^x: x = n ln2 + r with |r| ≤ ln2/2, e^r by its Taylor polynomial to r^7/7! (relative
    /// error < 2e-7), 2^n from the exponent bits; x clamped to [-87, 88].
    __attribute__((always_inline)) static float exp(float x) {
        x = std::clamp(x, -87.0f, 88.0f);
        const float n = std::nearbyint(x * 1.44269504088896341f);
        const float r = (x - n * 0.693359375f) + n * 2.12194440e-4f; // ln2 split in two
        float p = 1.0f / 5040.0f;
        p = p * r + 1.0f / 720.0f;
        p = p * r + 1.0f / 120.0f;
        p = p * r + 1.0f / 24.0f;
        p = p * r + 1.0f / 6.0f;
        p = p * r + 0.5f;
        p = p * r + 1.0f;
        p = p * r + 1.0f;
        const std::int32_t bits = (std::int32_t(n) + 127) << 23;
        float scale;
        std::memcpy(&scale, &bits, sizeof scale);
        return p * scale;
    }
    __attribute__((always_inline)) static float sigmoid(float x) { return 1.0f / (1.0f + exp(-x)); }
    /// tanh(x) = 1 − 2 / (e^{2x} + 1).
    __attribute__((always_inline)) static float tanh(float x) {
        return 1.0f - 2.0f / (exp(2.0f * x) + 1.0f);
    }
};

} // namespace soilscope::kernels
