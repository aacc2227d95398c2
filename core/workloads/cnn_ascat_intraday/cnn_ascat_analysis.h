#pragma once
// Internal to core/workloads: the evaluation half of cnn_ascat_intraday (station comparison
// and intraday amplitude analysis on the test-period predictions).
#include "base/time_utils.h"
#include "geo/grid.h"
#include "workloads/workload_run.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace soilscope::workloads {

/// Test-period fields on the 0.25° grid, one frame per overpass time (ascending and
/// descending merged, sorted by time).
struct OverpassFrames {
    geo::Grid grid;
    std::vector<TimePoint> times;
    std::vector<std::vector<float>> cnn;       ///< CNN estimate
    std::vector<std::vector<float>> reference; ///< reanalysis at the overpass hour ("-o")
    std::vector<std::vector<float>> benchmark; ///< H120-like SSM × porosity, m³/m³
};

/// Per-station temporal correlation of CNN, benchmark and reanalysis-o against station
/// truth (top sensor, nearest cell, matched within `window`); stations missing more than
/// `maxMissingDays` days of the period are left out. Writes station_metrics.csv; returns the
/// medians and the count of stations where the CNN beats the benchmark.
nlohmann::json compareWithStations(WorkloadRun& run, const OverpassFrames& frames,
                                   const std::filesystem::path& archive, double depthMax,
                                   std::chrono::seconds window, int maxMissingDays);

/// Intraday amplitude analysis: daily extremes per pixel of CNN, reanalysis-o and the full
/// hourly reanalysis (24 h), r(ΔSM), r(SM_max), r(SM_min) per precipitation condition
/// (r-vs-N table) and the per-pixel means (hours circular) over all days and over the days of
/// `panelCondition` (the paper's rain subset). Writes intraday_conditions.csv,
/// intraday_pixel_means.tif, intraday_pixel_means_subset.tif and intraday.json.
nlohmann::json intradayAnalysis(WorkloadRun& run, const OverpassFrames& frames,
                                const project::DataLayer& hourlyReference,
                                const project::DataLayer& hourlyPrecipitation,
                                const std::vector<std::string>& conditions,
                                const std::string& panelCondition);

} // namespace soilscope::workloads
