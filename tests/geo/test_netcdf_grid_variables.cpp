#include "base/error.h"
#include "geo/netcdf_grid_variables.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "geo_test_support.h"
#include "netcdf_fixture.h"

#include <QtTest>
#include <cmath>
#include <cstring>
#include <filesystem>

using namespace soilscope;
using namespace soilscope::geo;

namespace {

/// A bottom-up (latitude ascending) packed variable as ERA5 and the twin write them:
/// Int16 t2m(time 5, lat 3, lon 4) with scale 0.01, offset 273.15, _FillValue -32768,
/// valid_range [-3000, 3000]; raw = 100 * index - 500, where index runs over time, lat, lon,
/// so the first and last steps hold fill and out-of-range values.
void makePackedBottomUp(const std::string& path) {
    const auto ds = geo_fixture::createNetcdf(path);
    QVERIFY(ds);
    auto root = ds->GetRootGroup();
    auto dt = root->CreateDimension("time", GDAL_DIM_TYPE_TEMPORAL, "", 5);
    auto dy = root->CreateDimension("lat", GDAL_DIM_TYPE_HORIZONTAL_Y, "", 3);
    auto dx = root->CreateDimension("lon", GDAL_DIM_TYPE_HORIZONTAL_X, "", 4);
    const auto f64 = GDALExtendedDataType::Create(GDT_Float64);
    const auto i16 = GDALExtendedDataType::Create(GDT_Int16);
    const GUInt64 start[3] = {0, 0, 0};
    auto write1 = [&](const char* name, const std::shared_ptr<GDALDimension>& dim,
                      const std::vector<double>& values, const char* units) {
        auto a = root->CreateMDArray(name, {dim}, f64);
        geo_fixture::writeString(a, "units", units);
        const size_t count[1] = {values.size()};
        QVERIFY(a->Write(start, count, nullptr, nullptr, f64, values.data()));
    };
    write1("time", dt, {0, 1, 2, 3, 4}, "hours since 2020-03-01 00:00:00");
    write1("lat", dy, {48.125, 48.375, 48.625}, "degrees_north");
    write1("lon", dx, {10.0, 10.25, 10.5, 10.75}, "degrees_east");
    auto v = root->CreateMDArray("t2m", {dt, dy, dx}, i16);
    geo_fixture::writeString(v, "units", "K");
    geo_fixture::writeString(v, "standard_name", "air_temperature");
    QVERIFY(v->SetNoDataValue(-32768.0));
    QVERIFY(v->SetScale(0.01));
    QVERIFY(v->SetOffset(273.15));
    auto range = v->CreateAttribute("valid_range", {2}, i16);
    const std::int16_t bounds[2] = {-3000, 3000};
    const GUInt64 a0 = 0;
    const size_t a2 = 2;
    QVERIFY(range->Write(&a0, &a2, nullptr, nullptr, i16, bounds));
    std::vector<std::int16_t> raw(60);
    for (std::size_t i = 0; i < raw.size(); ++i)
        raw[i] = static_cast<std::int16_t>(100 * static_cast<int>(i) - 500);
    raw[0] = -32768;
    const size_t count[3] = {5, 3, 4};
    QVERIFY(v->Write(start, count, nullptr, nullptr, i16, raw.data()));
}

bool sameValues(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::memcmp(&a[i], &b[i], sizeof(float)) != 0 &&
            !(std::isnan(a[i]) && std::isnan(b[i])))
            return false;
    return true;
}

/// Every variable agrees with GDAL's raster view of it (one band per time step): grid, units,
/// times, every step's values and a pixel's series.
void checkAgainstRasterView(const std::string& file) {
    const auto variables = describeNetcdfGridVariables(file);
    QVERIFY2(variables, file.c_str());
    for (const auto& v : *variables) {
        const Raster classic(v.subdataset());
        const std::string what = file + ":" + v.name;
        QVERIFY2(v.grid.sameAs(classic.grid(), 1e-9), what.c_str());
        for (int i = 0; i < 6; ++i)
            QVERIFY2(std::abs(v.grid.geoTransform()[i] - classic.grid().geoTransform()[i]) <=
                         1e-12 * std::max(1.0, std::abs(classic.grid().geoTransform()[i])),
                     what.c_str());
        const BandInfo b1 = classic.band(1);
        QCOMPARE(v.units, b1.units);
        QCOMPARE(static_cast<int>(std::max<std::size_t>(1, v.times.size())), classic.bandCount());
        if (!v.times.empty())
            QVERIFY2(v.times == RasterSeries::bandTimes(classic), what.c_str());
        const NetcdfGridReader reader(v);
        const Window all{0, 0, v.grid.width(), v.grid.height()};
        for (const int band : {1, classic.bandCount()})
            QVERIFY2(sameValues(reader.readWindow(std::size_t(band - 1), all),
                                classic.readWindow(band, all)),
                     (what + " band " + std::to_string(band)).c_str());
        const int col = v.grid.width() / 2, row = v.grid.height() - 1;
        std::vector<float> perBand;
        for (int band = 1; band <= classic.bandCount(); ++band)
            perBand.push_back(classic.readWindow(band, Window{col, row, 1, 1}).front());
        QVERIFY2(sameValues(reader.readPixelSeries(col, row), perBand), what.c_str());
    }
}

} // namespace

class TestNetcdfGridVariables : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void agreesWithGdalsRasterView() {
        QTemporaryDir dir;
        const std::string topDown = dir.filePath("top_down.nc").toStdString();
        geo_fixture::makeNetcdf(topDown, "days since 2020-01-01", "noleap", {0, 1, 59, 365});
        checkAgainstRasterView(topDown);
        const std::string bottomUp = dir.filePath("bottom_up.nc").toStdString();
        makePackedBottomUp(bottomUp);
        checkAgainstRasterView(bottomUp);
        const auto v = describeNetcdfGridVariables(bottomUp)->front();
        QCOMPARE(v.attributes.at("standard_name"), std::string("air_temperature"));
        QCOMPARE(v.dtype, std::string("Int16"));
        const auto first = NetcdfGridReader(v).readWindow(0, Window{0, 0, 4, 3});
        // Row 0 is the north row (stored last); fill and values beyond valid_range are NaN.
        QCOMPARE(first[0], static_cast<float>((100 * 8 - 500) * 0.01 + 273.15));
        QVERIFY(std::isnan(first[8])); // stored first: the fill value
        QVERIFY(std::isnan(NetcdfGridReader(v).readWindow(4, Window{3, 0, 1, 1}).front()));
    }

    void agreesOnDistributedCciImages() {
        const std::filesystem::path folder =
            std::string(SOILSCOPE_SHARED_DATA) + "/products/esa_cci_sm";
        if (!std::filesystem::exists(folder))
            QSKIP("ESA CCI SM images not found");
        int files = 0;
        for (const auto& e : std::filesystem::recursive_directory_iterator(folder))
            if (e.path().extension() == ".nc" && files++ < 2)
                checkAgainstRasterView(e.path().string());
        QVERIFY(files > 0);
    }

    void rasterSeriesReadsThroughIt() {
        QTemporaryDir dir;
        const std::string file = dir.filePath("t2m.nc").toStdString();
        makePackedBottomUp(file);
        const auto series = RasterSeries::open(file);
        QCOMPARE(series.size(), std::size_t(5));
        QCOMPARE(series.units(), std::string("K"));
        QCOMPARE(series.variable(), std::string("t2m"));
        const auto px = series.lonLatToPixel({{10.3, 48.2}}).front();
        QCOMPARE(int(px.col), 1);
        QCOMPARE(int(px.row), 2);
        const auto pixel = series.readPixelSeries(1, 2);
        for (std::size_t i = 0; i < series.size(); ++i)
            QVERIFY(sameValues({pixel[i]}, series.readTimeWindow(i, Window{1, 2, 1, 1})));
        const Raster classic("NETCDF:\"" + file + "\":t2m");
        QVERIFY(sameValues(series.readTime(2), classic.readBand(3)));
        const auto bySubdataset = RasterSeries::open("NETCDF:\"" + file + "\":t2m");
        QVERIFY(sameValues(bySubdataset.readPixelSeries(1, 2), pixel));
        const auto copy = series; // a copy reads through a handle of its own
        QVERIFY(sameValues(copy.readPixelSeries(1, 2), pixel));
        QVERIFY_THROWS_EXCEPTION(Error, series.readPixelSeries(4, 0));
        QVERIFY_THROWS_EXCEPTION(Error, series.readTimeWindow(5, Window{0, 0, 1, 1}));
        try {
            RasterSeries::open(file, "sm");
            QFAIL("an unknown variable opened");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("no variable 'sm' in the file (variables: t2m)") !=
                    std::string::npos);
        }
        const std::string two = dir.filePath("two.nc").toStdString();
        geo_fixture::makeNetcdf(two, "days since 2020-01-01", "standard", {0, 1});
        try {
            RasterSeries::open(two);
            QFAIL("a file of two variables opened without a choice");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("several variables (sm, tsoil)") !=
                    std::string::npos);
        }
        const auto listed = RasterSeries::listVariables(two);
        QCOMPARE(listed.size(), std::size_t(2));
        QCOMPARE(listed[1].source, "NETCDF:\"" + two + "\":tsoil");
        QCOMPARE(listed[1].bands, 2);
        QVERIFY(listed[1].grid.sameAs(Raster(listed[1].source).grid(), 1e-9));
    }

    void mapsReadInTurnAcrossBlocksOfSteps() {
        QTemporaryDir dir;
        const std::string file = dir.filePath("long.nc").toStdString();
        std::vector<double> days(150);
        for (std::size_t i = 0; i < days.size(); ++i)
            days[i] = double(i);
        geo_fixture::makeNetcdf(file, "days since 2020-01-01", "standard", days);
        const auto series = RasterSeries::open(file, "tsoil");
        const Raster classic("NETCDF:\"" + file + "\":tsoil");
        // Forwards, backwards and by windows: every step as the raster view reads it.
        for (std::size_t i = 0; i < series.size(); ++i)
            QVERIFY(sameValues(series.readTime(i), classic.readBand(int(i) + 1)));
        for (std::size_t i = series.size(); i-- > 0;)
            QVERIFY(sameValues(series.readTimeWindow(i, Window{1, 1, 2, 2}),
                               classic.readWindow(int(i) + 1, Window{1, 1, 2, 2})));
        QVERIFY(sameValues(series.readTime(70), classic.readBand(71)));
    }

    void signedBytesAreSigned() {
        // netCDF's NC_BYTE is signed; GDAL 3.6's raster view hands it over as Byte (0-255).
        QTemporaryDir dir;
        const std::string file = dir.filePath("flags.nc").toStdString();
        {
            GDALAllRegister();
            const char* options[] = {"PIXELTYPE=SIGNEDBYTE", nullptr};
            GDALDatasetH ds = GDALCreate(GDALGetDriverByName("netCDF"), file.c_str(), 2, 2, 1,
                                         GDT_Byte, const_cast<char**>(options));
            QVERIFY(ds);
            double gt[6] = {10.0, 0.5, 0.0, 50.0, 0.0, -0.5};
            GDALSetGeoTransform(ds, gt);
            GDALSetProjection(ds, "EPSG:4326");
            GDALRasterBandH band = GDALGetRasterBand(ds, 1);
            GDALSetRasterNoDataValue(band, -128.0);
            std::int8_t values[4] = {-1, -127, 5, -128};
            QCOMPARE(GDALRasterIO(band, GF_Write, 0, 0, 2, 2, values, 2, 2, GDT_Byte, 0, 0),
                     CE_None);
            GDALClose(ds);
        }
        const std::vector<float> expected{-1.0f, -127.0f, 5.0f, std::nanf("")};
        QVERIFY(sameValues(Raster(file).readBand(1), expected));
        const auto described = describeNetcdfGridVariables(file);
        QVERIFY(described && described->size() == 1);
        QVERIFY(sameValues(NetcdfGridReader(described->front()).readWindow(0, Window{0, 0, 2, 2}),
                           expected));
    }

    void otherLayoutsAreLeftToTheRasterView() {
        QTemporaryDir dir;
        const std::string era5 = dir.filePath("era5.nc").toStdString();
        geo_fixture::makeExpverNetcdf(era5);
        QVERIFY(!describeNetcdfGridVariables(era5));
        QCOMPARE(RasterSeries::open(era5).size(), std::size_t(3)); // expver merged as before
        QVERIFY(!describeNetcdfGridVariables(dir.filePath("missing.nc").toStdString()));
        GEO_SKIP_WITHOUT_DATA();
        QVERIFY(!describeNetcdfGridVariables(sharedRaster("L7_ETMs.tif")));
        // x/y dimensions without coordinate variables: no geotransform to derive.
        QVERIFY(!describeNetcdfGridVariables(sharedRaster("test_stageiv_xyt.nc")));
    }
};

QTEST_APPLESS_MAIN(TestNetcdfGridVariables)
#include "test_netcdf_grid_variables.moc"
