// Hourly netCDF series, as ERA5 and the twin distribute them: listing the variables, opening
// one as a series, a pixel's whole series and every map, through GDAL's multidimensional API
// (geo::RasterSeries) against GDAL's raster view of one band per time step (geo::Raster), and
// the map layer of one variable drawn again and again.
// Usage: bench_netcdf_series [--years 2] [--cells 24]
#include "bench_common.h"

#include "demo/cf_netcdf_writer.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "widgets/map_layer.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace soilscope;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
    int years = 2, cells = 24;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--years")
            years = std::stoi(argv[++i]);
        else if (std::string(argv[i]) == "--cells")
            cells = std::stoi(argv[++i]);
    }
    const geo::Grid grid =
        geo::Grid::geographic(5.0, 45.0, 5.0 + cells * 0.25, 45.0 + cells * 0.25, 0.25);
    std::vector<TimePoint> times;
    for (int h = 0; h < years * 8760; ++h)
        times.push_back(makeTime(2018, 1, 1) + std::chrono::hours{h});
    const fs::path file = fs::temp_directory_path() / "soilscope_bench_hourly.nc";
    {
        demo::NcVariable t2m{"t2m", "2 metre temperature",  "air_temperature",
                             "K",   demo::NcStorage::Int16, 0.01,
                             273.15};
        demo::NcVariable swvl1{"swvl1",  "Volumetric soil water layer 1", "",
                               "m3 m-3", demo::NcStorage::Int16,          1e-5,
                               0.0};
        demo::CfNetcdfWriter w(file, grid, times, {t2m, swvl1}, {});
        const std::size_t n = grid.pixelCount(), chunk = w.timeChunk() * 24;
        std::vector<float> a(chunk * n), b(chunk * n);
        for (std::size_t t0 = 0; t0 < times.size(); t0 += chunk) {
            const std::size_t nt = std::min(chunk, times.size() - t0);
            for (std::size_t k = 0; k < nt * n; ++k) {
                const double hour = double(t0 + k / n);
                a[k] = float(283 + 8 * std::sin(hour * 2 * M_PI / 24) + double(k % n) * 0.01);
                b[k] = float(0.25 + 0.1 * std::sin(hour / 500.0));
            }
            w.write("t2m", t0, nt, a.data());
            w.write("swvl1", t0, nt, b.data());
        }
        w.close();
    }
    std::printf("hourly netCDF: %zu steps, %d x %d cells, 2 packed variables, %.1f MB\n",
                times.size(), grid.width(), grid.height(), double(fs::file_size(file)) / 1e6);

    const double listFast =
        bench::medianSeconds(3, [&] { geo::RasterSeries::listVariables(file); });
    const double listView = bench::medianSeconds(1, [&] {
        for (const char* v : {"t2m", "swvl1"}) {
            const geo::Raster r("NETCDF:\"" + file.string() + "\":" + v);
            geo::RasterSeries::bandTimes(r);
        }
    });
    std::printf("list the variables with their time axes: %.3f s (raster view %.2f s, %.0fx)\n",
                listFast, listView, listView / listFast);

    const double openFast = bench::medianSeconds(3, [&] { geo::RasterSeries::open(file, "t2m"); });
    const std::string subdataset = "NETCDF:\"" + file.string() + "\":t2m";
    const double openView = bench::medianSeconds(1, [&] { geo::Raster r(subdataset); });
    std::printf("open t2m as a series: %.3f s (raster view %.2f s)\n", openFast, openView);

    const auto series = geo::RasterSeries::open(file, "t2m");
    const geo::Raster view(subdataset);
    const int col = grid.width() / 2, row = grid.height() / 2;
    const double pixelFast = bench::medianSeconds(3, [&] { series.readPixelSeries(col, row); });
    const double pixelView = bench::medianSeconds(1, [&] {
        for (int b = 1; b <= view.bandCount(); ++b)
            view.readWindow(b, geo::Window{col, row, 1, 1});
    });
    std::printf("one pixel's %zu-step series: %.3f s (raster view, one read per band: %.2f s, "
                "%.0fx)\n",
                times.size(), pixelFast, pixelView, pixelView / pixelFast);

    const double mapsFast = bench::medianSeconds(1, [&] {
        for (std::size_t i = 0; i < series.size(); ++i)
            series.readTime(i);
    });
    const double mapsView = bench::medianSeconds(1, [&] {
        for (int b = 1; b <= view.bandCount(); ++b)
            view.readBand(b);
    });
    std::printf("every map in turn: %.2f s (raster view %.2f s)\n", mapsFast, mapsView);

    // The map: a layer of the variable, drawn once (which opens it) and then again, as a pan,
    // a zoom or the next animation frame draws it.
    const auto d = std::chrono::steady_clock::now();
    auto layer = widgets::describeRasterFile(QString::fromStdString(subdataset));
    const double describeLayer =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - d).count();
    std::printf("map layer of t2m described (bands, times, labels): %.2f s\n", describeLayer);
    layer.band = 100;
    const auto a = std::chrono::steady_clock::now();
    widgets::renderRasterLayer(layer, grid);
    const double firstRender =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
    const double nextRender = bench::medianSeconds(5, [&] {
        ++layer.band;
        widgets::renderRasterLayer(layer, grid);
    });
    std::printf("map of t2m: first drawing %.2f s (opens the variable), each next one %.4f s\n",
                firstRender, nextRender);

    bench::recordResult("netcdf_hourly_series", {{"steps", times.size()},
                                                 {"list_s", listFast},
                                                 {"list_raster_view_s", listView},
                                                 {"open_s", openFast},
                                                 {"open_raster_view_s", openView},
                                                 {"pixel_series_s", pixelFast},
                                                 {"pixel_series_raster_view_s", pixelView},
                                                 {"all_maps_s", mapsFast},
                                                 {"all_maps_raster_view_s", mapsView},
                                                 {"map_first_render_s", firstRender},
                                                 {"map_next_render_s", nextRender}});
    fs::remove(file);
    return 0;
}
