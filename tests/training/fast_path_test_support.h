#pragma once
// Shared by the tests of the autograd-free training paths.
#include "models/network.h"
#include "training/trainer.h"

#include <torch/torch.h>

#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

namespace soilscope::test {

/// Largest |a − b| relative to the largest |b| of the tensor.
inline double relativeError(const torch::Tensor& a, const torch::Tensor& b) {
    const double scale = std::max(b.abs().max().item<double>(), 1e-12);
    return (a - b).abs().max().item<double>() / scale;
}

/// The part of a flat buffer at offset, shaped like `like`.
inline torch::Tensor flatSlice(const std::vector<float>& flat, std::size_t offset,
                               const torch::Tensor& like) {
    return torch::from_blob(const_cast<float*>(flat.data() + offset), like.sizes(), torch::kFloat32)
        .clone();
}

/// Records the trainer's messages; tells whether it took the path named `path`.
struct PathMessages : Feedback {
    explicit PathMessages(std::string path) : name(std::move(path)) {}
    void onMessage(MessageLevel, const std::string& text) override { texts.push_back(text); }
    bool fast() const {
        for (const auto& t : texts)
            if (t.find(name) != std::string::npos)
                return true;
        return false;
    }
    std::string name;
    std::vector<std::string> texts;
};

/// The first member's weights of a trained network model.
inline std::vector<torch::Tensor> memberWeights(const training::TrainResult& r) {
    const auto& net = dynamic_cast<const models::NetworkMember&>(*r.model.members().front());
    std::vector<torch::Tensor> out;
    for (const auto& p : net.module().parameters())
        out.push_back(p.detach().clone());
    return out;
}

} // namespace soilscope::test

namespace soilscope::test {

/// One training run on the hand-written path and one on LibTorch autograd (training.backend);
/// whether each run took the path named `path`.
struct BothPaths {
    training::TrainResult fast, slow;
    bool fastTaken = false, slowTaken = false;
};

inline BothPaths trainBothWays(const models::ModelSpec& spec, const training::TrainSettings& s,
                               const features::Dataset& train, const features::Dataset* val,
                               const std::string& path) {
    BothPaths out;
    PathMessages fastObs(path), slowObs(path);
    out.fast = training::train(spec, s, train, val, fastObs);
    training::TrainSettings autograd = s;
    autograd.backend = "autograd";
    out.slow = training::train(spec, autograd, train, val, slowObs);
    out.fastTaken = fastObs.fast();
    out.slowTaken = slowObs.fast();
    return out;
}

} // namespace soilscope::test

namespace soilscope::test {

/// Masks every `every`-th target (NaN and mask 0).
inline void punchTargetHoles(features::Dataset& d, std::size_t every) {
    d.targetMask.assign(d.y.size(), 1);
    for (std::size_t i = 0; i < d.y.size(); i += every) {
        d.targetMask[i] = 0;
        d.y[i] = std::numeric_limits<float>::quiet_NaN();
    }
}

/// Small CPU training settings for the path comparisons (3 epochs, one thread).
inline training::TrainSettings pathSettings(const std::string& optimizer, const std::string& loss,
                                            std::int64_t batch, double weightDecay) {
    training::TrainSettings s;
    s.epochs = 3;
    s.batchSize = batch;
    s.optimizer.name = optimizer;
    s.optimizer.learningRate = 3e-3;
    s.optimizer.weightDecay = weightDecay;
    s.loss.kind = loss;
    s.device = "cpu";
    s.threads = 1;
    return s;
}

} // namespace soilscope::test
