#pragma once
// A standardised target z = (y − mean)/sd for the sequence workloads: fitted on the training
// samples only, applied to the training data, and folded into the saved bundle's output layer.
#include "features/dataset.h"
#include "models/bundle.h"
#include "models/trained_model.h"
#include "training/trainer.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <vector>

namespace soilscope::workloads {

class WorkloadRun;

struct TargetStandardisation {
    double mean = 0.0;
    double sd = 1.0; ///< population deviation, at least 1e-6
};

/// Mean and population deviation of the valid targets (targetMask) of the given samples;
/// {0, 1} when fewer than two are valid.
TargetStandardisation fitTargetStandardisation(const features::Dataset& dataset,
                                               const std::vector<std::size_t>& samples);

/// Replaces every target y of the dataset by (y − mean)/sd.
void standardiseTargets(features::Dataset& dataset, const TargetStandardisation& s);

/// Folds y = sd·z + mean into the model's output layer (so the bundle predicts the target's
/// units), records the scaling under the bundle's metrics/target_scaling and notes it in the run.
void foldIntoBundle(models::TrainedModel& model, const TargetStandardisation& s,
                    models::BundleInfo& info, WorkloadRun& run);

/// A fold of a sequence workload as a unit result: its training's best and last epochs and
/// the test samples' predictions in the target's units (mapped back from z).
nlohmann::json heldOutFold(const training::TrainResult& result, const features::Dataset& test,
                           const TargetStandardisation& s);
/// The held-out predictions of heldOutFold's result.
std::vector<float> heldOutPredictions(const nlohmann::json& fold);
/// What the report needs of the fold's training (WorkloadRun::addTraining); `history` is kept
/// by the process that trained the fold (the first fold's is stored).
training::TrainResult heldOutTraining(const nlohmann::json& fold,
                                      std::vector<training::EpochReport> history = {});

} // namespace soilscope::workloads
