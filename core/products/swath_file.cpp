#include "products/swath_file.h"

#include "base/error.h"
#include "base/text.h"
#include "geo/cf_time.h"
#include "products/netcdf_file.h"
#include "products/point_series_file.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace soilscope::products {

namespace fs = std::filesystem;

namespace {

/// The 2-D variable with this standard name, "" when none.
std::string twoDimensional(const NetcdfFile& f, const std::string& standardName) {
    for (const auto& v : f.variables())
        if (lowerAscii(f.text(v, "standard_name")) == standardName && f.dimensions(v).size() == 2)
            return v;
    return {};
}

struct Layout {
    std::string lon, lat, time;
};

std::optional<Layout> layoutOf(const NetcdfFile& f) {
    if (lowerAscii(f.text({}, "featureType")) == "timeseries")
        return std::nullopt;
    Layout l;
    l.lon = twoDimensional(f, "longitude");
    l.lat = twoDimensional(f, "latitude");
    if (l.lon.empty() || l.lat.empty())
        return std::nullopt;
    const auto dims = f.dimensions(l.lat);
    for (const auto& v : f.variables()) {
        if (lowerAscii(f.text(v, "standard_name")) != "time")
            continue;
        const auto td = f.dimensions(v);
        if ((td.size() == 1 && td[0].name == dims[0].name) ||
            (td.size() == 2 && td[0].name == dims[0].name && td[1].name == dims[1].name))
            l.time = v;
    }
    if (l.time.empty())
        return std::nullopt;
    return l;
}

} // namespace

SwathFile::~SwathFile() = default;
SwathFile::SwathFile(SwathFile&&) noexcept = default;
SwathFile& SwathFile::operator=(SwathFile&&) noexcept = default;

bool SwathFile::recognises(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || !NetcdfFile::opens(path))
        return false;
    try {
        return layoutOf(NetcdfFile(path)).has_value();
    } catch (const Error&) {
        return false;
    }
}

SwathFile::SwathFile(const fs::path& path) : m_file(std::make_unique<NetcdfFile>(path)) {
    const auto layout = layoutOf(*m_file);
    if (!layout)
        throw Error("not a swath file: it needs 2-D latitude and longitude (standard names) and "
                    "a time over their rows",
                    m_file->path());
    const auto dims = m_file->dimensions(layout->lat);
    const auto lonDims = m_file->dimensions(layout->lon);
    if (lonDims.size() != 2 || lonDims[0].length != dims[0].length ||
        lonDims[1].length != dims[1].length)
        throw Error("latitude and longitude have different shapes", m_file->path());
    m_rowDim = dims[0].name;
    m_rows = dims[0].length;
    m_cells = dims[1].length;
    m_lon = m_file->read(layout->lon);
    m_lat = m_file->read(layout->lat);
    for (auto& lon : m_lon) // ASCAT L2 longitudes run 0..360
        if (lon > 180.0)
            lon -= 360.0;
    const auto units =
        geo::parseCfTimeUnitsOf(m_file->path(), layout->time, m_file->text(layout->time, "units"),
                                m_file->text(layout->time, "calendar"));
    const auto raw = m_file->read(layout->time);
    m_times.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (!std::isfinite(raw[i])) {
            m_times.push_back(TimePoint::min());
            continue;
        }
        m_times.push_back(geo::cfToTimeOf(m_file->path(), layout->time, raw[i], units));
    }
}

const std::string& SwathFile::path() const {
    return m_file->path();
}

TimePoint SwathFile::timeOf(std::size_t node) const {
    return m_times.size() == m_rows ? m_times[node / m_cells] : m_times[node];
}

std::string SwathFile::soilMoistureVariable() const {
    for (const char* name : {"soil_moisture", "sm"})
        if (m_file->hasVariable(name))
            return name;
    return {};
}

std::string SwathFile::units(const std::string& variable) const {
    return m_file->text(variable, "units");
}

std::vector<double> SwathFile::values(const std::string& variable) const {
    const auto dims = m_file->dimensions(variable);
    auto v = m_file->read(variable);
    if (dims.size() == 2 && dims[0].length == m_rows && dims[1].length == m_cells)
        return v;
    if (dims.size() == 1 && dims[0].name == m_rowDim) {
        std::vector<double> out(m_rows * m_cells);
        for (std::size_t r = 0; r < m_rows; ++r)
            std::fill_n(out.begin() + static_cast<std::ptrdiff_t>(r * m_cells), m_cells, v[r]);
        return out;
    }
    throw Error("'" + variable + "' is neither per node nor per row of the swath", path());
}

std::optional<std::pair<std::size_t, double>> SwathFile::nearest(double lon, double lat,
                                                                 double maxKm) const {
    // A cheap degree box first: one degree of latitude is 111 km.
    const double dLat = maxKm / 111.0 + 1e-9;
    const double dLon = dLat / std::max(0.01, std::cos(lat * 3.14159265358979323846 / 180.0));
    std::optional<std::pair<std::size_t, double>> best;
    for (std::size_t i = 0; i < m_lon.size(); ++i) {
        if (!(std::abs(m_lat[i] - lat) <= dLat))
            continue;
        double dl = std::abs(m_lon[i] - lon);
        dl = std::min(dl, 360.0 - dl);
        if (!(dl <= dLon))
            continue;
        const double km = distanceKm(lon, lat, m_lon[i], m_lat[i]);
        if (km <= maxKm && (!best || km < best->second))
            best = std::make_pair(i, km);
    }
    return best;
}

std::vector<fs::path> swathFilesIn(const fs::path& folder) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec))
        if (e.is_regular_file() && e.path().extension() == ".nc" && SwathFile::recognises(e.path()))
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace soilscope::products
