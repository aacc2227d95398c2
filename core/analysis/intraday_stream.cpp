#include "analysis/intraday_stream.h"

#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace soilscope::analysis {

void RunningCorrelation::add(double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y))
        return;
    ++m_n;
    const double n = static_cast<double>(m_n);
    const double dx = x - m_meanX;
    const double dy = y - m_meanY;
    m_meanX += dx / n;
    m_meanY += dy / n;
    m_cxx += dx * (x - m_meanX);
    m_cyy += dy * (y - m_meanY);
    m_cxy += dx * (y - m_meanY);
}

double RunningCorrelation::r() const {
    if (m_n < 3 || !(m_cxx > 0.0) || !(m_cyy > 0.0))
        return std::numeric_limits<double>::quiet_NaN();
    return std::clamp(m_cxy / std::sqrt(m_cxx * m_cyy), -1.0, 1.0);
}

double RunningCorrelation::meanX() const {
    return m_n ? m_meanX : std::numeric_limits<double>::quiet_NaN();
}

double RunningCorrelation::meanY() const {
    return m_n ? m_meanY : std::numeric_limits<double>::quiet_NaN();
}

DailyExtremesStream::DailyExtremesStream(std::size_t pixels, IntradayOptions options,
                                         std::vector<double> longitudes)
    : m_options(options), m_longitudes(std::move(longitudes)), m_states(pixels) {
    if (!m_longitudes.empty() && m_longitudes.size() != pixels)
        throw Error("intraday stream: one longitude per pixel is needed");
}

void DailyExtremesStream::close(std::size_t pixel, const Sink& sink) {
    State& s = m_states[pixel];
    if (s.count >= std::max<std::size_t>(m_options.minObservations, 1)) {
        DayExtremes d;
        d.day = s.day;
        d.count = s.count;
        d.smMax = s.max;
        d.smMin = s.min;
        d.delta = static_cast<double>(s.max) - static_cast<double>(s.min);
        d.hourMax = s.hourMax;
        d.hourMin = s.hourMin;
        sink(pixel, d);
    }
    s.count = 0;
}

void DailyExtremesStream::add(TimePoint t, std::span<const float> values, const Sink& sink) {
    if (values.size() != m_states.size())
        throw Error("intraday stream: map size does not match the pixel count");
    if (m_started && t < m_last)
        throw Error("intraday stream: maps must come in time order");
    m_started = true;
    m_last = t;
    const bool solar = m_options.day == DayDefinition::LocalSolar && !m_longitudes.empty();
    const auto utc = dayAndHour(t, DayDefinition::Utc);
    for (std::size_t p = 0; p < values.size(); ++p) {
        const float v = values[p];
        if (!std::isfinite(v))
            continue;
        const auto [day, hour] =
            solar ? dayAndHour(t, DayDefinition::LocalSolar, m_longitudes[p]) : utc;
        State& s = m_states[p];
        if (s.count > 0 && s.day != day)
            close(p, sink);
        if (s.count == 0) {
            s.day = day;
            s.max = s.min = v;
            s.hourMax = s.hourMin = static_cast<float>(hour);
        } else {
            if (v > s.max) {
                s.max = v;
                s.hourMax = static_cast<float>(hour);
            }
            if (v < s.min) {
                s.min = v;
                s.hourMin = static_cast<float>(hour);
            }
        }
        ++s.count;
    }
}

void DailyExtremesStream::closeBefore(TimePoint t, const Sink& sink) {
    const bool solar = m_options.day == DayDefinition::LocalSolar && !m_longitudes.empty();
    const auto utcDay = dayAndHour(t, DayDefinition::Utc).first;
    for (std::size_t p = 0; p < m_states.size(); ++p) {
        if (m_states[p].count == 0)
            continue;
        const auto day =
            solar ? dayAndHour(t, DayDefinition::LocalSolar, m_longitudes[p]).first : utcDay;
        if (m_states[p].day < day)
            close(p, sink);
    }
}

void DailyExtremesStream::finish(const Sink& sink) {
    for (std::size_t p = 0; p < m_states.size(); ++p)
        if (m_states[p].count > 0)
            close(p, sink);
}

} // namespace soilscope::analysis
