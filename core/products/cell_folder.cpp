#include "products/cell_folder.h"

#include "base/error.h"
#include "products/netcdf_file.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace soilscope::products {

namespace fs = std::filesystem;

namespace {

bool isNetcdfName(const fs::path& p) {
    const auto ext = p.extension().string();
    return ext == ".nc" || ext == ".nc4" || ext == ".NC";
}

bool isGridFile(const fs::path& p) {
    if (!NetcdfFile::opens(p))
        return false;
    try {
        const NetcdfFile f(p);
        return f.hasVariable("gpi") && f.hasVariable("cell") && f.hasVariable("lon") &&
               f.hasVariable("lat") && f.text({}, "featureType").empty();
    } catch (const Error&) {
        return false;
    }
}

} // namespace

bool CellFolder::recognises(const fs::path& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return false;
    for (const auto& e : fs::directory_iterator(folder, ec))
        if (e.is_regular_file() && isNetcdfName(e.path()) && PointSeriesFile::recognises(e.path()))
            return true;
    return false;
}

CellFolder::CellFolder(const fs::path& folder) : m_folder(folder) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        if (!e.is_regular_file() || !isNetcdfName(e.path()))
            continue;
        if (PointSeriesFile::recognises(e.path()))
            m_cells.push_back(e.path());
        else if (isGridFile(e.path()))
            m_grid = e.path();
    }
    if (ec)
        throw Error("cannot list the folder: " + ec.message(), folder.string());
    if (m_cells.empty())
        throw Error("no point time-series (cell) files in the folder", folder.string());
    std::sort(m_cells.begin(), m_cells.end());
}

std::optional<fs::path> CellFolder::cellFileOf(long long cell) const {
    char number[16];
    std::snprintf(number, sizeof number, "%04lld", cell);
    for (const auto& c : m_cells) {
        const std::string stem = c.stem().string();
        if (stem == number ||
            (stem.size() > 5 && stem.compare(stem.size() - 5, 5, std::string("_") + number) == 0))
            return c;
    }
    return std::nullopt;
}

CellFolder::Found CellFolder::nearest(double lon, double lat) const {
    if (!m_grid.empty()) {
        const NetcdfFile grid(m_grid);
        const auto lons = grid.read("lon");
        const auto lats = grid.read("lat");
        const auto cells = grid.readIntegers("cell");
        const auto gpis = grid.readIntegers("gpi");
        std::size_t best = 0;
        double bestKm = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < lons.size(); ++i) {
            const auto file = cellFileOf(cells[i]);
            if (!file)
                continue;
            const double d = distanceKm(lon, lat, lons[i], lats[i]);
            if (d < bestKm) {
                bestKm = d;
                best = i;
            }
        }
        if (!std::isfinite(bestKm))
            throw Error("no cell file of the grid is in the folder", m_folder.string());
        const fs::path file = *cellFileOf(cells[best]);
        const PointSeriesFile f(file);
        const auto location = f.findId(gpis[best]);
        if (!location)
            throw Error("grid point " + std::to_string(gpis[best]) +
                            " of the grid file is not in "
                            "its cell file",
                        file.string());
        return {file, *location, bestKm};
    }
    Found found;
    found.distanceKm = std::numeric_limits<double>::infinity();
    for (const auto& c : m_cells) {
        const PointSeriesFile f(c);
        const auto [i, d] = f.nearest(lon, lat);
        if (d < found.distanceKm)
            found = {c, i, d};
    }
    return found;
}

CellFolder::Found CellFolder::findId(long long id) const {
    for (const auto& c : m_cells) {
        const PointSeriesFile f(c);
        if (const auto i = f.findId(id))
            return {c, *i, 0.0};
    }
    throw Error("no cell file holds grid point " + std::to_string(id), m_folder.string());
}

} // namespace soilscope::products
