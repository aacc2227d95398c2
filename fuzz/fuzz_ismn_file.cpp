// The ISMN file parser (header_values, ceop_sep, ceop) on arbitrary bytes, header only and whole.
#include "base/error.h"
#include "stations/ismn_reader.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    for (const bool loadData : {false, true}) {
        try {
            soilscope::stations::parseIsmnBuffer(content, "fuzz.stm", loadData);
        } catch (const soilscope::Error&) {
        }
    }
    soilscope::stations::parseIsmnFileName(content.substr(0, 200));
    return 0;
}
