#pragma once
#include "demo/static_fields.h"

namespace soilscope::demo {

/// Fluxes of one hourly step of the surface bucket, mm over the hour (drainage is net
/// downward: gravity drainage minus capillary rise from the root zone).
struct BucketFluxes {
    double precipitation = 0.0;
    double runoff = 0.0;
    double evaporation = 0.0;
    double drainage = 0.0;
};

/// Hourly bucket water balance of the 0–5 cm layer above a 5–30 cm root-zone store:
/// saturation-excess infiltration, gravity drainage above field capacity, capillary rise,
/// and radiation-driven evaporation limited by moisture. The surface water content stays in
/// [residual, porosity] and storage change equals P - R - E - D exactly (up to rounding).
class SurfaceBucket {
  public:
    static constexpr double kDepth_mm = 50.0;
    static constexpr double kRootDepth_mm = 250.0;

    /// A bucket for a site, starting at field capacity.
    explicit SurfaceBucket(const SoilSite& site);
    /// Advances one hour with precipitation P and potential evaporation PET (mm) and the
    /// vegetation cover fraction; returns the fluxes.
    BucketFluxes step(double precipitation_mm, double pet_mm, double vegetationCover);
    /// Volumetric water content of the 0–5 cm layer (m3/m3).
    double theta() const { return m_storage / kDepth_mm; }
    /// Storage of the 0–5 cm layer (mm).
    double storage() const { return m_storage; }
    /// Root-zone volumetric water content (m3/m3).
    double rootTheta() const { return m_root / kRootDepth_mm; }
    const SoilSite& site() const { return m_site; }

  private:
    SoilSite m_site;
    double m_storage;
    double m_root;
};

} // namespace soilscope::demo
