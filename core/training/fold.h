#pragma once
// One fold of a learning run, written once for train, search, sweep and the workloads:
// normalise on the training part → train (validation part for early stopping) → evaluate on
// a held-out part. What each caller stores of it (run store, report, curves) stays its own.
#include "features/dataset.h"
#include "features/normaliser.h"
#include "models/model_spec.h"
#include "training/evaluation.h"
#include "training/split_scheme.h"
#include "training/trainer.h"

#include <vector>

namespace soilscope::training {

/// A dataset scaled with a normaliser fitted on its training part only, missing features 0.
struct NormalisedData {
    features::Normaliser normaliser;
    features::Dataset data;
};
NormalisedData normaliseOnTraining(const features::Dataset& data, const features::Normaliser& blank,
                                   const std::vector<std::size_t>& trainIndices);

/// A model trained on one fold, asked about parts of the data it was trained from.
struct FoldModel {
    TrainResult training;

    /// Metrics of those predictions (pooled, and grouped by `scopes`; see evaluate()).
    Evaluation evaluate(const features::Dataset& data, const std::vector<std::size_t>& indices,
                        const std::vector<std::string>& scopes = {"station", "land_cover",
                                                                  "network", "user"}) const;
};

/// What a fold reports while it trains: everything, or (for the many fits of a search or a
/// scenario) only warnings and errors.
enum class FoldReports { Forward, Quiet };

/// Trains on split.train of `data` (already normalised); split.validation, when not empty,
/// drives early stopping and the best-epoch restore. The test part is never shown to training.
/// Throws like train().
FoldModel trainFold(const models::ModelSpec& spec, const TrainSettings& settings,
                    const features::Dataset& data, const Split& split, Feedback& feedback,
                    FoldReports reports = FoldReports::Forward);

} // namespace soilscope::training
