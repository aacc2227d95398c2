#include "stations/sensor.h"

#include "series/quality_flags.h"

#include <array>
#include <cmath>
#include <limits>
#include <utility>

namespace soilscope::stations {

const char* formatName(IsmnFormat format) {
    switch (format) {
    case IsmnFormat::HeaderValues:
        return "header_values";
    case IsmnFormat::CeopSeparate:
        return "ceop_sep";
    case IsmnFormat::Ceop:
        return "ceop";
    }
    return "unknown";
}

void ProviderFlags::clear() {
    m_codes.clear();
    m_index.clear();
    m_last = 0;
}

void ProviderFlags::pushNew(std::string_view code) {
    for (std::size_t i = 0; i < m_codes.size(); ++i) {
        if (m_codes[i] == code) {
            m_last = static_cast<std::uint16_t>(i);
            m_index.push_back(m_last);
            return;
        }
    }
    // Providers use a handful of codes; past 65535 distinct ones the rest share the last slot.
    if (m_codes.size() < std::numeric_limits<std::uint16_t>::max())
        m_codes.emplace_back(code);
    m_last = static_cast<std::uint16_t>(m_codes.size() - 1);
    m_index.push_back(m_last);
}

void ProviderFlags::permute(const std::vector<std::size_t>& order) {
    std::vector<std::uint16_t> out;
    out.reserve(order.size());
    for (const std::size_t i : order)
        out.push_back(m_index[i]);
    m_index = std::move(out);
}

std::size_t Sensor::countGood() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < series.size(); ++i)
        if (std::isfinite(series.values[i]) && i < series.flags.size() &&
            series.flags[i] == series::flag::G)
            ++n;
    return n;
}

namespace {
struct VariableName {
    std::string_view code;
    std::string_view name;
    std::string_view units;
};
// The ISMN variable codes of file names (as the Python ismn package maps them).
constexpr std::array<VariableName, 11> kVariables{{
    {"sm", "soil_moisture", "m3 m-3"},
    {"ts", "soil_temperature", "degC"},
    {"su", "soil_suction", "kPa"},
    {"p", "precipitation", "mm"},
    {"ta", "air_temperature", "degC"},
    {"tsf", "surface_temperature", "degC"},
    {"sd", "snow_depth", "mm"},
    {"sweq", "snow_water_equivalent", "mm"},
    {"fc", "field_capacity", "m3 m-3"},
    {"wp", "permanent_wilting_point", "m3 m-3"},
    {"paw", "plant_available_water", "m3 m-3"},
}};
} // namespace

std::string variableLongName(std::string_view shortCode) {
    for (const auto& v : kVariables)
        if (v.code == shortCode)
            return std::string(v.name);
    return std::string(shortCode);
}

std::string variableShortCode(std::string_view longName) {
    for (const auto& v : kVariables)
        if (v.name == longName)
            return std::string(v.code);
    return std::string(longName);
}

std::string variableUnits(std::string_view longName) {
    for (const auto& v : kVariables)
        if (v.name == longName)
            return std::string(v.units);
    return {};
}

} // namespace soilscope::stations
