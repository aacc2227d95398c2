// Task "product-to-grid": point products (ASCAT/ERS WARP cells) and swaths (ASCAT Level 2) on
// a raster grid, so that they work as map layers, raster series and predictors.
#include "base/daily_label.h"
#include "base/error.h"
#include "base/input_limits.h"
#include "base/time_utils.h"
#include "base/units.h"
#include "geo/geotiff_writer.h"
#include "geo/qml_style.h"
#include "geo/raster.h"
#include "products/cell_folder.h"
#include "products/gridding.h"
#include "products/observation_mask.h"
#include "products/point_series_file.h"
#include "products/point_source.h"
#include "products/swath_file.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace soilscope::tasks {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxBands = 20000;

/// One band: its time label and the scattered observations that make it.
struct Scatter {
    std::vector<double> lon, lat, values;
};

geo::Grid targetGrid(const ParameterValues& v) {
    if (!v.text("grid").empty())
        return geo::Raster(v.path("grid")).grid();
    const auto box = v.list("bbox");
    if (box.size() != 4)
        throw UsageError("give --grid (a raster whose grid to use) or --bbox "
                         "LON_MIN,LAT_MIN,LON_MAX,LAT_MAX with --resolution");
    double b[4];
    for (int i = 0; i < 4; ++i)
        b[i] = std::stod(box[static_cast<std::size_t>(i)]);
    if (!(b[0] < b[2] && b[1] < b[3]))
        throw UsageError("--bbox must be LON_MIN,LAT_MIN,LON_MAX,LAT_MAX with min < max");
    return geo::Grid::geographic(b[0], b[1], b[2], b[3], v.real("resolution"));
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
    box.latMin -= dLat;
    box.latMax += dLat;
    return box;
}

} // namespace

class ProductGridTask : public Task {
  public:
    TaskInfo info() const override {
        return {"product-to-grid",
                "Grid a point or swath product",
                "Puts a point product (ASCAT/ERS WARP cell file or folder of cells) or swaths "
                "(ASCAT Level 2 file or folder) on a raster grid: the grid of a raster given with "
                "--grid, or a WGS 84 grid of --resolution degrees over --bbox. Point products "
                "become daily means (the UTC day's observations of each grid point, labelled "
                "12:00 UTC or --daily-time), swaths one band per overpass (labelled with the "
                "median time of the "
                "nodes used); each band takes, per cell, the nearest observation within --radius, "
                "their inverse-distance mean, or the mean of those inside the cell. Observations "
                "the --mask rejects are left out. Writes a GeoTIFF whose bands carry their times "
                "and units (a raster series for maps, the time-series view and predictors) and "
                "a QGIS style fitted to the data.",
                "Data",
                {"product-to-grid --input TUW_METOP_ASCAT_WARP55R12_1358.nc --bbox 5,43,8,45 "
                 "--resolution 0.1 --mask \"ssf == 1 and proc_flag == 0\" --from 2012-06-01 --to "
                 "2012-07-01 --out ascat_june.tif"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto input = pathParam("input", "point or swath product: ASCAT/ERS cell file or folder, "
                                        "ASCAT Level 2 swath file or folder");
        input.fileFilter = "Products (*.nc);;All files (*)";
        auto grid = pathParam("grid", "raster whose grid the output takes (else --bbox)", false);
        grid.fileFilter = "Rasters (*.tif *.tiff *.nc *.vrt);;All files (*)";
        return {
            input,
            stringParam("variable", "variable to grid (default: the product's soil moisture)"),
            stringParam("mask", "observations to keep, e.g. \"ssf == 1 and proc_flag == 0\""),
            grid,
            listParam("bbox", "LON_MIN,LAT_MIN,LON_MAX,LAT_MAX of a WGS 84 grid"),
            doubleParam("resolution", "pixel size of the --bbox grid (degrees)", 0.1, 0.001, 10.0),
            choiceParam("method",
                        "nearest observation within the radius, inverse-distance mean, or "
                        "mean inside the cell",
                        {"nearest", "idw", "mean"}, "nearest"),
            doubleParam("radius", "search radius of nearest and idw (km)", 12.5, 0.1, 500.0),
            stringParam("from", "first day (ISO date; default: the first observation)"),
            stringParam("to", "day after the last (ISO date; default: after the last)"),
            outputParam("out", "GeoTIFF to write")};
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"grid", OutputKind::RasterSeries,
                 "the gridded product: one band per day or overpass, with times and units", "out"}};
    }

    void validate(const ParameterValues& v) const override {
        products::ObservationMask::parse(v.text("mask"));
        for (const char* key : {"from", "to"})
            if (!v.text(key).empty())
                parseIsoTimeOrThrow(v.text(key), std::string("--") + key);
    }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        const fs::path input = v.path("input");
        const auto kind = products::recogniseProduct(input);
        const geo::Grid grid = targetGrid(v);
        const auto cells = static_cast<std::uint64_t>(grid.width()) * grid.height();
        const std::string gridText = "a grid of " + std::to_string(grid.width()) + " x " +
                                     std::to_string(grid.height()) + " cells";
        checkMemoryFor(cells * (sizeof(float) + sizeof(double)), gridText,
                       v.has("grid") ? v.text("grid") : "--resolution");
        const products::PointGridder gridder(grid, products::parseGriddingMethod(v.text("method")),
                                             v.real("radius"));
        const LonLatBox box = reach(grid, v.real("radius"));
        std::map<TimePoint, Scatter> bands;
        std::string variable = v.text("variable"), units;
        switch (kind) {
        case products::ProductKind::PointSeriesFile:
        case products::ProductKind::CellFolder:
            dailyMeans(v, kind, box, bands, variable, units, feedback);
            break;
        case products::ProductKind::SwathFile:
        case products::ProductKind::SwathFolder:
            overpasses(v, kind, box, bands, variable, units, feedback);
            break;
        case products::ProductKind::ImageFolder:
        case products::ProductKind::SmapFile:
        case products::ProductKind::SmapFolder:
        case products::ProductKind::Sentinel1Folder:
            throw UsageError("an image product is already a grid: use it directly as a "
                             "series source",
                             input.string());
        case products::ProductKind::None:
            throw Error("not a point or swath product (" +
                            products::describeProductKind(products::ProductKind::CellFolder) +
                            "; " +
                            products::describeProductKind(products::ProductKind::SwathFolder) + ")",
                        input.string());
        }
        if (bands.empty())
            throw Error("no observation of '" + variable + "' lies within " +
                            std::to_string(v.real("radius")) + " km of the grid " +
                            grid.describe() +
                            (v.text("from").empty() && v.text("to").empty()
                                 ? std::string()
                                 : " between " + v.text("from") + " and " + v.text("to")) +
                            (v.text("mask").empty() ? "" : " that the mask keeps"),
                        input.string());
        if (bands.size() > kMaxBands)
            throw UsageError("that makes " + std::to_string(bands.size()) +
                             " bands; narrow --from/--to");
        checkMemoryFor(cells * sizeof(float) * bands.size(),
                       std::to_string(bands.size()) + " bands on " + gridText, input.string());
        std::vector<std::vector<float>> data;
        geo::GeoTiffOptions options;
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        std::size_t done = 0;
        for (const auto& [time, scatter] : bands) {
            feedback.throwIfCanceled();
            feedback.setProgress(60.0 + 35.0 * static_cast<double>(done++) / bands.size());
            data.push_back(gridder.grid(scatter.lon, scatter.lat, scatter.values));
            for (const float x : data.back())
                if (std::isfinite(x)) {
                    lo = std::min(lo, static_cast<double>(x));
                    hi = std::max(hi, static_cast<double>(x));
                }
            options.bandDescriptions.push_back(formatIsoTime(time));
            options.bandUnits.push_back(units);
        }
        options.metadata = {{"source", input.string()},
                            {"variable", variable},
                            {"units", units},
                            {"method", v.text("method")},
                            {"radius_km", std::to_string(v.real("radius"))}};
        const fs::path out = v.path("out");
        geo::writeGeoTiff(out, grid, data, options);
        if (std::isfinite(lo))
            geo::writeSoilMoistureStyle(geo::styleSidecarPath(out), lo, hi,
                                        variable + " (" + units::display(units) + ")");
        TaskResult result;
        result.json = {{"out", out.string()},
                       {"bands", bands.size()},
                       {"first", formatIsoTime(bands.begin()->first)},
                       {"last", formatIsoTime(bands.rbegin()->first)},
                       {"variable", variable},
                       {"units", units},
                       {"grid", grid.describe()}};
        result.summary = "wrote " + out.string() + ": " + std::to_string(bands.size()) +
                         " band(s) of " + variable + " (" + units + "), " +
                         formatIsoTime(bands.begin()->first) + " to " +
                         formatIsoTime(bands.rbegin()->first) + ", on " + grid.describe();
        result.outputs.push_back(declaredOutput(outputs(), "grid", out.string()));
        return result;
    }

  private:
    static std::pair<TimePoint, TimePoint> period(const ParameterValues& v) {
        const TimePoint from =
            v.text("from").empty() ? TimePoint::min() : parseIsoTimeOrThrow(v.text("from"));
        const TimePoint to =
            v.text("to").empty() ? TimePoint::max() : parseIsoTimeOrThrow(v.text("to"));
        return {from, to};
    }

    /// Each grid point's observations averaged per UTC day, labelled at the daily label time
    /// (12:00 UTC unless --daily-time says otherwise).
    static void dailyMeans(const ParameterValues& v, products::ProductKind kind,
                           const LonLatBox& box, std::map<TimePoint, Scatter>& bands,
                           std::string& variable, std::string& units, Feedback& feedback) {
        const auto [from, to] = period(v);
        std::vector<fs::path> files;
        if (kind == products::ProductKind::PointSeriesFile)
            files.push_back(v.path("input"));
        else
            files = products::CellFolder(v.path("input")).cells();
        const auto mask = products::ObservationMask::parse(v.text("mask"));
        for (std::size_t k = 0; k < files.size(); ++k) {
            feedback.throwIfCanceled();
            feedback.setProgress(5.0 + 55.0 * static_cast<double>(k) / files.size());
            const products::PointSeriesFile f(files[k]);
            if (variable.empty())
                variable = f.soilMoistureVariable();
            units = f.variable(variable).units;
            const auto all = f.allSeries(variable, mask);
            for (std::size_t loc = 0; loc < all.size(); ++loc) {
                const auto& place = f.locations()[loc];
                if (!box.contains(place.lon, place.lat))
                    continue;
                std::map<TimePoint, std::pair<double, int>> days;
                const auto& s = all[loc].series;
                for (std::size_t i = 0; i < s.size(); ++i) {
                    if (s.times[i] < from || s.times[i] >= to || !std::isfinite(s.values[i]))
                        continue;
                    const TimePoint noon =
                        std::chrono::floor<std::chrono::days>(s.times[i]) + dailyLabelTime();
                    auto& d = days[noon];
                    d.first += s.values[i];
                    ++d.second;
                }
                for (const auto& [noon, acc] : days) {
                    auto& band = bands[noon];
                    band.lon.push_back(place.lon);
                    band.lat.push_back(place.lat);
                    band.values.push_back(acc.first / acc.second);
                }
            }
        }
    }

    /// One band per swath, labelled with the median time of the nodes used.
    static void overpasses(const ParameterValues& v, products::ProductKind kind,
                           const LonLatBox& box, std::map<TimePoint, Scatter>& bands,
                           std::string& variable, std::string& units, Feedback& feedback) {
        const auto [from, to] = period(v);
        const auto files = kind == products::ProductKind::SwathFile
                               ? std::vector<fs::path>{v.path("input")}
                               : products::swathFilesIn(v.path("input"));
        const auto mask = products::ObservationMask::parse(v.text("mask"));
        for (std::size_t k = 0; k < files.size(); ++k) {
            feedback.throwIfCanceled();
            feedback.setProgress(5.0 + 55.0 * static_cast<double>(k) / files.size());
            const products::SwathFile swath(files[k]);
            if (variable.empty())
                variable = swath.soilMoistureVariable();
            units = swath.units(variable);
            const auto values = swath.values(variable);
            const auto keep = mask.evaluate(
                values.size(), [&](const std::string& name) { return swath.values(name); });
            Scatter scatter;
            std::vector<TimePoint> times;
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (!keep[i] || !std::isfinite(values[i]) ||
                    !box.contains(swath.lon()[i], swath.lat()[i]))
                    continue;
                const TimePoint t = swath.timeOf(i);
                if (t < from || t >= to)
                    continue;
                scatter.lon.push_back(swath.lon()[i]);
                scatter.lat.push_back(swath.lat()[i]);
                scatter.values.push_back(values[i]);
                times.push_back(t);
            }
            if (times.empty())
                continue;
            std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
            bands[times[times.size() / 2]] = std::move(scatter);
        }
    }
};

SOILSCOPE_REGISTER_TASK(ProductGridTask, "product-to-grid")

} // namespace soilscope::tasks
