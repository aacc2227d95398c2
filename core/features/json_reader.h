#pragma once
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace soilscope::features {

/// Typed access to a JSON object that names the JSON path in every error, e.g.
/// "/predictors/2/days: expected an integer". Unknown keys are reported as errors too, so a
/// misspelt key does not silently fall back to a default.
class JsonReader {
  public:
    JsonReader(const nlohmann::json& object, std::string path);

    const std::string& path() const { return m_path; }
    bool has(const std::string& key) const;
    std::string string(const std::string& key,
                       const std::optional<std::string>& fallback = {}) const;
    double number(const std::string& key, const std::optional<double>& fallback = {}) const;
    std::optional<double> optionalNumber(const std::string& key) const;
    long long integer(const std::string& key, const std::optional<long long>& fallback = {}) const;
    bool boolean(const std::string& key, const std::optional<bool>& fallback = {}) const;
    std::vector<double> numbers(const std::string& key) const;
    std::vector<std::string> strings(const std::string& key) const;
    const nlohmann::json& value(const std::string& key) const;
    /// The path of a key: "<path>/<key>".
    std::string at(const std::string& key) const { return m_path + "/" + key; }
    /// Throws for keys not in `known`.
    void allowOnly(const std::vector<std::string>& known) const;
    [[noreturn]] void fail(const std::string& key, const std::string& problem) const;

  private:
    const nlohmann::json& m_json;
    std::string m_path;
};

} // namespace soilscope::features
