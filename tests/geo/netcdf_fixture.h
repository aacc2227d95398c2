#pragma once
// A small two-variable CF NetCDF for tests, written with GDAL's multidimensional API.
#include <gdal_priv.h>

#include <QtTest>
#include <memory>
#include <string>
#include <vector>

namespace geo_fixture {

inline void writeString(const std::shared_ptr<GDALMDArray>& array, const char* name,
                        const char* value) {
    array->CreateAttribute(name, {}, GDALExtendedDataType::CreateString())->Write(value);
}

/// A new netCDF file written through GDAL's multidimensional API (null when it cannot be).
inline std::unique_ptr<GDALDataset> createNetcdf(const std::string& path) {
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("netCDF");
    return std::unique_ptr<GDALDataset>(
        driver ? driver->CreateMultiDimensional(path.c_str(), nullptr, nullptr) : nullptr);
}

/// A NetCDF with two data variables (sm, tsoil) on time x lat(3) x lon(4) with CF lon/lat axes
/// (pixel centres 5.5..8.5 E, 50.5..48.5 N), time in the given units and calendar.
/// sm = index, tsoil = 1000 + index, where index runs over time, lat, lon.
inline void makeNetcdf(const std::string& path, const char* units, const char* calendar,
                       const std::vector<double>& times) {
    const auto ds = createNetcdf(path);
    QVERIFY(ds);
    auto root = ds->GetRootGroup();
    const auto nt = times.size();
    auto dt = root->CreateDimension("time", GDAL_DIM_TYPE_TEMPORAL, "", nt);
    auto dy = root->CreateDimension("lat", GDAL_DIM_TYPE_HORIZONTAL_Y, "", 3);
    auto dx = root->CreateDimension("lon", GDAL_DIM_TYPE_HORIZONTAL_X, "", 4);
    const auto f64 = GDALExtendedDataType::Create(GDT_Float64);
    const auto f32 = GDALExtendedDataType::Create(GDT_Float32);
    auto t = root->CreateMDArray("time", {dt}, f64);
    writeString(t, "units", units);
    writeString(t, "calendar", calendar);
    writeString(t, "standard_name", "time");
    const GUInt64 start[3] = {0, 0, 0};
    size_t count1[1] = {nt};
    QVERIFY(t->Write(start, count1, nullptr, nullptr, f64, times.data()));
    auto lat = root->CreateMDArray("lat", {dy}, f64);
    writeString(lat, "units", "degrees_north");
    const double latv[3] = {50.5, 49.5, 48.5};
    size_t c3[1] = {3};
    QVERIFY(lat->Write(start, c3, nullptr, nullptr, f64, latv));
    auto lon = root->CreateMDArray("lon", {dx}, f64);
    writeString(lon, "units", "degrees_east");
    const double lonv[4] = {5.5, 6.5, 7.5, 8.5};
    size_t c4[1] = {4};
    QVERIFY(lon->Write(start, c4, nullptr, nullptr, f64, lonv));
    int base = 0;
    for (const char* name : {"sm", "tsoil"}) {
        auto v = root->CreateMDArray(name, {dt, dy, dx}, f32);
        writeString(v, "units", base == 0 ? "m3 m-3" : "K");
        std::vector<float> values(nt * 12);
        for (std::size_t i = 0; i < values.size(); ++i)
            values[i] = static_cast<float>(base + i);
        size_t count[3] = {nt, 3, 4};
        QVERIFY(v->Write(start, count, nullptr, nullptr, f32, values.data()));
        base += 1000;
    }
}

/// An ERA5-like download mixing final ERA5 (expver 1) and preliminary ERA5T (expver 5):
/// t2m(time 3, expver 2, lat 3, lon 4); expver 1 holds 280 and 281 K at the first two times and
/// fill at the third, expver 5 only 282 K at the third.
inline void makeExpverNetcdf(const std::string& path) {
    const auto ds = createNetcdf(path);
    QVERIFY(ds);
    auto root = ds->GetRootGroup();
    auto dt = root->CreateDimension("time", GDAL_DIM_TYPE_TEMPORAL, "", 3);
    auto de = root->CreateDimension("expver", "", "", 2);
    auto dy = root->CreateDimension("latitude", GDAL_DIM_TYPE_HORIZONTAL_Y, "", 3);
    auto dx = root->CreateDimension("longitude", GDAL_DIM_TYPE_HORIZONTAL_X, "", 4);
    const auto f64 = GDALExtendedDataType::Create(GDT_Float64);
    const auto f32 = GDALExtendedDataType::Create(GDT_Float32);
    const auto i32 = GDALExtendedDataType::Create(GDT_Int32);
    const GUInt64 start[4] = {0, 0, 0, 0};
    auto t = root->CreateMDArray("time", {dt}, f64);
    writeString(t, "units", "hours since 1900-01-01 00:00:00.0");
    writeString(t, "calendar", "gregorian");
    writeString(t, "standard_name", "time");
    const double hours[3] = {1043976, 1043977, 1043978}; // 2019-02-05 00:00, 01:00, 02:00
    size_t c3[1] = {3};
    QVERIFY(t->Write(start, c3, nullptr, nullptr, f64, hours));
    auto e = root->CreateMDArray("expver", {de}, i32);
    const int versions[2] = {1, 5};
    size_t c2[1] = {2};
    QVERIFY(e->Write(start, c2, nullptr, nullptr, i32, versions));
    auto lat = root->CreateMDArray("latitude", {dy}, f64);
    writeString(lat, "units", "degrees_north");
    const double latv[3] = {52.0, 51.75, 51.5};
    QVERIFY(lat->Write(start, c3, nullptr, nullptr, f64, latv));
    auto lon = root->CreateMDArray("longitude", {dx}, f64);
    writeString(lon, "units", "degrees_east");
    const double lonv[4] = {-1.0, -0.75, -0.5, -0.25};
    size_t c4[1] = {4};
    QVERIFY(lon->Write(start, c4, nullptr, nullptr, f64, lonv));
    auto v = root->CreateMDArray("t2m", {dt, de, dy, dx}, f32);
    writeString(v, "units", "K");
    const double fill = -32767.0;
    QVERIFY(v->SetNoDataValue(fill));
    std::vector<float> values(3 * 2 * 12, static_cast<float>(fill));
    for (std::size_t px = 0; px < 12; ++px) {
        values[(0 * 2 + 0) * 12 + px] = 280.0f;
        values[(1 * 2 + 0) * 12 + px] = 281.0f;
        values[(2 * 2 + 1) * 12 + px] = 282.0f;
    }
    size_t count[4] = {3, 2, 3, 4};
    QVERIFY(v->Write(start, count, nullptr, nullptr, f32, values.data()));
}

} // namespace geo_fixture
