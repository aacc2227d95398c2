#pragma once
// Internal to core/workloads: the sub-scenarios of sar_ml_scenarios (dependent, temporal,
// spatial) drawn from station samples, with or without matched training sizes.
#include "features/dataset.h"
#include "training/split_scheme.h"

#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <vector>

namespace soilscope::workloads {

/// One sub-scenario of one repeat.
struct SarSubScenario {
    std::string scenario; ///< dependent, temporal, spatial
    double size = 0; ///< matched: training samples (validation included); else fraction, samples
                     ///< per cell or cells
    std::size_t trainStations = 0; ///< stations with training samples
    training::Split split;         ///< validation carved from the training part
};

/// Draws every sub-scenario of `repeats` repeats from the options (`match_sizes`,
/// `dependent_fractions`, `temporal_samples_per_cell`, `spatial_cells`, `min_train_samples`,
/// `validation_fraction`, `seed`). With `match_sizes`, each temporal size k defines a training
/// count n (k samples from every station with more than k in the training period); the
/// dependent scenario draws n random samples and the spatial one n random samples of the
/// fewest random stations that hold n. Sub-scenarios with too few training samples are
/// skipped and noted. `quick` keeps the last size of each list.
/// Completes a drawn sub-scenario of repeat `rep`: false (with a note on the first repeat) when it
/// has fewer than `min_train_samples` training samples or no test sample; else counts its
/// training stations, carves the validation share and names it.
bool addSarSubScenario(const features::Dataset& data, SarSubScenario& s,
                       const nlohmann::json& options, int rep, std::mt19937_64& rng,
                       std::vector<std::string>& notes);

std::vector<SarSubScenario> makeSarScenarios(const features::Dataset& data,
                                             const nlohmann::json& options, int repeats, bool quick,
                                             std::vector<std::string>& notes);

} // namespace soilscope::workloads
