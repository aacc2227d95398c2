#pragma once
// Internal to training/: one optimisation step of a dense MLP without autograd or tensors.
#include "kernels/activation.h"
#include "training/flat_adam.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace soilscope::training::detail {

/// What one step computes: the network, the loss and the Adam/AdamW update.
struct DenseMlpConfig {
    std::vector<int> widths; ///< inputs, hidden widths..., outputs
    kernels::Activation activation = kernels::Activation::Relu;
    std::string loss = "mse"; ///< mse, mae or huber
    double huberDelta = 1.0;
    double boundsWeight = 0.0; ///< hinge penalty outside [lowerBound, upperBound]
    double lowerBound = 0.0;
    double upperBound = 1.0;
    bool decoupledDecay = false; ///< AdamW (true) or Adam with L2 in the gradient (false)
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weightDecay = 0.0;
};

/// A dense MLP (Linear → activation → ... → Linear) trained on flat buffers: a hand-derived
/// forward/backward over feature-major activations (pixels of a batch contiguous, vectorised
/// at -O3 with kernels chosen at run time) and one Adam pass over a single parameter buffer.
/// The parameter layout is LibTorch's: per layer the weight [out][in] row-major, then the bias
/// [out]. It computes what LibTorch autograd + torch::optim::Adam(W) compute, to float round-off.
/// No allocation once the largest batch has been seen.
class DenseMlpStepper : public FlatAdamStepper {
  public:
    /// Throws soilscope::Error for fewer than two widths or an unknown loss.
    explicit DenseMlpStepper(DenseMlpConfig config);

    const DenseMlpConfig& config() const { return m_config; }
    /// Layers (weight matrices).
    std::size_t layers() const { return m_config.widths.size() - 1; }
    /// Offset of layer l's weight [out][in] in the flat buffers; its bias follows it.
    std::size_t weightOffset(std::size_t layer) const { return m_offsets[layer]; }
    std::size_t biasOffset(std::size_t layer) const;
    std::size_t parameterCount() const { return m_buffers.params.size(); }

    /// x [n][inputs], y and mask [n][outputs]; keep holds per hidden layer h the multipliers
    /// [count][width] applied after its activation, drawn as LibTorch's dropout draws them.
    double computeGradients(const float* x, const float* y, const float* mask,
                            const std::int64_t* rows, int count,
                            const float* const* keep = nullptr) override;

  protected:
    kernels::AdamHyper adamHyper() const override {
        const auto& c = m_config;
        return {c.beta1, c.beta2, c.eps, c.weightDecay, c.decoupledDecay};
    }

  private:
    void reserve(int lanes);
    double lossGradient(const float* y, const float* mask, const std::int64_t* rows, int count);

    DenseMlpConfig m_config;
    std::vector<std::size_t> m_offsets;
    int m_lanes = 0;                         ///< batch padded to the kernels' lane count
    std::vector<std::vector<float>> m_acts;  ///< per layer input/output, [width][lanes]
    std::vector<float> m_delta, m_deltaPrev; ///< gradient w.r.t. a layer's pre-activation
    std::vector<std::vector<float>> m_kept;  ///< dropout: hidden activations before the mask
};

} // namespace soilscope::training::detail
