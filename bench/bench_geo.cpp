// Raster-layer throughput: block aggregation of 60 m UTM pixels into 0.25 degree cells,
// bilinear warping, Horn slope/aspect, and block-wise GeoTIFF writing + windowed reading.
// Usage: bench_geo [--size 2048] (a size x size Float32 field of 60 m pixels)
#include "bench_common.h"

#include "geo/geotiff_writer.h"
#include "geo/raster.h"
#include "geo/terrain.h"
#include "geo/warp.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

using namespace soilscope;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
    int size = 2048;
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--size" && i + 1 < argc)
            size = std::stoi(argv[++i]);
    const double mpix = double(size) * size / 1e6;
    // UTM 32N around 6-9 E, 45-50 N; a smooth field with a few NaN holes.
    const geo::Grid fine("EPSG:32632", {300000, 60, 0, 5500000, 0, -60}, size, size);
    std::vector<float> values(fine.pixelCount());
    for (int r = 0; r < size; ++r)
        for (int c = 0; c < size; ++c)
            values[std::size_t(r) * size + c] =
                (r % 97 == 0 && c % 89 == 0)
                    ? NAN
                    : float(200 + 50 * std::sin(r * 0.01) * std::cos(c * 0.013));
    const geo::Bounds b = fine.bounds();
    std::vector<double> xs{b.xmin, b.xmax, b.xmin, b.xmax}, ys{b.ymin, b.ymin, b.ymax, b.ymax};
    fine.mapToLonLat(xs, ys);
    const geo::Grid coarse =
        geo::Grid::geographic(std::floor(*std::min_element(xs.begin(), xs.end()) * 4) / 4,
                              std::floor(*std::min_element(ys.begin(), ys.end()) * 4) / 4,
                              std::ceil(*std::max_element(xs.begin(), xs.end()) * 4) / 4,
                              std::ceil(*std::max_element(ys.begin(), ys.end()) * 4) / 4, 0.25);
    const geo::Grid geographicFine =
        geo::Grid::geographic(coarse.bounds().xmin, coarse.bounds().ymin, coarse.bounds().xmax,
                              coarse.bounds().ymax, 0.0008);

    const double tAggregate =
        bench::medianSeconds(3, [&] { geo::aggregateBlocks(values, fine, coarse, 0.7); });
    const double tWarp = bench::medianSeconds(
        3, [&] { geo::warpValues(values, fine, geographicFine, geo::Resampling::Bilinear); });
    const double tSlope = bench::medianSeconds(3, [&] { geo::slopeAspect(values, fine); });

    const fs::path path =
        fs::temp_directory_path() / ("soilscope_bench_geo_" + std::to_string(size) + ".tif");
    const double tWrite = bench::medianSeconds(3, [&] {
        geo::GeoTiffOptions o;
        o.compression = geo::Compression::Zstd;
        o.level = 3;
        geo::GeoTiffBlockWriter w(path, fine, 1, o);
        for (int y0 = 0; y0 < size; y0 += 512) {
            const int h = std::min(512, size - y0);
            w.writeBlock(1, 0, y0, size, h, values.data() + std::size_t(y0) * size);
        }
        w.finish();
    });
    const double tRead = bench::medianSeconds(3, [&] {
        const geo::Raster r(path);
        for (int y0 = 0; y0 < size; y0 += 512)
            for (int x0 = 0; x0 < size; x0 += 512)
                r.readWindow(1, x0, y0, std::min(512, size - x0), std::min(512, size - y0));
    });
    const double fileMiB = fs::file_size(path) / 1048576.0;
    fs::remove(path);

    // A CRS without an EPSG code (the Olinda DEM's): PROJ searches proj.db to identify it and
    // to find the operation to WGS 84; a grid and a transformation made again reuse both.
    const std::string olinda =
        "+proj=utm +zone=25 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs";
    const auto gridAndPoint = [&] {
        const geo::Grid g(olinda, {288000, 30, 0, 9120000, 0, -30}, 111, 111);
        return g.pixelToLonLat(50, 50).lon;
    };
    const auto c0 = std::chrono::steady_clock::now();
    gridAndPoint();
    const double tFirstCrs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
    const double tAgainCrs = bench::medianSeconds(5, gridAndPoint);

    std::printf("raster layer, %d x %d Float32 (%.1f Mpixel)\n", size, size, mpix);
    std::printf("  aggregate 60 m UTM -> 0.25 deg (%d x %d cells): %8.3f s  %7.1f Mpixel/s\n",
                coarse.width(), coarse.height(), tAggregate, mpix / tAggregate);
    std::printf(
        "  warp bilinear UTM -> %d x %d geographic:        %8.3f s  %7.1f Mpixel/s (output)\n",
        geographicFine.width(), geographicFine.height(), tWarp,
        geographicFine.pixelCount() / 1e6 / tWarp);
    std::printf("  slope + aspect (Horn):                          %8.3f s  %7.1f Mpixel/s\n",
                tSlope, mpix / tSlope);
    std::printf("  GeoTIFF block write (ZSTD 3, %.1f MiB):         %8.3f s  %7.1f MB/s (raw)\n",
                fileMiB, tWrite, mpix * 4 / tWrite);
    std::printf("  windowed read 512 x 512:                        %8.3f s  %7.1f MB/s (raw)\n",
                tRead, mpix * 4 / tRead);
    std::printf("  grid of a CRS without EPSG code + one point to lon/lat: first %.3f s, "
                "again %.6f s\n",
                tFirstCrs, tAgainCrs);
    std::printf("  peak RSS %.0f MiB\n", bench::peakRssMiB());
    bench::recordResult("geo", {{"size", size},
                                {"aggregate_mpixel_per_s", mpix / tAggregate},
                                {"warp_bilinear_s", tWarp},
                                {"slope_aspect_mpixel_per_s", mpix / tSlope},
                                {"geotiff_write_mb_per_s", mpix * 4 / tWrite},
                                {"geotiff_read_mb_per_s", mpix * 4 / tRead},
                                {"crs_without_epsg_first_s", tFirstCrs},
                                {"crs_without_epsg_again_s", tAgainCrs}});
    return 0;
}
