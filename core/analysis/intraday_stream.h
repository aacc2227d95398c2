#pragma once
#include "analysis/intraday.h"

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

namespace soilscope::analysis {

/// Pearson correlation accumulated one pair at a time (Welford co-moments, stable).
class RunningCorrelation {
  public:
    void add(double x, double y);
    std::size_t n() const { return m_n; }
    /// r, NaN for fewer than 3 pairs or a constant variable.
    double r() const;
    double meanX() const;
    double meanY() const;

  private:
    std::size_t m_n = 0;
    double m_meanX = 0.0, m_meanY = 0.0, m_cxx = 0.0, m_cyy = 0.0, m_cxy = 0.0;
};

/// Per-pixel daily extremes of maps fed in time order, without holding the series: each
/// pixel keeps its open day; a day is handed to the sink when a later day starts for that
/// pixel (or at finish()). Days with fewer than options.minObservations values are dropped.
class DailyExtremesStream {
  public:
    using Sink = std::function<void(std::size_t pixel, const DayExtremes& day)>;
    /// longitudes: one per pixel for local solar days (may be empty for UTC days).
    DailyExtremesStream(std::size_t pixels, IntradayOptions options,
                        std::vector<double> longitudes = {});
    /// Adds one map (values per pixel, NaN = no observation) at time t; times must not
    /// decrease. Throws soilscope::Error on a size mismatch or a time going back.
    void add(TimePoint t, std::span<const float> values, const Sink& sink);
    /// Hands out the open days that ended before t (the pixel's day at t is later).
    void closeBefore(TimePoint t, const Sink& sink);
    /// Hands out every open day.
    void finish(const Sink& sink);

  private:
    struct State {
        std::int64_t day = 0;
        std::size_t count = 0;
        float max = 0, min = 0;
        float hourMax = 0, hourMin = 0;
    };
    void close(std::size_t pixel, const Sink& sink);
    IntradayOptions m_options;
    std::vector<double> m_longitudes;
    std::vector<State> m_states;
    TimePoint m_last{};
    bool m_started = false;
};

} // namespace soilscope::analysis
