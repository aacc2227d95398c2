#include "products/image_folder.h"

#include "base/daily_label.h"
#include "base/error.h"
#include "geo/cf_time.h"
#include "products/netcdf_file.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <regex>

namespace soilscope::products {

namespace fs = std::filesystem;

namespace {

const std::regex& cciName() {
    static const std::regex re(R"(^ESACCI-SOILMOISTURE-.*-(\d{8})(\d{6})?-fv[0-9.]+\.nc$)");
    return re;
}

/// Index of the coordinate value nearest to v (1-D axis, either order); nullopt outside the
/// axis by more than half a cell.
std::optional<std::size_t> axisIndex(const std::vector<double>& axis, double v) {
    if (axis.size() < 2)
        return std::nullopt;
    const double step = std::abs(axis[1] - axis[0]);
    std::size_t best = 0;
    for (std::size_t i = 1; i < axis.size(); ++i)
        if (std::abs(axis[i] - v) < std::abs(axis[best] - v))
            best = i;
    if (std::abs(axis[best] - v) > step / 2 + 1e-9)
        return std::nullopt;
    return best;
}

} // namespace

bool ImageFolder::recognises(const fs::path& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return false;
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec)
            return false;
        if (it->is_regular_file() && std::regex_match(it->path().filename().string(), cciName()))
            return true;
    }
    return false;
}

ImageFolder::ImageFolder(const fs::path& folder) : m_folder(folder) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec)
            break;
        std::smatch m;
        const std::string name = it->path().filename().string();
        if (!it->is_regular_file() || !std::regex_match(name, m, cciName()))
            continue;
        const std::string d = m[1];
        const std::string t = m[2].matched ? m[2].str() : "000000";
        const auto time =
            parseIsoTime(d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) + "T" +
                         t.substr(0, 2) + ":" + t.substr(2, 2) + ":" + t.substr(4, 2) + "Z");
        if (!time)
            throw Error("the date in the file name is not a date", it->path().string());
        m_files.push_back({*time, it->path()});
    }
    if (ec)
        throw Error("cannot list the folder: " + ec.message(), folder.string());
    if (m_files.empty())
        throw Error("no ESA CCI SM image files (ESACCI-SOILMOISTURE-*.nc) in the folder",
                    folder.string());
    std::sort(m_files.begin(), m_files.end(),
              [](const DatedFile& a, const DatedFile& b) { return a.time < b.time; });
    for (std::size_t i = 1; i < m_files.size(); ++i)
        if (m_files[i].time == m_files[i - 1].time)
            throw Error("two files of the same date: " + m_files[i - 1].path.string() + " and " +
                            m_files[i].path.filename().string() +
                            " (mixed product versions or sensors?)",
                        folder.string());
}

std::vector<LocationSeries>
ImageFolder::seriesAt(const std::vector<std::pair<double, double>>& lonLat,
                      const std::string& variable, const ObservationMask& mask,
                      const std::function<void(std::size_t, std::size_t)>& progress) const {
    std::vector<LocationSeries> out(lonLat.size());
    std::vector<std::vector<TimePoint>> times(lonLat.size());
    std::vector<std::vector<double>> values(lonLat.size());
    std::map<std::string, std::vector<std::vector<double>>> maskValues;
    std::vector<std::optional<std::pair<std::size_t, std::size_t>>> pixel(lonLat.size());
    std::size_t lonCount = 0, latCount = 0;
    const bool wholeImages = lonLat.size() > 32;
    struct Box {
        std::size_t row0 = std::numeric_limits<std::size_t>::max(), row1 = 0, rows = 0;
        std::size_t col0 = std::numeric_limits<std::size_t>::max(), col1 = 0, cols = 0;
    } box;
    for (std::size_t k = 0; k < m_files.size(); ++k) {
        const NetcdfFile f(m_files[k].path);
        if (k == 0) {
            const auto lons = f.read("lon");
            const auto lats = f.read("lat");
            lonCount = lons.size();
            latCount = lats.size();
            for (std::size_t p = 0; p < lonLat.size(); ++p) {
                const auto c = axisIndex(lons, lonLat[p].first);
                const auto r = axisIndex(lats, lonLat[p].second);
                if (c && r)
                    pixel[p] = std::make_pair(*r, *c);
            }
            out.front().series.units = f.text(variable, "units");
            for (const auto& px : pixel) {
                if (!px)
                    continue;
                box.row0 = std::min(box.row0, px->first);
                box.col0 = std::min(box.col0, px->second);
                box.row1 = std::max(box.row1, px->first);
                box.col1 = std::max(box.col1, px->second);
            }
            box.rows = box.row1 >= box.row0 ? box.row1 - box.row0 + 1 : 0;
            box.cols = box.col1 >= box.col0 ? box.col1 - box.col0 + 1 : 0;
        } else if (f.dimensionLength("lon").value_or(0) != lonCount ||
                   f.dimensionLength("lat").value_or(0) != latCount) {
            throw Error("the grid differs from the folder's first file (" +
                            std::to_string(lonCount) + " x " + std::to_string(latCount) + ")",
                        m_files[k].path.string());
        }
        const bool hasT0 = f.hasVariable(kObservationTime);
        std::optional<geo::CfTimeUnits> t0Units;
        if (hasT0)
            t0Units = geo::parseCfTimeUnitsOf(f.path(), kObservationTime,
                                              f.text(kObservationTime, "units"),
                                              f.text(kObservationTime, "calendar"));
        TimePoint fileTime = m_files[k].time;
        if (f.hasVariable("time")) {
            const auto tv = f.read("time");
            if (!tv.empty() && std::isfinite(tv.front()))
                fileTime = geo::cfToTimeOf(f.path(), "time", tv.front(),
                                           geo::parseCfTimeUnitsOf(f.path(), "time",
                                                                   f.text("time", "units"),
                                                                   f.text("time", "calendar")));
        }
        // Many points: one hyperslab over their bounding box per variable (only the chunks
        // holding points are decompressed).
        std::map<std::string, std::vector<double>> boxes;
        const auto valueAt = [&](const std::string& var, std::size_t p) {
            const auto [r, c] = *pixel[p];
            if (!wholeImages)
                return f.readAt(var, {0, r, c});
            auto it = boxes.find(var);
            if (it == boxes.end())
                it = boxes
                         .emplace(var,
                                  f.readSlab(var, {0, box.row0, box.col0}, {1, box.rows, box.cols}))
                         .first;
            return it->second[(r - box.row0) * box.cols + (c - box.col0)];
        };
        for (std::size_t p = 0; p < lonLat.size(); ++p) {
            if (!pixel[p])
                continue;
            TimePoint t = labelDaily(fileTime); // a daily image: its mean, unless t0 says
            if (hasT0) {
                const double t0 = valueAt(kObservationTime, p);
                if (std::isfinite(t0))
                    t = geo::cfToTimeOf(f.path(), kObservationTime, t0, *t0Units);
            }
            times[p].push_back(t);
            values[p].push_back(valueAt(variable, p));
            for (const auto& v : mask.variables()) {
                auto& per = maskValues[v];
                per.resize(lonLat.size());
                per[p].push_back(valueAt(v, p));
            }
        }
        if (progress)
            progress(k + 1, m_files.size());
    }
    const std::string units = out.front().series.units;
    for (std::size_t p = 0; p < lonLat.size(); ++p) {
        const auto keep = mask.empty() ? std::vector<char>{}
                                       : mask.evaluate(times[p].size(), [&](const std::string& v) {
                                             return maskValues[v][p];
                                         });
        out[p] = keptSeries(times[p], values[p], keep, variable, units);
    }
    return out;
}

} // namespace soilscope::products
