#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace soilscope::products {

/// Values at a set of locations (stations or grid cells), written as one CF-netCDF-4 file in the
/// layout QA4SM uses: a `loc` dimension with lon, lat and text variables (network, station, ...),
/// and a `tsw` dimension of temporal sub-windows ("bulk", then seasons, months or years) for the
/// variables that have one value per window.
struct LocationTable {
    std::vector<double> lon, lat;
    std::vector<std::pair<std::string, std::vector<std::string>>> text; ///< per location
    std::vector<std::string> windows; ///< the tsw names; empty = no tsw dimension
    struct Variable {
        std::string name;
        std::string longName;
        std::string units;
        bool perWindow = false;     ///< values [window][location] instead of [location]
        std::vector<double> values; ///< NaN = missing (written as the fill value)
    };
    std::vector<Variable> variables;
    std::map<std::string, std::string> attributes; ///< global attributes
};

/// Writes the table through a temporary file (an error leaves no file); throws soilscope::Error
/// naming the file, or when a variable's size does not fit the dimensions.
void writeLocationNetcdf(const std::filesystem::path& path, const LocationTable& table);

} // namespace soilscope::products
