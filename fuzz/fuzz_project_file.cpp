// Project files: JSON text (depth, syntax) and every key of the project schema.
#include "base/error.h"
#include "base/json_text.h"
#include "project/project_file.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto json = soilscope::parseJsonText(text, "/fuzz/p.soilscope.json");
        const auto project = soilscope::project::parseProject(json, "/fuzz/p.soilscope.json");
        project.toJson("/fuzz");
    } catch (const soilscope::Error&) {
    }
    return 0;
}
