#pragma once
#include "demo/twin_context.h"

namespace soilscope::demo {

/// The 60 m grid: static layers (DEM, slope, aspect, texture, land cover), Sentinel-2-like
/// reflectances every few days with clouds masked, and the fine truth on the same dates.
void writeFineProducts(TwinContext& ctx, Feedback& progress);

/// Daily MODIS-like land surface temperature (~1 km) over the fine area, cloudy days missing.
void writeLst(TwinContext& ctx);

/// Daily precipitation on the 0.1° grid (ERA5-Land-like).
void writePrecipitation(TwinContext& ctx);

} // namespace soilscope::demo
