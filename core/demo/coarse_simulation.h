#pragma once
#include "demo/twin_sites.h"
#include "demo/weather.h"

#include <functional>
#include <vector>

namespace soilscope::demo {

/// The hourly 0.25° and station simulation kept in memory (hours x cells, row-major by hour).
/// Index k is the output hour: time = start + k hours; fluxes are accumulated over the hour
/// ending at that time, states are instantaneous at that time.
struct CoarseRun {
    int hours = 0;
    int cells = 0;
    int stations = 0;
    int spinUpHours = 0;
    std::vector<float> theta;           ///< 0–5 cm truth, m3/m3
    std::vector<float> rootTheta;       ///< 5–30 cm store, m3/m3
    std::vector<float> precipitation;   ///< mm over the hour ending at the time stamp
    std::vector<float> airTemperature;  ///< °C
    std::vector<float> soilTemperature; ///< °C
    std::vector<float> shortwave;       ///< W m-2
    std::vector<float> lai;             ///< days x cells, cell mean LAI
    std::vector<float> laiHigh;         ///< days x cells, tree LAI x tree fraction
    std::vector<float> laiLow;          ///< days x cells, grass/crop LAI x fractions
    std::vector<float> ndvi;            ///< days x cells
    /// days x cells x 6 (double): storage at 00 UTC, P, R, E, D over the day, storage at 24 UTC
    /// (mm).
    std::vector<double> waterBalance;
    /// Realistic errors only: the reanalysis's own run, hours x cells (0-7 cm, m3/m3) and its
    /// climatological vegetation, days x cells.
    std::vector<float> reanalysisTheta;
    std::vector<float> reanalysisLaiHigh;
    std::vector<float> reanalysisLaiLow;
    std::vector<float> stationTheta;           ///< hours x stations, point truth
    std::vector<float> stationSoilTemperature; ///< hours x stations

    float at(const std::vector<float>& v, int k, int cell) const {
        return v[static_cast<std::size_t>(k) * static_cast<std::size_t>(cells) +
                 static_cast<std::size_t>(cell)];
    }
};

/// Runs the bucket model for every cell and station with a spin-up, reporting progress and
/// stopping (CanceledError) when canceled.
CoarseRun simulateCoarse(const TwinConfig& config, const Weather& weather,
                         const std::vector<CellSite>& cells,
                         const std::vector<StationSite>& stations, Feedback& progress);

/// LAI of a site on a day (class cycle with the site's phenology and the year's factor).
double siteLai(std::uint64_t seed, const SoilSite& site, int landCover, double dayOfYear, int year);

/// Cell-mean LAI and NDVI from class fractions.
void cellVegetation(std::uint64_t seed, const CellSite& cell, double dayOfYear, int year,
                    double& lai, double& laiHigh, double& laiLow, double& ndvi);

} // namespace soilscope::demo
