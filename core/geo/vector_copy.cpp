#include "geo/vector_copy.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "geo/gdal_support.h"

#include <gdal_priv.h>
#include <gdal_utils.h>

#include <memory>
#include <vector>

namespace soilscope::geo {

void copyToGeoPackage(const std::filesystem::path& source, const std::filesystem::path& target,
                      const std::string& layerName) {
    detail::ensureGdal();
    std::unique_ptr<GDALDataset> src(
        GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!src)
        throw Error("not a vector file GDAL/OGR can read", source.string());
    writeAtomically(target, [&](const std::filesystem::path& tmp) {
        std::vector<std::string> args{"-f", "GPKG", "-nln", layerName};
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
        GDALDatasetH in = GDALDataset::ToHandle(src.get());
        int usageError = 0;
        GDALDatasetH out = GDALVectorTranslate(tmp.c_str(), nullptr, 1, &in, options, &usageError);
        GDALVectorTranslateOptionsFree(options);
        if (!out || usageError)
            throw Error("cannot write the GeoPackage", tmp.string());
        GDALClose(out);
    });
}

} // namespace soilscope::geo
