#pragma once
// Internal to training/: copies module weights and torch::optim::Adam(W) state to and from the
// flat buffers of an autograd-free training path, so that validation, checkpoints and the
// returned model see exactly what the autograd path would have left. LibTorch types are only
// forward-declared (callers are training/ .cpp files that include torch themselves).
#include "training/flat_adam.h"

#include <cstddef>
#include <vector>

namespace at {
class Tensor;
}
namespace torch::optim {
class Optimizer;
}

namespace soilscope::training::detail {

/// The module's parameters and where each one lies in the flat buffers.
struct FlatParameterMap {
    std::vector<at::Tensor> params;
    std::vector<std::size_t> offsets;
};

/// Weights and Adam(W) state → buffers. False when the parameters are at different Adam step
/// counts (the caller then trains with autograd).
bool pullAdamState(const FlatParameterMap& map, torch::optim::Optimizer& optimizer, bool decoupled,
                   kernels::FlatAdamBuffers& buffers);
/// Buffers → weights and Adam(W) state.
void pushAdamState(const FlatParameterMap& map, torch::optim::Optimizer& optimizer, bool decoupled,
                   const kernels::FlatAdamBuffers& buffers);
/// The betas, eps, weight decay and kind of the optimiser's single parameter group.
kernels::AdamHyper adamHyperOf(torch::optim::Optimizer& optimizer, bool decoupled);

} // namespace soilscope::training::detail
