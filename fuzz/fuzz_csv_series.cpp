// The CSV time-series reader on arbitrary bytes: every column as numbers, flags and text.
#include "base/error.h"
#include "stations/csv_time_series.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using soilscope::stations::CsvTimeSeries;
    try {
        const CsvTimeSeries table = CsvTimeSeries::parse(
            std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
        for (const auto& column : table.columns()) {
            try {
                if (table.isNumeric(column))
                    table.numbers(column);
                table.flags(column);
                table.text(column);
            } catch (const soilscope::Error&) {
            }
        }
    } catch (const soilscope::Error&) {
    }
    return 0;
}
