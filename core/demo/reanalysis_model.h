#pragma once
#include "demo/twin_sites.h"
#include "demo/water_balance.h"

#include <array>
#include <cstdint>
#include <vector>

namespace soilscope::demo {

/// The reanalysis-like product's own land-surface run (realistic errors): the same bucket
/// physics as the truth but on a coarser, perturbed soil map, driven by perturbed forcing
/// (precipitation with day-to-day multiplicative errors, smeared in time; biased evaporation
/// demand) and a climatological vegetation without year-to-year changes, reported as a 0–7 cm
/// layer. Its errors are structural and correlated in time, not noise added to the truth.
class ReanalysisModel {
  public:
    ReanalysisModel(const TwinConfig& config, const std::vector<CellSite>& cells);

    /// Draws the day's precipitation errors and vegetation; day is counted from the weather
    /// origin (spin-up included), dayOfYear is that of the day's noon.
    void startDay(int day, double dayOfYear);
    /// Advances one cell by one hour with the truth forcing of that cell.
    void step(std::size_t cell, double precipitation_mm, double pet_mm);
    /// The 0–7 cm volumetric water content of a cell (m3/m3).
    double layerTheta(std::size_t cell) const;
    /// Climatological LAI of high (trees) and low (grass, crops) vegetation, cell-mean
    /// contributions, of the current day.
    double laiHigh(std::size_t cell) const { return m_laiHigh[cell]; }
    double laiLow(std::size_t cell) const { return m_laiLow[cell]; }
    /// The soil map the model runs on.
    const SoilSite& soil(std::size_t cell) const { return m_buckets[cell].site(); }

    static constexpr double kPrecipitationLogErrorStd = 0.8;
    static constexpr double kPrecipitationErrorLag1 = 0.5;
    static constexpr double kPrecipitationRegionalShare = 0.5;
    static constexpr int kPrecipitationSmearHours = 12;
    static constexpr double kPrecipitationSmearShare = 0.5;
    /// events the model misses, and afternoon showers it invents, per cell and day
    static constexpr double kMissedEventShare = 0.3;
    static constexpr double kFalseEventShare = 0.15;
    static constexpr double kFalseEventRate_mm_h = 0.5;
    static constexpr int kFalseEventHours = 8;
    static constexpr double kPetLogErrorStd = 0.2;
    static constexpr double kPorosityLogErrorStd = 0.05;
    static constexpr double kFieldCapacityLogErrorStd = 0.10;
    static constexpr double kKsatLogErrorStd = 0.5;

  private:
    const TwinConfig& m_config;
    const std::vector<CellSite>& m_cells;
    std::vector<SurfaceBucket> m_buckets;
    std::vector<double> m_petFactor;
    std::vector<double> m_localError;
    double m_regionalError = 0.0;
    std::vector<double> m_precipitationFactor;
    std::vector<double> m_falseRate; ///< mm/h of an invented afternoon shower today
    std::vector<double> m_cover;
    std::vector<double> m_laiHigh, m_laiLow;
    std::vector<std::array<double, kPrecipitationSmearHours>> m_recent; ///< per cell, last hours
    std::vector<double> m_recentSum;
    std::size_t m_hour = 0;
};

} // namespace soilscope::demo
