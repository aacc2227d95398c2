#include "demo/reanalysis_model.h"

#include "demo/twin_random.h"
#include "demo/vegetation.h"

#include <algorithm>
#include <cmath>

namespace soilscope::demo {

namespace {

/// The cell's soil as a coarse soil map has it: the 3 × 3 neighbourhood's mean, then perturbed.
SoilSite modelSoil(const TwinConfig& config, const std::vector<CellSite>& cells, int c) {
    const int nx = config.coarseNx, ny = config.coarseNy, row = c / nx, col = c % nx;
    SoilSite s = cells[static_cast<std::size_t>(c)].site;
    double porosity = 0, fc = 0, residual = 0, logKsat = 0, n = 0;
    for (int dr = -1; dr <= 1; ++dr)
        for (int dc = -1; dc <= 1; ++dc) {
            const int r = row + dr, k = col + dc;
            if (r < 0 || r >= ny || k < 0 || k >= nx)
                continue;
            const SoilSite& o = cells[static_cast<std::size_t>(r * nx + k)].site;
            porosity += o.porosity;
            fc += o.fieldCapacity;
            residual += o.residual;
            logKsat += std::log(o.ksat_mm_h);
            n += 1;
        }
    const std::uint64_t seed = config.seed, cell = static_cast<std::uint64_t>(c);
    using M = ReanalysisModel;
    s.porosity = porosity / n * std::exp(M::kPorosityLogErrorStd * normalAt(seed, 3111, cell));
    s.residual = residual / n;
    s.fieldCapacity = fc / n * std::exp(M::kFieldCapacityLogErrorStd * normalAt(seed, 3112, cell));
    s.ksat_mm_h = std::exp(logKsat / n + M::kKsatLogErrorStd * normalAt(seed, 3113, cell));
    s.porosity = std::clamp(s.porosity, 0.3, 0.6);
    s.fieldCapacity = std::clamp(s.fieldCapacity, s.residual + 0.05, s.porosity - 0.03);
    return s;
}

} // namespace

ReanalysisModel::ReanalysisModel(const TwinConfig& config, const std::vector<CellSite>& cells)
    : m_config(config), m_cells(cells) {
    const std::size_t nc = cells.size();
    for (std::size_t c = 0; c < nc; ++c) {
        m_buckets.emplace_back(modelSoil(config, cells, static_cast<int>(c)));
        m_petFactor.push_back(std::exp(kPetLogErrorStd * normalAt(config.seed, 3114, c)));
    }
    m_localError.assign(nc, 0.0);
    m_precipitationFactor.assign(nc, 1.0);
    m_falseRate.assign(nc, 0.0);
    m_cover.assign(nc, 0.0);
    m_laiHigh.assign(nc, 0.0);
    m_laiLow.assign(nc, 0.0);
    m_recent.assign(nc, {});
    m_recentSum.assign(nc, 0.0);
}

void ReanalysisModel::startDay(int day, double dayOfYear) {
    const std::uint64_t seed = m_config.seed, d = static_cast<std::uint64_t>(day);
    const double a = kPrecipitationErrorLag1, innovation = std::sqrt(1.0 - a * a);
    const double regional = std::sqrt(kPrecipitationRegionalShare),
                 local = std::sqrt(1.0 - kPrecipitationRegionalShare);
    m_regionalError = a * m_regionalError + innovation * normalAt(seed, 3115, d);
    for (std::size_t c = 0; c < m_cells.size(); ++c) {
        m_localError[c] = a * m_localError[c] + innovation * normalAt(seed, 3116, c, d);
        const double e = regional * m_regionalError + local * m_localError[c];
        // the lognormal part is unbiased (E[exp(s e - s²/2)] = 1); the missed rain days are
        // about made up for by the invented showers
        m_precipitationFactor[c] =
            uniformAt(seed, 3117, c, d) < kMissedEventShare
                ? 0.0
                : std::exp(kPrecipitationLogErrorStd * e -
                           0.5 * kPrecipitationLogErrorStd * kPrecipitationLogErrorStd);
        m_falseRate[c] =
            uniformAt(seed, 3118, c, d) < kFalseEventShare ? kFalseEventRate_mm_h : 0.0;
        double lai = 0.0;
        m_laiHigh[c] = m_laiLow[c] = 0.0;
        for (std::size_t k = 0; k < 5; ++k) {
            const int lc = landcover::Classes[k];
            const SoilSite& site = m_cells[c].site;
            const double l =
                m_cells[c].fractions[k] * vegetation::lai(lc, dayOfYear, site.phenologyShift_days,
                                                          site.vegetationVigour, 1.0);
            lai += l;
            if (lc == landcover::Tree)
                m_laiHigh[c] += l;
            if (lc == landcover::Grassland || lc == landcover::Cropland)
                m_laiLow[c] += l;
        }
        m_cover[c] = vegetation::cover(lai);
    }
}

void ReanalysisModel::step(std::size_t cell, double precipitation_mm, double pet_mm) {
    auto& recent = m_recent[cell];
    const std::size_t slot = m_hour % recent.size();
    m_recentSum[cell] += precipitation_mm - recent[slot];
    recent[slot] = precipitation_mm;
    const double smeared = std::max(m_recentSum[cell], 0.0) / kPrecipitationSmearHours;
    // the day's hours run from 00 UTC; the invented shower falls from 12 UTC
    const int hourOfDay = static_cast<int>(m_hour % 24);
    const double invented =
        hourOfDay >= 12 && hourOfDay < 12 + kFalseEventHours ? m_falseRate[cell] : 0.0;
    const double p =
        m_precipitationFactor[cell] * ((1.0 - kPrecipitationSmearShare) * precipitation_mm +
                                       kPrecipitationSmearShare * smeared) +
        invented;
    m_buckets[cell].step(p, m_petFactor[cell] * pet_mm, m_cover[cell]);
    if (cell + 1 == m_cells.size())
        ++m_hour;
}

double ReanalysisModel::layerTheta(std::size_t cell) const {
    const SurfaceBucket& b = m_buckets[cell];
    const double surface = SurfaceBucket::kDepth_mm;
    return (surface * b.theta() + (70.0 - surface) * b.rootTheta()) / 70.0;
}

} // namespace soilscope::demo
