#pragma once
// Internal to training/: a network trained on flat buffers by hand-derived gradients.
#include "kernels/adam.h"

#include <cstdint>
#include <vector>

namespace soilscope::training::detail {

/// A network trained on kernels::FlatAdamBuffers by hand-derived gradients: one batch's gradients,
/// then one Adam/AdamW update.
class FlatAdamStepper {
  public:
    virtual ~FlatAdamStepper() = default;
    kernels::FlatAdamBuffers& buffers() { return m_buffers; }
    std::vector<float>& parameters() { return m_buffers.params; }
    const std::vector<float>& gradients() const { return m_buffers.grads; }

    /// Loss of the batch rows[0..count) of x against y (mask: 1 = valid, or null) and its
    /// gradient with respect to every parameter (gradients()). keep (or null: no dropout) holds
    /// the dropout multipliers (0 or 1/(1−p)) the network documents.
    virtual double computeGradients(const float* x, const float* y, const float* mask,
                                    const std::int64_t* rows, int count,
                                    const float* const* keep = nullptr) = 0;
    /// One Adam/AdamW update of parameters() from gradients() at learning rate lr.
    void adamStep(double lr) { kernels::flatAdamStep(m_buffers, adamHyper(), lr); }
    /// computeGradients + adamStep; returns the batch loss.
    double step(const float* x, const float* y, const float* mask, const std::int64_t* rows,
                int count, double lr, const float* const* keep = nullptr) {
        const double loss = computeGradients(x, y, mask, rows, count, keep);
        adamStep(lr);
        return loss;
    }

  protected:
    virtual kernels::AdamHyper adamHyper() const = 0;
    kernels::FlatAdamBuffers m_buffers;
};

} // namespace soilscope::training::detail
