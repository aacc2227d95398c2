#pragma once
// Permutation feature importance: how much a fitted model's test error grows when one
// predictor's column is shuffled across the test samples (its link to the target broken).
#include "features/dataset.h"
#include "models/trained_model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace soilscope::training {

struct FeatureImportance {
    std::string feature;
    double baseRmse = 0.0;     ///< the unshuffled test RMSE
    double meanIncrease = 0.0; ///< mean over the repeats of RMSE(shuffled) − baseRmse
    double sdIncrease = 0.0;   ///< their standard deviation (N − 1; 0 for one repeat)
};

/// For each feature of a tabular test set ([n, P] features, one target): `repeats` shuffles
/// (seeded by `seed`, the feature and the repeat), the RMSE increase of the model's
/// predictions. Throws soilscope::Error for a non-tabular set or fewer than two samples.
std::vector<FeatureImportance> permutationImportance(const models::TrainedModel& model,
                                                     const features::Dataset& test, int repeats,
                                                     std::uint64_t seed);

} // namespace soilscope::training
