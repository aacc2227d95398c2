#pragma once
// Variables stored as sums since 00 UTC (ERA5-Land's tp and other fluxes: the 01 UTC value is
// the first hour's sum, the 00 UTC value closes the previous day) read back as sums per step.
#include "base/time_utils.h"

#include <optional>
#include <span>

namespace soilscope::series {

/// Whether the step ending at `t`, stored as a sum since 00 UTC, needs the values of the hour
/// before to give its own sum (every hour but 01 UTC does).
bool needsHourBefore(TimePoint t);

/// Turns `values` (sums since 00 UTC at `t`) into the sums of the hour ending at `t`:
/// unchanged at 01 UTC, minus `hourBefore` (the values at t − 1 h) otherwise, and NaN where the
/// hour before is not given (the step's own sum cannot be known).
void sumsOfStep(std::span<float> values, TimePoint t,
                std::optional<std::span<const float>> hourBefore);

} // namespace soilscope::series
