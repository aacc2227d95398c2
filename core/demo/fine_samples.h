#pragma once
#include "demo/twin_context.h"

namespace soilscope::demo {

/// 60 m pixels sampled on a regular lattice over the whole box (fineSampleGrid): their static
/// layers, Sentinel-2-like reflectances and ~1 km LST at the Sentinel-2 dates. Each value is
/// the one 60 m pixel at the lattice point, as a thinned archive of the 60 m products that
/// the whole box would need far too much space for.
void writeFineSamples(TwinContext& ctx, Feedback& progress);

} // namespace soilscope::demo
