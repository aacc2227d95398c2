#pragma once
#include "demo/twin_context.h"

namespace soilscope::demo {

/// Static 0.25° layers (elevation, slope, aspect, texture, hydraulic properties, land cover).
void writeCoarseStatic(TwinContext& ctx);
/// Hourly forcing at 0.25°: precipitation, 2 m air temperature, shortwave radiation.
void writeForcing(TwinContext& ctx);
/// Reanalysis-like hourly product: smoothed, biased, noisy soil moisture, soil temperature, LAI.
void writeReanalysis(TwinContext& ctx);
/// Truth at 0.25°: hourly soil moisture and the daily water balance (double precision).
void writeCoarseTruth(TwinContext& ctx);
/// CCI-like daily 0.25° soil moisture with gaps and a flag.
void writeCci(TwinContext& ctx);

} // namespace soilscope::demo
