#include "base/error.h"
#include "features/layer_source.h"
#include "features/predictor_engine.h"
#include "geo/geotiff_writer.h"
#include "geo/qml_style.h"
#include "geo/raster.h"
#include "inference/tiled_inference.h"

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace soilscope;
using namespace soilscope::features;
namespace fs = std::filesystem;

class TestTiledInference : public QObject {
    Q_OBJECT

    fs::path m_dir;
    geo::Grid m_grid = geo::Grid("EPSG:32630", {400000, 60, 0, 4400000, 0, -60}, 103, 71);
    LayerCatalog m_catalog;

    std::vector<PredictorSpec> predictors() const {
        return parsePredictors(nlohmann::json::parse(R"([
            {"name": "b1", "role": "stack", "band": 1},
            {"name": "b2", "role": "stack", "band": 2},
            {"name": "slope", "kind": "terrain", "role": "stack", "band": 3, "quantity": "slope"}])"),
                               "/p");
    }

    static std::vector<float> nonlinear(const float* x, std::size_t n) {
        std::vector<float> y(n);
        for (std::size_t i = 0; i < n; ++i)
            y[i] = 0.2f + 0.05f * std::tanh(x[3 * i] - 0.5f * x[3 * i + 1]) + 0.01f * x[3 * i + 2];
        return y;
    }

    Normaliser fitted() const {
        Dataset d;
        d.featureShape = {3};
        d.targetShape = {1};
        d.x = {0, 0, 0, 10, 5, 2, 4, 1, 1};
        d.y = {0, 0, 0};
        Normaliser n = Normaliser::uniform(NormaliserKind::ZScore, 3);
        n.fit(d, {0, 1, 2});
        return n;
    }

    std::vector<float> readAll(const fs::path& p, int band = 1) {
        return geo::Raster(p).readBand(band);
    }

  private Q_SLOTS:
    void initTestCase() {
        m_dir = fs::temp_directory_path() / ("soilscope_infer_" + std::to_string(::getpid()));
        fs::create_directories(m_dir);
        std::vector<std::vector<float>> bands(3, std::vector<float>(m_grid.pixelCount()));
        for (int r = 0; r < m_grid.height(); ++r)
            for (int c = 0; c < m_grid.width(); ++c) {
                const std::size_t i = std::size_t(r * m_grid.width() + c);
                bands[0][i] = std::sin(0.1f * float(c)) * 5 + float(r % 7);
                bands[1][i] = float((r * 31 + c * 17) % 23);
                bands[2][i] = 100.0f + 3.0f * std::sin(0.2f * float(r)) * float(c) + float(r);
            }
        bands[0][500] = NAN; // a nodata pixel
        geo::writeGeoTiff(m_dir / "stack.tif", m_grid, bands);
        m_catalog.add("stack", LayerSource::open("stack", m_dir / "stack.tif", "", "raster"));
    }
    void cleanupTestCase() { fs::remove_all(m_dir); }

    void tiledEqualsWholeForTabularModels() {
        PredictorEngine engine(predictors(), m_catalog, m_grid, "stack");
        inference::TiledInferenceOptions o;
        o.tileSize = 4096; // one tile: the whole image
        const auto whole = inference::predictToGeoTiff(
            engine, fitted(), nonlinear, {}, {makeTime(2021, 6, 1)}, m_dir / "whole.tif", o);
        QCOMPARE(whole.tiles, std::size_t(1));
        o.tileSize = 16;
        o.batchPixels = 37;
        o.tiff.blockSize = 32;
        const auto tiled = inference::predictToGeoTiff(
            engine, fitted(), nonlinear, {}, {makeTime(2021, 6, 1)}, m_dir / "tiled.tif", o);
        QCOMPARE(tiled.tiles, std::size_t(7 * 5));
        QCOMPARE(tiled.predicted, whole.predicted);
        QCOMPARE(whole.predicted, m_grid.pixelCount() - 1);
        const auto a = readAll(m_dir / "whole.tif"), b = readAll(m_dir / "tiled.tif");
        QCOMPARE(a.size(), m_grid.pixelCount());
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY((std::isnan(a[i]) && std::isnan(b[i])) || a[i] == b[i]);
        QVERIFY(std::isnan(a[500]));
        // the values are those of the model on the normalised predictors
        const auto planes = engine.evaluate({0, 0, m_grid.width(), m_grid.height()}, TimePoint{});
        float row[3] = {planes[0][777], planes[1][777], planes[2][777]};
        fitted().applyRows(row, 1);
        QCOMPARE(a[777], nonlinear(row, 1)[0]);
        geo::Raster r(m_dir / "tiled.tif");
        QCOMPARE(r.band(1).description, std::string("2021-06-01T00:00:00Z"));
        QCOMPARE(r.band(1).units, std::string("m3 m-3"));
        QVERIFY(fs::exists(m_dir / "tiled.qml"));
        std::ifstream qml(m_dir / "tiled.qml");
        const std::string text((std::istreambuf_iterator<char>(qml)), {});
        QVERIFY(text.find("singlebandpseudocolor") != std::string::npos);
        QVERIFY(text.find("#8c510a") != std::string::npos);
    }

    void tiledEqualsWholeForPatchModelsWithAHalo() {
        PredictorEngine engine(predictors(), m_catalog, m_grid, "stack");
        // an "image model": 3x3 mean of channel 0 plus channel 2 at the centre
        auto model = [](int H, int W) {
            return [H, W](const float* x, std::size_t n) {
                std::vector<float> y(n * std::size_t(H * W), 0.0f);
                for (int r = 0; r < H; ++r)
                    for (int c = 0; c < W; ++c) {
                        float s = 0;
                        for (int dr = -1; dr <= 1; ++dr)
                            for (int dc = -1; dc <= 1; ++dc) {
                                const int rr = r + dr, cc = c + dc;
                                if (rr >= 0 && cc >= 0 && rr < H && cc < W)
                                    s += x[rr * W + cc];
                            }
                        y[std::size_t(r * W + c)] = s / 9.0f + x[2 * H * W + r * W + c];
                    }
                return y;
            };
        };
        const int H = m_grid.height() + 2, W = m_grid.width() + 2;
        inference::TiledInferenceOptions o;
        o.writeStyle = false;
        inference::predictToGeoTiff(engine, fitted(), model(H, W), {"image", H, W, 1},
                                    {TimePoint{}}, m_dir / "img_whole.tif", o);
        const auto s =
            inference::predictToGeoTiff(engine, fitted(), model(12, 10), {"image", 12, 10, 1},
                                        {TimePoint{}}, m_dir / "img_tiled.tif", o);
        QVERIFY(s.tiles > 50);
        QVERIFY(!fs::exists(m_dir / "img_tiled.qml"));
        const auto a = readAll(m_dir / "img_whole.tif"), b = readAll(m_dir / "img_tiled.tif");
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY2((std::isnan(a[i]) && std::isnan(b[i])) || std::abs(a[i] - b[i]) < 1e-5,
                     qPrintable(QString("pixel %1: %2 vs %3").arg(i).arg(a[i]).arg(b[i])));
    }

    void multiDateSeriesAndFailuresLeaveNothingBehind() {
        PredictorEngine engine(predictors(), m_catalog, m_grid, "stack");
        inference::TiledInferenceOptions o;
        o.tileSize = 64;
        o.clamp = std::make_pair(0.0, 0.21);
        const std::vector<TimePoint> dates = {makeTime(2021, 1, 1), makeTime(2021, 1, 2)};
        inference::predictToGeoTiff(engine, fitted(), nonlinear, {}, dates, m_dir / "series.tif",
                                    o);
        geo::Raster r(m_dir / "series.tif");
        QCOMPARE(r.bandCount(), 2);
        QCOMPARE(r.band(2).description, std::string("2021-01-02T00:00:00Z"));
        for (const float v : r.readBand(2))
            QVERIFY(std::isnan(v) || (v >= 0 && v <= 0.21f));
        // a model failing half-way: no output and the previous file untouched
        const auto before = fs::file_size(m_dir / "series.tif");
        int calls = 0;
        auto failing = [&calls](const float* x, std::size_t n) {
            if (++calls > 3)
                throw Error("model exploded");
            return nonlinear(x, n);
        };
        QVERIFY_THROWS_EXCEPTION(Error,
                                 inference::predictToGeoTiff(engine, fitted(), failing, {}, dates,
                                                             m_dir / "series.tif", o));
        QCOMPARE(fs::file_size(m_dir / "series.tif"), before);
        QCOMPARE(geo::Raster(m_dir / "series.tif").bandCount(), 2);
        // a normaliser of the wrong width is rejected before anything is written
        QVERIFY_THROWS_EXCEPTION(
            Error, inference::predictToGeoTiff(engine, Normaliser::uniform(NormaliserKind::None, 2),
                                               nonlinear, {}, dates, m_dir / "x.tif", o));
        QVERIFY(!fs::exists(m_dir / "x.tif"));
    }
};

QTEST_APPLESS_MAIN(TestTiledInference)
#include "test_tiled_inference.moc"
