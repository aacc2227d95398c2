#include "features/layer_source.h"

#include "base/error.h"
#include "geo/raster_series.h"
#include "geo/warp.h"
#include "products/product_gridding.h"
#include "series/accumulation.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <tuple>

namespace soilscope::features {

std::vector<TimePoint> rasterBandTimes(const geo::Raster& raster) {
    return geo::RasterSeries::bandTimes(raster);
}

LayerSource::LayerSource(std::string role, geo::Raster raster, std::vector<TimePoint> times,
                         int fileBand)
    : m_role(std::move(role)), m_path(raster.path()),
      m_raster(std::make_unique<geo::Raster>(std::move(raster))), m_grid(m_raster->grid()),
      m_bandCount(m_raster->bandCount()), m_times(std::move(times)), m_fileBand(fileBand) {
    if (m_fileBand > 0) {
        if (m_fileBand > m_bandCount)
            throw Error("layer '" + m_role + "': band " + std::to_string(m_fileBand) +
                            " does not exist (the file has " + std::to_string(m_bandCount) + ")",
                        m_path);
        m_bandCount = 1;
        m_times.clear();
    }
    if (!m_times.empty() && int(m_times.size()) != m_bandCount)
        throw Error("layer '" + m_role + "': one time per band is needed", m_path);
}

std::shared_ptr<LayerSource> LayerSource::inMemory(std::string role, std::string path,
                                                   const geo::Grid& grid,
                                                   std::vector<TimePoint> times,
                                                   std::vector<std::vector<float>> bands) {
    std::shared_ptr<LayerSource> layer(new LayerSource());
    layer->m_role = std::move(role);
    layer->m_path = std::move(path);
    layer->m_grid = grid;
    layer->m_bandCount = int(bands.size());
    if (bands.empty() || (!times.empty() && times.size() != bands.size()))
        throw Error("layer '" + layer->m_role + "': one time per band is needed", layer->m_path);
    for (const auto& b : bands)
        if (b.size() != grid.pixelCount())
            throw Error("layer '" + layer->m_role + "': a band does not fill the grid",
                        layer->m_path);
    layer->m_times = std::move(times);
    layer->m_memory = std::move(bands);
    return layer;
}

namespace {

/// The 1-based band whose number or description (case-insensitive) is `name`, else 0.
int bandNamed(const geo::Raster& raster, const std::string& name) {
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos) {
        const long long n = std::stoll(name);
        if (n < 1 || n > raster.bandCount())
            throw Error("band " + name + " does not exist (the file has " +
                            std::to_string(raster.bandCount()) + ")",
                        raster.path());
        return static_cast<int>(n);
    }
    const auto lower = [](std::string t) {
        std::transform(t.begin(), t.end(), t.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return t;
    };
    for (int b = 1; b <= raster.bandCount(); ++b)
        if (lower(raster.band(b).description) == lower(name))
            return b;
    return 0;
}

std::string bandNames(const geo::Raster& raster) {
    constexpr int kListed = 12;
    std::string out;
    for (int b = 1; b <= std::min(raster.bandCount(), kListed); ++b) {
        const std::string d = raster.band(b).description;
        out += (out.empty() ? "" : ", ") + std::to_string(b) + (d.empty() ? "" : " " + d);
    }
    if (raster.bandCount() > kListed)
        out += ", … " + std::to_string(raster.bandCount()) + " in all";
    return out;
}

} // namespace

std::shared_ptr<LayerSource> LayerSource::openFolder(const std::string& role,
                                                     const std::filesystem::path& folder,
                                                     const std::string& variable) {
    std::string vrt;
    std::vector<TimePoint> times;
    try {
        std::tie(vrt, times) = geo::RasterSeries::folderAsVrt(folder, variable);
    } catch (const Error& e) {
        throw Error("layer '" + role + "': " + e.message(), e.context());
    }
    auto layer = std::make_shared<LayerSource>(role, geo::Raster(std::filesystem::path(vrt)),
                                               std::move(times));
    layer->m_path = folder.string();
    return layer;
}

std::shared_ptr<LayerSource> LayerSource::open(const std::string& role,
                                               const std::filesystem::path& path,
                                               const std::string& variable, const std::string& kind,
                                               int band) {
    if (!std::filesystem::exists(path))
        throw Error("layer '" + role + "': file not found", path.string());
    if (const auto product = products::recogniseProduct(path); products::needsGridding(product))
        throw Error("layer '" + role + "': " + products::describeProductKind(product) +
                        " has no grid of its own; it is gridded onto a project's sample grid "
                        "(or use product-to-grid)",
                    path.string());
    if (std::filesystem::is_directory(path))
        return openFolder(role, path, variable);
    std::string name = path.string();
    if (!variable.empty()) {
        geo::Raster probe(path);
        bool found = false;
        for (const auto& sub : probe.subdatasets()) {
            const auto colon = sub.rfind(':');
            if (colon != std::string::npos && sub.substr(colon + 1) == variable) {
                name = sub;
                found = true;
            }
        }
        if (!found && probe.driverName() == "GRIB")
            // A parameter of a GRIB file of several (its messages as a raster of their own).
            for (const auto& v : geo::RasterSeries::listVariables(path))
                if (v.name == variable && v.source != path.string()) {
                    name = v.source;
                    found = true;
                }
        if (!found && probe.subdatasets().empty()) {
            // A file without variables: the suffix names a band, by number or description.
            const int byName = bandNamed(probe, variable);
            const auto meta = probe.bandCount() > 0 ? probe.band(1).metadata
                                                    : std::map<std::string, std::string>{};
            const auto var = meta.find("NETCDF_VARNAME");
            const bool isTheVariable = var != meta.end() && var->second == variable;
            if (byName > 0 && !isTheVariable) {
                if (band > 0 && band != byName)
                    throw Error("layer '" + role + "': band " + std::to_string(band) +
                                    " is given, but '" + variable + "' is band " +
                                    std::to_string(byName) + " (bands: " + bandNames(probe) +
                                    "); give one that agrees, or only one of them",
                                path.string());
                band = byName;
            } else if (!isTheVariable && probe.bandCount() > 1)
                throw Error("layer '" + role + "': the file has no band '" + variable +
                                "' (bands: " + bandNames(probe) + "; give a number or a name)",
                            path.string());
            found = true;
        }
        if (!found)
            throw Error("layer '" + role + "': the file has no variable '" + variable + "'",
                        path.string());
    }
    geo::Raster raster{std::filesystem::path(name)};
    if (band > raster.bandCount())
        throw Error("layer '" + role + "': band " + std::to_string(band) +
                        " does not exist (the file has " + std::to_string(raster.bandCount()) + ")",
                    name);
    std::vector<TimePoint> times;
    if (band > 0) {
        // one band of a static multi-band file
    } else if (kind == "auto") {
        times = rasterBandTimes(raster);
    } else if (kind == "series") {
        times = rasterBandTimes(raster);
        if (times.empty())
            throw Error("layer '" + role +
                            "': no time axis found (CF time or ISO dates as band descriptions)",
                        name);
    }
    return std::make_shared<LayerSource>(role, std::move(raster), std::move(times), band);
}

void LayerSource::setAccumulation(Accumulation accumulation) {
    if (accumulation != Accumulation::PerStep && m_times.empty())
        throw Error("layer '" + m_role + "': an accumulation needs a time axis", m_path);
    m_accumulation = accumulation;
}

std::vector<float> LayerSource::read(int band, const geo::Window& w) const {
    std::vector<float> values = readStored(band, w);
    if (m_accumulation != Accumulation::SinceDayStart)
        return values;
    const TimePoint t = m_times.at(std::size_t(band - 1));
    if (!series::needsHourBefore(t))
        return values;
    std::optional<std::vector<float>> before;
    if (band >= 2 && m_times[std::size_t(band - 2)] == t - std::chrono::hours(1))
        before = readStored(band - 1, w);
    series::sumsOfStep(values, t,
                       before ? std::optional<std::span<const float>>(*before) : std::nullopt);
    return values;
}

std::vector<float> LayerSource::readStored(int band, const geo::Window& w) const {
    if (band < 1 || band > m_bandCount)
        throw Error("layer '" + m_role + "' has no band " + std::to_string(band) + " (it has " +
                        std::to_string(m_bandCount) + ")",
                    m_path);
    if (!m_memory.empty()) {
        const std::vector<float>& b = m_memory[std::size_t(band - 1)];
        std::vector<float> out(std::size_t(w.width) * std::size_t(w.height),
                               std::numeric_limits<float>::quiet_NaN());
        for (int r = 0; r < w.height; ++r)
            for (int c = 0; c < w.width; ++c) {
                const int gr = w.y0 + r, gc = w.x0 + c;
                if (gr >= 0 && gc >= 0 && gr < m_grid.height() && gc < m_grid.width())
                    out[std::size_t(r) * std::size_t(w.width) + std::size_t(c)] =
                        b[std::size_t(gr) * std::size_t(m_grid.width()) + std::size_t(gc)];
            }
        return out;
    }
    if (w.x0 >= 0 && w.y0 >= 0 && w.x0 + w.width <= m_grid.width() &&
        w.y0 + w.height <= m_grid.height()) {
        std::lock_guard lock(m_mutex);
        return m_raster->readWindow(m_fileBand > 0 ? m_fileBand : band, w.x0, w.y0, w.width,
                                    w.height);
    }
    std::vector<float> out(std::size_t(w.width) * std::size_t(w.height),
                           std::numeric_limits<float>::quiet_NaN());
    const int x0 = std::max(0, w.x0), y0 = std::max(0, w.y0);
    const int x1 = std::min(m_grid.width(), w.x0 + w.width);
    const int y1 = std::min(m_grid.height(), w.y0 + w.height);
    if (x1 <= x0 || y1 <= y0)
        return out;
    std::vector<float> part;
    {
        std::lock_guard lock(m_mutex);
        part = m_raster->readWindow(m_fileBand > 0 ? m_fileBand : band, x0, y0, x1 - x0, y1 - y0);
    }
    for (int r = y0; r < y1; ++r)
        std::copy_n(part.begin() + std::ptrdiff_t(r - y0) * (x1 - x0), x1 - x0,
                    out.begin() + std::ptrdiff_t(r - w.y0) * w.width + (x0 - w.x0));
    return out;
}

std::shared_ptr<LayerSource> LayerSource::resampledTo(const geo::Grid& grid,
                                                      geo::Resampling resampling) const {
    requireFile(grid);
    auto copy = std::make_shared<LayerSource>(
        m_role, geo::Raster(std::filesystem::path(m_raster->path())), m_times, m_fileBand);
    std::lock_guard lock(m_mutex);
    for (int b = 1; b <= m_bandCount; ++b)
        copy->m_memory.push_back(
            geo::warpBand(*m_raster, m_fileBand > 0 ? m_fileBand : b, grid, resampling));
    copy->m_grid = grid;
    copy->m_accumulation = m_accumulation;
    return copy;
}

std::shared_ptr<LayerSource> LayerSource::aggregatedTo(const geo::Grid& grid) const {
    requireFile(grid);
    auto copy = std::make_shared<LayerSource>(
        m_role, geo::Raster(std::filesystem::path(m_raster->path())), m_times, m_fileBand);
    std::lock_guard lock(m_mutex);
    for (int b = 1; b <= m_bandCount; ++b)
        copy->m_memory.push_back(
            geo::aggregateBlocks(m_raster->readBand(m_fileBand > 0 ? m_fileBand : b), m_grid, grid,
                                 0.0)
                .mean);
    copy->m_grid = grid;
    copy->m_accumulation = m_accumulation;
    return copy;
}

void LayerSource::requireFile(const geo::Grid& target) const {
    if (!m_raster) // held in memory only (a gridded product): already on its sample grid
        throw Error("layer '" + m_role + "' is held on " + m_grid.describe() +
                        " and cannot be warped onto " + target.describe(),
                    m_path);
}

const std::vector<TimePoint>& LayerSource::requireTimes() const {
    if (m_times.empty())
        throw Error("layer '" + m_role +
                        "' has no time axis but a time-dependent predictor reads it",
                    m_path);
    return m_times;
}

std::optional<int> LayerSource::nearestBand(TimePoint t, std::chrono::seconds tolerance) const {
    const auto& times = requireTimes();
    const auto it = std::lower_bound(times.begin(), times.end(), t);
    std::optional<int> best;
    std::chrono::seconds bestD = tolerance + std::chrono::seconds(1);
    if (it != times.end() && *it - t <= tolerance) {
        best = int(it - times.begin()) + 1;
        bestD = *it - t;
    }
    if (it != times.begin()) {
        const auto p = std::prev(it);
        if (t - *p <= tolerance && t - *p < bestD)
            best = int(p - times.begin()) + 1;
    }
    return best;
}

std::vector<int> LayerSource::bandsBetween(TimePoint from, TimePoint to) const {
    const auto& times = requireTimes();
    std::vector<int> out;
    for (auto it = std::lower_bound(times.begin(), times.end(), from);
         it != times.end() && *it < to; ++it)
        out.push_back(int(it - times.begin()) + 1);
    return out;
}

} // namespace soilscope::features
