#pragma once
// One station (or one upscaled pixel) validated against one or more candidates, as a
// validation framework run does it: period, anomalies, matching, scaling, metrics with analytic
// and bootstrap intervals, intra-annual windows, per-year stability with trends, and triple
// collocation with bootstrap intervals.
#include "analysis/bootstrap.h"
#include "analysis/station_table.h"
#include "analysis/trend.h"
#include "analysis/triple_collocation.h"
#include "series/scaler.h"
#include "series/temporal_matching.h"
#include "series/time_series.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::analysis {

/// A part of every year, from month/day to month/day inclusive (may wrap over 31 December).
struct YearWindow {
    std::string name;
    int fromMonth = 1, fromDay = 1, toMonth = 12, toDay = 31;
    /// True when t's month/day lies in the window widened by `overlapDays` on both sides.
    bool contains(TimePoint t, int overlapDays = 0) const;
};

/// DJF, MAM, JJA, SON.
std::vector<YearWindow> seasonWindows();
/// Jan ... Dec.
std::vector<YearWindow> monthWindows();
/// "NAME=MM-DD/MM-DD", e.g. "growing=04-15/09-30"; throws soilscope::UsageError.
YearWindow parseYearWindow(const std::string& text);

/// What a validation run does with every station.
struct NetworkValidationOptions {
    std::chrono::seconds window{12 * 3600};              ///< temporal matching ±window
    std::optional<TimePoint> start, end;                 ///< the period [start, end)
    std::string anomalies = "none";                      ///< none, moving, climatology
    double anomalyWindowDays = 35.0;                     ///< moving-average window
    std::optional<TimePoint> baselineStart, baselineEnd; ///< climatology baseline period
    series::ScalingMethod scaling = series::ScalingMethod::None;
    bool scaleReference = false; ///< false: candidates to the reference; true: the reference to
                                 ///< each candidate (metrics in the candidate's space)
    std::size_t minPairs = 10;
    int bootstrapResamples = 0; ///< 0: analytic intervals only
    BootstrapMethod bootstrapMethod = BootstrapMethod::Percentile;
    std::uint64_t seed = 42;
    std::vector<YearWindow> windows; ///< intra-annual windows
    int windowOverlapDays = 0;
    bool stability = false;         ///< per-year metrics and their trends
    bool tripleCollocation = false; ///< reference + first two candidates
};

/// One candidate at one station.
struct CandidateResult {
    StationProductResult bulk;                 ///< metrics, analytic intervals, matched pairs
    std::map<std::string, Interval> bootstrap; ///< per metric, when resamples > 0
    std::vector<Metrics> windows;              ///< one per options.windows
    std::map<int, Metrics> years;              ///< stability: metrics per calendar year
    std::map<std::string, Trend> trends;       ///< stability: R, bias, ubRMSD per decade
    std::string note;                          ///< why there are no metrics, else empty
};

/// Collocation of the reference with every candidate: triple collocation for two candidates,
/// extended collocation for more; data set 0 is the reference.
struct CollocationResult {
    Collocation metrics;
    std::vector<Interval> errorStd; ///< bootstrap (percentile) intervals when resamples > 0
    std::vector<Interval> snrDb;
    std::string note;
};

struct StationValidation {
    std::vector<CandidateResult> candidates;
    std::optional<CollocationResult> collocation;
};

/// The metrics names the stability trends are computed for.
const std::vector<std::string>& stabilityMetrics();

/// Prepares a series as the options say: the period, then anomalies (the climatology from the
/// baseline period when one is given). Sorted input expected.
series::TimeSeries prepareSeries(const series::TimeSeries& series,
                                 const NetworkValidationOptions& options);

/// Validates prepared candidates against a prepared reference. Matching is driven by the
/// sparser series: each observation of the one with fewer valid values takes the nearest
/// observation of the other within ±window, so an hourly station against a daily product gives
/// one pair per product day; the reference stays the reference of every metric. The seed of the
/// bootstrap is mixed with `unitSeed` (e.g. the station index), so a station's intervals do
/// not depend on the order or split of the run.
StationValidation validateStation(const series::TimeSeries& reference,
                                  const std::vector<const series::TimeSeries*>& candidates,
                                  const NetworkValidationOptions& options,
                                  std::uint64_t unitSeed = 0);

} // namespace soilscope::analysis
