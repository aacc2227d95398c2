#include "demo/water_balance.h"

#include <algorithm>
#include <cmath>

namespace soilscope::demo {

SurfaceBucket::SurfaceBucket(const SoilSite& site)
    : m_site(site), m_storage(site.fieldCapacity * kDepth_mm),
      m_root(site.fieldCapacity * kRootDepth_mm) {}

BucketFluxes SurfaceBucket::step(double precipitation_mm, double pet_mm, double vegetationCover) {
    const double z = kDepth_mm;
    const double wr = m_site.residual * z, ws = m_site.porosity * z, wfc = m_site.fieldCapacity * z;
    BucketFluxes f;
    f.precipitation = std::max(precipitation_mm, 0.0);

    // Saturation excess: what does not fit into the pores runs off.
    const double infiltration = std::min(f.precipitation, std::max(ws - m_storage, 0.0));
    f.runoff = f.precipitation - infiltration;
    double w = m_storage + infiltration;

    // Gravity drainage above field capacity, faster the wetter and the sandier.
    const double rel = std::clamp((w - wr) / (ws - wr), 0.0, 1.0);
    const double gravity =
        std::min(std::max(w - wfc, 0.0), m_site.ksat_mm_h * 0.35 * std::pow(rel, 3.0));
    // Capillary rise towards the drier surface, limited by the room left.
    const double thetaRoot = m_root / kRootDepth_mm;
    const double rise = std::clamp(0.012 * (thetaRoot - (w - gravity) / z) * z, 0.0,
                                   std::max(ws - (w - gravity), 0.0));
    w = w - gravity + rise;

    // Evaporation: bare-soil part limited by moisture, plus a share of transpiration.
    const double beta = std::clamp((w - wr) / (wfc - wr), 0.0, 1.0);
    const double demand = std::max(pet_mm, 0.0) * ((1.0 - vegetationCover) * std::pow(beta, 1.5) +
                                                   0.25 * vegetationCover * beta);
    f.evaporation = std::min(demand, std::max(w - wr, 0.0));
    w -= f.evaporation;
    f.drainage = gravity - rise;

    // Storage follows the fluxes exactly, so the balance closes by construction.
    m_storage = m_storage + f.precipitation - f.runoff - f.evaporation - f.drainage;
    m_storage = std::clamp(m_storage, wr, ws);

    // Root zone: receives drainage, loses transpiration and deep percolation.
    const double zr = kRootDepth_mm;
    const double wrr = m_site.residual * zr, wsr = m_site.porosity * zr,
                 wfr = m_site.fieldCapacity * zr;
    const double betaRoot = std::clamp((m_root - wrr) / (wfr - wrr), 0.0, 1.0);
    const double transp = 0.75 * std::max(pet_mm, 0.0) * vegetationCover * betaRoot;
    const double relRoot = std::clamp((m_root - wrr) / (wsr - wrr), 0.0, 1.0);
    const double perc = 0.05 * m_site.ksat_mm_h * std::pow(relRoot, 6.0);
    m_root = std::clamp(m_root + f.drainage - transp - perc, wrr, wsr);
    return f;
}

} // namespace soilscope::demo
