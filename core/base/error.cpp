#include "base/error.h"

#include <cstdio>

namespace soilscope {

namespace {
/// Bytes of files end up in messages: a NUL would cut what() short and other control
/// characters garble terminals, so they are written as \xNN (line breaks and tabs stay).
std::string printable(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\t') {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", u);
            out += buf;
        } else if (u == 0x7F) {
            out += "\\x7F";
        } else {
            out += c;
        }
    }
    return out;
}

std::string compose(const std::string& message, const std::string& context) {
    return context.empty() ? message : context + ": " + message;
}
} // namespace

Error::Error(const std::string& message, std::string context)
    : std::runtime_error(compose(printable(message), printable(context))),
      m_message(printable(message)), m_context(printable(context)) {}

} // namespace soilscope
