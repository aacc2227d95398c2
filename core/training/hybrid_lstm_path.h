#pragma once
// Internal to training/: the trainer's path for LSTMs behind a differentiable front (wcm_lstm).
#include "training/fast_training_path.h"
#include "training/lstm_sequence_stepper.h"

namespace soilscope::training::detail {

/// Trains a family whose last stage is a stacked LSTM with a dense head (NetworkMember::
/// sequenceCore) behind a small differentiable front (the Water Cloud Model layer): the front
/// and the regularisation run through LibTorch autograd, the LSTM core's forward and
/// backpropagation through time through an LstmSequenceStepper, whose input gradient is handed
/// back to autograd. Weights and optimiser state stay in the module and its Adam(W) optimiser,
/// so pull() and push() have nothing to copy. Same numbers as autograd on the whole module.
class HybridLstmPath : public FastTrainingPath {
  public:
    /// nullptr when not covered: no sequence core with a front, CUDA, SGD or AMSGrad, a loss
    /// other than mse/mae/huber, features not [T, p] or non-float32 weights.
    static std::unique_ptr<HybridLstmPath>
    create(const models::ModelSpec& spec, const TrainSettings& settings, models::NetworkMember& net,
           torch::optim::Optimizer& optimizer, const std::string& device,
           const std::vector<std::int64_t>& featureShape);
    ~HybridLstmPath() override;

    bool pull() override { return true; }
    void push() override {}
    /// One batch of sequences (x [n][T][p], y and mask [n][T]).
    double step(const float* x, const float* y, const float* mask, const std::int64_t* rows,
                int count, double lr) override;
    std::string description() const override { return "fused LSTM core training path"; }
    /// The loss and every parameter's .grad() for one batch, without an update.
    double computeGradients(const float* x, const float* y, const float* mask,
                            const std::int64_t* rows, int count);

  private:
    struct Binding;
    HybridLstmPath(LstmStepperConfig config, std::unique_ptr<Binding> binding);
    LstmSequenceStepper m_stepper;
    std::unique_ptr<Binding> m_binding;
};

} // namespace soilscope::training::detail
