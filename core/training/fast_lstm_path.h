#pragma once
// Internal to training/: the trainer's autograd-free path for sequence LSTMs on the CPU.
#include "training/fast_training_path.h"
#include "training/lstm_sequence_stepper.h"

namespace soilscope::training::detail {

/// Binds an LstmSequenceStepper to an "lstm" member and its Adam/AdamW optimiser.
class FastLstmPath : public FastTrainingPath {
  public:
    /// nullptr when the configuration is not covered: another family, CUDA, SGD or AMSGrad, a
    /// loss other than mse/mae/huber, features not [T, p] or non-float32 weights. Dropout
    /// masks are drawn from LibTorch's generator as the LSTM's inter-layer dropout and the
    /// module's Dropout draw them.
    static std::unique_ptr<FastLstmPath>
    create(const models::ModelSpec& spec, const TrainSettings& settings, models::NetworkMember& net,
           torch::optim::Optimizer& optimizer, const std::string& device,
           const std::vector<std::int64_t>& featureShape);
    ~FastLstmPath() override;

    bool pull() override;
    void push() override;
    /// One batch of sequences (x [n][T][p], y and mask [n][T]).
    double step(const float* x, const float* y, const float* mask, const std::int64_t* rows,
                int count, double lr) override;
    std::string description() const override { return "fused LSTM training path"; }
    /// The loss and gradients of one batch without an update (dropout masks drawn as in step).
    double computeGradients(const float* x, const float* y, const float* mask,
                            const std::int64_t* rows, int count);
    LstmSequenceStepper& stepper() { return m_stepper; }

  private:
    FastLstmPath(LstmStepperConfig config, torch::optim::Optimizer& optimizer, double dropout);
    const float* const* drawDropout(int count);
    struct Binding;
    double m_dropout = 0.0;
    LstmSequenceStepper m_stepper;
    std::unique_ptr<Binding> m_binding;
};

} // namespace soilscope::training::detail
