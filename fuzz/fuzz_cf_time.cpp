// CF time units, calendars and values: "UNITS\nCALENDAR\nVALUE" from arbitrary bytes.
#include "base/error.h"
#include "geo/cf_time.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto first = text.find('\n');
    const auto second = first == std::string::npos ? first : text.find('\n', first + 1);
    const std::string units = text.substr(0, first);
    const std::string calendar =
        first == std::string::npos ? std::string() : text.substr(first + 1, second - first - 1);
    double value = 0.0;
    if (second != std::string::npos && size - second - 1 >= sizeof value)
        std::memcpy(&value, text.data() + second + 1, sizeof value);
    try {
        const auto cf = soilscope::geo::parseCfTimeUnits(units, calendar);
        soilscope::geo::cfToTime(value, cf);
        soilscope::geo::cfToTime(std::strtod(units.c_str(), nullptr), cf);
    } catch (const soilscope::Error&) {
    }
    return 0;
}
