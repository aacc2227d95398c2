// Zip central directories (zip64 included) and the unpack checks of each member.
#include "base/error.h"
#include "base/zip_directory.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        const auto directory = soilscope::ZipDirectory::parse(bytes, "fuzz.zip");
        for (const auto& member : directory.members()) {
            try {
                directory.checkUnpackable(member);
            } catch (const soilscope::Error&) {
            }
            directory.find(member.name);
        }
    } catch (const soilscope::Error&) {
    }
    return 0;
}
