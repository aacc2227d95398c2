#pragma once
// Shared by the tests of the sequence workloads' maps: the map's size and bands, and its values
// at the station pixels against per-station predictions the workload wrote from the station
// sequences (an independent path: station dataset, not the per-pixel one).
#include "base/atomic_file.h"
#include "base/time_utils.h"
#include "geo/raster.h"
#include "workloads/workload_run.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace soilscope::testing {

/// Comma-separated fields of a CSV line (the workloads' CSVs quote nothing these tests read).
inline std::vector<std::string> csvFields(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream s(line);
    std::string f;
    while (std::getline(s, f, ','))
        out.push_back(f);
    return out;
}

/// What checkMapAtStations found.
struct MapCheck {
    std::string problem;      ///< "" when everything agreed
    std::size_t compared = 0; ///< station pixel-dates compared
    double maxDiff = 0;
};

/// Checks a map GeoTIFF: the twin's Sentinel-1 grid size, `bands` bands described
/// "<prefix> <ISO date>", and at the pixels of the stations of `archive` the value of the band
/// of each date equals the `value` column of `csv` rows (station, date columns) whose `filter`
/// column holds `filterValue`, within `tolerance`.
inline MapCheck checkMapAtStations(const std::filesystem::path& twin,
                                   const std::filesystem::path& mapPath, int bands,
                                   const std::string& prefix, const std::filesystem::path& archive,
                                   const std::filesystem::path& csv, const std::string& filter,
                                   const std::string& filterValue, const std::string& value,
                                   double tolerance) {
    MapCheck out;
    if (!std::filesystem::is_regular_file(mapPath))
        return {"no map at " + mapPath.string()};
    const geo::Raster map(mapPath);
    const auto sar = nlohmann::json::parse(readTextFile(twin / "twin.json"))["grids"]["sar"];
    if (map.width() != sar["width"].get<int>() || map.height() != sar["height"].get<int>())
        return {"the map is " + std::to_string(map.width()) + " x " + std::to_string(map.height()) +
                ", not the Sentinel-1 grid"};
    if (map.bandCount() != bands)
        return {"the map has " + std::to_string(map.bandCount()) + " bands"};
    std::map<std::string, std::vector<float>> byDate;
    for (int b = 1; b <= bands; ++b) {
        const std::string d = map.band(b).description;
        if (d.rfind(prefix + " ", 0) != 0 || !parseIsoTime(d.substr(prefix.size() + 1)))
            return {"band " + std::to_string(b) + " is described '" + d + "'"};
        byDate[d.substr(prefix.size() + 1)] = map.readBand(b);
    }
    const auto where = workloads::stationLocations(archive);
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line);
    const auto header = csvFields(line);
    auto column = [&](const std::string& name) {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == name)
                return i;
        return header.size();
    };
    const std::size_t cf = column(filter), cs = column("station"), cd = column("date"),
                      cv = column(value);
    if (cf == header.size() || cs == header.size() || cd == header.size() || cv == header.size())
        return {csv.string() + " lacks a column"};
    while (std::getline(in, line)) {
        const auto f = csvFields(line);
        if (f.size() < header.size() || f[cf] != filterValue || !byDate.count(f[cd]))
            continue;
        const auto [lon, lat] = where.at(f[cs]);
        const auto m = map.grid().lonLatToMap(lon, lat);
        const auto px = map.grid().mapToPixel(m.x, m.y);
        const std::size_t cell = std::size_t(std::floor(px.row)) * std::size_t(map.width()) +
                                 std::size_t(std::floor(px.col));
        const float atMap = byDate[f[cd]].at(cell), expected = std::stof(f[cv]);
        if (!std::isfinite(expected))
            continue;
        if (!std::isfinite(atMap))
            return {"the map is nodata at station " + f[cs] + " on " + f[cd] + " (prediction " +
                        f[cv] + ")",
                    out.compared};
        out.maxDiff = std::max(out.maxDiff, double(std::abs(atMap - expected)));
        ++out.compared;
        if (std::abs(atMap - expected) > tolerance)
            out.problem = "station " + f[cs] + " on " + f[cd] + ": map " + std::to_string(atMap) +
                          ", prediction " + f[cv];
    }
    if (out.problem.empty() && out.compared == 0)
        out.problem = "no station pixel-date to compare";
    return out;
}

} // namespace soilscope::testing
