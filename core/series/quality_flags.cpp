#include "series/quality_flags.h"

#include <cctype>

namespace soilscope::series {

namespace {
std::uint32_t parseOne(std::string_view code) {
    while (!code.empty() && std::isspace(static_cast<unsigned char>(code.front())))
        code.remove_prefix(1);
    while (!code.empty() && std::isspace(static_cast<unsigned char>(code.back())))
        code.remove_suffix(1);
    if (code.empty())
        return flag::None;
    if (code == "G")
        return flag::G;
    if (code == "U")
        return flag::U;
    if (code.size() == 3 && (code[0] == 'C' || code[0] == 'D') &&
        std::isdigit(static_cast<unsigned char>(code[1])) &&
        std::isdigit(static_cast<unsigned char>(code[2]))) {
        const int n = (code[1] - '0') * 10 + (code[2] - '0');
        if (code[0] == 'C' && n >= 1 && n <= 3)
            return flag::C(n);
        if (code[0] == 'D' && n >= 1 && n <= 10)
            return flag::D(n);
    }
    return flag::Other;
}
} // namespace

std::uint32_t parseFlags(std::string_view text) {
    std::uint32_t mask = flag::None;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::size_t end = comma == std::string_view::npos ? text.size() : comma;
        mask |= parseOne(text.substr(start, end - start));
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    return mask;
}

std::string formatFlags(std::uint32_t mask) {
    std::string out;
    auto add = [&](const std::string& code) { out += (out.empty() ? "" : ",") + code; };
    if (mask & flag::G)
        add("G");
    for (int n = 1; n <= 3; ++n)
        if (mask & flag::C(n))
            add("C0" + std::to_string(n));
    for (int n = 1; n <= 10; ++n)
        if (mask & flag::D(n))
            add(n < 10 ? "D0" + std::to_string(n) : "D10");
    if (mask & flag::U)
        add("U");
    if (mask & flag::Other)
        add("OTHER");
    return out;
}

} // namespace soilscope::series
