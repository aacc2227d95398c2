#pragma once
#include <string>

namespace soilscope {

/// The text with ASCII letters in lower case (names, attributes and units compared loosely).
std::string lowerAscii(std::string text);

} // namespace soilscope
