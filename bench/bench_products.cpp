// Reading distributed products. (1) One ASCAT WARP cell (490 grid points, 1.18 M observations):
// every grid point's sm series, against reading the same variables (row_size, time, sm) with the
// netCDF C library alone, the floor (target: at least 0.7 of its speed). (2) A year of daily
// ESA CCI SM images (365 links to the sample under shifted dates): the series at 1 000 points
// (target: under 5 s on 2 cores).
#include "bench_common.h"

#include "base/feedback.h"
#include "products/image_folder.h"
#include "products/point_series_file.h"

#include <netcdf.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

using namespace soilscope;
namespace fs = std::filesystem;

namespace {

const std::string kProducts = std::string(SOILSCOPE_SHARED_DATA) + "/products";

double floorSeconds(const std::string& path) {
    return bench::medianSeconds(5, [&] {
        int nc = -1, vr = -1, vt = -1, vs = -1, dim = -1;
        std::size_t nobs = 0, ngp = 0;
        nc_open(path.c_str(), NC_NOWRITE, &nc);
        nc_inq_dimid(nc, "obs", &dim);
        nc_inq_dimlen(nc, dim, &nobs);
        nc_inq_dimid(nc, "gp", &dim);
        nc_inq_dimlen(nc, dim, &ngp);
        std::vector<int> rows(ngp);
        std::vector<double> time(nobs);
        std::vector<signed char> sm(nobs);
        nc_inq_varid(nc, "row_size", &vr);
        nc_inq_varid(nc, "time", &vt);
        nc_inq_varid(nc, "sm", &vs);
        nc_get_var_int(nc, vr, rows.data());
        nc_get_var_double(nc, vt, time.data());
        nc_get_var_schar(nc, vs, sm.data());
        nc_close(nc);
    });
}

} // namespace

int main() {
    const std::string cell = kProducts + "/TUW_METOP_ASCAT_WARP55R12_1358.nc";
    if (!fs::exists(cell)) {
        std::printf("products: samples not found in %s\n", kProducts.c_str());
        return 0;
    }
    const double floor = floorSeconds(cell);
    std::size_t series = 0, observations = 0;
    const double ours = bench::medianSeconds(5, [&] {
        const products::PointSeriesFile f(cell);
        const auto all = f.allSeries("sm");
        series = all.size();
        observations = 0;
        for (const auto& s : all)
            observations += s.observations;
    });
    std::printf("ASCAT WARP cell: %zu grid-point series, %zu observations\n", series, observations);
    std::printf("  SoilScope (open, check, every series with times): %.3f s\n", ours);
    std::printf("  netCDF C library alone (row_size, time, sm):     %.3f s\n", floor);
    std::printf("  speed relative to the floor: %.2f (target >= 0.7)\n", floor / ours);

    // A year of daily CCI images: links to the sample, one per day.
    const fs::path year = fs::temp_directory_path() / "soilscope_bench_cci_year";
    fs::remove_all(year);
    fs::create_directories(year);
    const fs::path sample =
        kProducts +
        "/esa_cci_sm/v04.2/combined/ESACCI-SOILMOISTURE-L3S-SSMV-COMBINED-20160607000000-fv04.2.nc";
    const auto day0 = std::chrono::sys_days{std::chrono::year{2016} / 1 / 1};
    for (int d = 0; d < 365; ++d) {
        const std::chrono::year_month_day ymd{day0 + std::chrono::days{d}};
        char name[128];
        std::snprintf(name, sizeof name,
                      "ESACCI-SOILMOISTURE-L3S-SSMV-COMBINED-%04d%02u%02u000000-fv04.2.nc",
                      static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                      static_cast<unsigned>(ymd.day()));
        fs::create_symlink(sample, year / name);
    }
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lon(-10.0, 40.0), lat(35.0, 60.0);
    std::vector<std::pair<double, double>> points;
    for (int i = 0; i < 1000; ++i)
        points.emplace_back(lon(rng), lat(rng));
    std::size_t values = 0;
    const double cci = bench::medianSeconds(1, [&] {
        const products::ImageFolder folder(year);
        const auto s = folder.seriesAt(points, "sm", {});
        values = 0;
        for (const auto& p : s)
            values += p.observations;
    });
    // The floor: decompressing sm (one deflate-9 chunk of 1440 x 720 per file) with the netCDF C
    // library alone, without t0.
    const double cciFloor = bench::medianSeconds(1, [&] {
        std::vector<float> sm(1440 * 720);
        for (const auto& e : fs::directory_iterator(year)) {
            int nc = -1, v = -1;
            nc_open(e.path().c_str(), NC_NOWRITE, &nc);
            nc_inq_varid(nc, "sm", &v);
            nc_get_var_float(nc, v, sm.data());
            nc_close(nc);
        }
    });
    fs::remove_all(year);
    std::printf("ESA CCI SM, 365 daily images: series at 1000 points (%zu values): %.2f s "
                "(target < 5 s)\n",
                values, cci);
    std::printf("  netCDF C library alone, decompressing sm only: %.2f s (the floor of any reader "
                "of these files on one core)\n",
                cciFloor);
    bench::recordResult("products", {{"warp_cell_s", ours},
                                     {"warp_cell_netcdf_floor_s", floor},
                                     {"warp_cell_relative_to_floor", floor / ours},
                                     {"cci_year_1000_points_s", cci},
                                     {"cci_year_netcdf_sm_floor_s", cciFloor},
                                     {"cci_target_s", 5.0}});
    return 0;
}
