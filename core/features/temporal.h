#pragma once
#include "base/time_utils.h"
#include "series/time_series.h"

#include <chrono>
#include <optional>
#include <vector>

namespace soilscope::features {

/// Statistic over an antecedent window.
enum class AntecedentStatistic { Sum, Mean, Min, Max, Std };

/// An antecedent window of N days before each target date. With includeCurrent the window
/// is the target day and the N−1 days before it, otherwise the N days before the target day.
/// Days are UTC calendar days; every observation whose time falls in a window day counts.
struct AntecedentWindow {
    int days = 1;
    bool includeCurrent = true;
    AntecedentStatistic statistic = AntecedentStatistic::Sum;
    /// Window days without any finite observation that are tolerated; more gives NaN.
    int maxMissingDays = 0;
};

/// The antecedent statistic for every target time (NaN where the window is too incomplete).
/// The series must be sorted by time.
std::vector<double> antecedentStatistic(const series::TimeSeries& source,
                                        const std::vector<TimePoint>& targets,
                                        const AntecedentWindow& window);

/// Consecutive dry days before each target: days with a daily total < threshold counted
/// backwards from the target day (included when includeCurrent) until the first wet day.
/// A day without observations ends the count; up to maxDays are counted.
std::vector<double> consecutiveDryDays(const series::TimeSeries& precipitation,
                                       const std::vector<TimePoint>& targets,
                                       double thresholdMm = 0.1, bool includeCurrent = true,
                                       int maxDays = 366);

/// Temporal interpolation methods.
enum class InterpolationMethod { Linear, NaturalSpline, Nearest };

/// Interpolation to target dates.
struct InterpolationOptions {
    InterpolationMethod method = InterpolationMethod::Linear;
    /// Largest distance between the two valid observations that bracket a target (Linear,
    /// Spline) or between the target and its nearest observation (Nearest); nullopt = none.
    std::optional<std::chrono::seconds> maxGap;
};

/// Values of `source` (NaN values ignored) at the target times; NaN outside the observed
/// span or across a gap larger than maxGap. Exact hits return the observation.
std::vector<double> interpolateToDates(const series::TimeSeries& source,
                                       const std::vector<TimePoint>& targets,
                                       const InterpolationOptions& options = {});

} // namespace soilscope::features
