#include "geo/warp.h"

#include "base/error.h"
#include "geo/gdal_support.h"

#include <cpl_string.h>
#include <gdal.h>
#include <gdal_alg.h>
#include <gdal_utils.h>
#include <gdalwarper.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

namespace soilscope::geo {

using detail::GdalErrorCapture;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

GDALResampleAlg warpAlgorithm(Resampling r) {
    switch (r) {
    case Resampling::Nearest:
        return GRA_NearestNeighbour;
    case Resampling::Bilinear:
        return GRA_Bilinear;
    case Resampling::Average:
        return GRA_Average;
    }
    return GRA_NearestNeighbour;
}

struct DatasetCloser {
    void operator()(void* ds) const {
        if (ds)
            GDALClose(static_cast<GDALDatasetH>(ds));
    }
};
using DatasetPtr = std::unique_ptr<void, DatasetCloser>;

DatasetPtr memDataset(const Grid& grid, int bands, GDALDataType type) {
    GDALDriverH mem = GDALGetDriverByName("MEM");
    DatasetPtr ds(GDALCreate(mem, "", grid.width(), grid.height(), bands, type, nullptr));
    if (!ds)
        throw Error("cannot allocate an in-memory raster of " + grid.describe());
    std::array<double, 6> gt = grid.geoTransform();
    GDALSetGeoTransform(ds.get(), gt.data());
    if (grid.hasCrs())
        GDALSetProjection(ds.get(), grid.crsWkt().c_str());
    return ds;
}

struct SourceBand {
    int index = 1;
    std::optional<double> nodata; ///< raw nodata; floating bands without one use NaN
    double scale = 1.0;
    double offset = 0.0;
};

/// Warps bands of a GDAL dataset onto `target`; returns physical values per band.
std::vector<std::vector<float>> warpDataset(GDALDatasetH src, const Grid& srcGrid, bool useGeoloc,
                                            const std::vector<SourceBand>& bands,
                                            const Grid& target, Resampling resampling,
                                            const std::string& context, Feedback* feedback) {
    if (!target.isValid())
        throw Error("the target grid is empty", context);
    if (!target.hasCrs() || (!srcGrid.hasCrs() && !useGeoloc))
        throw Error("warping needs a coordinate reference system on both grids", context);
    GdalErrorCapture capture;
    const int n = static_cast<int>(bands.size());
    DatasetPtr dst = memDataset(target, n, GDT_Float64);

    char** tOptions = nullptr;
    if (useGeoloc)
        tOptions = CSLSetNameValue(tOptions, "SRC_METHOD", "GEOLOC_ARRAY");
    else
        tOptions = CSLSetNameValue(tOptions, "SRC_SRS", srcGrid.crsWkt().c_str());
    tOptions = CSLSetNameValue(tOptions, "DST_SRS", target.crsWkt().c_str());
    void* transformer = GDALCreateGenImgProjTransformer2(src, dst.get(), tOptions);
    CSLDestroy(tOptions);
    if (!transformer)
        detail::throwGdal("cannot transform between the grids", context, capture);

    GDALWarpOptions* wo = GDALCreateWarpOptions();
    wo->hSrcDS = src;
    wo->hDstDS = dst.get();
    wo->nBandCount = n;
    wo->panSrcBands = static_cast<int*>(CPLMalloc(sizeof(int) * n));
    wo->panDstBands = static_cast<int*>(CPLMalloc(sizeof(int) * n));
    wo->padfSrcNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double) * n));
    wo->padfDstNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double) * n));
    bool anySrcNodata = false;
    for (int i = 0; i < n; ++i) {
        wo->panSrcBands[i] = bands[i].index;
        wo->panDstBands[i] = i + 1;
        const GDALDataType type = GDALGetRasterDataType(GDALGetRasterBand(src, bands[i].index));
        const bool floating = GDALDataTypeIsFloating(type);
        wo->padfSrcNoDataReal[i] = bands[i].nodata ? *bands[i].nodata : (floating ? kNaN : -1e308);
        anySrcNodata = anySrcNodata || bands[i].nodata || floating;
        wo->padfDstNoDataReal[i] = kNaN;
    }
    if (!anySrcNodata) {
        CPLFree(wo->padfSrcNoDataReal);
        wo->padfSrcNoDataReal = nullptr;
    }
    wo->eResampleAlg = warpAlgorithm(resampling);
    wo->eWorkingDataType = GDT_Float64;
    wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "INIT_DEST", "NO_DATA");
    wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "UNIFIED_SRC_NODATA", "NO");
    // As gdalwarp: an approximate transformer (error below 1/8 pixel) saves most PROJ calls.
    void* approx = GDALCreateApproxTransformer(GDALGenImgProjTransform, transformer, 0.125);
    GDALApproxTransformerOwnsSubtransformer(approx, TRUE);
    wo->pfnTransformer = GDALApproxTransform;
    wo->pTransformerArg = approx;
    wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "NUM_THREADS", "ALL_CPUS");
    detail::GdalProgress gdalProgress(feedback);
    wo->pfnProgress = gdalProgress.function() ? gdalProgress.function() : GDALDummyProgress;
    wo->pProgressArg = gdalProgress.argument();
    GDALWarpOperationH op = GDALCreateWarpOperation(wo);
    const CPLErr err =
        op ? GDALChunkAndWarpImage(op, 0, 0, target.width(), target.height()) : CE_Failure;
    if (op)
        GDALDestroyWarpOperation(op);
    GDALDestroyApproxTransformer(approx);
    wo->pTransformerArg = nullptr;
    GDALDestroyWarpOptions(wo);
    gdalProgress.rethrow();
    if (err != CE_None)
        detail::throwGdal("cannot warp the raster onto " + target.describe(), context, capture);

    std::vector<std::vector<float>> out(n);
    std::vector<double> buffer(target.pixelCount());
    for (int i = 0; i < n; ++i) {
        if (GDALRasterIO(GDALGetRasterBand(dst.get(), i + 1), GF_Read, 0, 0, target.width(),
                         target.height(), buffer.data(), target.width(), target.height(),
                         GDT_Float64, 0, 0) != CE_None)
            detail::throwGdal("cannot read the warped raster", context, capture);
        out[i].resize(buffer.size());
        for (std::size_t k = 0; k < buffer.size(); ++k)
            out[i][k] = static_cast<float>(buffer[k] * bands[i].scale + bands[i].offset);
    }
    reportFraction(feedback, 1.0);
    return out;
}

SourceBand sourceBand(const Raster& r, int band) {
    const BandInfo info = r.band(band);
    return {band, info.nodata, info.scale, info.offset};
}

bool useGeolocation(const Raster& r) {
    return !r.hasGeoTransform() && r.hasGeolocationArrays();
}

} // namespace

std::vector<float> warpBand(const Raster& source, int band, const Grid& target,
                            Resampling resampling, Feedback* feedback) {
    const auto lock = source.libraryLock();
    return warpDataset(static_cast<GDALDatasetH>(source.nativeHandle()), source.grid(),
                       useGeolocation(source), {sourceBand(source, band)}, target, resampling,
                       source.path(), feedback)
        .front();
}

std::vector<std::vector<float>> warpRaster(const Raster& source, const Grid& target,
                                           Resampling resampling, Feedback* feedback) {
    std::vector<SourceBand> bands;
    for (int b = 1; b <= source.bandCount(); ++b)
        bands.push_back(sourceBand(source, b));
    const auto lock = source.libraryLock();
    return warpDataset(static_cast<GDALDatasetH>(source.nativeHandle()), source.grid(),
                       useGeolocation(source), bands, target, resampling, source.path(), feedback);
}

std::vector<float> warpValues(const std::vector<float>& values, const Grid& source,
                              const Grid& target, Resampling resampling, Feedback* feedback) {
    if (values.size() != source.pixelCount())
        throw Error("warp input has " + std::to_string(values.size()) +
                    " values but its grid has " + std::to_string(source.pixelCount()));
    detail::ensureGdal();
    GdalErrorCapture capture;
    DatasetPtr src = memDataset(source, 1, GDT_Float32);
    GDALRasterBandH band = GDALGetRasterBand(src.get(), 1);
    GDALSetRasterNoDataValue(band, kNaN);
    if (GDALRasterIO(band, GF_Write, 0, 0, source.width(), source.height(),
                     const_cast<float*>(values.data()), source.width(), source.height(),
                     GDT_Float32, 0, 0) != CE_None)
        detail::throwGdal("cannot prepare the values for warping", {}, capture);
    return warpDataset(src.get(), source, false, {SourceBand{1, kNaN, 1.0, 0.0}}, target,
                       resampling, "in-memory raster", feedback)
        .front();
}

std::vector<std::vector<float>> warpThroughGeolocation(const std::vector<std::vector<float>>& bands,
                                                       const Raster& placedBy, const Grid& target,
                                                       Resampling resampling, Feedback* feedback) {
    if (!useGeolocation(placedBy))
        throw Error("the raster is not placed by geolocation arrays", placedBy.path());
    const int width = placedBy.width(), height = placedBy.height();
    for (const auto& b : bands)
        if (b.size() != std::size_t(width) * std::size_t(height))
            throw Error("values of another size than the raster (" + std::to_string(width) + " x " +
                            std::to_string(height) + ")",
                        placedBy.path());
    detail::ensureGdal();
    GdalErrorCapture capture;
    const int n = static_cast<int>(bands.size());
    DatasetPtr src(
        GDALCreate(GDALGetDriverByName("MEM"), "", width, height, n, GDT_Float32, nullptr));
    if (!src)
        throw Error("cannot allocate an in-memory raster", placedBy.path());
    // The same arrays place the values: the GEOLOCATION domain names the file's lon/lat.
    char** geoloc = nullptr;
    for (const auto& [key, value] : placedBy.metadata("GEOLOCATION"))
        geoloc = CSLSetNameValue(geoloc, key.c_str(), value.c_str());
    GDALSetMetadata(src.get(), geoloc, "GEOLOCATION");
    CSLDestroy(geoloc);
    std::vector<SourceBand> sources;
    for (int i = 0; i < n; ++i) {
        GDALRasterBandH band = GDALGetRasterBand(src.get(), i + 1);
        GDALSetRasterNoDataValue(band, kNaN);
        if (GDALRasterIO(band, GF_Write, 0, 0, width, height,
                         const_cast<float*>(bands[std::size_t(i)].data()), width, height,
                         GDT_Float32, 0, 0) != CE_None)
            detail::throwGdal("cannot prepare the values for warping", placedBy.path(), capture);
        sources.push_back({i + 1, kNaN, 1.0, 0.0});
    }
    return warpDataset(src.get(), placedBy.grid(), true, sources, target, resampling,
                       placedBy.path(), feedback);
}

std::string geolocatedVrt(const Raster& placedBy, const Grid& target) {
    if (!useGeolocation(placedBy))
        throw Error("the raster is not placed by geolocation arrays", placedBy.path());
    static std::atomic<int> counter{0};
    const std::string name = "/vsimem/soilscope/geolocated-" + std::to_string(++counter) + ".vrt";
    const auto number = [](double x) {
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", x);
        return std::string(text);
    };
    const auto& gt = target.geoTransform();
    const std::vector<std::string> args{"-of",
                                        "VRT",
                                        "-geoloc",
                                        "-t_srs",
                                        target.crsWkt(),
                                        "-te",
                                        number(gt[0]),
                                        number(gt[3] + gt[5] * target.height()),
                                        number(gt[0] + gt[1] * target.width()),
                                        number(gt[3]),
                                        "-ts",
                                        std::to_string(target.width()),
                                        std::to_string(target.height()),
                                        "-r",
                                        "near",
                                        "-dstnodata",
                                        "nan"};
    std::vector<char*> argv;
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const auto lock = placedBy.libraryLock();
    GdalErrorCapture capture;
    GDALWarpAppOptions* options = GDALWarpAppOptionsNew(argv.data(), nullptr);
    GDALDatasetH source = static_cast<GDALDatasetH>(placedBy.nativeHandle());
    int usageError = 0;
    GDALDatasetH vrt = GDALWarp(name.c_str(), nullptr, 1, &source, options, &usageError);
    GDALWarpAppOptionsFree(options);
    if (!vrt)
        detail::throwGdal("cannot warp the raster through its geolocation arrays", placedBy.path(),
                          capture);
    GDALClose(vrt);
    return name;
}

Grid geographicGridCovering(const Raster& placedBy) {
    const auto spacing = placedBy.geolocationSpacing();
    if (!useGeolocation(placedBy) || !spacing)
        throw Error("the raster is not placed by geolocation arrays", placedBy.path());
    // The border pixels bound a curvilinear grid.
    std::vector<PixelPoint> border;
    const int w = placedBy.width(), h = placedBy.height();
    for (int c = 0; c < w; ++c)
        border.insert(border.end(), {{c + 0.5, 0.5}, {c + 0.5, h - 0.5}});
    for (int r = 0; r < h; ++r)
        border.insert(border.end(), {{0.5, r + 0.5}, {w - 0.5, r + 0.5}});
    double lonMin = 1e300, lonMax = -1e300, latMin = 1e300, latMax = -1e300;
    for (const auto& p : placedBy.pixelToLonLat(border))
        if (std::isfinite(p.lon) && std::isfinite(p.lat)) {
            lonMin = std::min(lonMin, p.lon);
            lonMax = std::max(lonMax, p.lon);
            latMin = std::min(latMin, p.lat);
            latMax = std::max(latMax, p.lat);
        }
    if (!(lonMax > lonMin) || !(latMax > latMin))
        throw Error("no border pixel of the raster can be placed", placedBy.path());
    constexpr double kMetresPerDegree = 111320.0;
    const double meanLat = 0.5 * (latMin + latMax) * std::numbers::pi / 180.0;
    const double res = std::min(spacing->dyMetres / kMetresPerDegree,
                                spacing->dxMetres / (kMetresPerDegree * std::cos(meanLat)));
    return Grid::geographic(lonMin - res / 2, latMin - res / 2, lonMax + res / 2, latMax + res / 2,
                            res);
}

} // namespace soilscope::geo
