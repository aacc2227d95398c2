#pragma once
#include "features/dataset.h"
#include "models/model_spec.h"
#include "models/trained_model.h"
#include "training/epoch_report.h"
#include "training/train_settings.h"

#include <string>
#include <vector>

namespace soilscope::training {

/// The outcome of one training.
struct TrainResult {
    models::TrainedModel model;       ///< all ensemble members, best weights when restored
    std::vector<EpochReport> history; ///< every epoch of every member
    int bestEpoch = 0;                ///< of the last member (1-based; 0 = no validation)
    int epochsRun = 0;                ///< of the last member, resumed epochs included
    bool earlyStopped = false;
    std::string device; ///< "cpu" or "cuda"
    std::string
        backend; ///< "manual", "autograd" or "native" (trees, SVR): what trained the last member
    double seconds = 0.0;
};

/// Trains a model of any family on `train` (validation may be null; then no early stopping).
/// Neural families run the gradient loop (optimiser, scheduler, loss, early stopping,
/// checkpoints); XGBoost and SVR fit natively. Throws soilscope::Error on bad data or settings
/// and soilscope::CanceledError when the feedback is canceled (within one batch; the checkpoint
/// of the last finished epoch stays usable for resume).
TrainResult train(const models::ModelSpec& spec, const TrainSettings& settings,
                  const features::Dataset& train, const features::Dataset* validation,
                  Feedback& feedback);

/// "cuda" when the request is auto/cuda and CUDA is usable, else "cpu"; throws
/// soilscope::Error when "cuda" is requested and not available.
std::string resolveDevice(const std::string& request);
/// Whether this LibTorch build sees a CUDA device.
bool cudaAvailable();

} // namespace soilscope::training
