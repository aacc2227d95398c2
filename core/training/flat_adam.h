#pragma once
// Internal to training/: Adam/AdamW over one flat parameter buffer, for the autograd-free paths.
#include <cstdint>
#include <vector>

namespace soilscope::training::detail {

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

/// One update of b.params from b.grads at learning rate lr, as torch::optim::Adam(W) makes it.
void flatAdamStep(FlatAdamBuffers& b, const AdamHyper& h, double lr);

} // namespace soilscope::training::detail

namespace soilscope::training::detail {

/// A network trained on FlatAdamBuffers by hand-derived gradients: one batch's gradients, then
/// one Adam/AdamW update.
class FlatAdamStepper {
  public:
    virtual ~FlatAdamStepper() = default;
    FlatAdamBuffers& buffers() { return m_buffers; }
    std::vector<float>& parameters() { return m_buffers.params; }
    const std::vector<float>& gradients() const { return m_buffers.grads; }

    /// Loss of the batch rows[0..count) of x against y (mask: 1 = valid, or null) and its
    /// gradient with respect to every parameter (gradients()). keep (or null: no dropout) holds
    /// the dropout multipliers (0 or 1/(1−p)) the network documents.
    virtual double computeGradients(const float* x, const float* y, const float* mask,
                                    const std::int64_t* rows, int count,
                                    const float* const* keep = nullptr) = 0;
    /// One Adam/AdamW update of parameters() from gradients() at learning rate lr.
    void adamStep(double lr) { flatAdamStep(m_buffers, adamHyper(), lr); }
    /// computeGradients + adamStep; returns the batch loss.
    double step(const float* x, const float* y, const float* mask, const std::int64_t* rows,
                int count, double lr, const float* const* keep = nullptr) {
        const double loss = computeGradients(x, y, mask, rows, count, keep);
        adamStep(lr);
        return loss;
    }

  protected:
    virtual AdamHyper adamHyper() const = 0;
    FlatAdamBuffers m_buffers;
};

} // namespace soilscope::training::detail
