#pragma once
#include "base/parameter_spec.h"

#include <vector>

namespace soilscope::training {

/// The training settings (/training of a project) as "training.<key>" settings, nested
/// objects dotted ("training.optimizer.eps"), with TrainSettings' defaults.
std::vector<ParameterSpec> trainingSettingSpecs();
/// The split settings (/split of a project) as "split.<key>" settings, with SplitSettings'
/// defaults.
std::vector<ParameterSpec> splitSettingSpecs();

} // namespace soilscope::training
