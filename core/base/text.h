#pragma once
#include <string>
#include <string_view>

namespace soilscope {

/// The text with ASCII letters in lower case (names, attributes and units compared loosely).
std::string lowerAscii(std::string text);

/// The text without leading and trailing ASCII white space (space, tab, CR, LF, VT, FF).
std::string_view trimSpace(std::string_view text);

/// A CSV field in double quotes (inner quotes doubled).
std::string csvQuote(const std::string& text);

/// "%.10g" text of a number, empty for NaN and infinities (CSV cells).
std::string csvNumber(double v);

} // namespace soilscope
