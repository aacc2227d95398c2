#include "products/point_source.h"

#include "base/error.h"
#include "base/units.h"
#include "products/cell_folder.h"
#include "products/image_folder.h"
#include "products/point_series_file.h"
#include "products/sentinel1_folder.h"
#include "products/smap_l3.h"
#include "products/swath_file.h"

#include <cmath>
#include <cstdio>

namespace soilscope::products {

namespace fs = std::filesystem;

namespace {

std::string place(double lon, double lat) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4f°%s %.4f°%s", std::abs(lon), lon < 0 ? "W" : "E",
                  std::abs(lat), lat < 0 ? "S" : "N");
    return buf;
}

/// A location's series as a point series at lon/lat (description left to the caller).
PointSeries pointSeriesOf(LocationSeries ls, double lon, double lat) {
    PointSeries out;
    out.series = std::move(ls.series);
    out.observations = ls.observations;
    out.masked = ls.masked;
    out.duplicates = ls.duplicates;
    out.rejected = std::move(ls.rejected);
    out.lon = lon;
    out.lat = lat;
    return out;
}

void requireWithin(double distance, const PointQuery& q, const std::string& file) {
    if (distance > q.maxDistanceKm) {
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "the nearest location is %.1f km from %s, farther than the %.1f km allowed",
                      distance, place(*q.lon, *q.lat).c_str(), q.maxDistanceKm);
        throw Error(buf, file);
    }
}

PointSeries fromPointFile(const PointSeriesFile& f, std::size_t location, double distance,
                          const PointQuery& q) {
    const std::string variable = q.variable.empty() ? f.soilMoistureVariable() : q.variable;
    if (variable.empty())
        throw Error("the file has no soil-moisture variable; name one with the variable option",
                    f.path());
    LocationSeries ls = f.series(location, variable, ObservationMask::parse(q.mask));
    const SeriesLocation& loc = f.locations()[location];
    if (!q.porosity.empty()) {
        if (!units::isPercent(ls.series.units))
            throw Error("a porosity converts a degree of saturation in %, but '" + variable +
                            "' is in '" + ls.series.units + "'",
                        f.path());
        const double porosity = f.locationValue(q.porosity, location);
        if (!std::isfinite(porosity))
            throw Error("'" + q.porosity + "' is missing at grid point " + std::to_string(loc.id),
                        f.path());
        for (auto* s : {&ls.series, &ls.rejected}) {
            for (auto& v : s->values)
                v = v / 100.0 * porosity;
            s->units = "m3 m-3";
        }
    }
    PointSeries out = pointSeriesOf(std::move(ls), loc.lon, loc.lat);
    out.distanceKm = distance;
    char km[32];
    std::snprintf(km, sizeof km, "%.1f km away", distance);
    out.description = fs::path(f.path()).filename().string() + " location " +
                      std::to_string(loc.id) + " (" + place(loc.lon, loc.lat) +
                      (std::isfinite(distance) ? std::string(", ") + km : std::string()) + ") " +
                      variable + (q.mask.empty() ? "" : " where " + q.mask) +
                      (q.porosity.empty() ? "" : " × " + q.porosity + " / 100");
    return out;
}

constexpr double kDefaultSwathRadiusKm = 25.0;

std::vector<fs::path> swathFiles(const fs::path& path, ProductKind kind) {
    return kind == ProductKind::SwathFile ? std::vector<fs::path>{path} : swathFilesIn(path);
}

/// The overpasses of swath files at one point: the nearest node within the radius of each.
PointSeries fromSwaths(const std::vector<fs::path>& files, double lon, double lat,
                       const PointQuery& q, Feedback& feedback) {
    const double radius = std::isfinite(q.maxDistanceKm) ? q.maxDistanceKm : kDefaultSwathRadiusKm;
    const ObservationMask mask = ObservationMask::parse(q.mask);
    std::vector<TimePoint> times;
    std::vector<double> values, distances;
    std::vector<char> keep;
    std::string variable = q.variable, units;
    for (std::size_t k = 0; k < files.size(); ++k) {
        feedback.throwIfCanceled();
        feedback.setProgress(100.0 * static_cast<double>(k) / static_cast<double>(files.size()));
        const SwathFile swath(files[k]);
        if (variable.empty())
            variable = swath.soilMoistureVariable();
        if (variable.empty())
            throw Error("the swath has no soil-moisture variable; name one", files[k].string());
        const auto node = swath.nearest(lon, lat, radius);
        if (!node)
            continue;
        units = swath.units(variable);
        times.push_back(swath.timeOf(node->first));
        values.push_back(swath.values(variable)[node->first]);
        distances.push_back(node->second);
        const auto ok = mask.evaluate(1, [&](const std::string& v) {
            return std::vector<double>{swath.values(v)[node->first]};
        });
        keep.push_back(ok.front());
    }
    LocationSeries ls = keptSeries(times, values, keep, variable, units);
    PointSeries out = pointSeriesOf(std::move(ls), lon, lat);
    double mean = 0.0;
    for (const double d : distances)
        mean += d / static_cast<double>(distances.size());
    out.distanceKm = distances.empty() ? std::nan("") : mean;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%zu of %zu swaths within %.1f km (mean distance %.1f km)",
                  times.size(), files.size(), radius, out.distanceKm);
    out.description = (files.size() == 1 ? files.front().filename().string()
                                         : files.front().parent_path().filename().string()) +
                      " " + variable + " at " + place(lon, lat) + ": " + buf +
                      (q.mask.empty() ? "" : " where " + q.mask);
    return out;
}

} // namespace

ProductKind recogniseProduct(const fs::path& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        if (PointSeriesFile::recognises(path))
            return ProductKind::PointSeriesFile;
        if (SwathFile::recognises(path))
            return ProductKind::SwathFile;
        return SmapL3File::recognises(path) ? ProductKind::SmapFile : ProductKind::None;
    }
    if (!fs::is_directory(path, ec))
        return ProductKind::None;
    if (CellFolder::recognises(path))
        return ProductKind::CellFolder;
    if (ImageFolder::recognises(path))
        return ProductKind::ImageFolder;
    if (!swathFilesIn(path).empty())
        return ProductKind::SwathFolder;
    if (!smapFilesIn(path).empty())
        return ProductKind::SmapFolder;
    if (Sentinel1Folder::recognises(path))
        return ProductKind::Sentinel1Folder;
    return ProductKind::None;
}

std::string describeProductKind(ProductKind kind) {
    switch (kind) {
    case ProductKind::PointSeriesFile:
        return "point time series (CF timeSeries ragged array, e.g. an ASCAT/ERS WARP cell)";
    case ProductKind::CellFolder:
        return "folder of point time-series cells (ASCAT/ERS WARP)";
    case ProductKind::ImageFolder:
        return "folder of daily images (ESA CCI SM)";
    case ProductKind::SwathFile:
        return "satellite swath (e.g. EUMETSAT ASCAT Level 2 soil moisture)";
    case ProductKind::SwathFolder:
        return "folder of satellite swaths (e.g. EUMETSAT ASCAT Level 2 soil moisture)";
    case ProductKind::SmapFile:
        return "SMAP L3 radiometer soil moisture (AM and PM passes, EASE-Grid 2.0)";
    case ProductKind::SmapFolder:
        return "folder of SMAP L3 radiometer soil-moisture files";
    case ProductKind::Sentinel1Folder:
        return "folder of Sentinel-1 backscatter scenes (GeoTIFF per acquisition)";
    case ProductKind::None:
        break;
    }
    return "not a recognised product";
}

PointSeries readPointSeries(const fs::path& path, const PointQuery& q, Feedback& feedback) {
    const ProductKind kind = recogniseProduct(path);
    const bool byPlace = q.lon && q.lat;
    if (!byPlace && !q.id)
        throw UsageError("a series from a product needs a place (lon/lat) or a location id",
                         path.string());
    switch (kind) {
    case ProductKind::PointSeriesFile: {
        const PointSeriesFile f(path);
        if (q.id) {
            const auto i = f.findId(*q.id);
            if (!i)
                throw Error("no location with id " + std::to_string(*q.id) + " in the file",
                            path.string());
            return fromPointFile(f, *i, std::nan(""), q);
        }
        const auto [i, d] = f.nearest(*q.lon, *q.lat);
        requireWithin(d, q, path.string());
        return fromPointFile(f, i, d, q);
    }
    case ProductKind::CellFolder: {
        const CellFolder folder(path);
        const auto found = q.id ? folder.findId(*q.id) : folder.nearest(*q.lon, *q.lat);
        if (!q.id)
            requireWithin(found.distanceKm, q, path.string());
        const PointSeriesFile f(found.cell);
        return fromPointFile(f, found.location, q.id ? std::nan("") : found.distanceKm, q);
    }
    case ProductKind::ImageFolder: {
        if (!byPlace)
            throw UsageError("a series from an image folder needs lon/lat", path.string());
        if (!q.porosity.empty())
            throw UsageError("a porosity applies to point-series products only", path.string());
        const ImageFolder folder(path);
        const std::string variable =
            q.variable.empty() ? folder.soilMoistureVariable() : q.variable;
        auto series = folder.seriesAt({{*q.lon, *q.lat}}, variable, ObservationMask::parse(q.mask),
                                      [&](std::size_t done, std::size_t total) {
                                          feedback.throwIfCanceled();
                                          feedback.setProgress(100.0 * done / total);
                                      });
        if (series.front().observations == 0)
            throw Error("the point " + place(*q.lon, *q.lat) + " lies outside the images' grid",
                        path.string());
        PointSeries out = pointSeriesOf(std::move(series.front()), *q.lon, *q.lat);
        out.description = path.filename().string() + " (" + std::to_string(folder.files().size()) +
                          " daily images) " + variable + " at " + place(*q.lon, *q.lat) +
                          (q.mask.empty() ? "" : " where " + q.mask);
        return out;
    }
    case ProductKind::SwathFile:
    case ProductKind::SwathFolder:
        if (!byPlace)
            throw UsageError("a series from swaths needs lon/lat", path.string());
        return fromSwaths(swathFiles(path, kind), *q.lon, *q.lat, q, feedback);
    case ProductKind::SmapFile:
    case ProductKind::SmapFolder: {
        if (!byPlace)
            throw UsageError("a series from SMAP needs lon/lat", path.string());
        const auto files =
            kind == ProductKind::SmapFile ? std::vector<fs::path>{path} : smapFilesIn(path);
        const std::string variable = q.variable.empty() ? "soil_moisture" : q.variable;
        auto ls = smapSeriesAt(files, {{*q.lon, *q.lat}}, variable, ObservationMask::parse(q.mask))
                      .front();
        PointSeries out = pointSeriesOf(std::move(ls), *q.lon, *q.lat);
        out.description = path.filename().string() + " (" + std::to_string(files.size()) +
                          " SMAP file(s), AM and PM) " + variable + " at " + place(*q.lon, *q.lat) +
                          (q.mask.empty() ? "" : " where " + q.mask);
        return out;
    }
    case ProductKind::Sentinel1Folder: {
        if (!byPlace)
            throw UsageError("a series from Sentinel-1 scenes needs lon/lat", path.string());
        const auto v = parseBackscatterVariable(q.variable);
        const Sentinel1Folder folder(path, v.polarisation, v.stored);
        auto ls = folder.seriesAt({{*q.lon, *q.lat}}, v.want).front();
        PointSeries out = pointSeriesOf(std::move(ls), *q.lon, *q.lat);
        out.description = path.filename().string() + " (" + std::to_string(folder.scenes().size()) +
                          " Sentinel-1 scenes) " + out.series.name + " in " + out.series.units +
                          " at " + place(*q.lon, *q.lat);
        return out;
    }
    case ProductKind::None:
        break;
    }
    throw Error("not a recognised product (" + describeProductKind(ProductKind::PointSeriesFile) +
                    "; " + describeProductKind(ProductKind::CellFolder) + "; " +
                    describeProductKind(ProductKind::ImageFolder) + ")",
                path.string());
}

std::vector<PointSeries> readPointSeriesAt(const fs::path& path,
                                           const std::vector<std::pair<double, double>>& lonLat,
                                           const PointQuery& q, Feedback& feedback) {
    std::vector<PointSeries> out(lonLat.size());
    const ProductKind kind = recogniseProduct(path);
    if (kind == ProductKind::ImageFolder) {
        const ImageFolder folder(path);
        const std::string variable =
            q.variable.empty() ? folder.soilMoistureVariable() : q.variable;
        auto series = folder.seriesAt(lonLat, variable, ObservationMask::parse(q.mask),
                                      [&](std::size_t done, std::size_t total) {
                                          feedback.throwIfCanceled();
                                          feedback.setProgress(100.0 * done / total);
                                      });
        for (std::size_t i = 0; i < lonLat.size(); ++i) {
            const bool none = series[i].observations == 0;
            out[i] = pointSeriesOf(std::move(series[i]), lonLat[i].first, lonLat[i].second);
            out[i].description =
                none ? "outside the images' grid" : path.filename().string() + " " + variable;
        }
        return out;
    }
    if (kind == ProductKind::SwathFile || kind == ProductKind::SwathFolder) {
        const auto files = swathFiles(path, kind);
        for (std::size_t i = 0; i < lonLat.size(); ++i) {
            FeedbackSlice slice(feedback, 100.0 * i / lonLat.size(),
                                100.0 * (i + 1) / lonLat.size(), FeedbackSlice::Reports::Quiet);
            out[i] = fromSwaths(files, lonLat[i].first, lonLat[i].second, q, slice);
        }
        return out;
    }
    if (kind == ProductKind::SmapFile || kind == ProductKind::SmapFolder) {
        const auto files =
            kind == ProductKind::SmapFile ? std::vector<fs::path>{path} : smapFilesIn(path);
        auto series = smapSeriesAt(files, lonLat, q.variable.empty() ? "soil_moisture" : q.variable,
                                   ObservationMask::parse(q.mask));
        for (std::size_t i = 0; i < lonLat.size(); ++i) {
            const bool none = series[i].observations == 0;
            out[i] = pointSeriesOf(std::move(series[i]), lonLat[i].first, lonLat[i].second);
            out[i].description = none ? "no SMAP observation there" : path.filename().string();
        }
        return out;
    }
    if (kind == ProductKind::Sentinel1Folder) {
        const auto v = parseBackscatterVariable(q.variable);
        auto series = Sentinel1Folder(path, v.polarisation, v.stored).seriesAt(lonLat, v.want);
        for (std::size_t i = 0; i < lonLat.size(); ++i) {
            const bool none = series[i].observations == 0;
            out[i] = pointSeriesOf(std::move(series[i]), lonLat[i].first, lonLat[i].second);
            out[i].description = none ? "outside every scene" : path.filename().string();
        }
        return out;
    }
    if (kind != ProductKind::PointSeriesFile && kind != ProductKind::CellFolder)
        throw Error("not a recognised product", path.string());
    std::vector<PointSeriesFile> files;
    if (kind == ProductKind::PointSeriesFile) {
        files.emplace_back(path);
    } else {
        const CellFolder folder(path);
        for (const auto& cell : folder.cells())
            files.emplace_back(cell);
    }
    for (std::size_t i = 0; i < lonLat.size(); ++i) {
        feedback.throwIfCanceled();
        feedback.setProgress(100.0 * static_cast<double>(i) / static_cast<double>(lonLat.size()));
        std::size_t bestFile = 0, bestLocation = 0;
        double bestKm = std::numeric_limits<double>::infinity();
        for (std::size_t f = 0; f < files.size(); ++f) {
            const auto [loc, km] = files[f].nearest(lonLat[i].first, lonLat[i].second);
            if (km < bestKm) {
                bestKm = km;
                bestFile = f;
                bestLocation = loc;
            }
        }
        if (bestKm > q.maxDistanceKm) {
            char buf[128];
            std::snprintf(buf, sizeof buf,
                          "no grid point within %.1f km (the nearest is %.1f km away)",
                          q.maxDistanceKm, bestKm);
            out[i].description = buf;
            out[i].distanceKm = bestKm;
            continue;
        }
        out[i] = fromPointFile(files[bestFile], bestLocation, bestKm, q);
    }
    return out;
}

} // namespace soilscope::products
