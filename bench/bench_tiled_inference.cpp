// Tiled inference of an MLP 14-35-35-1 (random weights) over a size x size x 14 Float32 stack,
// compared with plain GDAL reading the same 14 bands tile by tile and writing one Float32 band
// with the same GeoTIFF options. Usage: bench_tiled_inference [--size 8192] [--tile 512]
// [--input /tmp/soilscope_bench_stack_8192.tif] [--cog]
#include "bench_common.h"

#include "features/layer_source.h"
#include "features/predictor_engine.h"
#include "inference/fast_mlp.h"
#include "inference/tiled_inference.h"
#include "models/model_spec.h"
#include "models/network.h"
#include "models/trained_model.h"

#include <gdal.h>
#include <cpl_conv.h>
#include <cpl_string.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

using namespace soilscope;
namespace fs = std::filesystem;

namespace {
constexpr int kBands = 14;

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void createStack(const fs::path& path, int size, int tile) {
    std::cout << "creating " << path << " (" << size << " x " << size << " x " << kBands
              << " Float32, tiled " << tile << ", uncompressed) ..." << std::endl;
    const double t0 = now();
    GDALDriverH drv = GDALGetDriverByName("GTiff");
    char** opt = nullptr;
    opt = CSLSetNameValue(opt, "TILED", "YES");
    opt = CSLSetNameValue(opt, "BLOCKXSIZE", std::to_string(tile).c_str());
    opt = CSLSetNameValue(opt, "BLOCKYSIZE", std::to_string(tile).c_str());
    opt = CSLSetNameValue(opt, "INTERLEAVE", "BAND");
    opt = CSLSetNameValue(opt, "BIGTIFF", "YES");
    const fs::path tmp = path.string() + ".part";
    GDALDatasetH ds = GDALCreate(drv, tmp.c_str(), size, size, kBands, GDT_Float32, opt);
    CSLDestroy(opt);
    if (!ds) throw std::runtime_error("cannot create " + tmp.string());
    double gt[6] = {300000, 60, 0, 4600000, 0, -60};
    GDALSetGeoTransform(ds, gt);
    GDALSetProjection(ds, "EPSG:32630");
    std::vector<float> strip(std::size_t(size) * std::size_t(tile));
    for (int b = 1; b <= kBands; ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, b);
        for (int y0 = 0; y0 < size; y0 += tile) {
            const int h = std::min(tile, size - y0);
            for (int r = 0; r < h; ++r)
                for (int c = 0; c < size; ++c)
                    strip[std::size_t(r) * std::size_t(size) + std::size_t(c)] =
                        float(b) + std::sin(0.001f * float(c * b)) + 0.5f * std::cos(0.0007f * float((y0 + r) * (b + 1)));
            if (GDALRasterIO(band, GF_Write, 0, y0, size, h, strip.data(), size, h, GDT_Float32, 0, 0) != CE_None)
                throw std::runtime_error("write failed");
        }
    }
    GDALClose(ds);
    fs::rename(tmp, path);
    std::cout << "created in " << now() - t0 << " s" << std::endl;
}

/// Plain GDAL: read the 14 bands of every tile, write one band with the same options.
double plainGdal(const fs::path& input, const fs::path& output, int tile, bool cog) {
    const double t0 = now();
    GDALDatasetH in = GDALOpen(input.c_str(), GA_ReadOnly);
    const int W = GDALGetRasterXSize(in), H = GDALGetRasterYSize(in);
    char** opt = nullptr;
    opt = CSLSetNameValue(opt, "TILED", "YES");
    opt = CSLSetNameValue(opt, "BLOCKXSIZE", "512");
    opt = CSLSetNameValue(opt, "BLOCKYSIZE", "512");
    opt = CSLSetNameValue(opt, "COMPRESS", "DEFLATE");
    opt = CSLSetNameValue(opt, "PREDICTOR", "3");
    opt = CSLSetNameValue(opt, "BIGTIFF", "IF_SAFER");
    GDALDatasetH out = GDALCreate(GDALGetDriverByName("GTiff"), output.c_str(), W, H, 1, GDT_Float32, opt);
    CSLDestroy(opt);
    double gt[6];
    GDALGetGeoTransform(in, gt);
    GDALSetGeoTransform(out, gt);
    GDALSetProjection(out, GDALGetProjectionRef(in));
    GDALSetRasterNoDataValue(GDALGetRasterBand(out, 1), std::nan(""));
    std::vector<float> buf(std::size_t(tile) * std::size_t(tile)), acc(buf.size());
    for (int y0 = 0; y0 < H; y0 += tile)
        for (int x0 = 0; x0 < W; x0 += tile) {
            const int w = std::min(tile, W - x0), h = std::min(tile, H - y0);
            std::fill(acc.begin(), acc.end(), 0.0f);
            for (int b = 1; b <= kBands; ++b) {
                if (GDALRasterIO(GDALGetRasterBand(in, b), GF_Read, x0, y0, w, h, buf.data(), w, h,
                                 GDT_Float32, 0, 0) != CE_None)
                    throw std::runtime_error("read failed");
                for (std::size_t i = 0; i < std::size_t(w * h); ++i) acc[i] += buf[i];
            }
            if (GDALRasterIO(GDALGetRasterBand(out, 1), GF_Write, x0, y0, w, h, acc.data(), w, h,
                             GDT_Float32, 0, 0) != CE_None)
                throw std::runtime_error("write failed");
        }
    GDALClose(in);
    if (cog) {
        int levels[] = {2, 4, 8, 16, 32};
        if (GDALBuildOverviews(out, "AVERAGE", 5, levels, 0, nullptr, nullptr, nullptr) != CE_None)
            throw std::runtime_error("overviews failed");
    }
    GDALClose(out);
    return now() - t0;
}
} // namespace

int main(int argc, char** argv) {
    int size = 8192, tile = 512;
    bool cog = false;
    fs::path input;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--size" && i + 1 < argc) size = std::stoi(argv[++i]);
        else if (a == "--tile" && i + 1 < argc) tile = std::stoi(argv[++i]);
        else if (a == "--input" && i + 1 < argc) input = argv[++i];
        else if (a == "--cog") cog = true;
    }
    if (input.empty()) input = "/tmp/soilscope_bench_stack_" + std::to_string(size) + ".tif";
    GDALAllRegister();
    GDALSetCacheMax64(256LL << 20); // GDAL's block cache is bounded; tiles bound the rest
    try {
        if (!fs::exists(input)) createStack(input, size, tile);
        const fs::path outDir = fs::temp_directory_path() / "soilscope_bench_out";
        fs::create_directories(outDir);

        const double gdalSeconds = plainGdal(input, outDir / "plain.tif", tile, cog);
        std::cout << "plain GDAL read 14 bands + write 1 band: " << gdalSeconds << " s" << std::endl;

        features::LayerCatalog catalog;
        auto layer = features::LayerSource::open("stack", input, "", "raster");
        catalog.add("stack", layer);
        std::vector<features::PredictorSpec> preds;
        for (int b = 1; b <= kBands; ++b) {
            features::PredictorSpec p;
            p.name = "b" + std::to_string(b);
            p.role = "stack";
            p.band = b;
            preds.push_back(p);
        }
        features::PredictorEngine engine(preds, catalog, layer->grid(), "stack");
        features::Dataset fit;
        fit.featureShape = {kBands};
        fit.targetShape = {1};
        for (int s = 0; s < 3; ++s)
            for (int b = 0; b < kBands; ++b) fit.x.push_back(float(b + 1) + float(s) - 1.0f);
        fit.y = {0, 0, 0};
        features::Normaliser norm = features::Normaliser::uniform(features::NormaliserKind::ZScore, kBands);
        norm.fit(fit, {0, 1, 2});

        models::ModelSpec spec{"mlp", {{"layers", 2}, {"width", 35}}};
        spec = models::resolveSpec(spec);
        auto member = std::make_shared<models::NetworkMember>(spec, std::vector<std::int64_t>{kBands},
                                                              std::vector<std::int64_t>{1});
        const models::TrainedModel model(spec, {kBands}, {1}, {member});
        std::cout << "MLP 14-35-35-1: " << model.parameterCount() << " parameters" << std::endl;

        inference::TiledInferenceOptions o;
        o.tileSize = tile;
        o.batchPixels = 16384;
        o.tiff.cog = cog;
        o.tiff.blockSize = 512;
        // the MLP fast path of tiled inference (LibTorch's predict is the fallback)
        inference::BatchModel apply = [&](const float* x, std::size_t n) { return model.predict(x, n); };
        auto fast = inference::fastMlp(model);
        if (fast) apply = *fast;
        std::cout << "model path: " << (fast ? "fast MLP (SIMD)" : "LibTorch predict") << std::endl;
        // the model alone on 1 M normalised rows, to separate compute from I/O
        std::vector<float> rows;
        rows.assign((std::size_t(1) << 20) * kBands, 0.0f);
        for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = float((i * 2654435761u) % 1000) / 500.0f - 1.0f;
        const double m0 = now();
        for (std::size_t s0 = 0; s0 < (std::size_t(1) << 20); s0 += 16384) apply(rows.data() + s0 * kBands, 16384);
        const double modelRate = double(std::size_t(1) << 20) / (now() - m0);
        const double torchT0 = now();
        (void)model.predict(rows.data(), std::size_t(1) << 18);
        const double torchRate = double(std::size_t(1) << 18) / (now() - torchT0);
        std::cout << "model only: " << modelRate / 1e6 << " Mpixel/s (LibTorch predict: "
                  << torchRate / 1e6 << " Mpixel/s)" << std::endl;
        rows.clear();
        rows.shrink_to_fit();
        const auto stats = inference::predictToGeoTiff(engine, norm, apply, {}, {TimePoint{}},
                                                       outDir / "inferred.tif", o);
        const double pixelsPerSecond = double(stats.pixels) / stats.seconds;
        // plain GDAL once more after inference: the machine is shared and the page cache may
        // hold more or less of the input, so the baseline is the mean of both runs
        const double gdalAfter = plainGdal(input, outDir / "plain2.tif", tile, cog);
        std::cout << "plain GDAL again: " << gdalAfter << " s" << std::endl;
        const double baseline = 0.5 * (gdalSeconds + gdalAfter);
        const double ratio = baseline / stats.seconds;
        const double rss = bench::peakRssMiB();
        std::cout << "tiled inference: " << stats.seconds << " s, " << pixelsPerSecond / 1e6
                  << " Mpixel/s, ratio to plain GDAL " << ratio << " (target >= 0.5), peak RSS "
                  << rss << " MiB (target < 1024)" << std::endl;
        bench::recordResult("tiled_inference",
                            {{"size", size},
                             {"bands", kBands},
                             {"tile", tile},
                             {"cog", cog},
                             {"model", "mlp 14-35-35-1 (random weights)"},
                             {"model_path", fast ? "fast_mlp" : "libtorch"},
                             {"seconds", stats.seconds},
                             {"pixels_per_second", pixelsPerSecond},
                             {"plain_gdal_seconds", baseline},
                             {"plain_gdal_seconds_before_after", {gdalSeconds, gdalAfter}},
                             {"ratio_to_plain_gdal", ratio},
                             {"model_only_pixels_per_second", modelRate},
                             {"libtorch_predict_pixels_per_second", torchRate},
                             {"peak_rss_mib", rss}});
        fs::remove_all(outDir);
    } catch (const std::exception& e) {
        std::cerr << "bench_tiled_inference: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
