#include "stations/sensor_summary.h"

#include "series/quality_flags.h"
#include "stations/ismn_reader.h"

#include <cmath>
#include <limits>

namespace soilscope::stations {

namespace {

class SummaryAccumulator {
  public:
    explicit SummaryAccumulator(std::uint32_t acceptedFlags) : m_accepted(acceptedFlags) {}

    void add(TimePoint t, double value, std::uint32_t flags) {
        const bool finite = std::isfinite(value);
        if (m_accepted != ~0u && (!finite || !series::flagsAccepted(flags, m_accepted)))
            return;
        ++m_out.n;
        if (!m_out.first)
            m_out.first = t;
        m_out.last = t;
        if (!finite)
            return;
        ++m_out.nValid;
        m_sum += value;
        if (flags == series::flag::G)
            ++m_out.nGood;
    }

    SensorSummary result() const {
        SensorSummary out = m_out;
        out.mean = out.nValid ? m_sum / static_cast<double>(out.nValid)
                              : std::numeric_limits<double>::quiet_NaN();
        return out;
    }

  private:
    std::uint32_t m_accepted;
    SensorSummary m_out;
    double m_sum = 0.0;
};

SensorSummary summarizeSeries(const series::TimeSeries& s, std::uint32_t acceptedFlags) {
    SummaryAccumulator acc(acceptedFlags);
    for (std::size_t i = 0; i < s.size(); ++i)
        acc.add(s.times[i], s.values[i], i < s.flags.size() ? s.flags[i] : 0u);
    return acc.result();
}

} // namespace

SensorSummary summarizeSensor(const Sensor& sensor, std::uint32_t acceptedFlags,
                              Feedback* feedback) {
    if (sensor.loaded)
        return summarizeSeries(sensor.series, acceptedFlags);
    if (sensor.format != IsmnFormat::Ceop) {
        SummaryAccumulator acc(acceptedFlags);
        std::optional<TimePoint> previous;
        bool ordered = true;
        streamIsmnRecords(sensor.sourceFile, feedback, [&](const IsmnRecord& r) {
            if (previous && r.time <= *previous)
                return ordered = false;
            previous = r.time;
            acc.add(r.time, r.value, r.flags);
            return true;
        });
        if (ordered)
            return acc.result();
    }
    Sensor loaded = sensor;
    loadSensorData(loaded);
    return summarizeSeries(loaded.series, acceptedFlags);
}

} // namespace soilscope::stations
