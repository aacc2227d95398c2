#include "base/text.h"

#include <algorithm>
#include <cctype>

namespace soilscope {

std::string lowerAscii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

} // namespace soilscope
