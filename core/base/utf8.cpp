#include "base/utf8.h"

namespace soilscope {

namespace {

/// Length of the valid UTF-8 sequence starting at i, 0 when there is none.
std::size_t sequenceLength(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    std::size_t n = 0;
    unsigned int cp = 0;
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + n > s.size())
        return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    const bool overlong =
        (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

} // namespace

std::string validUtf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (const std::size_t n = sequenceLength(text, i); n > 0) {
            out.append(text.substr(i, n));
            i += n;
            continue;
        }
        const auto c = static_cast<unsigned char>(text[i++]); // Latin-1: U+0080..U+00FF
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
    return out;
}

nlohmann::json withValidUtf8(const nlohmann::json& document) {
    if (document.is_string())
        return validUtf8(document.get_ref<const std::string&>());
    if (document.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& e : document)
            out.push_back(withValidUtf8(e));
        return out;
    }
    if (document.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [key, value] : document.items())
            out[validUtf8(key)] = withValidUtf8(value);
        return out;
    }
    return document;
}

std::string dumpJson(const nlohmann::json& document, int indent) {
    return withValidUtf8(document).dump(indent);
}

} // namespace soilscope
