#pragma once
#include "base/time_utils.h"
#include "series/time_series.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace soilscope::analysis {

/// Which calendar day an observation belongs to.
enum class DayDefinition {
    Utc,        ///< the UTC date
    LocalSolar, ///< the date in local mean solar time, UTC + longitude / 15 hours
};

/// Options of the intraday amplitude analysis.
struct IntradayOptions {
    std::size_t minObservations = 2; ///< a day needs at least this many valid observations
    DayDefinition day = DayDefinition::Utc;
};

/// The extremes of one series on one day (hours in [0, 24) of the chosen day definition).
struct DayExtremes {
    std::int64_t day = 0;  ///< days since 1970-01-01 in the chosen day definition
    std::size_t count = 0; ///< valid observations that day
    double smMax = std::numeric_limits<double>::quiet_NaN();
    double smMin = std::numeric_limits<double>::quiet_NaN();
    double delta = std::numeric_limits<double>::quiet_NaN();   ///< smMax - smMin
    double hourMax = std::numeric_limits<double>::quiet_NaN(); ///< first time of the maximum
    double hourMin = std::numeric_limits<double>::quiet_NaN(); ///< first time of the minimum
};

/// Offset of local mean solar time from UTC at a longitude, in seconds (lon / 15 hours).
double solarOffsetSeconds(double longitudeDeg);

/// The day index (days since 1970-01-01) and the hour of day in [0, 24) of a time.
std::pair<std::int64_t, double> dayAndHour(TimePoint t, DayDefinition definition,
                                           double longitudeDeg = 0.0);

/// Extremes per day of (time, value) samples sorted by time; NaN values are skipped and days
/// with fewer than options.minObservations valid values are left out. Days ascending.
std::vector<DayExtremes> dailyExtremes(std::span<const TimePoint> times,
                                       std::span<const double> values,
                                       const IntradayOptions& options, double longitudeDeg = 0.0);

/// Extremes per day of a series (see the span overload).
std::vector<DayExtremes> dailyExtremes(const series::TimeSeries& series,
                                       const IntradayOptions& options, double longitudeDeg = 0.0);

/// The reference's values at the given times: the nearest finite reference value within
/// ±tolerance (inclusive; the later one on a tie), NaN where there is none. This is the
/// "reference at observation hours" (ERA5-o) view. Reference times must be sorted.
std::vector<double> sampleAt(const series::TimeSeries& reference, std::span<const TimePoint> times,
                             std::chrono::seconds tolerance);

/// Circular mean of hours of day in [0, 24): 23 h and 1 h average to 0 h. NaN when there are no
/// finite hours or the mean direction is undefined (resultant length below 1e-9).
double circularMeanHours(std::span<const double> hours);

/// A comparison of daily precipitation with a threshold, as in "pt>10" or "pt1=0".
struct PrecipitationComparison {
    enum class Op { Greater, GreaterEqual, Less, LessEqual, Equal };
    Op op = Op::Greater;
    double threshold = 0.0; ///< mm per day
    bool test(double p) const;
};

/// A condition on the precipitation of the day (p_t) and of the day before (p_{t-1}).
/// Text form: "all", or terms "pt OP X" / "pt1 OP X" joined by '&' (OP one of > >= < <= =),
/// e.g. "pt>10&pt1=0". A day with missing precipitation only passes "all".
struct PrecipitationCondition {
    std::string label = "all";
    std::vector<PrecipitationComparison> today;
    std::vector<PrecipitationComparison> yesterday;

    /// Parses the text form; throws soilscope::Error naming the text when it is malformed.
    static PrecipitationCondition parse(const std::string& text);
    bool test(double pToday, double pYesterday) const;
    bool unconditional() const { return today.empty() && yesterday.empty(); }
};

/// One pixel- (or station-) day seen by two products: A (e.g. the model at overpasses) and
/// B (e.g. the reference at the same hours), with that day's precipitation.
struct PairedDay {
    std::int64_t pixel = 0;
    std::int64_t day = 0;
    double pToday = std::numeric_limits<double>::quiet_NaN();     ///< mm
    double pYesterday = std::numeric_limits<double>::quiet_NaN(); ///< mm
    DayExtremes a;
    DayExtremes b;
};

/// Pearson correlations between the two products' daily values over the days passing a
/// condition (both products valid): the r-vs-N table of the intraday analysis.
struct ConditionCorrelation {
    std::string condition;
    std::size_t n = 0;
    double rDelta = std::numeric_limits<double>::quiet_NaN();
    double rMax = std::numeric_limits<double>::quiet_NaN();
    double rMin = std::numeric_limits<double>::quiet_NaN();
    double meanDeltaA = std::numeric_limits<double>::quiet_NaN();
    double meanDeltaB = std::numeric_limits<double>::quiet_NaN();
};

/// Correlations for one condition.
ConditionCorrelation correlateDays(std::span<const PairedDay> days,
                                   const PrecipitationCondition& condition);

/// Pairs the days of two products present in both (same day index).
std::vector<PairedDay> pairDays(std::span<const DayExtremes> a, std::span<const DayExtremes> b,
                                std::int64_t pixel = 0);

/// Running per-pixel means of daily extremes: arithmetic for values, circular for hours.
class PixelDayMeans {
  public:
    /// Layers in output order.
    enum class Layer { HourMax, HourMin, SmMax, SmMin, DeltaSm, Days };
    explicit PixelDayMeans(std::size_t pixels);
    void add(std::size_t pixel, const DayExtremes& day);
    /// One layer, NaN where a pixel had no day (Days: the count, 0 allowed).
    std::vector<float> layer(Layer layer) const;
    /// "hour_max", "hour_min", "sm_max", "sm_min", "delta_sm", "days".
    static const char* layerName(Layer layer);
    static constexpr int layerCount = 6;

  private:
    struct Sums {
        double sinMax = 0, cosMax = 0, sinMin = 0, cosMin = 0, smMax = 0, smMin = 0, delta = 0;
        std::size_t days = 0;
    };
    std::vector<Sums> m_sums;
};

} // namespace soilscope::analysis
