#include "features/layer_source.h"

#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace soilscope::features {

namespace {
/// Parses "<unit> since <date>" (standard calendar) into (seconds per unit, epoch).
std::optional<std::pair<double, TimePoint>> parseCfUnits(const std::string& units) {
    const auto pos = units.find(" since ");
    if (pos == std::string::npos) return std::nullopt;
    const std::string unit = units.substr(0, pos);
    double perUnit = 0.0;
    if (unit == "seconds" || unit == "second" || unit == "s") perUnit = 1.0;
    else if (unit == "minutes" || unit == "minute" || unit == "min") perUnit = 60.0;
    else if (unit == "hours" || unit == "hour" || unit == "h") perUnit = 3600.0;
    else if (unit == "days" || unit == "day" || unit == "d") perUnit = 86400.0;
    else return std::nullopt;
    std::string ref = units.substr(pos + 7);
    // "1970-01-01 00:00:00.0 UTC" → drop a trailing zone word
    if (const auto sp = ref.rfind(" UTC"); sp != std::string::npos) ref = ref.substr(0, sp);
    auto t = parseIsoTime(ref);
    if (!t && ref.size() >= 10) t = parseIsoTime(ref.substr(0, 19));
    if (!t && ref.size() >= 10) t = parseIsoTime(ref.substr(0, 10));
    if (!t) return std::nullopt;
    return std::make_pair(perUnit, *t);
}
} // namespace

std::vector<TimePoint> rasterBandTimes(const geo::Raster& raster) {
    std::vector<TimePoint> times;
    const auto md = raster.metadata();
    bool hasCf = false;
    double perUnit = 1.0;
    TimePoint epoch{};
    for (const auto& [k, v] : md)
        if (k == "time#units")
            if (const auto cf = parseCfUnits(v)) {
                hasCf = true;
                perUnit = cf->first;
                epoch = cf->second;
            }
    for (int b = 1; b <= raster.bandCount(); ++b) {
        const geo::BandInfo info = raster.band(b);
        std::optional<TimePoint> t;
        if (hasCf) {
            const auto it = info.metadata.find("NETCDF_DIM_time");
            if (it != info.metadata.end()) {
                try {
                    const double v = std::stod(it->second);
                    t = epoch + std::chrono::seconds(std::llround(v * perUnit));
                } catch (const std::exception&) {
                }
            }
        }
        if (!t && !info.description.empty()) t = parseIsoTime(info.description);
        if (!t) return {};
        times.push_back(*t);
    }
    for (std::size_t i = 1; i < times.size(); ++i)
        if (!(times[i] > times[i - 1])) return {};
    return times;
}

LayerSource::LayerSource(std::string role, geo::Raster raster, std::vector<TimePoint> times)
    : m_role(std::move(role)), m_path(raster.path()),
      m_raster(std::make_unique<geo::Raster>(std::move(raster))), m_grid(m_raster->grid()),
      m_bandCount(m_raster->bandCount()), m_times(std::move(times)) {
    if (!m_times.empty() && int(m_times.size()) != m_bandCount)
        throw Error("layer '" + m_role + "': one time per band is needed", m_path);
}

std::shared_ptr<LayerSource> LayerSource::open(const std::string& role,
                                               const std::filesystem::path& path,
                                               const std::string& variable,
                                               const std::string& kind) {
    if (!std::filesystem::exists(path))
        throw Error("layer '" + role + "': file not found", path.string());
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
        if (!found && probe.subdatasets().empty()) found = true; // single-variable file
        if (!found)
            throw Error("layer '" + role + "': the file has no variable '" + variable + "'",
                        path.string());
    }
    geo::Raster raster{std::filesystem::path(name)};
    std::vector<TimePoint> times;
    if (kind == "series") {
        times = rasterBandTimes(raster);
        if (times.empty())
            throw Error("layer '" + role +
                            "': no time axis found (CF time or ISO dates as band descriptions)",
                        name);
    }
    return std::make_shared<LayerSource>(role, std::move(raster), std::move(times));
}

std::vector<float> LayerSource::read(int band, const geo::Window& w) const {
    if (band < 1 || band > m_bandCount)
        throw Error("layer '" + m_role + "' has no band " + std::to_string(band) + " (it has " +
                        std::to_string(m_bandCount) + ")",
                    m_path);
    std::vector<float> out(std::size_t(w.width) * std::size_t(w.height),
                           std::numeric_limits<float>::quiet_NaN());
    const int x0 = std::max(0, w.x0), y0 = std::max(0, w.y0);
    const int x1 = std::min(m_grid.width(), w.x0 + w.width);
    const int y1 = std::min(m_grid.height(), w.y0 + w.height);
    if (x1 <= x0 || y1 <= y0) return out;
    std::vector<float> part;
    {
        std::lock_guard lock(m_mutex);
        part = m_raster->readWindow(band, x0, y0, x1 - x0, y1 - y0);
    }
    for (int r = y0; r < y1; ++r)
        std::copy_n(part.begin() + std::ptrdiff_t(r - y0) * (x1 - x0), x1 - x0,
                    out.begin() + std::ptrdiff_t(r - w.y0) * w.width + (x0 - w.x0));
    return out;
}

const std::vector<TimePoint>& LayerSource::requireTimes() const {
    if (m_times.empty())
        throw Error("layer '" + m_role + "' has no time axis but a time-dependent predictor reads it",
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
        if (t - *p <= tolerance && t - *p < bestD) best = int(p - times.begin()) + 1;
    }
    return best;
}

std::vector<int> LayerSource::bandsBetween(TimePoint from, TimePoint to) const {
    const auto& times = requireTimes();
    std::vector<int> out;
    for (auto it = std::lower_bound(times.begin(), times.end(), from); it != times.end() && *it < to;
         ++it)
        out.push_back(int(it - times.begin()) + 1);
    return out;
}

} // namespace soilscope::features
