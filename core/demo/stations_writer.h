#pragma once
#include "demo/twin_context.h"

namespace soilscope::demo {

/// Writes the in situ stations as an ISMN header_values zip archive (Network/Station/files,
/// *_static_variables.csv per station): soil moisture and soil temperature at 0.05 m, hourly,
/// point truth plus sensor bias, gain and noise, gaps, spikes flagged D06, implausible values
/// flagged C, frozen soil flagged D01, "G" elsewhere. Also writes truth/stations.csv.
void writeStations(TwinContext& ctx);

} // namespace soilscope::demo
