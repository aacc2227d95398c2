#pragma once
#include "series/time_series.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace soilscope::stations {

/// The three ISMN text formats.
enum class IsmnFormat {
    HeaderValues, ///< first line = station/sensor header, then "date time value flag [provider]"
    CeopSeparate, ///< one variable and depth per file, every line repeats the header fields
    Ceop          ///< older combined file: all depths of a station, soil temperature + moisture
};

/// "header_values", "ceop_sep", "ceop".
const char* formatName(IsmnFormat format);

/// The data provider's own quality flag per observation ("M", "0", ...), kept compact as an
/// index into a small table of distinct codes.
class ProviderFlags {
  public:
    void clear();
    void reserve(std::size_t n) { m_index.reserve(n); }
    /// Appends one code (an empty code is allowed: the provider gave none).
    void push(std::string_view code) {
        if (m_last < m_codes.size() && m_codes[m_last].size() == code.size() &&
            std::char_traits<char>::compare(m_codes[m_last].data(), code.data(), code.size()) == 0)
            m_index.push_back(m_last);
        else
            pushNew(code);
    }
    std::string_view at(std::size_t i) const { return m_codes[m_index[i]]; }
    std::size_t size() const { return m_index.size(); }
    bool empty() const { return m_index.empty(); }
    /// The distinct codes, in order of first appearance.
    const std::vector<std::string>& codes() const { return m_codes; }
    /// Reorders the flags: new[i] = old[order[i]].
    void permute(const std::vector<std::size_t>& order);

  private:
    std::vector<std::string> m_codes;
    std::vector<std::uint16_t> m_index;
    std::uint16_t m_last = 0;

    void pushNew(std::string_view code);
};

/// One measuring sensor of a station: a variable at a depth range with its observations.
/// Observations are loaded on demand (IsmnArchive::load or loadSensorData).
/// One observation of a single-sensor ISMN file, as read (the provider flag points into the
/// reader's buffer: copy it to keep it).
struct IsmnRecord {
    TimePoint time{};
    double value = 0.0;
    std::uint32_t flags = 0;
    std::string_view providerFlag;
};

struct Sensor {
    std::string variable;     ///< long name: "soil_moisture", "soil_temperature", ...
    double depthFrom_m = 0.0; ///< upper boundary below the surface, metres
    double depthTo_m = 0.0;   ///< lower boundary below the surface, metres
    std::string instrument;   ///< e.g. "Cosmic-ray-Probe"; "n.s" when not specified
    std::string sourceFile;   ///< path readable through GDAL VSI (plain or /vsizip/...)
    IsmnFormat format = IsmnFormat::HeaderValues;
    series::TimeSeries series;   ///< UTC times, values (NaN = missing), ISMN flag masks (all set)
    ProviderFlags providerFlags; ///< one per observation once loaded
    bool loaded = false;

    /// Number of observations flagged exactly G with a finite value.
    std::size_t countGood() const;
};

/// "sm" → "soil_moisture", "ts" → "soil_temperature", ...; unknown codes are returned as given.
std::string variableLongName(std::string_view shortCode);

/// "soil_moisture" → "sm"; unknown names are returned as given.
std::string variableShortCode(std::string_view longName);

/// Units of an ISMN variable: "m3 m-3" for soil_moisture, "degC" for temperatures, ...
std::string variableUnits(std::string_view longName);

} // namespace soilscope::stations
