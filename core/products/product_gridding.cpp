#include "products/product_gridding.h"

#include "base/daily_label.h"
#include "base/error.h"
#include "base/input_limits.h"
#include "base/units.h"
#include "geo/geotiff_writer.h"
#include "geo/qml_style.h"
#include "products/cell_folder.h"
#include "products/observation_mask.h"
#include "products/point_series_file.h"
#include "products/smap_l3.h"
#include "products/swath_file.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace soilscope::products {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxBands = 20000;
constexpr double kAscatSpacingKm = 12.5;

/// The scattered observations that make one band.
struct Scatter {
    std::vector<double> lon, lat, values;
    std::vector<TimePoint> times;

    void add(double x, double y, double value, TimePoint t) {
        lon.push_back(x);
        lat.push_back(y);
        values.push_back(value);
        times.push_back(t);
    }
    void append(const Scatter& other) {
        lon.insert(lon.end(), other.lon.begin(), other.lon.end());
        lat.insert(lat.end(), other.lat.begin(), other.lat.end());
        values.insert(values.end(), other.values.begin(), other.values.end());
        times.insert(times.end(), other.times.begin(), other.times.end());
    }
    /// The median observation time: the label of an overpass.
    TimePoint medianTime() const {
        std::vector<TimePoint> t(times);
        std::nth_element(t.begin(), t.begin() + std::ptrdiff_t(t.size() / 2), t.end());
        return t[t.size() / 2];
    }
};

using Bands = std::map<TimePoint, Scatter>;

void addOverpass(Bands& bands, Scatter scatter) {
    if (scatter.values.empty())
        return;
    const TimePoint t = scatter.medianTime();
    if (const auto it = bands.find(t); it != bands.end())
        it->second.append(scatter); // two overpasses labelled alike are one band
    else
        bands.emplace(t, std::move(scatter));
}

/// The grid's lon/lat extent widened by the radius (observations beyond it cannot contribute).
struct LonLatBox {
    double lonMin = 180, lonMax = -180, latMin = 90, latMax = -90;
    bool contains(double lon, double lat) const {
        return lon >= lonMin && lon <= lonMax && lat >= latMin && lat <= latMax;
    }
};

LonLatBox reach(const geo::Grid& grid, double radiusKm) {
    LonLatBox box;
    for (int r = 0; r <= grid.height(); r += std::max(1, grid.height() / 16))
        for (int c = 0; c <= grid.width(); c += std::max(1, grid.width() / 16)) {
            const auto m = grid.pixelToMap(c, r);
            const auto ll = grid.mapToLonLat(m.x, m.y);
            box.lonMin = std::min(box.lonMin, ll.lon);
            box.lonMax = std::max(box.lonMax, ll.lon);
            box.latMin = std::min(box.latMin, ll.lat);
            box.latMax = std::max(box.latMax, ll.lat);
        }
    const double dLat = radiusKm / 111.0;
    const double dLon =
        dLat / std::max(0.05, std::cos(std::max(std::abs(box.latMin), std::abs(box.latMax)) *
                                       3.14159265358979323846 / 180.0));
    box.lonMin -= dLon;
    box.lonMax += dLon;
    box.latMin = std::max(-90.0, box.latMin - dLat);
    box.latMax = std::min(90.0, box.latMax + dLat);
    return box;
}

bool inPeriod(TimePoint t, const ProductGridding& how) {
    return t >= how.from && t < how.to;
}

std::vector<fs::path> filesOf(const fs::path& input, ProductKind kind) {
    switch (kind) {
    case ProductKind::CellFolder:
        return CellFolder(input).cells();
    case ProductKind::SwathFolder:
        return swathFilesIn(input);
    case ProductKind::SmapFolder:
        return smapFilesIn(input);
    default:
        return {input};
    }
}

/// Each grid point's observations averaged per UTC day, labelled at the daily label time.
void dailyMeans(const std::vector<fs::path>& files, const LonLatBox& box,
                const ProductGridding& how, Bands& bands, GriddedProduct& out, Feedback& feedback) {
    const auto mask = ObservationMask::parse(how.mask);
    for (std::size_t k = 0; k < files.size(); ++k) {
        feedback.throwIfCanceled();
        feedback.setProgress(5.0 + 55.0 * static_cast<double>(k) / double(files.size()));
        const PointSeriesFile f(files[k]);
        if (out.variable.empty())
            out.variable = f.soilMoistureVariable();
        out.units = f.variable(out.variable).units;
        const auto all = f.allSeries(out.variable, mask);
        for (std::size_t loc = 0; loc < all.size(); ++loc) {
            const auto& place = f.locations()[loc];
            if (!box.contains(place.lon, place.lat))
                continue;
            std::map<TimePoint, std::pair<double, int>> days;
            const auto& s = all[loc].series;
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (!inPeriod(s.times[i], how) || !std::isfinite(s.values[i]))
                    continue;
                auto& d =
                    days[std::chrono::floor<std::chrono::days>(s.times[i]) + dailyLabelTime()];
                d.first += s.values[i];
                ++d.second;
            }
            for (const auto& [label, acc] : days)
                bands[label].add(place.lon, place.lat, acc.first / acc.second, label);
        }
    }
}

/// One band per swath.
void overpasses(const std::vector<fs::path>& files, const LonLatBox& box,
                const ProductGridding& how, Bands& bands, GriddedProduct& out, Feedback& feedback) {
    const auto mask = ObservationMask::parse(how.mask);
    for (std::size_t k = 0; k < files.size(); ++k) {
        feedback.throwIfCanceled();
        feedback.setProgress(5.0 + 55.0 * static_cast<double>(k) / double(files.size()));
        const SwathFile swath(files[k]);
        if (out.variable.empty())
            out.variable = swath.soilMoistureVariable();
        out.units = swath.units(out.variable);
        const auto values = swath.values(out.variable);
        const auto keep = mask.evaluate(
            values.size(), [&](const std::string& name) { return swath.values(name); });
        Scatter scatter;
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!keep[i] || !std::isfinite(values[i]) ||
                !box.contains(swath.lon()[i], swath.lat()[i]))
                continue;
            const TimePoint t = swath.timeOf(i);
            if (inPeriod(t, how))
                scatter.add(swath.lon()[i], swath.lat()[i], values[i], t);
        }
        addOverpass(bands, std::move(scatter));
    }
}

/// The pixel window of an EASE-Grid 2.0 file that the box covers (the grid is cylindrical:
/// columns follow longitude, rows latitude).
geo::Window easeWindow(const geo::Grid& ease, const LonLatBox& box) {
    std::vector<double> x{box.lonMin, box.lonMax}, y{box.latMax, box.latMin};
    for (auto& lon : x)
        lon = std::clamp(lon, -180.0, 180.0);
    ease.lonLatToMap(x, y);
    const auto a = ease.mapToPixel(x[0], y[0]), b = ease.mapToPixel(x[1], y[1]);
    const int c0 = std::clamp(int(std::floor(std::min(a.col, b.col))), 0, ease.width());
    const int c1 = std::clamp(int(std::ceil(std::max(a.col, b.col))), 0, ease.width());
    const int r0 = std::clamp(int(std::floor(std::min(a.row, b.row))), 0, ease.height());
    const int r1 = std::clamp(int(std::ceil(std::max(a.row, b.row))), 0, ease.height());
    return {c0, r0, c1 - c0, r1 - r0};
}

/// One band per pass of each file; each observed pixel is an observation at its centre.
void smapPasses(const std::vector<fs::path>& files, const LonLatBox& box,
                const ProductGridding& how, Bands& bands, GriddedProduct& out, Feedback& feedback) {
    const auto mask = ObservationMask::parse(how.mask);
    if (out.variable.empty())
        out.variable = "soil_moisture";
    for (std::size_t k = 0; k < files.size(); ++k) {
        feedback.throwIfCanceled();
        feedback.setProgress(5.0 + 55.0 * static_cast<double>(k) / double(files.size()));
        const SmapL3File smap(files[k]);
        const geo::Grid& ease = smap.grid();
        const geo::Window w = easeWindow(ease, box);
        if (w.width <= 0 || w.height <= 0)
            continue;
        std::vector<double> lon, lat;
        for (int r = w.y0; r < w.y0 + w.height; ++r)
            for (int c = w.x0; c < w.x0 + w.width; ++c) {
                const auto centre = ease.pixelCenter(c, r);
                lon.push_back(centre.x);
                lat.push_back(centre.y);
            }
        ease.mapToLonLat(lon, lat);
        for (const auto& pass : smap.passes()) {
            const auto values = smap.values(pass, out.variable);
            const auto times = smap.times(pass);
            out.units = smap.units(pass, out.variable);
            const auto keep = mask.evaluate(
                values.size(), [&](const std::string& name) { return smap.values(pass, name); });
            Scatter scatter;
            std::size_t i = 0;
            for (int r = w.y0; r < w.y0 + w.height; ++r)
                for (int c = w.x0; c < w.x0 + w.width; ++c, ++i) {
                    const auto p = std::size_t(r) * std::size_t(ease.width()) + std::size_t(c);
                    if (keep[p] && std::isfinite(values[p]) && times[p] != TimePoint::min() &&
                        inPeriod(times[p], how) && box.contains(lon[i], lat[i]))
                        scatter.add(lon[i], lat[i], values[p], times[p]);
                }
            addOverpass(bands, std::move(scatter));
        }
    }
}

} // namespace

bool needsGridding(ProductKind kind) {
    switch (kind) {
    case ProductKind::PointSeriesFile:
    case ProductKind::CellFolder:
    case ProductKind::SwathFile:
    case ProductKind::SwathFolder:
    case ProductKind::SmapFile:
    case ProductKind::SmapFolder:
        return true;
    default:
        return false;
    }
}

double defaultGriddingRadiusKm(const fs::path& input, ProductKind kind) {
    if (kind != ProductKind::SmapFile && kind != ProductKind::SmapFolder)
        return kAscatSpacingKm;
    const auto files = filesOf(input, kind);
    if (files.empty())
        throw Error("no SMAP L3 file in the folder", input.string());
    const SmapL3File first(files.front());
    return std::hypot(first.grid().resolutionX(), first.grid().resolutionY()) / 2.0 / 1000.0;
}

geo::Grid productGrid(const fs::path& input, double resolutionDeg) {
    const ProductKind kind = recogniseProduct(input);
    const auto files = needsGridding(kind) ? filesOf(input, kind) : std::vector<fs::path>{};
    if (files.empty())
        throw Error("not a point, swath or SMAP L3 product with files to grid", input.string());
    if (kind == ProductKind::SmapFile || kind == ProductKind::SmapFolder)
        return SmapL3File(files.front()).grid();
    LonLatBox box;
    const auto include = [&box](double lon, double lat) {
        if (!std::isfinite(lon) || !std::isfinite(lat))
            return;
        box.lonMin = std::min(box.lonMin, lon);
        box.lonMax = std::max(box.lonMax, lon);
        box.latMin = std::min(box.latMin, lat);
        box.latMax = std::max(box.latMax, lat);
    };
    for (const auto& file : files)
        if (kind == ProductKind::SwathFile || kind == ProductKind::SwathFolder) {
            const SwathFile swath(file);
            for (std::size_t i = 0; i < swath.nodeCount(); ++i)
                include(swath.lon()[i], swath.lat()[i]);
        } else {
            const PointSeriesFile points(file);
            for (const auto& place : points.locations())
                include(place.lon, place.lat);
        }
    if (box.lonMin > box.lonMax)
        throw Error("no observation has a longitude and latitude", input.string());
    // Outward to multiples of the resolution; a place on an edge gets a cell of its own.
    // (k / n rather than k * resolution where n = 1 / resolution is whole: 893 / 10 is 89.3.)
    const double perDegree = 1.0 / resolutionDeg;
    const bool whole = std::abs(perDegree - std::round(perDegree)) < 1e-9 * perDegree;
    const auto at = [&](double k) { return whole ? k / std::round(perDegree) : k * resolutionDeg; };
    const auto edges = [&](double lo, double hi, double limit) {
        double a = std::max(-limit, at(std::floor(lo / resolutionDeg)));
        const double b = std::min(limit, at(std::floor(hi / resolutionDeg) + 1.0));
        if (b - a < resolutionDeg)
            a = b - resolutionDeg;
        return std::pair{a, b};
    };
    const auto [west, east] = edges(box.lonMin, box.lonMax, 180.0);
    const auto [south, north] = edges(box.latMin, box.latMax, 90.0);
    return geo::Grid::geographic(west, south, east, north, resolutionDeg);
}

GriddedProduct gridProduct(const fs::path& input, const geo::Grid& grid, const ProductGridding& how,
                           Feedback& feedback) {
    const ProductKind kind = recogniseProduct(input);
    if (!needsGridding(kind))
        throw Error(kind == ProductKind::None
                        ? "not a point, swath or SMAP L3 product (" +
                              describeProductKind(ProductKind::CellFolder) + "; " +
                              describeProductKind(ProductKind::SwathFolder) + "; " +
                              describeProductKind(ProductKind::SmapFolder) + ")"
                        : "an image product is already a grid: use it directly as a raster "
                          "series",
                    input.string());
    GriddedProduct out;
    out.variable = how.variable;
    out.radiusKm = how.radiusKm > 0.0 ? how.radiusKm : defaultGriddingRadiusKm(input, kind);
    const auto cells = static_cast<std::uint64_t>(grid.width()) * std::uint64_t(grid.height());
    const std::string gridText = "a grid of " + std::to_string(grid.width()) + " x " +
                                 std::to_string(grid.height()) + " cells";
    checkMemoryFor(cells * (sizeof(float) + sizeof(double)), gridText, input.string());
    const PointGridder gridder(grid, how.method, out.radiusKm);
    const LonLatBox box = reach(grid, out.radiusKm);
    const auto files = filesOf(input, kind);
    Bands bands;
    if (kind == ProductKind::PointSeriesFile || kind == ProductKind::CellFolder)
        dailyMeans(files, box, how, bands, out, feedback);
    else if (kind == ProductKind::SwathFile || kind == ProductKind::SwathFolder)
        overpasses(files, box, how, bands, out, feedback);
    else
        smapPasses(files, box, how, bands, out, feedback);
    if (bands.empty())
        throw Error(
            "no observation of '" + out.variable + "' lies within " + std::to_string(out.radiusKm) +
                " km of the grid " + grid.describe() +
                (how.from == TimePoint::min() && how.to == TimePoint::max()
                     ? std::string()
                     : " between " + formatIsoTime(how.from) + " and " + formatIsoTime(how.to)) +
                (how.mask.empty() ? "" : " that the mask keeps"),
            input.string());
    if (bands.size() > kMaxBands)
        throw UsageError("that makes " + std::to_string(bands.size()) +
                             " bands; narrow the period (from/to)",
                         input.string());
    checkMemoryFor(cells * sizeof(float) * bands.size(),
                   std::to_string(bands.size()) + " bands on " + gridText, input.string());
    std::size_t done = 0;
    for (const auto& [time, scatter] : bands) {
        feedback.throwIfCanceled();
        feedback.setProgress(60.0 + 40.0 * static_cast<double>(done++) / double(bands.size()));
        out.times.push_back(time);
        out.bands.push_back(gridder.grid(scatter.lon, scatter.lat, scatter.values));
    }
    return out;
}

void writeGriddedProduct(const fs::path& out, const geo::Grid& grid, const GriddedProduct& gridded,
                         const std::map<std::string, std::string>& metadata) {
    geo::GeoTiffOptions options;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t b = 0; b < gridded.bands.size(); ++b) {
        for (const float x : gridded.bands[b])
            if (std::isfinite(x)) {
                lo = std::min(lo, static_cast<double>(x));
                hi = std::max(hi, static_cast<double>(x));
            }
        options.bandDescriptions.push_back(formatIsoTime(gridded.times[b]));
        options.bandUnits.push_back(gridded.units);
    }
    options.metadata = {{"variable", gridded.variable},
                        {"units", gridded.units},
                        {"radius_km", std::to_string(gridded.radiusKm)}};
    for (const auto& [key, value] : metadata)
        options.metadata[key] = value;
    geo::writeGeoTiff(out, grid, gridded.bands, options);
    if (std::isfinite(lo))
        geo::writeSoilMoistureStyle(geo::styleSidecarPath(out), lo, hi,
                                    gridded.variable + " (" + units::display(gridded.units) + ")");
}

} // namespace soilscope::products
