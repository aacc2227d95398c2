#pragma once
// Sentinel-1 backscatter of the realistic twin: a model richer than the Water Cloud Model the
// wcm_lstm workload fits, so that the WCM is a model of the data and not its generator.
#include "demo/twin_context.h"
#include "demo/twin_random.h"

#include <algorithm>

namespace soilscope::demo {

/// Relative permittivity of a mineral soil from its volumetric water content (Topp et al. 1980).
double toppPermittivity(double theta);

/// Bare-soil VV backscatter (dB) at C band (Dubois et al. 1995) for permittivity, rms height
/// (cm) and incidence (degrees); ks is clamped to the model's range (≤ 2.5).
double duboisVvDb(double permittivity, double rmsHeight_cm, double incidenceDeg);

/// Bare-soil VH backscatter (dB) at C band (Oh et al. 2004) for soil moisture, rms height (cm)
/// and incidence (degrees).
double ohVhDb(double theta, double rmsHeight_cm, double incidenceDeg);

/// What a water cloud model's NDVI-based VWC misses of a canopy, for every radar of the realistic
/// twin (Sentinel-1 and ASCAT): a structure factor (a spatial field, or one per cell) and stems
/// and ears that stay wet for weeks after the leaves (and NDVI) have senesced.
struct CanopyBeyondNdvi {
    static constexpr double kStructureLogStd = 0.25;
    static constexpr double kSenescenceLag_days = 30.0;
    static constexpr double kSenescentShare = 0.5;
    /// The VWC the radar sees from the NDVI-based VWC now and kSenescenceLag_days earlier.
    static double seenVwc(double structure, double now, double lagged) {
        return structure * (now + kSenescentShare * std::max(lagged - now, 0.0));
    }
};

/// Sentinel-1 radiometric stability: 0.5 dB (3 sigma) specified, 0.1-0.2 dB measured (Schwerdt
/// et al. 2017), one offset per acquisition and polarisation.
inline constexpr double kSentinel1RadiometricStabilityDb = 0.15;

/// The surface roughness of a Sentinel-1 pixel: a spatial field of rms height, and on cropland
/// tillage events (autumn ploughing, spring seedbed) after which the surface settles again.
class SurfaceRoughness {
  public:
    static constexpr double kSettledMean_cm = 1.2;
    static constexpr double kSettledLogStd = 0.3;
    static constexpr double kPloughed_cm = 3.0;
    static constexpr double kSeedbed_cm = 1.8;
    static constexpr double kSettling_days = 45.0;

    /// rms height (cm) of the settled surface at a point (a spatial field, ~8 km features down
    /// to ~1 km).
    static double settledRmsHeight(std::uint64_t seed, double lon, double lat);
    /// rms height (cm) of a pixel on day dayOfYear of a year, from its settled rms height.
    static double rmsHeight(std::uint64_t seed, std::size_t pixel, double settled, int landCover,
                            int year, double dayOfYear);
};

/// Effective number of looks of a Sentinel-1 IW GRDH pixel averaged to a square of the given
/// side (metres): 4.4 looks per 20 m × 22 m resolution cell.
double sentinel1Looks(double pixelSide_m);

/// A multiplicative speckle factor (mean 1) with the given number of looks: Gamma(L, 1/L).
double speckleFactor(TwinRng& rng, double looks);

} // namespace soilscope::demo
