#include "training/dense_mlp_stepper.h"

#include "base/error.h"
#include "kernels/dense.h"
#include "training/elementwise_loss.h"

#include <algorithm>
#include <cmath>

namespace soilscope::training::detail {

namespace {
/// a[o][p] *= keep[p][o] for the first `count` lanes (keep is sample-major, as LibTorch draws it).
void multiplyTransposed(float* a, const float* keep, int units, int count, int lanes) {
    for (int o = 0; o < units; ++o) {
        float* row = a + std::size_t(o) * std::size_t(lanes);
        for (int p = 0; p < count; ++p)
            row[p] *= keep[std::size_t(p) * std::size_t(units) + std::size_t(o)];
    }
}
} // namespace

DenseMlpStepper::DenseMlpStepper(DenseMlpConfig config) : m_config(std::move(config)) {
    const auto& w = m_config.widths;
    if (w.size() < 2)
        throw Error("a dense MLP needs inputs and outputs", "training");
    for (const int v : w)
        if (v < 1)
            throw Error("a dense MLP layer needs at least one unit", "training");
    if (m_config.loss != "mse" && m_config.loss != "mae" && m_config.loss != "huber")
        throw Error("unknown loss '" + m_config.loss + "'", "training");
    std::size_t total = 0;
    for (std::size_t l = 0; l + 1 < w.size(); ++l) {
        m_offsets.push_back(total);
        total += std::size_t(w[l + 1]) * std::size_t(w[l]) + std::size_t(w[l + 1]);
    }
    m_buffers.resize(total);
    m_acts.resize(w.size());
}

std::size_t DenseMlpStepper::biasOffset(std::size_t layer) const {
    return m_offsets[layer] +
           std::size_t(m_config.widths[layer + 1]) * std::size_t(m_config.widths[layer]);
}

void DenseMlpStepper::reserve(int lanes) {
    if (lanes <= m_lanes)
        return;
    m_lanes = lanes;
    int widest = 0;
    for (std::size_t l = 0; l < m_acts.size(); ++l) {
        m_acts[l].assign(std::size_t(m_config.widths[l]) * std::size_t(lanes), 0.0f);
        widest = std::max(widest, m_config.widths[l]);
    }
    m_delta.assign(std::size_t(widest) * std::size_t(lanes), 0.0f);
    m_deltaPrev.assign(m_delta.size(), 0.0f);
    m_kept.clear();
}

double DenseMlpStepper::lossGradient(const float* y, const float* mask, const std::int64_t* rows,
                                     int count) {
    const int outputs = m_config.widths.back();
    const std::size_t lanes = std::size_t(m_lanes);
    const float* z = m_acts.back().data();
    double validCount = double(count) * double(outputs);
    if (mask) {
        validCount = 0.0;
        for (int p = 0; p < count; ++p)
            for (int t = 0; t < outputs; ++t)
                validCount +=
                    double(mask[std::size_t(rows[p]) * std::size_t(outputs) + std::size_t(t)]);
    }
    const float norm = float(1.0 / std::max(validCount, mask ? 1.0 : 0.0));
    const float allNorm = float(1.0 / (double(count) * double(outputs)));
    const float delta = float(m_config.huberDelta);
    const float boundsWeight = float(m_config.boundsWeight);
    const float lo = float(m_config.lowerBound), hi = float(m_config.upperBound);
    ElementLoss kind = ElementLoss::Mse;
    elementLossKind(m_config.loss, kind);
    double sum = 0.0, hinge = 0.0;
    std::fill(m_delta.begin(), m_delta.begin() + std::ptrdiff_t(std::size_t(outputs) * lanes),
              0.0f);
    for (int t = 0; t < outputs; ++t)
        for (int p = 0; p < count; ++p) {
            const std::size_t at = std::size_t(rows[p]) * std::size_t(outputs) + std::size_t(t);
            const float pred = z[std::size_t(t) * lanes + std::size_t(p)];
            float g = 0.0f;
            if (!mask || mask[at] > 0.5f) {
                sum += double(elementLoss(kind, pred - y[at], delta, &g));
                g *= norm;
            }
            if (boundsWeight > 0.0f) {
                float hg = 0.0f;
                hinge += double(boundsHinge(pred, lo, hi, &hg));
                g += boundsWeight * allNorm * hg;
            }
            m_delta[std::size_t(t) * lanes + std::size_t(p)] = g;
        }
    double loss = sum * double(norm);
    if (boundsWeight > 0.0f)
        loss += double(boundsWeight) * hinge * double(allNorm);
    return loss;
}

double DenseMlpStepper::computeGradients(const float* x, const float* y, const float* mask,
                                         const std::int64_t* rows, int count,
                                         const float* const* keep) {
    if (count < 1)
        throw Error("an empty batch", "training");
    reserve((count + kernels::kDenseLanes - 1) / kernels::kDenseLanes * kernels::kDenseLanes);
    const auto& widths = m_config.widths;
    const int lanes = m_lanes;
    const std::size_t inputs = std::size_t(widths.front());
    float* in = m_acts.front().data();
    for (int p = 0; p < count; ++p) {
        const float* row = x + std::size_t(rows[p]) * inputs;
        for (std::size_t k = 0; k < inputs; ++k)
            in[k * std::size_t(lanes) + std::size_t(p)] = row[k];
    }
    for (int p = count; p < lanes; ++p)
        for (std::size_t k = 0; k < inputs; ++k)
            in[k * std::size_t(lanes) + std::size_t(p)] = 0.0f;
    const std::size_t L = layers();
    if (keep && m_kept.size() + 1 != L) {
        m_kept.clear();
        for (std::size_t l = 0; l + 1 < L; ++l)
            m_kept.push_back(m_acts[l + 1]);
    }
    for (std::size_t l = 0; l < L; ++l) {
        kernels::denseForward(m_buffers.params.data() + m_offsets[l],
                              m_buffers.params.data() + biasOffset(l), widths[l], widths[l + 1],
                              m_acts[l].data(), m_acts[l + 1].data(), lanes,
                              l + 1 < L ? int(m_config.activation) : -1);
        if (keep && l + 1 < L) {
            // Dropout after the activation: the next layer sees y·keep, the derivative of the
            // activation needs y itself.
            float* a = m_acts[l + 1].data();
            std::copy(a, a + std::ptrdiff_t(std::size_t(widths[l + 1]) * std::size_t(lanes)),
                      m_kept[l].data());
            multiplyTransposed(a, keep[l], widths[l + 1], count, lanes);
        }
    }
    const double loss = lossGradient(y, mask, rows, count);
    for (std::size_t l = L; l-- > 0;) {
        const int in = widths[l], out = widths[l + 1];
        if (l + 1 < L) {
            if (keep)
                multiplyTransposed(m_delta.data(), keep[l], out, count, lanes);
            kernels::denseActivationBackward(
                m_delta.data(), keep ? m_kept[l].data() : m_acts[l + 1].data(),
                std::size_t(out) * std::size_t(lanes), int(m_config.activation));
        }
        kernels::denseWeightGradients(m_delta.data(), m_acts[l].data(), in, out, lanes,
                                      m_buffers.grads.data() + m_offsets[l],
                                      m_buffers.grads.data() + biasOffset(l));
        if (l > 0) {
            kernels::denseInputGradients(m_buffers.params.data() + m_offsets[l], m_delta.data(), in,
                                         out, lanes, m_deltaPrev.data());
            std::swap(m_delta, m_deltaPrev);
        }
    }
    return loss;
}

} // namespace soilscope::training::detail
