// Task "raster-info": describes a raster file (any GDAL format): size, CRS, geotransform,
// nodata and its variables with their time axes.
#include "base/error.h"
#include "base/time_utils.h"
#include "geo/netcdf_grid_variables.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "products/point_source.h"
#include "products/product_description.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <cmath>
#include <cstdio>
#include <memory>
#include <sstream>

namespace soilscope::tasks {

namespace {

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

} // namespace

class RasterInfoTask : public Task {
  public:
    TaskInfo info() const override {
        return {
            "raster-info",
            "Describe a raster",
            "Opens a raster in any format GDAL reads (GeoTIFF, NetCDF, HDF, ...) and reports its "
            "driver, size, coordinate reference system, geotransform and nodata value, and every "
            "variable with its bands, data type, units and time axis (CF time units in any "
            "calendar, GRIB valid times, or ISO dates as band descriptions). Distributed products "
            "are recognised by their content: a CF point time-series file or folder of cells "
            "(ASCAT/ERS WARP) reports its locations, observations and variables; an ESA CCI SM "
            "image folder its dates and variables.",
            "Data",
            {"raster-info --input L7_ETMs.tif", "raster-info --input test_stageiv_xyt.nc --json"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto input = pathParam("input", "raster file, GDAL subdataset name, or a product file or "
                                        "folder (ASCAT cells, CCI images)");
        input.fileFilter =
            "Rasters (*.tif *.tiff *.nc *.nc4 *.h5 *.hdf *.vrt *.img);;All files (*)";
        return {input};
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"info", OutputKind::JsonDocument,
                 "the raster's driver, size, CRS, geotransform, nodata and variables with their "
                 "time axes"}};
    }

    TaskResult run(const ParameterValues& values, Feedback& feedback) override {
        const std::string path = values.path("input").string();
        feedback.setProgress(5);
        if (products::recogniseProduct(path) != products::ProductKind::None) {
            auto d = products::describeProduct(path);
            TaskResult result;
            result.json = std::move(d.json);
            result.summary = std::move(d.text);
            result.outputs.push_back(declaredOutput(outputs(), "info", ""));
            return result;
        }
        std::vector<geo::RasterVariable> variables;
        Layout layout;
        if (const auto netcdf = geo::describeNetcdfGridVariables(path)) {
            // Regular netCDF grids are described without GDAL's band-per-time-step view.
            variables = geo::RasterSeries::listVariables(*netcdf);
            const auto& first = variables.front();
            layout = {"netCDF", first.grid, first.bands, first.nodata, false, true};
        } else {
            const geo::Raster container(path);
            feedback.throwIfCanceled();
            variables = geo::RasterSeries::listVariables(path);
            feedback.throwIfCanceled();
            // A multi-variable container has no bands of its own: describe its first variable.
            std::unique_ptr<geo::Raster> firstVariable;
            if (container.bandCount() == 0 && !variables.empty())
                firstVariable = std::make_unique<geo::Raster>(variables.front().source);
            const geo::Raster& r = firstVariable ? *firstVariable : container;
            layout = {container.driverName(),
                      r.grid(),
                      r.bandCount(),
                      r.bandCount() > 0 ? r.band(1).nodata : std::nullopt,
                      r.hasGeolocationArrays(),
                      r.hasGeoTransform()};
        }
        feedback.throwIfCanceled();
        const geo::Grid& grid = layout.grid;
        const std::optional<double>& nodata = layout.nodata;

        TaskResult result;
        auto& j = result.json;
        j["path"] = path;
        j["driver"] = layout.driver;
        j["width"] = grid.width();
        j["height"] = grid.height();
        j["crs_wkt"] = grid.crsWkt();
        j["epsg"] = grid.epsg() ? nlohmann::json(*grid.epsg()) : nlohmann::json();
        j["geotransform"] = grid.geoTransform();
        j["bands"] = layout.bands;
        j["geolocation_arrays"] = layout.geolocationArrays;
        j["nodata"] = nodata && std::isfinite(*nodata) ? nlohmann::json(*nodata) : nlohmann::json();
        j["nodata_is_nan"] = nodata && std::isnan(*nodata);
        j["variables"] = nlohmann::json::array();
        for (const auto& v : variables) {
            nlohmann::json times = nlohmann::json::array();
            for (const auto& t : v.times)
                times.push_back(formatIsoTime(t));
            j["variables"].push_back({{"name", v.name},
                                      {"bands", v.bands},
                                      {"dtype", v.dtype},
                                      {"units", v.units},
                                      {"times", times}});
        }
        OutputValue infoOutput = declaredOutput(outputs(), "info", "");
        result.outputs.push_back(std::move(infoOutput));
        result.summary = summary(path, layout, variables);
        return result;
    }

  private:
    /// What is reported of the file's (first variable's) raster.
    struct Layout {
        std::string driver;
        geo::Grid grid;
        int bands = 0;
        std::optional<double> nodata;
        bool geolocationArrays = false;
        bool geoTransform = true;
    };

    static std::string summary(const std::string& path, const Layout& layout,
                               const std::vector<geo::RasterVariable>& variables) {
        const geo::Grid& g = layout.grid;
        const auto& gt = g.geoTransform();
        const auto& nodata = layout.nodata;
        std::ostringstream out;
        out << path << " (" << layout.driver << ")\n"
            << "  size:     " << g.width() << " x " << g.height() << " pixels, " << layout.bands
            << " band(s)\n"
            << "  CRS:      "
            << (g.epsg() ? "EPSG:" + std::to_string(*g.epsg())
                         : (g.hasCrs() ? "custom (see --json)" : "none"))
            << (g.isGeographic() ? " (geographic)" : "") << "\n";
        if (layout.geolocationArrays && !layout.geoTransform)
            out << "  placed by geolocation arrays (2-D longitude/latitude)\n";
        else
            out << "  origin:   " << number(gt[0]) << ", " << number(gt[3]) << "; pixel "
                << number(gt[1]) << " x " << number(gt[5]) << "\n";
        out << "  nodata:   " << (nodata ? number(*nodata) : std::string("none")) << "\n"
            << "  variables:\n";
        for (const auto& v : variables) {
            out << "    " << v.name << ": " << v.bands << " band(s) " << v.dtype
                << (v.units.empty() ? "" : ", units " + v.units);
            if (v.times.empty())
                out << ", no time axis\n";
            else
                out << ", " << v.times.size() << " time(s) " << formatIsoTime(v.times.front())
                    << " .. " << formatIsoTime(v.times.back()) << "\n";
        }
        std::string s = out.str();
        if (!s.empty() && s.back() == '\n')
            s.pop_back();
        return s;
    }
};

SOILSCOPE_REGISTER_TASK(RasterInfoTask, "raster-info")

} // namespace soilscope::tasks
