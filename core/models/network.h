#pragma once
// Internal contract between models/ and training/ for LibTorch families. LibTorch types are only
// forward-declared here (the layering check keeps torch headers out of .h files); callers are
// .cpp files of models/, training/ and inference/ that include <torch/torch.h> themselves.
#include "models/model_member.h"

#include <memory>

namespace at {
class Tensor;
}
namespace torch::nn {
class Module;
}

namespace soilscope::models {

/// A LibTorch network of any neural family, built from a resolved spec and the sample layout.
class NetworkMember : public ModelMember {
  public:
    /// Builds the module with freshly initialised weights (uses the current torch seed).
    NetworkMember(const ModelSpec& spec, std::vector<std::int64_t> featureShape,
                  std::vector<std::int64_t> targetShape);
    ~NetworkMember() override;

    /// x [b, featureShape...] → [b, targetShape...], on the module's device.
    at::Tensor forward(const at::Tensor& x) const;
    /// The penalty the family adds to the loss (L2 on recurrent weights); a 0-d tensor.
    at::Tensor regularization() const;
    /// Whether regularization() is ever non-zero (saves an op per batch when not).
    bool hasRegularization() const;
    torch::nn::Module& module() const;
    /// "cpu" or "cuda".
    std::string device() const;
    /// For families ending in a stacked LSTM with a dense head per step (lstm, wcm_lstm): that
    /// stage's module (the LSTM's parameters, then the head's), or nullptr.
    torch::nn::Module* sequenceCore() const;
    /// What enters the sequence core for x [b, T, p]: x itself for lstm, the Water Cloud Model
    /// layer's output [b, T, 1 + aux] for wcm_lstm (with autograd to its parameters; a training
    /// forward also records its guard penalty for regularization()).
    at::Tensor sequenceInput(const at::Tensor& x) const;
    /// Learned values worth reporting (e.g. WCM A per class), name → value.
    std::vector<std::pair<std::string, double>> learnedConstants() const;

    std::string kind() const override { return "torch"; }
    std::string fileExtension() const override { return ".pt"; }
    std::vector<float> predict(const float* x, std::size_t n) const override;
    std::int64_t parameterCount() const override;
    void save(const std::filesystem::path& file) const override;
    /// Loads weights saved by save(); throws soilscope::Error naming the file.
    void load(const std::filesystem::path& file);
    void to(const std::string& device) override;

    struct Impl;

  private:
    std::unique_ptr<Impl> m_impl;
    std::vector<std::int64_t> m_featureShape;
    std::vector<std::int64_t> m_targetShape;
};

/// Whether this LibTorch build sees a CUDA device.
bool cudaAvailable();

/// Locally connected 2-D layer (no weight sharing), zero padding, stride 1:
/// x [b, C, H, W], weight [k·k, C, O, H, W] (offset dy·k+dx), bias [O, H, W] → [b, O, H, W].
/// On the CPU a fused kernel (custom autograd function) reads the input in place: nothing
/// unfolded is materialised, backward keeps only x and the weights. Elsewhere it falls back to
/// locallyConnected2dTensorOps.
at::Tensor locallyConnected2d(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias,
                              int kernel);

/// The same layer from tensor operations (one shifted view of the padded input per kernel
/// offset, never an unfolded copy); used on CUDA and as a cross-check in tests.
at::Tensor locallyConnected2dTensorOps(const at::Tensor& x, const at::Tensor& weight,
                                       const at::Tensor& bias, int kernel);

/// Water Cloud Model soil backscatter in dB from observed linear backscatter:
/// γ² = exp(−2·B·v2 / cosθ), σveg = A·v1·cosθ·(1 − γ²), σsoil = (σobs − σveg) / γ²,
/// 10·log10(max(σsoil, floor)). θ in degrees; all tensors broadcast. With guardShare > 0 the
/// difference d = σobs − σveg goes through a smooth floor ε·softplus(d/ε), ε = guardShare·σobs,
/// so that A keeps a gradient where σobs ≤ σveg.
at::Tensor wcmSoilBackscatterDb(const at::Tensor& sigma0Linear, const at::Tensor& thetaDeg,
                                const at::Tensor& v1, const at::Tensor& v2, const at::Tensor& a,
                                double b, double floor = 1e-6, double guardShare = 0.0);

} // namespace soilscope::models
