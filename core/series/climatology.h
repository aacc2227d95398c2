#pragma once
#include "series/time_series.h"

#include <array>
#include <cstddef>

namespace soilscope::series {

/// Options of the daily climatology, as pytesmo's calc_climatology.
struct ClimatologyOptions {
    double movingAverageOriginalDays = 5.0; ///< box filter on the input (0 = none)
    double movingAverageClimDays = 35.0;    ///< box filter on the 366 day-of-year means
    bool wraparound = true;                 ///< smooth across 31 Dec → 1 Jan
    std::size_t minObsOriginal = 1;         ///< minimum values in the first filter window
    std::size_t minObsClim = 1;             ///< minimum day-of-year means in the second window
    bool median = false;                    ///< day-of-year median instead of mean
};

/// A daily climatology: one value per day of year 1..366, where 60 is 29 February and a
/// non-leap year skips it (pytesmo's doy without leap-year respect). NaN = no data.
class Climatology {
  public:
    Climatology();
    explicit Climatology(const std::array<double, 366>& values) : m_values(values) {}

    /// Day of year 1..366 as if every year were a leap year (1 March is always 61).
    static int dayOfYear(TimePoint t);

    /// The climatology on day of year 1..366 (NaN outside).
    double atDay(int dayOfYear) const;
    /// The climatology for a time.
    double at(TimePoint t) const { return atDay(dayOfYear(t)); }
    const std::array<double, 366>& values() const { return m_values; }

  private:
    std::array<double, 366> m_values;
};

/// Daily climatology of a series: optional box filter on the input (fill-in of gaps), mean
/// (or median) per day of year, then a box filter over days of year, circular when
/// `wraparound` is set.
Climatology computeClimatology(const TimeSeries& series, const ClimatologyOptions& options = {});

/// series − climatology(day of year); missing climatology days give NaN.
TimeSeries climatologyAnomalies(const TimeSeries& series, const Climatology& climatology);

/// Centred box filter in time: each value becomes the mean of the finite values within
/// ±windowDays/2 (inclusive), NaN with fewer than minObs of them. With fillMissing, missing
/// values are replaced by their window mean too; otherwise they stay NaN. O(n).
TimeSeries movingAverage(const TimeSeries& series, double windowDays, std::size_t minObs = 1,
                         bool fillMissing = false);

/// series − movingAverage(series, windowDays): pytesmo's calc_anomaly (35 days by default).
TimeSeries movingAverageAnomalies(const TimeSeries& series, double windowDays = 35.0,
                                  std::size_t minObs = 1);

} // namespace soilscope::series
