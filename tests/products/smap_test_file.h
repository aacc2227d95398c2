#pragma once
// SMAP L3 test files. No real SPL3SMP file ships with the project: these are written with the
// structure NSIDC publishes for SPL3SMP (HDF5 groups Soil_Moisture_Retrieval_Data_AM/_PM,
// soil_moisture[_pm] in cm**3/cm**3 with _FillValue -9999, retrieval_qual_flag[_pm],
// latitude/longitude[_pm] filled where there is no retrieval, tb_time_seconds[_pm] since J2000)
// on the global 36 km EASE-Grid 2.0 (964 x 406, EPSG:6933).
#include "products_test_support.h"

#include "base/time_utils.h"
#include "geo/grid.h"

#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace products_test {

inline constexpr int kSmapCols = 964, kSmapRows = 406;
inline const std::array<double, 6> kEase36{
    -17367530.44516138, 36032.220840584, 0.0, 7314540.830638505, 0.0, -36032.220840584};

/// One observed pixel of a pass.
struct SmapPixel {
    int col = 0, row = 0;
    float sm = 0.0f;
    unsigned short flag = 0;
    double secondsSinceJ2000 = 0.0;
};

inline void writeSmapPass(int nc, const char* group, const char* suffix,
                          const std::vector<SmapPixel>& pixels, bool placed = true) {
    int g = -1, dr = -1, dc = -1;
    ok(nc_def_grp(nc, group, &g));
    ok(nc_def_dim(g, "phony_dim_0", kSmapRows, &dr));
    ok(nc_def_dim(g, "phony_dim_1", kSmapCols, &dc));
    const int dims[2] = {dr, dc};
    const std::string s = suffix;
    const float fill = -9999.0f;
    const double dfill = -9999.0;
    int vsm, vflag, vlat, vlon, vtime;
    ok(nc_def_var(g, ("soil_moisture" + s).c_str(), NC_FLOAT, 2, dims, &vsm));
    ok(nc_def_var_deflate(g, vsm, 1, 1, 4));
    ok(nc_put_att_float(g, vsm, "_FillValue", NC_FLOAT, 1, &fill));
    ok(nc_put_att_text(g, vsm, "units", 11, "cm**3/cm**3"));
    const float range[2] = {0.02f, 0.5f};
    ok(nc_put_att_float(g, vsm, "valid_min", NC_FLOAT, 1, &range[0]));
    ok(nc_put_att_float(g, vsm, "valid_max", NC_FLOAT, 1, &range[1]));
    ok(nc_def_var(g, ("retrieval_qual_flag" + s).c_str(), NC_USHORT, 2, dims, &vflag));
    ok(nc_def_var_deflate(g, vflag, 1, 1, 4));
    const unsigned short ffill = 65534;
    ok(nc_put_att_ushort(g, vflag, "_FillValue", NC_USHORT, 1, &ffill));
    ok(nc_def_var(g, ("latitude" + s).c_str(), NC_FLOAT, 2, dims, &vlat));
    ok(nc_def_var(g, ("longitude" + s).c_str(), NC_FLOAT, 2, dims, &vlon));
    for (const int v : {vlat, vlon}) {
        ok(nc_def_var_deflate(g, v, 1, 1, 4));
        ok(nc_put_att_float(g, v, "_FillValue", NC_FLOAT, 1, &fill));
    }
    ok(nc_def_var(g, ("tb_time_seconds" + s).c_str(), NC_DOUBLE, 2, dims, &vtime));
    ok(nc_def_var_deflate(g, vtime, 1, 1, 4));
    ok(nc_put_att_double(g, vtime, "_FillValue", NC_DOUBLE, 1, &dfill));
    ok(nc_put_att_text(g, vtime, "units", 7, "seconds"));
    const std::size_t n = static_cast<std::size_t>(kSmapRows) * kSmapCols;
    std::vector<float> sm(n, fill), lat(n, fill), lon(n, fill);
    std::vector<unsigned short> flag(n, ffill);
    std::vector<double> time(n, dfill);
    const soilscope::geo::Grid ease("EPSG:6933", kEase36, kSmapCols, kSmapRows);
    for (const auto& p : pixels) {
        const std::size_t k = static_cast<std::size_t>(p.row) * kSmapCols + p.col;
        sm[k] = p.sm;
        flag[k] = p.flag;
        time[k] = p.secondsSinceJ2000;
        if (placed) {
            const auto ll = ease.pixelToLonLat(p.col, p.row);
            lat[k] = static_cast<float>(ll.lat);
            lon[k] = static_cast<float>(ll.lon);
        }
    }
    ok(nc_put_var_float(g, vsm, sm.data()));
    ok(nc_put_var_ushort(g, vflag, flag.data()));
    ok(nc_put_var_float(g, vlat, lat.data()));
    ok(nc_put_var_float(g, vlon, lon.data()));
    ok(nc_put_var_double(g, vtime, time.data()));
}

/// Seconds since the SMAP epoch (J2000, 2000-01-01T11:58:55.816Z, rounded to the second).
inline double j2000Seconds(soilscope::TimePoint t) {
    return static_cast<double>((t - soilscope::makeTime(2000, 1, 1, 11, 58, 56)).count());
}

inline void writeSmapFile(const std::string& path, const std::vector<SmapPixel>& am,
                          const std::vector<SmapPixel>& pm, bool placed = true) {
    int nc = -1;
    ok(nc_create(path.c_str(), NC_CLOBBER | NC_NETCDF4, &nc));
    writeSmapPass(nc, "Soil_Moisture_Retrieval_Data_AM", "", am, placed);
    writeSmapPass(nc, "Soil_Moisture_Retrieval_Data_PM", "_pm", pm, placed);
    ok(nc_close(nc));
}

} // namespace products_test
