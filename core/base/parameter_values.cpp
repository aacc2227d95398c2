#include "base/parameter_values.h"

#include "base/error.h"
#include "base/time_utils.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

namespace soilscope {

namespace {

std::optional<double> toNumber(const std::string& s) {
    double v = 0;
    const char* b = s.data();
    const char* e = s.data() + s.size();
    while (b < e && *b == ' ')
        ++b;
    if (b < e && *b == '+')
        ++b;
    const auto [ptr, ec] = std::from_chars(b, e, v);
    if (ec != std::errc{} || ptr != e)
        return std::nullopt;
    return v;
}

std::optional<bool> toBool(const std::string& s) {
    if (s == "true" || s == "1" || s == "yes" || s == "on")
        return true;
    if (s == "false" || s == "0" || s == "no" || s == "off")
        return false;
    return std::nullopt;
}

void checkValue(const ParameterSpec& spec, const std::string& value) {
    const std::string where = "--" + spec.name;
    switch (spec.type) {
    case ParameterType::Int:
    case ParameterType::Double: {
        const auto v = toNumber(value);
        if (!v)
            throw UsageError("expected a number, got '" + value + "'", where);
        if (!std::isfinite(*v)) // NaN would pass every range comparison
            throw UsageError("expected a finite number, got '" + value + "'", where);
        if (spec.type == ParameterType::Int && std::floor(*v) != *v)
            throw UsageError("expected a whole number, got '" + value + "'", where);
        if (spec.type == ParameterType::Int && std::abs(*v) > 9.0e15)
            throw UsageError("the whole number '" + value + "' is too large", where);
        if (*v < spec.minimum || *v > spec.maximum) {
            std::ostringstream ss;
            ss << "value " << value << " is outside [" << spec.minimum << ", " << spec.maximum
               << "]";
            throw UsageError(ss.str(), where);
        }
        break;
    }
    case ParameterType::Bool:
        if (!toBool(value))
            throw UsageError("expected true or false, got '" + value + "'", where);
        break;
    case ParameterType::Choice:
        if (std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end()) {
            std::string options;
            for (const auto& c : spec.choices)
                options += (options.empty() ? "" : ", ") + c;
            throw UsageError("'" + value + "' is not one of: " + options, where);
        }
        break;
    case ParameterType::Path:
        if (value.empty())
            throw UsageError("empty path", where);
        break;
    case ParameterType::String:
    case ParameterType::StringList:
        break;
    }
}

} // namespace

std::string parameterText(const nlohmann::json& value) {
    if (value.is_null())
        return {};
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value)
            out += (out.empty() ? "" : ",") + parameterText(item);
        return out;
    }
    return value.dump();
}

ParameterValues ParameterValues::fromText(const std::vector<ParameterSpec>& specs,
                                          const std::map<std::string, std::string>& raw) {
    ParameterValues values;
    for (const auto& [name, value] : raw) {
        const auto it =
            std::find_if(specs.begin(), specs.end(),
                         [&key = name](const ParameterSpec& s) { return s.name == key; });
        if (it == specs.end())
            throw UsageError("unknown parameter", "--" + name);
        checkValue(*it, value);
        values.m_values[name] = value;
    }
    for (const auto& spec : specs) {
        if (values.has(spec.name))
            continue;
        if (spec.required)
            throw UsageError("required parameter is missing", "--" + spec.name);
        if (!spec.defaultValue.empty())
            values.m_values[spec.name] = spec.defaultValue;
    }
    return values;
}

bool ParameterValues::has(const std::string& name) const {
    return m_values.count(name) > 0;
}

std::string ParameterValues::text(const std::string& name) const {
    const auto it = m_values.find(name);
    return it == m_values.end() ? std::string{} : it->second;
}

std::filesystem::path ParameterValues::path(const std::string& name) const {
    return std::filesystem::path(text(name));
}

long long ParameterValues::integer(const std::string& name) const {
    return std::llround(real(name));
}

double ParameterValues::real(const std::string& name) const {
    const auto v = optionalReal(name);
    if (!v)
        throw UsageError("a number is required", "--" + name);
    return *v;
}

std::chrono::seconds ParameterValues::duration(const std::string& name) const {
    try {
        return parseDuration(text(name));
    } catch (const UsageError& e) {
        throw UsageError(e.message(), "--" + name);
    }
}

std::optional<double> ParameterValues::optionalReal(const std::string& name) const {
    if (!has(name))
        return std::nullopt;
    const auto v = toNumber(text(name));
    if (!v)
        throw UsageError("expected a number, got '" + text(name) + "'", "--" + name);
    return v;
}

bool ParameterValues::flag(const std::string& name) const {
    return has(name) && toBool(text(name)).value_or(false);
}

std::vector<std::string> ParameterValues::list(const std::string& name) const {
    std::vector<std::string> out;
    std::stringstream ss(text(name));
    std::string item;
    while (std::getline(ss, item, ',')) {
        const auto b = item.find_first_not_of(" \t");
        const auto e = item.find_last_not_of(" \t");
        if (b != std::string::npos)
            out.push_back(item.substr(b, e - b + 1));
    }
    return out;
}

} // namespace soilscope
