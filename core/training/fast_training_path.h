#pragma once
// Internal to training/: the trainer's autograd-free paths for small networks on the CPU (dense
// MLPs, stacked LSTMs). LibTorch types are only forward-declared.
#include "models/model_spec.h"
#include "training/train_settings.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace torch::optim {
class Optimizer;
}

namespace soilscope::models {
class NetworkMember;
}

namespace soilscope::training::detail {

/// Trains a module on flat buffers: pull() copies the module's weights and the optimiser's state
/// in, step() trains one batch, push() writes everything back so that validation, checkpoints
/// and the returned model see exactly what the autograd path would have left.
class FastTrainingPath {
  public:
    virtual ~FastTrainingPath() = default;
    /// Module weights and optimiser state → flat buffers. False when the optimiser state is
    /// inconsistent (parameters at different step counts); the caller then uses autograd.
    virtual bool pull() = 0;
    /// Flat buffers → module weights and optimiser state.
    virtual void push() = 0;
    /// One batch: samples rows[0..count) of x, y and mask (1 = valid, may be null) laid out as
    /// the dataset's [n, featureShape...] and [n, targetShape...]; returns the batch loss.
    virtual double step(const float* x, const float* y, const float* mask, const std::int64_t* rows,
                        int count, double lr) = 0;
    /// What the trainer reports when it takes this path.
    virtual std::string description() const = 0;
};

/// The autograd-free path for this member, or nullptr when none covers the configuration.
std::unique_ptr<FastTrainingPath>
makeFastTrainingPath(const models::ModelSpec& spec, const TrainSettings& settings,
                     models::NetworkMember& net, torch::optim::Optimizer& optimizer,
                     const std::string& device, const std::vector<std::int64_t>& featureShape);

} // namespace soilscope::training::detail
