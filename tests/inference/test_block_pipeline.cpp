// The read → compute → deliver pipeline of tiled inference: order, bounded memory, errors from
// every stage; and tiled inference with concurrent model calls equal to whole-image inference.
#include "base/error.h"
#include "features/layer_source.h"
#include "features/predictor_engine.h"
#include "geo/geotiff_writer.h"
#include "geo/raster.h"
#include "inference/block_pipeline.h"
#include "inference/tiled_inference.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <thread>

using namespace soilscope;
using namespace soilscope::features;
namespace fs = std::filesystem;

namespace {

/// Counts live instances (blocks held by the pipeline at any time).
struct Tracked {
    static inline std::atomic<int> live{0}, peak{0};
    std::size_t value = 0;
    explicit Tracked(std::size_t v) : value(v) { bump(); }
    Tracked(Tracked&& o) noexcept : value(o.value) { bump(); }
    Tracked& operator=(Tracked&&) = default;
    ~Tracked() { --live; }
    static void bump() {
        const int now = ++live;
        int p = peak.load();
        while (now > p && !peak.compare_exchange_weak(p, now)) {
        }
    }
};

void jitter(std::size_t i) {
    std::this_thread::sleep_for(std::chrono::microseconds((i * 7919) % 500));
}

} // namespace

class TestBlockPipeline : public QObject {
    Q_OBJECT

    fs::path m_dir;
    geo::Grid m_grid = geo::Grid("EPSG:32630", {400000, 60, 0, 4400000, 0, -60}, 97, 61);
    LayerCatalog m_catalog;

    static std::vector<float> model(const float* x, std::size_t n) {
        std::vector<float> y(n);
        for (std::size_t i = 0; i < n; ++i)
            y[i] = 0.1f + 0.02f * std::tanh(x[2 * i] - x[2 * i + 1]);
        return y;
    }

    /// Predictors a and b: bands 1 and 2 of the test stack.
    PredictorEngine twoBandEngine() const {
        return PredictorEngine(parsePredictors(nlohmann::json::parse(R"([
            {"name": "a", "role": "stack", "band": 1},
            {"name": "b", "role": "stack", "band": 2}])"),
                                               "/p"),
                               m_catalog, m_grid, "stack");
    }

    static Normaliser fitted() {
        Dataset d;
        d.featureShape = {2};
        d.targetShape = {1};
        d.x = {0, 0, 2, 10, 4, 5};
        d.y = {0, 0, 0};
        Normaliser n = Normaliser::uniform(NormaliserKind::ZScore, 2);
        n.fit(d, {0, 1, 2});
        return n;
    }

  private Q_SLOTS:
    void initTestCase() {
        m_dir = fs::temp_directory_path() / ("soilscope_pipeline_" + std::to_string(::getpid()));
        fs::create_directories(m_dir);
        std::vector<std::vector<float>> bands(2, std::vector<float>(m_grid.pixelCount()));
        for (std::size_t i = 0; i < m_grid.pixelCount(); ++i) {
            bands[0][i] = std::sin(0.01f * float(i));
            bands[1][i] = float(i % 13);
        }
        bands[1][333] = NAN;
        geo::writeGeoTiff(m_dir / "stack.tif", m_grid, bands);
        m_catalog.add("stack", LayerSource::open("stack", m_dir / "stack.tif", "", "raster"));
    }
    void cleanupTestCase() { fs::remove_all(m_dir); }

    void deliversInOrderWithBoundedBlocks() {
        Tracked::live = 0;
        Tracked::peak = 0;
        std::vector<std::size_t> delivered;
        const std::size_t depth = 2, workers = 3;
        inference::runBlockPipeline<Tracked, Tracked>(
            40, workers, depth,
            [](std::size_t i) {
                jitter(i);
                return Tracked(i);
            },
            [](std::size_t i, Tracked a) {
                jitter(i * 3);
                return Tracked(a.value * 10 + i);
            },
            [&](std::size_t i, Tracked b) {
                QCOMPARE(b.value, i * 11);
                delivered.push_back(i);
            });
        QCOMPARE(delivered.size(), std::size_t(40));
        for (std::size_t i = 0; i < delivered.size(); ++i)
            QCOMPARE(delivered[i], i);
        QCOMPARE(Tracked::live.load(), 0);
        // read queue + one per worker (input and output) + reorder buffer + the delivered one,
        // plus transient moves
        QVERIFY2(Tracked::peak.load() <= int(2 * depth + 3 * workers + 6),
                 qPrintable(QString::number(Tracked::peak.load())));
    }

    void errorsOfEveryStageReachTheCaller() {
        for (int stage = 0; stage < 3; ++stage) {
            std::atomic<std::size_t> deliveredCount{0};
            bool thrown = false;
            try {
                inference::runBlockPipeline<int, int>(
                    100, 2, 2,
                    [&](std::size_t i) {
                        if (stage == 0 && i == 17)
                            throw std::runtime_error("read");
                        return int(i);
                    },
                    [&](std::size_t i, int a) {
                        if (stage == 1 && i == 23)
                            throw std::runtime_error("compute");
                        return a;
                    },
                    [&](std::size_t i, int) {
                        if (stage == 2 && i == 5)
                            throw CanceledError();
                        ++deliveredCount;
                    });
            } catch (const CanceledError&) {
                thrown = true;
                QCOMPARE(stage, 2);
            } catch (const std::runtime_error& e) {
                thrown = true;
                QCOMPARE(std::string(e.what()), std::string(stage == 0 ? "read" : "compute"));
            }
            QVERIFY(thrown);
            QVERIFY(deliveredCount.load() < 100);
        }
    }

    void concurrentModelCallsEqualWholeImage() {
        PredictorEngine engine = twoBandEngine();
        const Normaliser norm = fitted();
        inference::TiledInferenceOptions o;
        o.tileSize = 4096;
        const auto whole = inference::predictToGeoTiff(engine, norm, model, {}, {TimePoint{}},
                                                       m_dir / "whole.tif", o);
        inference::ModelLayout concurrent;
        concurrent.threadSafe = true;
        o.tileSize = 16;
        o.batchPixels = 29;
        o.tiff.blockSize = 16;
        o.tiff.cog = true;
        struct Monotonic : Feedback {
            double last = 0.0;
            bool monotonic = true;
            void onProgress(double percent) override {
                monotonic = monotonic && percent >= last;
                last = percent;
            }
        } progress;
        o.feedback = &progress;
        const auto tiled = inference::predictToGeoTiff(engine, norm, model, concurrent,
                                                       {TimePoint{}}, m_dir / "tiled.tif", o);
        QVERIFY(progress.monotonic);
        QCOMPARE(progress.last, 100.0);
        QCOMPARE(tiled.tiles, std::size_t(7 * 4));
        QCOMPARE(tiled.predicted, whole.predicted);
        QCOMPARE(whole.predicted, m_grid.pixelCount() - 1);
        const auto a = geo::Raster(m_dir / "whole.tif").readBand(1);
        const auto b = geo::Raster(m_dir / "tiled.tif").readBand(1);
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY((std::isnan(a[i]) && std::isnan(b[i])) || a[i] == b[i]);
        QVERIFY(std::isnan(b[333]));
        QVERIFY(fs::exists(m_dir / "tiled.qml"));
    }

    void failuresAndCancelLeaveNoOutput() {
        PredictorEngine engine = twoBandEngine();
        const Normaliser norm = fitted();
        inference::ModelLayout concurrent;
        concurrent.threadSafe = true;
        inference::TiledInferenceOptions o;
        o.tileSize = 16;
        std::atomic<int> calls{0};
        const inference::BatchModel failing = [&](const float* x, std::size_t n) {
            if (++calls == 9)
                throw Error("model exploded");
            return model(x, n);
        };
        QVERIFY_THROWS_EXCEPTION(Error, inference::predictToGeoTiff(engine, norm, failing,
                                                                    concurrent, {TimePoint{}},
                                                                    m_dir / "failed.tif", o));
        QVERIFY(!fs::exists(m_dir / "failed.tif"));
        struct CancelAfterFourTiles : Feedback {
            int steps = 0;
            void onProgress(double) override {
                if (++steps == 4)
                    cancel();
            }
        } canceling;
        o.feedback = &canceling;
        QVERIFY_THROWS_EXCEPTION(
            CanceledError, inference::predictToGeoTiff(engine, norm, model, concurrent,
                                                       {TimePoint{}}, m_dir / "canceled.tif", o));
        QVERIFY(!fs::exists(m_dir / "canceled.tif"));
        for (const auto& entry : fs::directory_iterator(m_dir))
            QVERIFY2(entry.path().filename().string().find(".part") == std::string::npos,
                     entry.path().c_str());
    }
};

QTEST_APPLESS_MAIN(TestBlockPipeline)
#include "test_block_pipeline.moc"
