// Task "product-to-grid": point products (ASCAT/ERS WARP cells), swaths (ASCAT Level 2) and
// SMAP L3 files on a raster grid, so that they work as map layers, raster series and predictors.
#include "base/error.h"
#include "base/input_limits.h"
#include "base/time_utils.h"
#include "geo/raster.h"
#include "products/observation_mask.h"
#include "products/product_gridding.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <algorithm>
#include <cmath>

namespace soilscope::tasks {

namespace {

geo::Grid targetGrid(const ParameterValues& v) {
    if (!v.text("grid").empty())
        return geo::Raster(v.path("grid")).grid();
    const auto box = v.list("bbox");
    if (box.empty())
        return products::productGrid(v.path("input"), v.real("resolution"));
    if (box.size() != 4)
        throw UsageError("--bbox takes LON_MIN,LAT_MIN,LON_MAX,LAT_MAX (four numbers)");
    double b[4];
    for (int i = 0; i < 4; ++i)
        b[i] = std::stod(box[static_cast<std::size_t>(i)]);
    if (!(b[0] < b[2] && b[1] < b[3]))
        throw UsageError("--bbox must be LON_MIN,LAT_MIN,LON_MAX,LAT_MAX with min < max");
    return geo::Grid::geographic(b[0], b[1], b[2], b[3], v.real("resolution"));
}

} // namespace

class ProductGridTask : public Task {
  public:
    TaskInfo info() const override {
        return {"product-to-grid",
                "Grid a point, swath or SMAP product",
                "Puts a point product (ASCAT/ERS WARP cell file or folder of cells), swaths "
                "(ASCAT Level 2 file or folder) or SMAP L3 files (file or folder) on a raster "
                "grid: the grid of a raster given with --grid, a WGS 84 grid of --resolution "
                "degrees over --bbox, or else the product's own: a SMAP file's EASE-Grid 2.0, or "
                "a WGS 84 grid of --resolution degrees over the places the product observes. "
                "Point products become daily means (the UTC day's "
                "observations of each grid point, labelled 12:00 UTC or --daily-time), swaths one "
                "band per overpass and SMAP files one band per pass (labelled with the median "
                "time of the observations used); each band takes, per cell, the nearest "
                "observation within --radius, their inverse-distance mean, or the mean of those "
                "inside the cell. Projects do the same with such a product as a layer. "
                "Observations "
                "the --mask rejects are left out. Writes a GeoTIFF whose bands carry their times "
                "and units (a raster series for maps, the time-series view and predictors) and "
                "a QGIS style fitted to the data.",
                "Data",
                {"product-to-grid --input TUW_METOP_ASCAT_WARP55R12_1358.nc --bbox 5,43,8,45 "
                 "--resolution 0.1 --mask \"ssf == 1 and proc_flag == 0\" --from 2012-06-01 --to "
                 "2012-07-01 --out ascat_june.tif"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto input = pathParam("input", "point, swath or SMAP product: ASCAT/ERS cell file or "
                                        "folder, ASCAT Level 2 swath file or folder, SMAP L3 "
                                        "file or folder");
        input.fileFilter = "Products (*.nc *.h5);;All files (*)";
        auto grid = pathParam("grid", "raster whose grid the output takes (else --bbox)", false);
        grid.fileFilter = "Rasters (*.tif *.tiff *.nc *.vrt);;All files (*)";
        return {input,
                stringParam("variable", "variable to grid (default: the product's soil moisture)"),
                stringParam("mask", "observations to keep, e.g. \"ssf == 1 and proc_flag == 0\""),
                grid,
                listParam("bbox", "LON_MIN,LAT_MIN,LON_MAX,LAT_MAX of a WGS 84 grid (default: "
                                  "the product's extent; SMAP: its EASE-Grid 2.0)"),
                doubleParam("resolution", "pixel size of the WGS 84 grid (degrees)",
                            products::kDefaultGridResolutionDeg, 0.001, 10.0),
                choiceParam("method",
                            "nearest observation within the radius, inverse-distance mean, or "
                            "mean inside the cell",
                            {"nearest", "idw", "mean"}, "nearest"),
                doubleParam("radius",
                            "search radius of nearest and idw (km); 0: the product's spacing (12.5 "
                            "km for ASCAT, half a SMAP pixel's diagonal)",
                            0.0, 0.0, 500.0),
                stringParam("from", "first day (ISO date; default: the first observation)"),
                stringParam("to", "day after the last (ISO date; default: after the last)"),
                outputParam("out", "GeoTIFF to write")};
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"grid", OutputKind::RasterSeries,
                 "the gridded product: one band per day, overpass or pass, with times and "
                 "units",
                 "out"}};
    }

    void validate(const ParameterValues& v) const override {
        products::ObservationMask::parse(v.text("mask"));
        for (const char* key : {"from", "to"})
            if (!v.text(key).empty())
                parseIsoTimeOrThrow(v.text(key), std::string("--") + key);
    }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        const std::filesystem::path input = v.path("input");
        const geo::Grid grid = targetGrid(v);
        checkMemoryFor(std::uint64_t(grid.width()) * std::uint64_t(grid.height()) *
                           (sizeof(float) + sizeof(double)),
                       "a grid of " + std::to_string(grid.width()) + " x " +
                           std::to_string(grid.height()) + " cells",
                       v.text("grid").empty() ? "--resolution" : v.text("grid"));
        products::ProductGridding how;
        how.variable = v.text("variable");
        how.mask = v.text("mask");
        how.method = products::parseGriddingMethod(v.text("method"));
        how.radiusKm = v.real("radius");
        if (!v.text("from").empty())
            how.from = parseIsoTimeOrThrow(v.text("from"), "--from");
        if (!v.text("to").empty())
            how.to = parseIsoTimeOrThrow(v.text("to"), "--to");
        const auto gridded = products::gridProduct(input, grid, how, feedback);
        const std::filesystem::path out = v.path("out");
        products::writeGriddedProduct(out, grid, gridded,
                                      {{"source", input.string()}, {"method", v.text("method")}});
        const std::string first = formatIsoTime(gridded.times.front());
        const std::string last = formatIsoTime(gridded.times.back());
        TaskResult result;
        result.json = {{"out", out.string()},
                       {"bands", gridded.bands.size()},
                       {"first", first},
                       {"last", last},
                       {"variable", gridded.variable},
                       {"units", gridded.units},
                       {"radius_km", gridded.radiusKm},
                       {"grid", grid.describe()}};
        result.summary = "wrote " + out.string() + ": " + std::to_string(gridded.bands.size()) +
                         " band(s) of " + gridded.variable + " (" + gridded.units + "), " + first +
                         " to " + last + ", on " + grid.describe();
        result.outputs.push_back(declaredOutput(outputs(), "grid", out.string()));
        return result;
    }
};

SOILSCOPE_REGISTER_TASK(ProductGridTask, "product-to-grid")

} // namespace soilscope::tasks
