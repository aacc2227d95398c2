#pragma once
// Internal to core/tasks: the date of the map a training run writes when the project names none.
#include "base/time_utils.h"
#include "features/dataset.h"

namespace soilscope::tasks {

/// The latest sample date at which some sample has a finite value in every feature channel
/// (maps need every predictor, while training fills gaps), or `fallback` when none has.
TimePoint defaultMapDate(const features::Dataset& dataset, TimePoint fallback);

} // namespace soilscope::tasks
