#include "products/smap_l3.h"

#include "base/error.h"
#include "products/netcdf_file.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace soilscope::products {

namespace fs = std::filesystem;

namespace {

const SmapPass kAm{"Soil_Moisture_Retrieval_Data_AM", ""};
const SmapPass kPm{"Soil_Moisture_Retrieval_Data_PM", "_pm"};
/// J2000: 2000-01-01 11:58:55.816 UTC, rounded to the second.
const TimePoint kJ2000 = makeTime(2000, 1, 1, 11, 58, 56);
/// The upper-left corner of the global EASE-Grid 2.0 (EPSG:6933), metres.
constexpr double kEaseGlobalX0 = -17367530.44516138;
constexpr double kEaseGlobalY0 = 7314540.830638505;

std::string passVariable(const NetcdfFile& group, const SmapPass& pass, const std::string& name) {
    if (!pass.suffix.empty() && group.hasVariable(name + pass.suffix))
        return name + pass.suffix;
    return name;
}

/// Least-squares fit of x = a + b * (col + 0.5) from the valid pixels.
std::pair<double, double> fitAxis(const std::vector<double>& index,
                                  const std::vector<double>& coordinate) {
    const double n = static_cast<double>(index.size());
    double si = 0, sc = 0, sii = 0, sic = 0;
    for (std::size_t k = 0; k < index.size(); ++k) {
        si += index[k];
        sc += coordinate[k];
        sii += index[k] * index[k];
        sic += index[k] * coordinate[k];
    }
    const double b = (n * sic - si * sc) / (n * sii - si * si);
    return {(sc - b * si) / n, b};
}

} // namespace

bool SmapL3File::recognises(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || !NetcdfFile::opens(path))
        return false;
    try {
        return NetcdfFile(path).hasGroup(kAm.group);
    } catch (const Error&) {
        return false;
    }
}

SmapL3File::SmapL3File(const fs::path& path) : m_path(path) {
    const NetcdfFile root(path);
    for (const auto& p : {kAm, kPm})
        if (root.hasGroup(p.group))
            m_passes.push_back(p);
    if (m_passes.empty())
        throw Error("not a SMAP L3 file: no group " + kAm.group, path.string());
    const NetcdfFile am(path, m_passes.front().group);
    const std::string latName = passVariable(am, m_passes.front(), "latitude");
    const auto dims = am.dimensions(latName);
    if (dims.size() != 2)
        throw Error("SMAP latitude must have 2 dimensions (rows, columns)", path.string());
    const std::size_t rows = dims[0].length, cols = dims[1].length;
    // Place the grid from every pass's valid latitude/longitude.
    std::vector<double> colIndex, rowIndex, x, y;
    for (const auto& p : m_passes) {
        const NetcdfFile g(path, p.group);
        const auto lat = g.read(passVariable(g, p, "latitude"));
        const auto lon = g.read(passVariable(g, p, "longitude"));
        if (lat.size() != rows * cols || lon.size() != rows * cols)
            throw Error("SMAP latitude/longitude shapes differ between the passes", path.string());
        for (std::size_t k = 0; k < lat.size(); ++k)
            if (std::isfinite(lat[k]) && std::isfinite(lon[k]) && std::abs(lat[k]) <= 90.0) {
                x.push_back(lon[k]);
                y.push_back(lat[k]);
                colIndex.push_back(static_cast<double>(k % cols) + 0.5);
                rowIndex.push_back(static_cast<double>(k / cols) + 0.5);
            }
    }
    if (x.size() < 2)
        throw Error("SMAP latitude/longitude hold fewer than two valid pixels: the file cannot be "
                    "placed on the EASE-Grid 2.0",
                    path.string());
    const geo::Grid ease("EPSG:6933", {0, 1, 0, 0, 0, -1}, static_cast<int>(cols),
                         static_cast<int>(rows));
    ease.lonLatToMap(x, y);
    // The global EASE-Grid 2.0 (36, 9, 3, 1 km) is published exactly and known by its size;
    // the file's latitude/longitude then check it. Other grids are fitted to them.
    double x0 = kEaseGlobalX0, y0 = kEaseGlobalY0;
    double dx = -2.0 * kEaseGlobalX0 / static_cast<double>(cols), dy = -dx;
    if (std::abs(static_cast<double>(rows) * dx - 2.0 * kEaseGlobalY0) > 0.5 * dx) {
        const bool spread = *std::min_element(rowIndex.begin(), rowIndex.end()) !=
                                *std::max_element(rowIndex.begin(), rowIndex.end()) &&
                            *std::min_element(colIndex.begin(), colIndex.end()) !=
                                *std::max_element(colIndex.begin(), colIndex.end());
        if (!spread)
            throw Error("a SMAP grid of " + std::to_string(cols) + " x " + std::to_string(rows) +
                            " is not the global EASE-Grid 2.0 and its valid latitude/longitude "
                            "do not span rows and columns to place it",
                        path.string());
        std::tie(x0, dx) = fitAxis(colIndex, x);
        std::tie(y0, dy) = fitAxis(rowIndex, y);
    }
    double worst = 0.0;
    for (std::size_t k = 0; k < x.size(); ++k)
        worst = std::max({worst, std::abs(x0 + dx * colIndex[k] - x[k]),
                          std::abs(y0 + dy * rowIndex[k] - y[k])});
    if (!(worst < 0.01 * std::abs(dx)))
        throw Error("SMAP latitude/longitude are not on a regular EASE-Grid 2.0 (EPSG:6933) "
                    "grid: the fit misses by " +
                        std::to_string(worst) + " m",
                    path.string());
    m_grid = geo::Grid("EPSG:6933", {x0, dx, 0.0, y0, 0.0, dy}, static_cast<int>(cols),
                       static_cast<int>(rows));
}

std::vector<double> SmapL3File::values(const SmapPass& pass, const std::string& variable) const {
    const NetcdfFile g(m_path, pass.group);
    return g.read(passVariable(g, pass, variable));
}

std::string SmapL3File::units(const SmapPass& pass, const std::string& variable) const {
    const NetcdfFile g(m_path, pass.group);
    return g.text(passVariable(g, pass, variable), "units");
}

std::vector<TimePoint> SmapL3File::times(const SmapPass& pass) const {
    const auto seconds = values(pass, "tb_time_seconds");
    std::vector<TimePoint> out(seconds.size(), TimePoint::min());
    for (std::size_t k = 0; k < seconds.size(); ++k)
        if (std::isfinite(seconds[k]))
            out[k] =
                kJ2000 + std::chrono::seconds{static_cast<long long>(std::llround(seconds[k]))};
    return out;
}

std::vector<fs::path> smapFilesIn(const fs::path& folder) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec)
            break;
        const auto ext = it->path().extension().string();
        if (it->is_regular_file() && (ext == ".h5" || ext == ".he5" || ext == ".nc") &&
            SmapL3File::recognises(it->path()))
            out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<LocationSeries> smapSeriesAt(const std::vector<fs::path>& files,
                                         const std::vector<std::pair<double, double>>& lonLat,
                                         const std::string& variable, const ObservationMask& mask) {
    std::vector<std::vector<TimePoint>> times(lonLat.size());
    std::vector<std::vector<double>> values(lonLat.size());
    std::vector<std::vector<char>> keep(lonLat.size());
    std::string units;
    for (const auto& file : files) {
        const SmapL3File smap(file);
        std::vector<double> x, y;
        for (const auto& [lon, lat] : lonLat) {
            x.push_back(lon);
            y.push_back(lat);
        }
        smap.grid().lonLatToMap(x, y);
        std::vector<long long> pixel(lonLat.size(), -1);
        for (std::size_t p = 0; p < lonLat.size(); ++p) {
            const auto px = smap.grid().mapToPixel(x[p], y[p]);
            const auto c = static_cast<long long>(std::floor(px.col));
            const auto r = static_cast<long long>(std::floor(px.row));
            if (c >= 0 && r >= 0 && c < smap.grid().width() && r < smap.grid().height())
                pixel[p] = r * smap.grid().width() + c;
        }
        for (const auto& pass : smap.passes()) {
            const auto v = smap.values(pass, variable);
            const auto t = smap.times(pass);
            units = smap.units(pass, variable);
            const auto ok = mask.evaluate(
                v.size(), [&](const std::string& name) { return smap.values(pass, name); });
            for (std::size_t p = 0; p < lonLat.size(); ++p) {
                if (pixel[p] < 0)
                    continue;
                const auto k = static_cast<std::size_t>(pixel[p]);
                if (t[k] == TimePoint::min())
                    continue; // no observation in this pass
                times[p].push_back(t[k]);
                values[p].push_back(v[k]);
                keep[p].push_back(ok[k]);
            }
        }
    }
    std::vector<LocationSeries> out;
    for (std::size_t p = 0; p < lonLat.size(); ++p)
        out.push_back(keptSeries(times[p], values[p], keep[p], variable, units));
    return out;
}

} // namespace soilscope::products
