#pragma once
// Internal to training/: one optimisation step of a stacked sequence-to-sequence LSTM without
// autograd or tensors.
#include "training/elementwise_loss.h"
#include "training/flat_adam.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace soilscope::training::detail {

/// The network (LSTM layers, a dense head per step), the loss and the optimiser.
struct LstmStepperConfig {
    int inputs = 1;
    int hidden = 16;
    int layers = 1;
    int steps = 1; ///< sequence length T
    ElementLoss loss = ElementLoss::Mse;
    double huberDelta = 1.0;
    double boundsWeight = 0.0; ///< hinge penalty outside [lowerBound, upperBound]
    double lowerBound = 0.0;
    double upperBound = 1.0;
    double recurrentL2 = 0.0; ///< penalty l2·Σ W_hh² over every layer's recurrent weights
    kernels::AdamHyper adam;
};

/// A stacked LSTM (PyTorch's gate order i, f, g, o; zero initial states; dropout between layers
/// and before the head) with a dense output per step, trained on flat buffers by hand-derived
/// backpropagation through time. LibTorch's parameter layout: per layer weight_ih [4H][in],
/// weight_hh [4H][H], bias_ih [4H], bias_hh [4H]; then the head's weight [H] and bias [1].
/// It computes what LibTorch autograd + torch::optim::Adam(W) compute, to float round-off. A
/// batch of short-hidden sequences costs a small fraction of LibTorch's per-step dispatch.
class LstmSequenceStepper : public FlatAdamStepper {
  public:
    /// Throws soilscope::Error for sizes below one.
    explicit LstmSequenceStepper(LstmStepperConfig config);

    const LstmStepperConfig& config() const { return m_config; }
    std::size_t weightIhOffset(int layer) const { return m_layerOffsets[std::size_t(layer)]; }
    std::size_t weightHhOffset(int layer) const;
    std::size_t biasIhOffset(int layer) const;
    std::size_t biasHhOffset(int layer) const;
    std::size_t headWeightOffset() const { return m_headOffset; }
    std::size_t headBiasOffset() const { return m_headOffset + std::size_t(m_config.hidden); }

    /// x [n][T][inputs], y and mask [n][T]. The loss is reported without the recurrent penalty
    /// (as the trainer reports it); the gradients include it. keep holds the multipliers
    /// [count][T][H] after each layer but the last, then before the head.
    double computeGradients(const float* x, const float* y, const float* mask,
                            const std::int64_t* rows, int count,
                            const float* const* keep = nullptr) override;

    /// With on, computeGradients also leaves the loss's gradient with respect to x of the batch
    /// in inputGradients() [count][T][inputs] (for stages in front of the LSTM).
    void setInputGradients(bool on) { m_wantInputGradients = on; }
    const std::vector<float>& inputGradients() const { return m_inputGradients; }

  protected:
    kernels::AdamHyper adamHyper() const override { return m_config.adam; }

  private:
    int layerInputs(int layer) const { return layer == 0 ? m_config.inputs : m_config.hidden; }
    void forwardSequence(const float* x, const float* const* keep, int sample);
    void backwardSequence(const float* const* keep, int sample);

    LstmStepperConfig m_config;
    std::vector<std::size_t> m_layerOffsets;
    std::size_t m_headOffset = 0;
    /// Per layer, for the current sequence: its input [T][in] (layer 0: a copy of x), the gate
    /// activations i, f, g, o [T][4H], the cell state and its tanh [T][H], the output h [T][H].
    std::vector<std::vector<float>> m_in, m_gates, m_cell, m_cellTanh, m_out;
    std::vector<float> m_pred, m_dPred; ///< head output and dloss/dprediction [T]
    std::vector<float> m_dOut, m_dIn;   ///< gradient w.r.t. a layer's output / input [T][·]
    std::vector<float> m_dGates;        ///< gradient w.r.t. the gate pre-activations [T][4H]
    std::vector<float> m_wIhT, m_wHhT;  ///< transposed weights of the current layer
    bool m_wantInputGradients = false;
    std::vector<float> m_inputGradients; ///< [count][T][inputs]
};

} // namespace soilscope::training::detail
