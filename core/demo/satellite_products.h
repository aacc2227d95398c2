#pragma once
#include "demo/twin_context.h"

namespace soilscope::demo {

/// ASCAT-like σ40 at 0.25° at the overpasses (09:30 descending, 21:30 ascending local solar
/// time) with swath gaps, the Water Cloud Model plus noise, and H120-like relative soil
/// moisture from change detection.
void writeAscat(TwinContext& ctx);

/// Sentinel-1-like VV/VH σ⁰ and incidence angle on the SAR grid (6-day ascending and 12-day
/// descending tracks), the truth on the same grid and dates, MODIS-like 8-day NDVI/NDWI and
/// the static layers of the SAR grid.
void writeSentinel1(TwinContext& ctx, Feedback& progress);

} // namespace soilscope::demo
