// Tiled inference of an MLP 14-35-35-1 (random weights) over a size x size x 14 Float32 stack,
// compared with plain GDAL reading the same 14 bands tile by tile (Float32 RasterIO, one band
// at a time) and writing one Float32 band (their sum) with the creation options our output
// uses: 512 × 512 tiles, DEFLATE at GDAL's default level, floating-point predictor,
// NUM_THREADS=ALL_CPUS, BIGTIFF=IF_SAFER; with --cog both sides write a tiled file and copy it
// to the COG driver with the same options (overviews included). Usage:
// bench_tiled_inference [--size 8192] [--tile 512] [--input /tmp/soilscope_bench_stack_8192.tif]
// [--cog]
#include "bench_common.h"

#include "features/layer_source.h"
#include "features/predictor_engine.h"
#include "inference/fast_mlp.h"
#include "inference/tiled_inference.h"
#include "models/model_spec.h"
#include "models/network.h"
#include "models/trained_model.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <sys/resource.h>

using namespace soilscope;
namespace fs = std::filesystem;

namespace {
constexpr int kBands = 14;

/// The first band of a GeoTIFF, whole (untimed preparation of the same-bytes reference).
std::vector<float> readWhole(const fs::path& path) {
    GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
    if (!ds)
        throw std::runtime_error("cannot open " + path.string());
    const int W = GDALGetRasterXSize(ds), H = GDALGetRasterYSize(ds);
    std::vector<float> v(std::size_t(W) * std::size_t(H));
    const CPLErr err = GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Read, 0, 0, W, H, v.data(), W, H,
                                    GDT_Float32, 0, 0);
    GDALClose(ds);
    if (err != CE_None)
        throw std::runtime_error("cannot read " + path.string());
    return v;
}

/// Resident-set high-water mark of this process in MiB since the last resetHighWaterMark().
double highWaterMiB() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    return bench::peakRssMiB();
}

/// Starts a new high-water mark (Linux: writing 5 to /proc/self/clear_refs).
void resetHighWaterMark() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
}

/// CPU seconds of the whole process (all threads, user + system).
double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
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
    if (!ds)
        throw std::runtime_error("cannot create " + tmp.string());
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
                        float(b) + std::sin(0.001f * float(c * b)) +
                        0.5f * std::cos(0.0007f * float((y0 + r) * (b + 1)));
            if (GDALRasterIO(band, GF_Write, 0, y0, size, h, strip.data(), size, h, GDT_Float32, 0,
                             0) != CE_None)
                throw std::runtime_error("write failed");
        }
    }
    GDALClose(ds);
    fs::rename(tmp, path);
    std::cout << "created in " << now() - t0 << " s" << std::endl;
}

char** referenceOptions(bool cog) {
    char** opt = nullptr;
    opt = CSLSetNameValue(opt, "COMPRESS", "DEFLATE");
    opt = CSLSetNameValue(opt, "BIGTIFF", "IF_SAFER");
    opt = CSLSetNameValue(opt, "NUM_THREADS", "ALL_CPUS");
    if (cog) {
        opt = CSLSetNameValue(opt, "BLOCKSIZE", "512");
        opt = CSLSetNameValue(opt, "PREDICTOR", "YES");
        opt = CSLSetNameValue(opt, "OVERVIEW_RESAMPLING", "AVERAGE");
    } else {
        opt = CSLSetNameValue(opt, "TILED", "YES");
        opt = CSLSetNameValue(opt, "BLOCKXSIZE", "512");
        opt = CSLSetNameValue(opt, "BLOCKYSIZE", "512");
        opt = CSLSetNameValue(opt, "PREDICTOR", "3");
    }
    return opt;
}

/// Plain GDAL: read the 14 bands of every tile, write one band with our output's options. The
/// band written is `sameBytes` (the whole output image, row-major) when given, else the sum of
/// the 14 bands.
double plainGdal(const fs::path& input, const fs::path& output, int tile, bool cog,
                 const float* sameBytes = nullptr) {
    const double t0 = now();
    GDALDatasetH in = GDALOpen(input.c_str(), GA_ReadOnly);
    if (!in)
        throw std::runtime_error("cannot open " + input.string());
    const int W = GDALGetRasterXSize(in), H = GDALGetRasterYSize(in);
    char** opt = referenceOptions(false);
    const fs::path tiled = cog ? fs::path(output.string() + ".tiled.tif") : output;
    GDALDatasetH out =
        GDALCreate(GDALGetDriverByName("GTiff"), tiled.c_str(), W, H, 1, GDT_Float32, opt);
    CSLDestroy(opt);
    if (!out)
        throw std::runtime_error("cannot create " + tiled.string());
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
                for (std::size_t i = 0; i < std::size_t(w * h); ++i)
                    acc[i] += buf[i];
            }
            if (sameBytes)
                for (int r = 0; r < h; ++r)
                    std::copy_n(sameBytes + std::size_t(y0 + r) * std::size_t(W) + std::size_t(x0),
                                w, acc.data() + std::size_t(r) * std::size_t(w));
            if (GDALRasterIO(GDALGetRasterBand(out, 1), GF_Write, x0, y0, w, h, acc.data(), w, h,
                             GDT_Float32, 0, 0) != CE_None)
                throw std::runtime_error("write failed");
        }
    GDALClose(in);
    GDALClose(out);
    if (cog) {
        GDALDatasetH src = GDALOpen(tiled.c_str(), GA_ReadOnly);
        char** copt = referenceOptions(true);
        GDALDatasetH copy = GDALCreateCopy(GDALGetDriverByName("COG"), output.c_str(), src, FALSE,
                                           copt, nullptr, nullptr);
        CSLDestroy(copt);
        GDALClose(src);
        if (!copy)
            throw std::runtime_error("COG copy failed");
        GDALClose(copy);
        fs::remove(tiled);
    }
    return now() - t0;
}
} // namespace

int main(int argc, char** argv) {
    int size = 8192, tile = 512;
    bool cog = false, keep = false;
    fs::path input;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--size" && i + 1 < argc)
            size = std::stoi(argv[++i]);
        else if (a == "--tile" && i + 1 < argc)
            tile = std::stoi(argv[++i]);
        else if (a == "--input" && i + 1 < argc)
            input = argv[++i];
        else if (a == "--cog")
            cog = true;
        else if (a == "--keep")
            keep = true; // leave the outputs in the temporary folder
    }
    if (input.empty())
        input = "/tmp/soilscope_bench_stack_" + std::to_string(size) + ".tif";
    GDALAllRegister();
    GDALSetCacheMax64(256LL << 20); // GDAL's block cache is bounded; tiles bound the rest
    try {
        if (!fs::exists(input))
            createStack(input, size, tile);
        const fs::path outDir = fs::temp_directory_path() / "soilscope_bench_out";
        fs::create_directories(outDir);

        // The band-sum variant first (it also brings the input into the page cache).
        const double sumCpu0 = cpuSeconds();
        const double sumSeconds = plainGdal(input, outDir / "plain_sum.tif", tile, cog);
        const double sumCpu = cpuSeconds() - sumCpu0;
        std::cout << "plain GDAL read 14 bands + write their sum: " << sumSeconds << " s, "
                  << sumCpu << " CPU s" << std::endl;

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
            for (int b = 0; b < kBands; ++b)
                fit.x.push_back(float(b + 1) + float(s) - 1.0f);
        fit.y = {0, 0, 0};
        features::Normaliser norm =
            features::Normaliser::uniform(features::NormaliserKind::ZScore, kBands);
        norm.fit(fit, {0, 1, 2});

        models::ModelSpec spec{"mlp", {{"layers", 2}, {"width", 35}}};
        spec = models::resolveSpec(spec);
        auto member = std::make_shared<models::NetworkMember>(
            spec, std::vector<std::int64_t>{kBands}, std::vector<std::int64_t>{1});
        const models::TrainedModel model(spec, {kBands}, {1}, {member});
        std::cout << "MLP 14-35-35-1: " << model.parameterCount() << " parameters" << std::endl;

        inference::TiledInferenceOptions o;
        o.tileSize = tile;
        o.batchPixels = 16384;
        o.tiff.cog = cog;
        o.tiff.blockSize = 512;
        // the MLP fast path of tiled inference (LibTorch's predict is the fallback)
        inference::BatchModel apply = [&](const float* x, std::size_t n) {
            return model.predict(x, n);
        };
        auto fast = inference::fastMlp(model);
        if (fast)
            apply = *fast;
        std::cout << "model path: " << (fast ? "fast MLP (SIMD)" : "LibTorch predict") << std::endl;
        // the model alone on 1 M normalised rows, to separate compute from I/O
        std::vector<float> rows;
        rows.assign((std::size_t(1) << 20) * kBands, 0.0f);
        for (std::size_t i = 0; i < rows.size(); ++i)
            rows[i] = float((i * 2654435761u) % 1000) / 500.0f - 1.0f;
        const double m0 = now();
        for (std::size_t s0 = 0; s0 < (std::size_t(1) << 20); s0 += 16384)
            apply(rows.data() + s0 * kBands, 16384);
        const double modelRate = double(std::size_t(1) << 20) / (now() - m0);
        const double torchT0 = now();
        (void)model.predict(rows.data(), std::size_t(1) << 18);
        const double torchRate = double(std::size_t(1) << 18) / (now() - torchT0);
        std::cout << "model only (one thread, 16384-pixel calls): " << modelRate / 1e6
                  << " Mpixel/s (LibTorch predict: " << torchRate / 1e6 << " Mpixel/s)"
                  << std::endl;
        rows.clear();
        rows.shrink_to_fit();
        inference::ModelLayout layout;
        layout.threadSafe = fast.has_value(); // as bundleModel() sets it for the fast path
        // The memory figure is that of inference alone, not of the runs before it.
        resetHighWaterMark();
        const double cpu0 = cpuSeconds();
        const auto stats = inference::predictToGeoTiff(engine, norm, apply, layout, {TimePoint{}},
                                                       outDir / "inferred.tif", o);
        const double pixelsPerSecond = double(stats.pixels) / stats.seconds;
        const double inferenceCpu = cpuSeconds() - cpu0;
        const double rss = highWaterMiB(); // before the reference holds the output image
        // The reference proper: the same reads, and the very bytes our output holds written with
        // the same options (what a model-free "read + write" of this job costs). Run twice (the
        // machine is shared), the mean is the baseline.
        const std::vector<float> image = readWhole(outDir / "inferred.tif");
        double refSeconds[2], refCpu[2];
        for (int r = 0; r < 2; ++r) {
            const double c0 = cpuSeconds();
            refSeconds[r] = plainGdal(input, outDir / "plain.tif", tile, cog, image.data());
            refCpu[r] = cpuSeconds() - c0;
            std::cout << "plain GDAL read 14 bands + write the same bytes: " << refSeconds[r]
                      << " s, " << refCpu[r] << " CPU s" << std::endl;
        }
        const double baseline = 0.5 * (refSeconds[0] + refSeconds[1]);
        const double baselineCpu = 0.5 * (refCpu[0] + refCpu[1]);
        const double ratio = baseline / stats.seconds;
        const double cpuRatio = baselineCpu / inferenceCpu;
        // CPU seconds (all threads) are less sensitive to other load on a shared machine.
        std::cout << "CPU seconds: tiled inference " << inferenceCpu << ", plain GDAL "
                  << baselineCpu << " (ratio " << cpuRatio << ")" << std::endl;
        std::cout << "tiled inference: " << stats.seconds << " s, " << pixelsPerSecond / 1e6
                  << " Mpixel/s, ratio to plain GDAL (same bytes) " << ratio
                  << " (target >= 0.5; band-sum variant " << sumSeconds / stats.seconds
                  << "), peak RSS " << rss << " MiB (target < 1024)" << std::endl;
        bench::recordResult(
            cog ? "tiled_inference_cog" : "tiled_inference",
            {{"size", size},
             {"unit", "pixels/s"},
             {"cpp", pixelsPerSecond},
             {"plain_gdal", double(stats.pixels) / baseline},
             {"ratio", ratio},
             {"target_ratio", 0.5},
             {"reference", "plain GDAL: Float32 RasterIO of the 14 bands per 512 tile and the "
                           "same output values written as one Float32 band with our output's "
                           "creation options (DEFLATE default level, predictor, 512 tiles, "
                           "NUM_THREADS=ALL_CPUS" +
                               std::string(cog ? ", then the same COG copy with overviews)" : ")")},
             {"bands", kBands},
             {"tile", tile},
             {"cog", cog},
             {"model", "mlp 14-35-35-1 (random weights)"},
             {"model_path", fast ? "fast_mlp" : "libtorch"},
             {"seconds", stats.seconds},
             {"pixels_per_second", pixelsPerSecond},
             {"plain_gdal_seconds", baseline},
             {"plain_gdal_seconds_runs", {refSeconds[0], refSeconds[1]}},
             {"cpu_seconds", inferenceCpu},
             {"plain_gdal_cpu_seconds", baselineCpu},
             {"cpu_ratio", cpuRatio},
             {"band_sum_variant",
              {{"note", "the reference as first written: the sum of the 14 bands "
                        "(compresses to about half our output's size) instead of "
                        "the same bytes"},
               {"seconds", sumSeconds},
               {"cpu_seconds", sumCpu},
               {"ratio", sumSeconds / stats.seconds}}},
             {"ratio_to_plain_gdal", ratio},
             {"model_only_pixels_per_second", modelRate},
             {"libtorch_predict_pixels_per_second", torchRate},
             {"peak_rss_mib", rss}});
        if (keep)
            std::cout << "outputs kept in " << outDir << std::endl;
        else
            fs::remove_all(outDir);
    } catch (const std::exception& e) {
        std::cerr << "bench_tiled_inference: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
