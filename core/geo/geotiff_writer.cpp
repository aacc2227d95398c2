#include "geo/geotiff_writer.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "geo/gdal_support.h"

#include <cpl_string.h>
#include <gdal.h>
#include <gdal_vrt.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <string_view>
#include <unistd.h>

namespace soilscope::geo {

namespace fs = std::filesystem;
using detail::GdalErrorCapture;

namespace {

const char* compressionName(Compression c) {
    switch (c) {
    case Compression::None:
        return "NONE";
    case Compression::Deflate:
        return "DEFLATE";
    case Compression::Zstd:
        return "ZSTD";
    case Compression::Lzw:
        return "LZW";
    }
    return "NONE";
}

/// Above this, a tile holding every band of its pixels (INTERLEAVE=PIXEL) is written band by band
/// instead: GDAL keeps a whole tile in memory to write it.
constexpr double kMaxPixelInterleavedTileBytes = 64.0 * 1024 * 1024;

/// The tile size: the option's, no larger than the raster needs (a multiple of 16 covering it):
/// a 30 × 20 grid in 512² tiles pads every band to a megabyte; 2 338 daily bands of it took 6 GB
/// to write.
int fittedBlockSize(const GeoTiffOptions& o, int width, int height) {
    if (o.blockSize < 16 || o.blockSize % 16 != 0)
        throw Error("GeoTIFF block size must be a positive multiple of 16, not " +
                    std::to_string(o.blockSize));
    const int fitted = std::max(16, (std::max(width, height) + 15) / 16 * 16);
    return std::min(o.blockSize, fitted);
}

/// Creation options for a raster of width × height and `bands` bands, as a CSL list owned by the
/// caller.
char** creationOptions(const GeoTiffOptions& o, bool cog, int width, int height, int bands) {
    const int blockSize = fittedBlockSize(o, width, height);
    char** opts = nullptr;
    const std::string block = std::to_string(blockSize);
    opts = CSLSetNameValue(opts, "COMPRESS", compressionName(o.compression));
    if (o.level > 0 &&
        (o.compression == Compression::Deflate || o.compression == Compression::Zstd)) {
        const char* key =
            cog ? "LEVEL" : (o.compression == Compression::Deflate ? "ZLEVEL" : "ZSTD_LEVEL");
        opts = CSLSetNameValue(opts, key, std::to_string(o.level).c_str());
    }
    opts = CSLSetNameValue(opts, "BIGTIFF", "IF_SAFER");
    opts = CSLSetNameValue(opts, "NUM_THREADS", "ALL_CPUS"); // parallel block compression
    if (cog) {
        opts = CSLSetNameValue(opts, "BLOCKSIZE", block.c_str());
        if (o.predictor && o.compression != Compression::None)
            opts = CSLSetNameValue(opts, "PREDICTOR", "YES");
        opts = CSLSetNameValue(opts, "OVERVIEW_RESAMPLING", o.overviewResampling.c_str());
    } else {
        opts = CSLSetNameValue(opts, "TILED", "YES");
        if (static_cast<double>(blockSize) * blockSize * bands * sizeof(float) >
            kMaxPixelInterleavedTileBytes)
            opts = CSLSetNameValue(opts, "INTERLEAVE", "BAND");
        opts = CSLSetNameValue(opts, "BLOCKXSIZE", block.c_str());
        opts = CSLSetNameValue(opts, "BLOCKYSIZE", block.c_str());
        if (o.predictor && o.compression != Compression::None)
            opts = CSLSetNameValue(opts, "PREDICTOR", "3");
    }
    return opts;
}

/// Creates a Float32 dataset with georeferencing, nodata, descriptions and metadata.
GDALDatasetH createDataset(const char* driverName, const std::string& path, const Grid& grid,
                           int bands, const GeoTiffOptions& o, char** options,
                           GdalErrorCapture& capture) {
    if (!grid.isValid())
        throw Error("cannot write a raster on an empty grid", path);
    if (bands < 1)
        throw Error("cannot write a raster without bands", path);
    GDALDriverH driver = GDALGetDriverByName(driverName);
    if (!driver)
        throw Error(std::string("GDAL has no ") + driverName + " driver", path);
    // A virtual raster's bands get the tiles of the file it is copied to: the COG driver builds
    // its overviews in its source's blocks, and GDAL's default for a VRT, 128 x 128, made a
    // 6000 x 6000 copy 19 % slower (small ZSTD strips in its temporary overview file).
    const bool virtualRaster = std::string_view(driverName) == "VRT";
    GDALDatasetH ds = GDALCreate(driver, path.c_str(), grid.width(), grid.height(),
                                 virtualRaster ? 0 : bands, GDT_Float32, options);
    if (!ds)
        detail::throwGdal("cannot create the GeoTIFF", path, capture);
    if (virtualRaster) {
        const std::string block = std::to_string(fittedBlockSize(o, grid.width(), grid.height()));
        char** bandOptions = CSLSetNameValue(nullptr, "blockXSize", block.c_str());
        bandOptions = CSLSetNameValue(bandOptions, "blockYSize", block.c_str());
        CPLErr added = CE_None;
        for (int b = 0; b < bands && added == CE_None; ++b)
            added = GDALAddBand(ds, GDT_Float32, bandOptions);
        CSLDestroy(bandOptions);
        if (added != CE_None) {
            GDALClose(ds);
            detail::throwGdal("cannot create the virtual raster", path, capture);
        }
    }
    std::array<double, 6> gt = grid.geoTransform();
    GDALSetGeoTransform(ds, gt.data());
    if (grid.hasCrs())
        GDALSetProjection(ds, grid.crsWkt().c_str());
    for (const auto& [key, value] : o.metadata)
        GDALSetMetadataItem(ds, key.c_str(), value.c_str(), nullptr);
    for (int b = 1; b <= bands; ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, b);
        if (o.nodata)
            GDALSetRasterNoDataValue(band, *o.nodata);
        if (static_cast<std::size_t>(b) <= o.bandDescriptions.size())
            GDALSetDescription(band, o.bandDescriptions[b - 1].c_str());
        if (static_cast<std::size_t>(b) <= o.bandUnits.size())
            GDALSetRasterUnitType(band, o.bandUnits[b - 1].c_str());
    }
    return ds;
}

/// Writes a block; NaN becomes the numeric nodata value when one is set.
void writeValues(GDALDatasetH ds, int band, int x0, int y0, int w, int h, const float* data,
                 const GeoTiffOptions& o, const std::string& path, GdalErrorCapture& capture) {
    std::vector<float> replaced;
    if (o.nodata && !std::isnan(*o.nodata)) {
        replaced.assign(data, data + static_cast<std::size_t>(w) * h);
        const float nd = static_cast<float>(*o.nodata);
        for (float& v : replaced)
            if (std::isnan(v))
                v = nd;
        data = replaced.data();
    }
    if (GDALRasterIO(GDALGetRasterBand(ds, band), GF_Write, x0, y0, w, h, const_cast<float*>(data),
                     w, h, GDT_Float32, 0, 0) != CE_None)
        detail::throwGdal("cannot write band " + std::to_string(band), path, capture);
}

/// Closes a dataset and throws when GDAL reported a failure while flushing.
void closeChecked(GDALDatasetH ds, const std::string& path, GdalErrorCapture& capture) {
    GDALFlushCache(ds);
    GDALClose(ds);
    detail::throwIfFailed("cannot finish writing the GeoTIFF", path, capture);
}

/// Copies a finished dataset into a COG at `path`.
void copyToCog(GDALDatasetH source, const std::string& path, const GeoTiffOptions& o,
               GdalErrorCapture& capture, Feedback* feedback = nullptr) {
    GDALDriverH cog = GDALGetDriverByName("COG");
    if (!cog)
        throw Error("GDAL has no COG driver", path);
    char** options = creationOptions(o, true, GDALGetRasterXSize(source),
                                     GDALGetRasterYSize(source), GDALGetRasterCount(source));
    detail::GdalProgress progress(feedback);
    GDALDatasetH out = GDALCreateCopy(cog, path.c_str(), source, FALSE, options,
                                      progress.function(), progress.argument());
    CSLDestroy(options);
    if (!out) {
        progress.rethrow(); // a cancellation stopped GDAL
        detail::throwGdal("cannot write the cloud-optimised GeoTIFF", path, capture);
    }
    closeChecked(out, path, capture);
}

/// A COG of bands held in memory, copied through a virtual raster tiled like the COG (a memory
/// raster's blocks are single rows, which made a 6000 x 6000 copy 18 % slower).
void writeCogFromMemory(const std::string& path, const Grid& grid,
                        const std::vector<std::vector<float>>& bands, const GeoTiffOptions& o,
                        GdalErrorCapture& capture) {
    const int count = static_cast<int>(bands.size());
    GDALDatasetH memory = GDALCreate(GDALGetDriverByName("MEM"), "", grid.width(), grid.height(),
                                     count, GDT_Float32, nullptr);
    if (!memory)
        detail::throwGdal("cannot hold the raster in memory", path, capture);
    GDALDatasetH tiled = nullptr;
    try {
        tiled = createDataset("VRT", "", grid, count, o, nullptr, capture);
        for (int b = 1; b <= count; ++b) {
            writeValues(memory, b, 0, 0, grid.width(), grid.height(), bands[b - 1].data(), o, path,
                        capture);
            if (VRTAddSimpleSource(GDALGetRasterBand(tiled, b), GDALGetRasterBand(memory, b), 0, 0,
                                   grid.width(), grid.height(), 0, 0, grid.width(), grid.height(),
                                   "near", VRT_NODATA_UNSET) != CE_None)
                detail::throwGdal("cannot read the raster from memory", path, capture);
        }
        copyToCog(tiled, path, o, capture);
    } catch (...) {
        if (tiled)
            GDALClose(tiled);
        GDALClose(memory);
        throw;
    }
    GDALClose(tiled);
    GDALClose(memory);
}

fs::path temporaryName(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    return target.parent_path() /
           (target.filename().string() + ".part-" + std::to_string(::getpid()) + "-" +
            std::to_string(counter++) + ".tif");
}

} // namespace

GeoTiffOptions scratchOptions(const GeoTiffOptions& options) {
    GeoTiffOptions scratch = options;
    scratch.cog = false;
    scratch.compression = Compression::Zstd;
    scratch.level = 1;
    scratch.predictor = false;
    return scratch;
}

void writeGeoTiff(const fs::path& path, const Grid& grid,
                  const std::vector<std::vector<float>>& bands, const GeoTiffOptions& options) {
    for (std::size_t b = 0; b < bands.size(); ++b)
        if (bands[b].size() != grid.pixelCount())
            throw Error("band " + std::to_string(b + 1) + " has " +
                            std::to_string(bands[b].size()) + " values but the grid has " +
                            std::to_string(grid.pixelCount()),
                        path.string());
    const int count = static_cast<int>(bands.size());
    writeAtomically(path, [&](const fs::path& tmp) {
        GdalErrorCapture capture;
        const std::string name = tmp.string();
        if (options.cog) {
            writeCogFromMemory(name, grid, bands, options, capture);
            return;
        }
        char** gtiffOptions = creationOptions(options, false, grid.width(), grid.height(), count);
        GDALDatasetH ds = createDataset("GTiff", name, grid, count, options, gtiffOptions, capture);
        CSLDestroy(gtiffOptions);
        try {
            for (int b = 0; b < count; ++b)
                writeValues(ds, b + 1, 0, 0, grid.width(), grid.height(), bands[b].data(), options,
                            name, capture);
        } catch (...) {
            GDALClose(ds);
            throw;
        }
        closeChecked(ds, name, capture);
    });
}

void writeGeoTiff(const fs::path& path, const Grid& grid, const std::vector<float>& band,
                  const GeoTiffOptions& options) {
    writeGeoTiff(path, grid, std::vector<std::vector<float>>{band}, options);
}

GeoTiffBlockWriter::GeoTiffBlockWriter(const fs::path& path, const Grid& grid, int bands,
                                       const GeoTiffOptions& options)
    : m_path(path), m_tmp(temporaryName(path)), m_grid(grid), m_bands(bands), m_options(options) {
    std::error_code ec;
    if (m_path.has_parent_path())
        fs::create_directories(m_path.parent_path(), ec);
    GdalErrorCapture capture;
    // A COG is copied from this file at once: it is written for speed, not size.
    const GeoTiffOptions scratch = options.cog ? scratchOptions(options) : options;
    char** gtiffOptions = creationOptions(scratch, false, grid.width(), grid.height(), bands);
    try {
        m_dataset =
            createDataset("GTiff", m_tmp.string(), grid, bands, scratch, gtiffOptions, capture);
    } catch (...) {
        CSLDestroy(gtiffOptions);
        fs::remove(m_tmp, ec);
        throw;
    }
    CSLDestroy(gtiffOptions);
}

GeoTiffBlockWriter::~GeoTiffBlockWriter() {
    if (m_finished)
        return;
    close();
    std::error_code ec;
    fs::remove(m_tmp, ec);
}

void GeoTiffBlockWriter::close() {
    if (!m_dataset)
        return;
    GdalErrorCapture capture;
    GDALClose(static_cast<GDALDatasetH>(m_dataset));
    m_dataset = nullptr;
}

void GeoTiffBlockWriter::writeBlock(int band, int x0, int y0, int w, int h, const float* data) {
    if (!m_dataset)
        throw Error("the GeoTIFF writer is already finished", m_path.string());
    if (band < 1 || band > m_bands)
        throw Error("band " + std::to_string(band) + " does not exist", m_path.string());
    if (x0 < 0 || y0 < 0 || w <= 0 || h <= 0 || x0 + w > m_grid.width() || y0 + h > m_grid.height())
        throw Error("block " + std::to_string(x0) + "," + std::to_string(y0) + " " +
                        std::to_string(w) + " x " + std::to_string(h) + " lies outside the grid",
                    m_path.string());
    GdalErrorCapture capture;
    writeValues(static_cast<GDALDatasetH>(m_dataset), band, x0, y0, w, h, data, m_options,
                m_tmp.string(), capture);
}

void GeoTiffBlockWriter::writeBlock(int band, int x0, int y0, int w, int h,
                                    const std::vector<float>& data) {
    if (data.size() != static_cast<std::size_t>(w) * static_cast<std::size_t>(h))
        throw Error("block data has " + std::to_string(data.size()) + " values, expected " +
                        std::to_string(static_cast<std::size_t>(w) * h),
                    m_path.string());
    writeBlock(band, x0, y0, w, h, data.data());
}

void GeoTiffBlockWriter::finish(Feedback* feedback) {
    if (m_finished)
        return;
    if (!m_dataset)
        throw Error("the GeoTIFF writer was closed after an error", m_path.string());
    GdalErrorCapture capture;
    GDALDatasetH ds = static_cast<GDALDatasetH>(m_dataset);
    m_dataset = nullptr;
    closeChecked(ds, m_tmp.string(), capture);
    std::error_code ec;
    if (m_options.cog) {
        const fs::path cogTmp = temporaryName(m_path);
        GDALDatasetH src = GDALOpenEx(m_tmp.string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY,
                                      nullptr, nullptr, nullptr);
        if (!src)
            detail::throwGdal("cannot reopen the written blocks", m_tmp.string(), capture);
        try {
            copyToCog(src, cogTmp.string(), m_options, capture, feedback);
        } catch (...) {
            GDALClose(src);
            fs::remove(cogTmp, ec);
            throw;
        }
        GDALClose(src);
        fs::remove(m_tmp, ec);
        m_tmp = cogTmp;
    }
    fs::rename(m_tmp, m_path, ec);
    if (ec)
        throw Error("cannot move the finished GeoTIFF into place: " + ec.message(),
                    m_path.string());
    m_finished = true;
}

void writeMosaicGeoTiff(const fs::path& path, const Grid& grid, int bands,
                        const std::vector<MosaicBlock>& blocks, const GeoTiffOptions& options,
                        Feedback* feedback) {
    GdalErrorCapture capture;
    std::map<fs::path, GDALDatasetH> sources;
    GDALDatasetH mosaic = nullptr;
    auto closeAll = [&] {
        if (mosaic)
            GDALClose(mosaic);
        mosaic = nullptr;
        for (auto& [file, ds] : sources)
            GDALClose(ds);
        sources.clear();
    };
    try {
        // A virtual mosaic of the blocks, written in one pass: no intermediate copy.
        mosaic = createDataset("VRT", "", grid, bands, options, nullptr, capture);
        for (const MosaicBlock& b : blocks) {
            auto it = sources.find(b.file);
            if (it == sources.end()) {
                GDALDatasetH ds = GDALOpenEx(b.file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY,
                                             nullptr, nullptr, nullptr);
                if (!ds)
                    detail::throwGdal("cannot open a part of the mosaic", b.file.string(), capture);
                it = sources.emplace(b.file, ds).first;
            }
            const Window& w = b.window;
            if (VRTAddSimpleSource(GDALGetRasterBand(mosaic, b.band),
                                   GDALGetRasterBand(it->second, b.band), w.x0, w.y0, w.width,
                                   w.height, w.x0, w.y0, w.width, w.height, "near",
                                   VRT_NODATA_UNSET) != CE_None)
                detail::throwGdal("cannot add a block to the mosaic", b.file.string(), capture);
        }
        writeAtomically(path, [&](const fs::path& tmp) {
            if (options.cog) {
                copyToCog(mosaic, tmp.string(), options, capture, feedback);
                return;
            }
            char** gtiffOptions =
                creationOptions(options, false, grid.width(), grid.height(), bands);
            GDALDatasetH out = GDALCreateCopy(GDALGetDriverByName("GTiff"), tmp.c_str(), mosaic,
                                              FALSE, gtiffOptions, nullptr, nullptr);
            CSLDestroy(gtiffOptions);
            if (!out)
                detail::throwGdal("cannot write the GeoTIFF", path.string(), capture);
            closeChecked(out, tmp.string(), capture);
        });
    } catch (...) {
        closeAll();
        throw;
    }
    closeAll();
}

} // namespace soilscope::geo
