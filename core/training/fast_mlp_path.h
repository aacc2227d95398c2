#pragma once
// Internal to training/: the trainer's autograd-free path for MLPs on the CPU.
#include "training/dense_mlp_stepper.h"
#include "training/fast_training_path.h"

namespace soilscope::training::detail {

/// Binds a DenseMlpStepper to an MLP member and its Adam/AdamW optimiser.
class FastMlpPath : public FastTrainingPath {
  public:
    /// nullptr when the configuration is not covered: another family, CUDA, SGD or AMSGrad, a
    /// family regularisation or non-float32 weights (training.backend=autograd is decided by
    /// makeFastTrainingPath). Dropout masks are drawn from LibTorch's generator
    /// exactly as the module's Dropout layers draw them.
    static std::unique_ptr<FastMlpPath>
    create(const models::ModelSpec& spec, const TrainSettings& settings, models::NetworkMember& net,
           torch::optim::Optimizer& optimizer, const std::string& device);
    ~FastMlpPath() override;

    bool pull() override;
    void push() override;
    /// One batch (rows of x [n][inputs], y and mask [n][outputs], mask may be null).
    double step(const float* x, const float* y, const float* mask, const std::int64_t* rows,
                int count, double lr) override;
    std::string description() const override { return "fused MLP training path"; }
    /// The loss and gradients of one batch without an update (dropout masks drawn as in step).
    double computeGradients(const float* x, const float* y, const float* mask,
                            const std::int64_t* rows, int count);
    DenseMlpStepper& stepper() { return m_stepper; }

  private:
    FastMlpPath(DenseMlpConfig config, models::NetworkMember& net,
                torch::optim::Optimizer& optimizer, bool decoupled);
    /// Draws this batch's dropout masks; null when there is no dropout.
    const float* const* drawDropout(int count);
    struct Binding;
    double m_dropout = 0.0;
    DenseMlpStepper m_stepper;
    std::unique_ptr<Binding> m_binding;
};

} // namespace soilscope::training::detail
