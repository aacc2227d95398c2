#pragma once
// Base64 (RFC 4648, with padding): binary payloads inside JSON documents, e.g. the series that
// processes send to the root under mpirun.
#include <string>
#include <string_view>

namespace soilscope {

std::string base64Encode(std::string_view bytes);
/// Throws soilscope::Error naming `context` when the text is not base64.
std::string base64Decode(std::string_view text, const std::string& context);

} // namespace soilscope
