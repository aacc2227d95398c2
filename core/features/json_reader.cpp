#include "features/json_reader.h"

#include "base/error.h"

#include <algorithm>

namespace soilscope::features {

JsonReader::JsonReader(const nlohmann::json& object, std::string path)
    : m_json(object), m_path(std::move(path)) {
    if (!m_json.is_object())
        throw Error((m_path.empty() ? std::string("/") : m_path) + ": expected a JSON object");
}

void JsonReader::fail(const std::string& key, const std::string& problem) const {
    throw Error(at(key) + ": " + problem);
}

bool JsonReader::has(const std::string& key) const {
    return m_json.contains(key) && !m_json.at(key).is_null();
}

const nlohmann::json& JsonReader::value(const std::string& key) const {
    if (!has(key))
        fail(key, "missing");
    return m_json.at(key);
}

std::string JsonReader::string(const std::string& key,
                               const std::optional<std::string>& fallback) const {
    if (!has(key)) {
        if (fallback)
            return *fallback;
        fail(key, "missing (a text value is required)");
    }
    const auto& v = m_json.at(key);
    if (!v.is_string())
        fail(key, "expected a text value");
    return v.get<std::string>();
}

double JsonReader::number(const std::string& key, const std::optional<double>& fallback) const {
    if (!has(key)) {
        if (fallback)
            return *fallback;
        fail(key, "missing (a number is required)");
    }
    const auto& v = m_json.at(key);
    if (!v.is_number())
        fail(key, "expected a number");
    return v.get<double>();
}

std::optional<double> JsonReader::optionalNumber(const std::string& key) const {
    if (!has(key))
        return std::nullopt;
    return number(key);
}

long long JsonReader::integer(const std::string& key,
                              const std::optional<long long>& fallback) const {
    if (!has(key)) {
        if (fallback)
            return *fallback;
        fail(key, "missing (an integer is required)");
    }
    const auto& v = m_json.at(key);
    if (!v.is_number_integer())
        fail(key, "expected an integer");
    return v.get<long long>();
}

bool JsonReader::boolean(const std::string& key, const std::optional<bool>& fallback) const {
    if (!has(key)) {
        if (fallback)
            return *fallback;
        fail(key, "missing (true or false is required)");
    }
    const auto& v = m_json.at(key);
    if (!v.is_boolean())
        fail(key, "expected true or false");
    return v.get<bool>();
}

std::vector<double> JsonReader::numbers(const std::string& key) const {
    const auto& v = value(key);
    if (!v.is_array())
        fail(key, "expected an array of numbers");
    std::vector<double> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_number())
            fail(key + "/" + std::to_string(i), "expected a number");
        out.push_back(v[i].get<double>());
    }
    return out;
}

std::vector<std::string> JsonReader::strings(const std::string& key) const {
    const auto& v = value(key);
    if (!v.is_array())
        fail(key, "expected an array of text values");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string())
            fail(key + "/" + std::to_string(i), "expected a text value");
        out.push_back(v[i].get<std::string>());
    }
    return out;
}

void JsonReader::allowOnly(const std::vector<std::string>& known) const {
    for (const auto& [key, v] : m_json.items()) {
        (void)v;
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            std::string list;
            for (const auto& k : known)
                list += (list.empty() ? "" : ", ") + k;
            fail(key, "unknown key (known: " + list + ")");
        }
    }
}

} // namespace soilscope::features
