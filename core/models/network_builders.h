#pragma once
// Internal to models/: builders behind NetworkMember. LibTorch types only forward-declared.
#include "models/network.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace soilscope::models {

/// What a family builder returns: the module and how to run it.
struct NetworkMember::Impl {
    std::shared_ptr<torch::nn::Module> module;
    std::function<at::Tensor(const at::Tensor&)> forward;
    std::function<at::Tensor()> regularization;                             ///< empty = none
    std::function<std::vector<std::pair<std::string, double>>()> constants; ///< empty = none
    /// Families ending in a stacked LSTM with a dense head per step: that stage (null = none)
    /// and what enters it (empty = x itself).
    std::shared_ptr<torch::nn::Module> sequenceCore;
    std::function<at::Tensor(const at::Tensor&)> sequenceInput;
};

/// mlp, cnn, locally_connected.
std::unique_ptr<NetworkMember::Impl> buildFeedForward(const ModelSpec& spec,
                                                      const std::vector<std::int64_t>& featureShape,
                                                      const std::vector<std::int64_t>& targetShape);
/// lstm, gru, wcm_lstm.
std::unique_ptr<NetworkMember::Impl> buildRecurrent(const ModelSpec& spec,
                                                    const std::vector<std::int64_t>& featureShape,
                                                    const std::vector<std::int64_t>& targetShape);

/// Glorot-uniform, Kaiming-uniform or left as LibTorch initialised ("default") for every
/// weight of Linear/Conv layers of the module; biases to zero unless "default".
void initialiseWeights(torch::nn::Module& module, const std::string& scheme);
/// Glorot-uniform fill with explicit fans.
void glorotUniform(at::Tensor& tensor, double fanIn, double fanOut);

} // namespace soilscope::models
