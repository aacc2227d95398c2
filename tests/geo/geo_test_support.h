#pragma once
// Helpers shared by the core/geo test suites.
#include <QtTest>
#include <string>

#define GEO_REQUIRE_SHARED(name)                                                                   \
    const std::string name##_path = std::string(SOILSCOPE_SHARED_DATA) + "/rasters/" #name;        \
    if (!QFileInfo::exists(QString::fromStdString(name##_path)))                                   \
        QSKIP(qPrintable("shared raster data missing: " + QString::fromStdString(name##_path)));

inline std::string sharedRaster(const char* file) {
    return std::string(SOILSCOPE_SHARED_DATA) + "/rasters/" + file;
}

inline bool haveSharedRasters() {
    return QFileInfo::exists(QString::fromStdString(sharedRaster("L7_ETMs.tif")));
}

#define GEO_SKIP_WITHOUT_DATA()                                                                    \
    if (!haveSharedRasters())                                                                      \
        QSKIP("shared raster data missing: " SOILSCOPE_SHARED_DATA "/rasters");
