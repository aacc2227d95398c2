#include "products/image_folder.h"

#include "base/daily_label.h"
#include "base/error.h"
#include "base/process_group.h"
#include "geo/cf_time.h"
#include "products/netcdf_file.h"
#include "products/raw_chunks.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>
#include <map>
#include <optional>
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

namespace {

/// One image's values at the points (NaN outside the grid) and its observation times.
struct ImageValues {
    std::vector<TimePoint> times;
    std::map<std::string, std::vector<double>> values;
};

} // namespace

std::vector<LocationSeries>
ImageFolder::seriesAt(const std::vector<std::pair<double, double>>& lonLat,
                      const std::string& variable, const ObservationMask& mask,
                      const std::function<void(std::size_t, std::size_t)>& progress) const {
    const std::size_t points = lonLat.size();
    std::vector<std::optional<std::pair<std::size_t, std::size_t>>> pixel(points);
    std::size_t lonCount = 0, latCount = 0;
    std::string units;
    struct Box {
        std::size_t row0 = std::numeric_limits<std::size_t>::max(), row1 = 0, rows = 0;
        std::size_t col0 = std::numeric_limits<std::size_t>::max(), col1 = 0, cols = 0;
    } box;
    {
        const NetcdfFile f(m_files.front().path);
        const auto lons = f.read("lon");
        const auto lats = f.read("lat");
        lonCount = lons.size();
        latCount = lats.size();
        for (std::size_t p = 0; p < points; ++p) {
            const auto c = axisIndex(lons, lonLat[p].first);
            const auto r = axisIndex(lats, lonLat[p].second);
            if (c && r)
                pixel[p] = std::make_pair(*r, *c);
        }
        units = f.text(variable, "units");
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
    }
    std::vector<std::string> variables{variable};
    for (const auto& v : mask.variables())
        if (std::find(variables.begin(), variables.end(), v) == variables.end())
            variables.push_back(v);
    const bool wholeImages = points > 32;

    // The values of `var` at every point of one image, as the netCDF library unpacks them.
    const auto valuesAt = [&](const NetcdfFile& f, const std::string& var) {
        std::vector<double> out(points, std::numeric_limits<double>::quiet_NaN());
        if (!wholeImages) {
            for (std::size_t p = 0; p < points; ++p)
                if (pixel[p])
                    out[p] = f.readAt(var, {0, pixel[p]->first, pixel[p]->second});
            return out;
        }
        // Many points: the chunks holding them, read as stored and decoded on this thread (the
        // library decompresses under its lock, one thread at a time); else one hyperslab over
        // the points' bounding box.
        if (const auto raw = RawChunkVariable::open(f.path(), var);
            raw && raw->shape().size() == 3) {
            const auto& chunk = raw->chunkShape();
            std::map<std::vector<std::uint64_t>, std::vector<double>> decoded;
            std::vector<double> stored;
            std::vector<std::size_t> at;
            for (std::size_t p = 0; p < points; ++p) {
                if (!pixel[p])
                    continue;
                const std::vector<std::uint64_t> index{0, pixel[p]->first, pixel[p]->second};
                std::vector<std::uint64_t> origin(3);
                for (std::size_t k = 0; k < 3; ++k)
                    origin[k] = index[k] / chunk[k] * chunk[k];
                auto it = decoded.find(origin);
                if (it == decoded.end())
                    it = decoded.emplace(origin, raw->decode(raw->read(index))).first;
                const std::size_t offset =
                    ((index[0] - origin[0]) * chunk[1] + (index[1] - origin[1])) * chunk[2] +
                    (index[2] - origin[2]);
                stored.push_back(it->second[offset]);
                at.push_back(p);
            }
            const auto unpacked = f.unpack(var, std::move(stored));
            for (std::size_t i = 0; i < at.size(); ++i)
                out[at[i]] = unpacked[i];
            return out;
        }
        const auto slab = f.readSlab(var, {0, box.row0, box.col0}, {1, box.rows, box.cols});
        for (std::size_t p = 0; p < points; ++p)
            if (pixel[p])
                out[p] =
                    slab[(pixel[p]->first - box.row0) * box.cols + (pixel[p]->second - box.col0)];
        return out;
    };

    const auto readImage = [&](std::size_t k) {
        const NetcdfFile f(m_files[k].path);
        if (k > 0 && (f.dimensionLength("lon").value_or(0) != lonCount ||
                      f.dimensionLength("lat").value_or(0) != latCount))
            throw Error("the grid differs from the folder's first file (" +
                            std::to_string(lonCount) + " x " + std::to_string(latCount) + ")",
                        m_files[k].path.string());
        TimePoint fileTime = m_files[k].time;
        if (f.hasVariable("time")) {
            const auto tv = f.read("time");
            if (!tv.empty() && std::isfinite(tv.front()))
                fileTime = geo::cfToTimeOf(f.path(), "time", tv.front(),
                                           geo::parseCfTimeUnitsOf(f.path(), "time",
                                                                   f.text("time", "units"),
                                                                   f.text("time", "calendar")));
        }
        ImageValues image;
        // A daily image: its mean, unless t0 gives the pixel's observation time.
        image.times.assign(points, labelDaily(fileTime));
        if (f.hasVariable(kObservationTime)) {
            const auto t0Units = geo::parseCfTimeUnitsOf(f.path(), kObservationTime,
                                                         f.text(kObservationTime, "units"),
                                                         f.text(kObservationTime, "calendar"));
            const auto t0 = valuesAt(f, kObservationTime);
            for (std::size_t p = 0; p < points; ++p)
                if (std::isfinite(t0[p]))
                    image.times[p] = geo::cfToTimeOf(f.path(), kObservationTime, t0[p], t0Units);
        }
        for (const auto& v : variables)
            image.values[v] = valuesAt(f, v);
        return image;
    };

    // Images on every core the process may use, a batch at a time, taken up in file order.
    std::vector<std::vector<TimePoint>> times(points);
    std::vector<std::vector<double>> values(points);
    std::map<std::string, std::vector<std::vector<double>>> maskValues;
    for (const auto& v : mask.variables())
        maskValues[v].resize(points);
    const std::size_t batch = std::size_t(std::clamp(processorShare(), 1, 8));
    for (std::size_t k0 = 0; k0 < m_files.size(); k0 += batch) {
        std::vector<std::future<ImageValues>> running;
        for (std::size_t k = k0; k < std::min(k0 + batch, m_files.size()); ++k)
            running.push_back(std::async(std::launch::async, readImage, k));
        for (std::size_t i = 0; i < running.size(); ++i) {
            const ImageValues image = running[i].get();
            for (std::size_t p = 0; p < points; ++p) {
                if (!pixel[p])
                    continue;
                times[p].push_back(image.times[p]);
                values[p].push_back(image.values.at(variable)[p]);
                for (auto& [v, per] : maskValues)
                    per[p].push_back(image.values.at(v)[p]);
            }
            if (progress)
                progress(k0 + i + 1, m_files.size());
        }
    }
    std::vector<LocationSeries> out(points);
    for (std::size_t p = 0; p < points; ++p) {
        const auto keep = mask.empty() ? std::vector<char>{}
                                       : mask.evaluate(times[p].size(), [&](const std::string& v) {
                                             return maskValues[v][p];
                                         });
        out[p] = keptSeries(times[p], values[p], keep, variable, units);
    }
    return out;
}

} // namespace soilscope::products
