#pragma once
// The 60 m pixel model shared by the fine grid and the 60 m pixel samples of the whole box:
// the sub-kilometre relief, a Sentinel-2-like acquisition and the MODIS-like LST of a point.
#include "demo/twin_context.h"
#include "demo/twin_random.h"

#include <array>
#include <vector>

namespace soilscope::demo {

/// The point landscape with the sub-kilometre relief that a 60 m grid resolves and coarser
/// grids average away (hollows wetter, rises drier).
SoilSite fineSite(const TwinContext& ctx, double lon, double lat);

/// The Sentinel-2-like acquisition dates: every s2IntervalDays at 10:30 local solar time at
/// the centre of the fine cell.
std::vector<TimePoint> s2Times(const TwinContext& ctx);

/// What one acquisition shares over all its pixels.
struct S2Scene {
    std::vector<double> saturation; ///< 0.25° relative saturation at the acquisition hour
    double dayOfYear = 0.0;
    double yearFactor = 1.0;
};
S2Scene s2Scene(const TwinContext& ctx, TimePoint t);

/// Truth soil moisture (NaN on water) and noise-free reflectances of one 60 m pixel.
struct S2Pixel {
    double theta = 0.0;
    std::array<double, 9> reflectance{};
};
S2Pixel s2Pixel(const S2Scene& scene, const SoilSite& site,
                const TwinContext::PointWeights& weights);

/// The spatially correlated part of a scene's surface-reflectance error at a point: the error
/// of the atmospheric correction's aerosol optical thickness (features of ~5 km down to ~600 m)
/// and a scene-wide illumination/BRDF gain. Zero with simple errors.
struct S2CorrelatedError {
    double aerosol = 0.0; ///< AOT error at 550 nm
    double gain = 1.0;    ///< multiplicative, the whole scene
};
S2CorrelatedError s2CorrelatedError(const TwinContext& ctx, std::size_t scene, double lon,
                                    double lat);

/// The reflectances as delivered: the correlated error, white sensor noise, clamped to
/// [3e-4, 1]; all NaN under cloud.
std::array<double, 9> observedReflectance(const TwinContext& ctx, const S2Pixel& pixel,
                                          const S2CorrelatedError& correlated, bool cloudy,
                                          TwinRng& rng);

/// The Sentinel-2 cloud model. Cloud cover in [0, 1] from the weather's cloudiness at a point:
double s2CloudCover(const TwinContext& ctx, double lon, double lat, double weatherHour);
/// and whether the cloud texture of a scene (noise stream `stream`; x, y in texture units of
/// 24 km, features from ~80 km down to a few km) covers a point at that cover.
bool s2Cloudy(const TwinContext& ctx, std::uint64_t stream, double x, double y, double cover);

/// Daytime (10:30 local) land surface temperature in K of a ~1 km point at time t; NaN when
/// cloudy or at or below 274 K. noise: a standard normal draw for the retrieval error.
double lstAt(const TwinContext& ctx, double lon, double lat, const SoilSite& site, TimePoint t,
             double noise);

/// UTC time of a local solar time on output day d at the longitude, rounded to the minute.
TimePoint solarTimeUtc(const TwinContext& ctx, int day, double localHour, double lon);

} // namespace soilscope::demo
