#pragma once
// Text from files (station names, CSV headers, units, file names) may be Latin-1 or broken
// UTF-8; JSON output must be valid UTF-8.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace soilscope {

/// The text as valid UTF-8: valid sequences are kept, every other byte is read as Latin-1
/// (0xE9 becomes "é"), so nothing is lost and nothing throws.
std::string validUtf8(std::string_view text);

/// The document with every string and key made valid UTF-8 (see validUtf8).
nlohmann::json withValidUtf8(const nlohmann::json& document);

/// json.dump() that never throws on invalid UTF-8 (strings pass through validUtf8 first).
std::string dumpJson(const nlohmann::json& document, int indent = -1);

} // namespace soilscope
