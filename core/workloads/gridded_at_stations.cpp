#include "workloads/gridded_at_stations.h"

#include "geo/raster_series.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace soilscope::workloads {

std::map<std::string, std::vector<float>>
griddedAtStations(const project::DataLayer& layer,
                  const std::map<std::string, std::pair<double, double>>& where,
                  const std::vector<TimePoint>& dates, std::chrono::seconds window) {
    const geo::RasterSeries series = geo::RasterSeries::open(layer.path, layer.variable);
    const geo::Grid& grid = series.grid();
    const std::string units = layer.units.empty() ? series.units() : layer.units;
    const float scale = units == "%" || units == "percent" ? 0.01f : 1.0f;
    std::map<std::string, long long> pixel; // station → index in a time slice (−1: outside)
    for (const auto& [station, lonLat] : where) {
        const auto map = grid.lonLatToMap(lonLat.first, lonLat.second);
        const auto px = grid.mapToPixel(map.x, map.y);
        const auto col = static_cast<long long>(std::floor(px.col));
        const auto row = static_cast<long long>(std::floor(px.row));
        pixel[station] = col >= 0 && row >= 0 && col < grid.width() && row < grid.height()
                             ? row * grid.width() + col
                             : -1;
    }
    std::map<std::string, std::vector<float>> out;
    for (const auto& [station, index] : pixel)
        out[station].assign(dates.size(), std::numeric_limits<float>::quiet_NaN());
    const auto& times = series.times();
    std::map<std::size_t, std::vector<std::size_t>> stepsOfSlice; // product time → dates
    for (std::size_t d = 0; d < dates.size(); ++d) {
        const auto it = std::lower_bound(times.begin(), times.end(), dates[d]);
        std::size_t best = times.size();
        for (auto c : {it, it == times.begin() ? it : std::prev(it)})
            if (c != times.end() && std::chrono::abs(*c - dates[d]) <= window &&
                (best == times.size() ||
                 std::chrono::abs(*c - dates[d]) < std::chrono::abs(times[best] - dates[d])))
                best = std::size_t(c - times.begin());
        if (best < times.size())
            stepsOfSlice[best].push_back(d);
    }
    for (const auto& [slice, steps] : stepsOfSlice) {
        const std::vector<float> values = series.readTime(slice);
        for (const auto& [station, index] : pixel)
            if (index >= 0)
                for (const std::size_t d : steps)
                    out[station][d] = values[std::size_t(index)] * scale;
    }
    return out;
}

} // namespace soilscope::workloads
