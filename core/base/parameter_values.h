#pragma once
#include "base/parameter_spec.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace soilscope {

/// Parameter values checked against a task's specs: types, ranges, choices, required ones,
/// with defaults filled in. Values are kept as text; the getters convert.
/// A JSON value as the text ParameterValues takes: a string as it is, a list joined by commas,
/// null as no text, anything else as JSON.
std::string parameterText(const nlohmann::json& value);

class ParameterValues {
  public:
    ParameterValues() = default;
    /// Checks raw text values against the specs; throws UsageError naming the parameter.
    static ParameterValues fromText(const std::vector<ParameterSpec>& specs,
                                    const std::map<std::string, std::string>& raw);

    bool has(const std::string& name) const;
    std::string text(const std::string& name) const;
    std::filesystem::path path(const std::string& name) const;
    long long integer(const std::string& name) const;
    double real(const std::string& name) const;
    std::optional<double> optionalReal(const std::string& name) const;
    /// A duration such as 12h or 30min (parseDuration); errors name the option.
    std::chrono::seconds duration(const std::string& name) const;
    bool flag(const std::string& name) const;
    /// Comma-separated list, items trimmed, empty items dropped.
    std::vector<std::string> list(const std::string& name) const;

    void set(const std::string& name, std::string value) { m_values[name] = std::move(value); }
    const std::map<std::string, std::string>& all() const { return m_values; }

  private:
    std::map<std::string, std::string> m_values;
};

} // namespace soilscope
