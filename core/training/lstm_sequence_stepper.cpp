#include "training/lstm_sequence_stepper.h"

#include "base/error.h"
#include "kernels/lstm_cell.h"

#include <algorithm>
#include <cmath>

namespace soilscope::training::detail {

namespace {

/// dst[0..n) += a·src[0..n).
void axpy(float* dst, const float* src, float a, int n) {
    for (int i = 0; i < n; ++i)
        dst[i] += a * src[i];
}

/// dst [cols][rows] = src [rows][cols] transposed.
void transpose(const float* src, int rows, int cols, std::vector<float>& dst) {
    dst.resize(std::size_t(rows) * std::size_t(cols));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            dst[std::size_t(c) * std::size_t(rows) + std::size_t(r)] =
                src[std::size_t(r) * std::size_t(cols) + std::size_t(c)];
}

} // namespace

LstmSequenceStepper::LstmSequenceStepper(LstmStepperConfig config) : m_config(config) {
    const auto& c = m_config;
    if (c.inputs < 1 || c.hidden < 1 || c.layers < 1 || c.steps < 1)
        throw Error("an LSTM needs at least one input, hidden unit, layer and step", "training");
    const std::size_t H = std::size_t(c.hidden), G = 4 * H;
    std::size_t total = 0;
    for (int l = 0; l < c.layers; ++l) {
        m_layerOffsets.push_back(total);
        total += G * std::size_t(layerInputs(l)) + G * H + 2 * G;
    }
    m_headOffset = total;
    m_buffers.resize(total + H + 1);
    const std::size_t T = std::size_t(c.steps), L = std::size_t(c.layers);
    m_in.resize(L);
    for (int l = 0; l < c.layers; ++l)
        m_in[std::size_t(l)].assign(T * std::size_t(layerInputs(l)), 0.0f);
    m_gates.assign(L, std::vector<float>(T * G));
    m_cell.assign(L, std::vector<float>(T * H));
    m_cellTanh.assign(L, std::vector<float>(T * H));
    m_out.assign(L, std::vector<float>(T * H));
    m_pred.assign(T, 0.0f);
    m_dPred.assign(T, 0.0f);
    m_dOut.assign(T * std::max(H, std::size_t(c.inputs)), 0.0f);
    m_dIn.assign(m_dOut.size(), 0.0f);
    m_dGates.assign(T * G, 0.0f);
}

std::size_t LstmSequenceStepper::weightHhOffset(int layer) const {
    return weightIhOffset(layer) +
           4 * std::size_t(m_config.hidden) * std::size_t(layerInputs(layer));
}

std::size_t LstmSequenceStepper::biasIhOffset(int layer) const {
    return weightHhOffset(layer) + 4 * std::size_t(m_config.hidden) * std::size_t(m_config.hidden);
}

std::size_t LstmSequenceStepper::biasHhOffset(int layer) const {
    return biasIhOffset(layer) + 4 * std::size_t(m_config.hidden);
}

void LstmSequenceStepper::forwardSequence(const float* x, const float* const* keep, int sample) {
    const int H = m_config.hidden, G = 4 * H, T = m_config.steps, L = m_config.layers;
    const float* params = m_buffers.params.data();
    const std::size_t maskOffset = std::size_t(sample) * std::size_t(T) * std::size_t(H);
    std::vector<float> a(std::size_t(G), 0.0f);
    for (int l = 0; l < L; ++l) {
        const int in = layerInputs(l);
        float* input = m_in[std::size_t(l)].data();
        if (l == 0) {
            std::copy(x, x + std::ptrdiff_t(T) * in, input);
        } else {
            const float* below = m_out[std::size_t(l - 1)].data();
            const float* mask = keep ? keep[l - 1] + maskOffset : nullptr;
            for (std::size_t i = 0; i < std::size_t(T) * std::size_t(H); ++i)
                input[i] = mask ? below[i] * mask[i] : below[i];
        }
        transpose(params + weightIhOffset(l), G, in, m_wIhT);
        transpose(params + weightHhOffset(l), G, H, m_wHhT);
        const float* bIh = params + biasIhOffset(l);
        const float* bHh = params + biasHhOffset(l);
        float* gates = m_gates[std::size_t(l)].data();
        float* cell = m_cell[std::size_t(l)].data();
        float* cellTanh = m_cellTanh[std::size_t(l)].data();
        float* out = m_out[std::size_t(l)].data();
        for (int t = 0; t < T; ++t) {
            for (int g = 0; g < G; ++g)
                a[std::size_t(g)] = bIh[g] + bHh[g];
            const float* xt = input + std::size_t(t) * std::size_t(in);
            for (int k = 0; k < in; ++k)
                axpy(a.data(), m_wIhT.data() + std::size_t(k) * std::size_t(G), xt[k], G);
            if (t > 0) {
                const float* hPrev = out + std::size_t(t - 1) * std::size_t(H);
                for (int j = 0; j < H; ++j)
                    axpy(a.data(), m_wHhT.data() + std::size_t(j) * std::size_t(G), hPrev[j], G);
            }
            float* gt = gates + std::size_t(t) * std::size_t(G);
            const std::size_t at = std::size_t(t) * std::size_t(H);
            for (int j = 0; j < H; ++j) {
                const float cPrev = t > 0 ? cell[at - std::size_t(H) + std::size_t(j)] : 0.0f;
                const auto step = kernels::lstmStep<kernels::ExactMath>(
                    a[std::size_t(j)], a[std::size_t(H + j)], a[std::size_t(2 * H + j)],
                    a[std::size_t(3 * H + j)], cPrev);
                gt[j] = step.gates.i;
                gt[H + j] = step.gates.f;
                gt[2 * H + j] = step.gates.g;
                gt[3 * H + j] = step.gates.o;
                cell[at + std::size_t(j)] = step.cell;
                cellTanh[at + std::size_t(j)] = step.cellTanh;
                out[at + std::size_t(j)] = step.out;
            }
        }
    }
    const float* w = params + headWeightOffset();
    const float bias = params[headBiasOffset()];
    const float* top = m_out[std::size_t(L - 1)].data();
    const float* mask = keep ? keep[L - 1] + maskOffset : nullptr;
    for (int t = 0; t < T; ++t) {
        float p = bias;
        const std::size_t at = std::size_t(t) * std::size_t(H);
        for (int j = 0; j < H; ++j)
            p += w[j] * (mask ? top[at + std::size_t(j)] * mask[at + std::size_t(j)]
                              : top[at + std::size_t(j)]);
        m_pred[std::size_t(t)] = p;
    }
}

void LstmSequenceStepper::backwardSequence(const float* const* keep, int sample) {
    const int H = m_config.hidden, G = 4 * H, T = m_config.steps, L = m_config.layers;
    const float* params = m_buffers.params.data();
    float* grads = m_buffers.grads.data();
    const std::size_t maskOffset = std::size_t(sample) * std::size_t(T) * std::size_t(H);
    {
        const float* w = params + headWeightOffset();
        float* gw = grads + headWeightOffset();
        const float* top = m_out[std::size_t(L - 1)].data();
        const float* mask = keep ? keep[L - 1] + maskOffset : nullptr;
        for (int t = 0; t < T; ++t) {
            const float dp = m_dPred[std::size_t(t)];
            grads[headBiasOffset()] += dp;
            const std::size_t at = std::size_t(t) * std::size_t(H);
            for (int j = 0; j < H; ++j) {
                const float m = mask ? mask[at + std::size_t(j)] : 1.0f;
                gw[j] += dp * top[at + std::size_t(j)] * m;
                m_dOut[at + std::size_t(j)] = dp * w[j] * m;
            }
        }
    }
    std::vector<float> dhNext(static_cast<std::size_t>(H)), dcNext(static_cast<std::size_t>(H));
    for (int l = L - 1; l >= 0; --l) {
        const int in = layerInputs(l);
        const float* wIh = params + weightIhOffset(l);
        const float* wHh = params + weightHhOffset(l);
        const float* gates = m_gates[std::size_t(l)].data();
        const float* cell = m_cell[std::size_t(l)].data();
        const float* cellTanh = m_cellTanh[std::size_t(l)].data();
        std::fill(dhNext.begin(), dhNext.end(), 0.0f);
        std::fill(dcNext.begin(), dcNext.end(), 0.0f);
        for (int t = T - 1; t >= 0; --t) {
            const float* gt = gates + std::size_t(t) * std::size_t(G);
            float* da = m_dGates.data() + std::size_t(t) * std::size_t(G);
            const std::size_t at = std::size_t(t) * std::size_t(H);
            for (int j = 0; j < H; ++j) {
                const kernels::LstmGates gates{gt[j], gt[H + j], gt[2 * H + j], gt[3 * H + j]};
                const float cPrev = t > 0 ? cell[at - std::size_t(H) + std::size_t(j)] : 0.0f;
                const auto d = kernels::lstmStepBackward(
                    gates, cellTanh[at + std::size_t(j)], cPrev,
                    m_dOut[at + std::size_t(j)] + dhNext[std::size_t(j)], dcNext[std::size_t(j)]);
                da[j] = d.i;
                da[H + j] = d.f;
                da[2 * H + j] = d.g;
                da[3 * H + j] = d.o;
                dcNext[std::size_t(j)] = d.cellCarry;
            }
            std::fill(dhNext.begin(), dhNext.end(), 0.0f);
            for (int g = 0; g < G; ++g)
                axpy(dhNext.data(), wHh + std::size_t(g) * std::size_t(H), da[g], H);
        }
        float* gIh = grads + weightIhOffset(l);
        float* gHh = grads + weightHhOffset(l);
        float* gbIh = grads + biasIhOffset(l);
        float* gbHh = grads + biasHhOffset(l);
        const float* input = m_in[std::size_t(l)].data();
        const float* out = m_out[std::size_t(l)].data();
        for (int t = 0; t < T; ++t) {
            const float* da = m_dGates.data() + std::size_t(t) * std::size_t(G);
            const float* xt = input + std::size_t(t) * std::size_t(in);
            const float* hPrev = t > 0 ? out + std::size_t(t - 1) * std::size_t(H) : nullptr;
            for (int g = 0; g < G; ++g) {
                axpy(gIh + std::size_t(g) * std::size_t(in), xt, da[g], in);
                if (hPrev)
                    axpy(gHh + std::size_t(g) * std::size_t(H), hPrev, da[g], H);
                gbIh[g] += da[g];
                gbHh[g] += da[g];
            }
        }
        if (l == 0 && !m_wantInputGradients)
            break;
        // Gradient w.r.t. this layer's input, through the dropout after the layer below.
        std::fill(m_dIn.begin(), m_dIn.begin() + std::ptrdiff_t(T) * in, 0.0f);
        for (int t = 0; t < T; ++t) {
            const float* da = m_dGates.data() + std::size_t(t) * std::size_t(G);
            float* dx = m_dIn.data() + std::size_t(t) * std::size_t(in);
            for (int g = 0; g < G; ++g)
                axpy(dx, wIh + std::size_t(g) * std::size_t(in), da[g], in);
        }
        if (l == 0) {
            std::copy(m_dIn.begin(), m_dIn.begin() + std::ptrdiff_t(T) * in,
                      m_inputGradients.begin() + std::ptrdiff_t(sample) * T * in);
            break;
        }
        const float* mask = keep ? keep[l - 1] + maskOffset : nullptr;
        for (std::size_t i = 0; i < std::size_t(T) * std::size_t(H); ++i)
            m_dOut[i] = mask ? m_dIn[i] * mask[i] : m_dIn[i];
    }
}

double LstmSequenceStepper::computeGradients(const float* x, const float* y, const float* mask,
                                             const std::int64_t* rows, int count,
                                             const float* const* keep) {
    if (count < 1)
        throw Error("an empty batch", "training");
    const auto& c = m_config;
    const std::size_t T = std::size_t(c.steps), rowSize = T * std::size_t(c.inputs);
    double validCount = double(count) * double(T);
    if (mask) {
        validCount = 0.0;
        for (int s = 0; s < count; ++s)
            for (std::size_t t = 0; t < T; ++t)
                validCount += double(mask[std::size_t(rows[s]) * T + t]);
    }
    const float norm = float(1.0 / std::max(validCount, mask ? 1.0 : 0.0));
    const float allNorm = float(1.0 / (double(count) * double(T)));
    const float delta = float(c.huberDelta), boundsWeight = float(c.boundsWeight);
    const float lo = float(c.lowerBound), hi = float(c.upperBound);
    std::fill(m_buffers.grads.begin(), m_buffers.grads.end(), 0.0f);
    if (m_wantInputGradients)
        m_inputGradients.assign(std::size_t(count) * rowSize, 0.0f);
    double sum = 0.0, hinge = 0.0;
    for (int s = 0; s < count; ++s) {
        const std::size_t row = std::size_t(rows[s]);
        forwardSequence(x + row * rowSize, keep, s);
        for (std::size_t t = 0; t < T; ++t) {
            const std::size_t at = row * T + t;
            const float pred = m_pred[t];
            float g = 0.0f;
            if (!mask || mask[at] > 0.5f) {
                sum += double(elementLoss(c.loss, pred - y[at], delta, &g));
                g *= norm;
            }
            if (boundsWeight > 0.0f) {
                float hg = 0.0f;
                hinge += double(boundsHinge(pred, lo, hi, &hg));
                g += boundsWeight * allNorm * hg;
            }
            m_dPred[t] = g;
        }
        backwardSequence(keep, s);
    }
    if (c.recurrentL2 > 0.0) {
        const float twice = float(2.0 * c.recurrentL2);
        const std::size_t n = 4 * std::size_t(c.hidden) * std::size_t(c.hidden);
        for (int l = 0; l < c.layers; ++l)
            axpy(m_buffers.grads.data() + weightHhOffset(l),
                 m_buffers.params.data() + weightHhOffset(l), twice, int(n));
    }
    double loss = sum * double(norm);
    if (boundsWeight > 0.0f)
        loss += double(boundsWeight) * hinge * double(allNorm);
    return loss;
}

} // namespace soilscope::training::detail
