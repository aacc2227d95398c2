#pragma once
#include "base/feedback.h"
#include "base/time_utils.h"
#include "stations/sensor.h"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace soilscope::stations {

/// What `stations` reports of a sensor's observations. With every flag accepted, n counts every
/// record (NaN values too); otherwise only the finite values whose flags are accepted.
struct SensorSummary {
    std::size_t n = 0;
    std::size_t nValid = 0; ///< finite values
    std::size_t nGood = 0;  ///< finite values flagged G alone
    std::optional<TimePoint> first;
    std::optional<TimePoint> last;
    double mean = 0.0; ///< of the finite values; NaN when there is none
};

/// Summarises a sensor. A loaded sensor is summarised from memory; otherwise its file is
/// streamed (memory bounded by a read chunk, nothing kept), and read whole only when its
/// records are out of time order or repeated (whose sorting and de-duplication the summary
/// must see, as loadSensorData does). Throws soilscope::Error naming file and line.
SensorSummary summarizeSensor(const Sensor& sensor, std::uint32_t acceptedFlags,
                              Feedback* feedback = nullptr);

} // namespace soilscope::stations
