#include "base/json_text.h"

#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace soilscope {

std::size_t jsonNestingDepth(std::string_view text) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

nlohmann::json parseJsonText(const std::string& text, const std::string& context,
                             std::size_t maxDepth) {
    if (const std::size_t depth = jsonNestingDepth(text); depth > maxDepth)
        throw Error("not a usable JSON document: arrays and objects nested " +
                        std::to_string(depth) + " levels deep (at most " +
                        std::to_string(maxDepth) + ")",
                    context);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // Line and column of the byte the parser stopped at.
        const std::size_t at = std::min(e.byte > 0 ? e.byte - 1 : 0, text.size());
        const auto line = 1 + std::count(text.begin(), text.begin() + at, '\n');
        const std::size_t lineStart =
            at == 0 ? 0 : std::string_view(text).substr(0, at).find_last_of('\n') + 1;
        const std::size_t column = at - lineStart + 1;
        std::string what = e.what();
        if (const auto colon = what.find("syntax error"); colon != std::string::npos)
            what = what.substr(colon);
        throw Error("not valid JSON (line " + std::to_string(line) + ", column " +
                        std::to_string(column) + "): " + what,
                    context);
    } catch (const nlohmann::json::exception& e) {
        // e.g. a number beyond double's range (1e999)
        std::string what = e.what();
        if (const auto bracket = what.find("] "); bracket != std::string::npos)
            what = what.substr(bracket + 2);
        throw Error("not valid JSON: " + what, context);
    }
}

nlohmann::json jsonNumber(double value) {
    if (std::isnan(value))
        return nullptr;
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    return value;
}

double numberFromJson(const nlohmann::json& value) {
    if (value.is_number())
        return value.get<double>();
    if (value.is_string()) {
        if (value.get<std::string>() == "inf")
            return std::numeric_limits<double>::infinity();
        if (value.get<std::string>() == "-inf")
            return -std::numeric_limits<double>::infinity();
    }
    return std::numeric_limits<double>::quiet_NaN();
}

nlohmann::json jsonNumbers(const std::vector<float>& values) {
    nlohmann::json a = nlohmann::json::array();
    for (const float v : values)
        a.push_back(jsonNumber(v));
    return a;
}

std::vector<float> floatsFromJson(const nlohmann::json& values) {
    std::vector<float> v;
    v.reserve(values.size());
    for (const auto& x : values)
        v.push_back(float(numberFromJson(x)));
    return v;
}

} // namespace soilscope
