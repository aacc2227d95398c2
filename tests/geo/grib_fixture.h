#pragma once
// A GRIB 2 file of two parameters (temperature TMP and specific humidity SPFH, 4 x 3 cells) at
// 00 and 01 UTC on 2019-03-01, messages in that order (TMP 00, TMP 01, SPFH 00, SPFH 01), as a
// download of several ERA5 fields comes. Written with GDAL's GRIB driver, message by message.
#include <gdal.h>

#include <QFile>
#include <QtTest>
#include <string>
#include <utility>
#include <vector>

namespace geo_fixture {

/// TMP is written as 280 + hour (GDAL's GRIB writer takes it for °C and stores kelvin), SPFH as
/// 0.01 + hour. `scratch` is a file name the messages are written to one at a time.
inline void makeTwoParameterGrib(const std::string& path, const std::string& scratch) {
    GDALAllRegister();
    std::string bytes;
    for (const auto& [category, value] : {std::pair{0, 280.0f}, {1, 0.01f}})
        for (const int hour : {0, 1}) {
            GDALDatasetH mem =
                GDALCreate(GDALGetDriverByName("MEM"), "", 4, 3, 1, GDT_Float32, nullptr);
            QVERIFY(mem);
            double gt[6] = {5, 0.25, 0, 50, 0, -0.25};
            GDALSetGeoTransform(mem, gt);
            GDALSetProjection(mem, "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS "
                                   "84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],"
                                   "UNIT[\"degree\",0.0174532925199433]]");
            std::vector<float> v(12, value + float(hour));
            QCOMPARE(GDALRasterIO(GDALGetRasterBand(mem, 1), GF_Write, 0, 0, 4, 3, v.data(), 4, 3,
                                  GDT_Float32, 0, 0),
                     CE_None);
            const std::string ids = "IDS=CENTER=98 REF_TIME=2019-03-01T0" + std::to_string(hour) +
                                    ":00:00Z PROD_STATUS=0 TYPE=0";
            const std::string pds = "PDS_TEMPLATE_ASSEMBLED_VALUES=" + std::to_string(category) +
                                    " 0 2 0 0 0 0 1 0 1 0 0 255 0 0";
            const char* options[] = {"DISCIPLINE=0", ids.c_str(), "PDS_PDTN=0", pds.c_str(),
                                     nullptr};
            GDALDatasetH out = GDALCreateCopy(GDALGetDriverByName("GRIB"), scratch.c_str(), mem,
                                              FALSE, const_cast<char**>(options), nullptr, nullptr);
            QVERIFY(out);
            GDALClose(out);
            GDALClose(mem);
            QFile part(QString::fromStdString(scratch));
            QVERIFY(part.open(QIODevice::ReadOnly));
            bytes += part.readAll().toStdString();
        }
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes.data(), qint64(bytes.size())), qint64(bytes.size()));
}

} // namespace geo_fixture
