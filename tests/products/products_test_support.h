#pragma once
// Small CF point-series files written with the netCDF C library, and the real product samples.
#include <netcdf.h>

#include <QDir>
#include <QtTest>

#include <string>
#include <vector>

namespace products_test {

inline QString productsDir() {
    return QStringLiteral(SOILSCOPE_SHARED_DATA) + "/products";
}
inline std::string ascatCell() {
    return (productsDir() + "/TUW_METOP_ASCAT_WARP55R12_1358.nc").toStdString();
}
inline std::string cciFolder() {
    return (productsDir() + "/esa_cci_sm/v04.2").toStdString();
}
inline std::string era5Grib() {
    return (productsDir() + "/era5-2mt-2019-03-uk.grib").toStdString();
}

#define PRODUCTS_REQUIRE_DATA()                                                                    \
    do {                                                                                           \
        if (!QDir(products_test::productsDir()).exists())                                          \
            QSKIP("product samples not found in " SOILSCOPE_SHARED_DATA "/products");              \
    } while (0)

inline void ok(int status) {
    QCOMPARE(QString(nc_strerror(status)), QString(nc_strerror(NC_NOERR)));
}

/// The layout of a small point-series file: locations with lon/lat, observations with time
/// (days since 1970), sm (%) and ssf, and either row sizes (contiguous) or a location index.
struct PointFile {
    std::vector<float> lon{5.0f, 6.0f, 7.0f};
    std::vector<float> lat{44.0f, 44.5f, 45.0f};
    std::vector<int> gpi{100, 200, 300};
    std::vector<double> time;
    std::vector<signed char> sm, ssf;
    std::vector<int> rowSize;  ///< contiguous when not empty
    std::vector<int> location; ///< indexed when not empty
    bool withTime = true;
    int format = NC_CLASSIC_MODEL | NC_NETCDF4;
};

inline void writePointFile(const std::string& path, const PointFile& p) {
    int nc = -1;
    ok(nc_create(path.c_str(), NC_CLOBBER | p.format, &nc));
    ok(nc_put_att_text(nc, NC_GLOBAL, "featureType", 10, "timeSeries"));
    int gp = -1, obs = -1;
    ok(nc_def_dim(nc, "gp", p.lon.size(), &gp));
    ok(nc_def_dim(nc, "obs", p.time.size(), &obs));
    int vlon, vlat, vgpi, vtime = -1, vsm, vssf, vrow = -1, vloc = -1;
    ok(nc_def_var(nc, "lon", NC_FLOAT, 1, &gp, &vlon));
    ok(nc_put_att_text(nc, vlon, "standard_name", 9, "longitude"));
    ok(nc_def_var(nc, "lat", NC_FLOAT, 1, &gp, &vlat));
    ok(nc_put_att_text(nc, vlat, "standard_name", 8, "latitude"));
    ok(nc_def_var(nc, "gpi", NC_INT, 1, &gp, &vgpi));
    ok(nc_put_att_text(nc, vgpi, "cf_role", 13, "timeseries_id"));
    if (p.withTime) {
        ok(nc_def_var(nc, "time", NC_DOUBLE, 1, &obs, &vtime));
        const std::string units = "days since 1970-01-01 00:00:00";
        ok(nc_put_att_text(nc, vtime, "units", units.size(), units.c_str()));
        ok(nc_put_att_text(nc, vtime, "standard_name", 4, "time"));
    }
    ok(nc_def_var(nc, "sm", NC_BYTE, 1, &obs, &vsm));
    ok(nc_put_att_text(nc, vsm, "units", 1, "%"));
    const signed char missing = -1;
    ok(nc_put_att_schar(nc, vsm, "missing_value", NC_BYTE, 1, &missing));
    ok(nc_def_var(nc, "ssf", NC_BYTE, 1, &obs, &vssf));
    if (!p.rowSize.empty()) {
        ok(nc_def_var(nc, "row_size", NC_INT, 1, &gp, &vrow));
        ok(nc_put_att_text(nc, vrow, "sample_dimension", 3, "obs"));
    }
    if (!p.location.empty()) {
        ok(nc_def_var(nc, "locationIndex", NC_INT, 1, &obs, &vloc));
        ok(nc_put_att_text(nc, vloc, "instance_dimension", 2, "gp"));
    }
    ok(nc_enddef(nc));
    ok(nc_put_var_float(nc, vlon, p.lon.data()));
    ok(nc_put_var_float(nc, vlat, p.lat.data()));
    ok(nc_put_var_int(nc, vgpi, p.gpi.data()));
    if (p.withTime)
        ok(nc_put_var_double(nc, vtime, p.time.data()));
    ok(nc_put_var_schar(nc, vsm, p.sm.data()));
    ok(nc_put_var_schar(nc, vssf, p.ssf.data()));
    if (vrow >= 0)
        ok(nc_put_var_int(nc, vrow, p.rowSize.data()));
    if (vloc >= 0)
        ok(nc_put_var_int(nc, vloc, p.location.data()));
    ok(nc_close(nc));
}

/// Three locations: gpi 100 has observations on days 1, 2, 3; gpi 200 none; gpi 300 on days 1
/// and 4 (ssf 2 = frozen on day 4); contiguous.
inline PointFile contiguousExample() {
    PointFile p;
    p.time = {1.25, 2.25, 3.25, 1.5, 4.5};
    p.sm = {10, 20, -1, 40, 50};
    p.ssf = {1, 1, 1, 1, 2};
    p.rowSize = {3, 0, 2};
    return p;
}

/// The same observations as an indexed ragged array, interleaved in time order.
inline PointFile indexedExample() {
    PointFile p;
    p.time = {1.25, 1.5, 2.25, 3.25, 4.5};
    p.sm = {10, 40, 20, -1, 50};
    p.ssf = {1, 1, 1, 1, 2};
    p.location = {0, 2, 0, 0, 2};
    return p;
}

} // namespace products_test
