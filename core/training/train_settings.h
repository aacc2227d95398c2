#pragma once
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace soilscope::training {

/// Optimiser settings (Keras defaults differ from PyTorch's in eps: set 1e-7 to match).
struct OptimizerSettings {
    std::string name = "adam"; ///< adam, adamw, sgd
    double learningRate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weightDecay = 0.0;
    bool amsgrad = false;
    double momentum = 0.0;  ///< sgd
    double dampening = 0.0; ///< sgd
    bool nesterov = false;  ///< sgd
};

/// Learning-rate schedule. "step" and "cosine" act per epoch, "cyclic" (triangular) per batch.
struct SchedulerSettings {
    std::string kind = "none";     ///< none, step, cosine, cyclic
    int stepSize = 10;             ///< step: epochs per decay; cyclic: batches per half cycle
    double gamma = 0.1;            ///< step: decay factor
    double minLearningRate = 0.0;  ///< cosine floor; cyclic lower bound
    double maxLearningRate = 1e-3; ///< cyclic upper bound
    int cosinePeriod = 0;          ///< cosine: epochs per period, 0 = the epoch count
};

/// Loss composition: a base loss (masked by the target mask when there is one) plus an
/// optional bounds hinge λ·mean(max(0, lower − ŷ) + max(0, ŷ − upper)).
struct LossSettings {
    std::string kind = "mse"; ///< mse, mae, huber
    double huberDelta = 1.0;
    double boundsWeight = 0.0; ///< λ; 0 = off
    double lowerBound = 0.0;
    double upperBound = 1.0;
};

/// A per-epoch accuracy curve (the FFNN paper's): the validation share with |estimate − target|
/// below the tolerance and, when min < max, the estimate within [min, max], in target units.
struct AccuracySettings {
    double tolerance = 0.0; ///< 0 = not recorded
    double min = 0.0;
    double max = 0.0;
};

/// Everything the Trainer needs besides the model spec and the data.
struct TrainSettings {
    OptimizerSettings optimizer;
    SchedulerSettings scheduler;
    LossSettings loss;
    int epochs = 100;
    int batchSize = 32;
    bool shuffle = true;
    int patience = 0;        ///< early stopping on validation loss; 0 = off
    double minDelta = 0.0;   ///< improvement needed to reset patience
    bool restoreBest = true; ///< restore the weights of the best validation epoch
    unsigned long long seed = 42;
    bool deterministic = false;  ///< deterministic algorithms, one intra-op thread unless set
    std::string device = "auto"; ///< auto, cpu, cuda
    /// auto: the hand-written back-propagation where it covers the model (MLP, LSTM, WCM-LSTM
    /// on the CPU), LibTorch autograd elsewhere; autograd: always LibTorch; manual: the
    /// hand-written path, with a warning when it cannot cover the model.
    std::string backend = "auto";
    /// fp32, or bf16: LibTorch autocast runs the forward pass in bfloat16 where it is safe (matrix
    /// products, convolutions), weights, gradients and optimiser state stay fp32; the
    /// hand-written fp32 paths are not used.
    std::string precision = "fp32";
    int threads = 0;                     ///< torch::set_num_threads; 0 = leave as is
    int ensemble = 1;                    ///< members trained with seeds seed, seed+1, ...
    std::filesystem::path checkpointDir; ///< empty = no checkpoints
    bool resume = false;                 ///< continue from checkpointDir when it holds a checkpoint
    AccuracySettings accuracy;
    /// Set by a caller that standardised the target (not part of the JSON): target units =
    /// scaled × targetSd + targetMean, used by the accuracy curve.
    double targetMean = 0.0;
    double targetSd = 1.0;

    nlohmann::json toJson() const;
    /// Missing keys keep their defaults; throws soilscope::Error on bad values.
    static TrainSettings fromJson(const nlohmann::json& json);
    /// Throws soilscope::Error when a value is out of range (epochs < 1, unknown names...).
    void check() const;
};

} // namespace soilscope::training
