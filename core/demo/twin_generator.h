#pragma once
#include "base/feedback.h"
#include "demo/twin_config.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace soilscope::demo {

/// What a generation produced.
struct TwinSummary {
    std::filesystem::path dir;
    std::vector<std::pair<std::string, std::uintmax_t>> files; ///< relative path, bytes
    std::uintmax_t totalBytes = 0;
};

/// Generates a twin region into dir: written into a sibling temporary folder and moved into
/// place only when complete (an existing twin there is replaced; a non-empty folder that is not
/// a twin is refused with soilscope::Error). Progress, each stage's name (info) and
/// cancellation go through `feedback`.
TwinSummary generateTwin(const TwinConfig& config, const std::filesystem::path& dir,
                         Feedback& feedback);

} // namespace soilscope::demo
