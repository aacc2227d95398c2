#include "base/error.h"
#include "features/layer_source.h"
#include "features/predictor_engine.h"
#include "features/spectral_index.h"
#include "geo/raster.h"

#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace soilscope;
using namespace soilscope::features;

class TestSpectralIndices : public QObject {
    Q_OBJECT

    std::filesystem::path scene() const {
        return std::filesystem::path(SOILSCOPE_SHARED_DATA) / "rasters" / "L7_ETMs.tif";
    }

  private Q_SLOTS:
    void ndviOnLandsatSceneUsesBands4And3() {
        if (!std::filesystem::exists(scene()))
            QSKIP("shared Landsat scene L7_ETMs.tif is missing");
        geo::Raster r(scene());
        QCOMPARE(r.bandCount(), 6);
        const auto b3 = r.readBand(3), b4 = r.readBand(4);
        const SensorBands l7 = landsat7Bands();
        QCOMPARE(l7.bandNumber(BandRole::Red), 3);
        QCOMPARE(l7.bandNumber(BandRole::Nir), 4);
        QCOMPARE(l7.bandNumber(BandRole::Swir2), 6); // B7 is the sixth band in the file
        std::vector<float> ndvi(b3.size());
        IndexInputs in;
        in.bands[BandRole::Nir] = b4.data();
        in.bands[BandRole::Red] = b3.data();
        computeSpectralIndex(SpectralIndex::NDVI, in, b3.size(), ndvi.data());
        std::size_t checked = 0, vegetated = 0;
        for (std::size_t i = 0; i < ndvi.size(); ++i) {
            const double den = double(b4[i]) + b3[i];
            if (den == 0) {
                QVERIFY(std::isnan(ndvi[i]));
                continue;
            }
            QVERIFY(std::abs(ndvi[i] - (b4[i] - double(b3[i])) / den) < 1e-6);
            QVERIFY(ndvi[i] >= -1.0f && ndvi[i] <= 1.0f);
            vegetated += ndvi[i] > 0.3f ? 1 : 0;
            ++checked;
        }
        QVERIFY(checked > 100000);
        QVERIFY(vegetated > 1000); // Olinda has vegetation: NDVI must not be degenerate
    }

    void everyIndexThroughThePredictorEngine() {
        if (!std::filesystem::exists(scene()))
            QSKIP("shared Landsat scene L7_ETMs.tif is missing");
        LayerCatalog catalog;
        auto layer = LayerSource::open("optical", scene(), "", "raster");
        catalog.add("optical", layer);
        geo::Raster r(scene());
        std::map<BandRole, std::vector<float>> refl;
        const SensorBands l7 = landsat7Bands();
        for (const auto& [role, name] : l7.roles) {
            auto v = r.readBand(l7.bandNumber(name));
            for (float& x : v)
                x = x / 255.0f; // DN → 0..1 reflectance-like scale
            refl[role] = v;
        }
        const std::size_t n = refl[BandRole::Red].size();
        for (const SpectralIndex idx : allSpectralIndices()) {
            PredictorSpec spec;
            spec.name = spectralIndexName(idx);
            spec.kind = "index";
            spec.role = "optical";
            spec.index = spectralIndexName(idx);
            spec.sensor = "landsat7";
            spec.reflectanceScale = 1.0 / 255.0;
            if (idx == SpectralIndex::NDRE) {
                // Landsat 7 has no red-edge band: a clear error, not garbage
                PredictorEngine engine({spec}, catalog, layer->grid(), "optical");
                QVERIFY_THROWS_EXCEPTION(Error, engine.evaluate(0, {0, 0, 10, 10}, TimePoint{}));
                continue;
            }
            PredictorEngine engine({spec}, catalog, layer->grid(), "optical");
            const auto plane = engine.evaluate(0, {0, 0, r.width(), r.height()}, TimePoint{});
            QCOMPARE(plane.size(), n);
            std::size_t finite = 0;
            for (std::size_t i = 0; i < n; i += 97) {
                std::map<BandRole, double> px;
                for (const auto& [role, v] : refl)
                    px[role] = v[i];
                const double expected = spectralIndexValue(idx, px);
                if (std::isnan(expected)) {
                    QVERIFY(std::isnan(plane[i]));
                    continue;
                }
                QVERIFY2(std::abs(plane[i] - expected) <= 1e-4 * std::max(1.0, std::abs(expected)),
                         qPrintable(QString::fromStdString(spec.name)));
                ++finite;
            }
            QVERIFY(finite > 100);
        }
    }

    void formulasOnKnownReflectances() {
        const std::map<BandRole, double> r = {{BandRole::Blue, 0.05}, {BandRole::Green, 0.08},
                                              {BandRole::Red, 0.06},  {BandRole::RedEdge, 0.15},
                                              {BandRole::Nir, 0.40},  {BandRole::Swir1, 0.20},
                                              {BandRole::Swir2, 0.10}};
        QVERIFY(std::abs(spectralIndexValue(SpectralIndex::NDVI, r) - 0.34 / 0.46) < 1e-12);
        QVERIFY(std::abs(spectralIndexValue(SpectralIndex::EVI, r) -
                         2.5 * 0.34 / (0.40 + 6 * 0.06 - 7.5 * 0.05 + 1)) < 1e-12);
        QVERIFY(std::abs(spectralIndexValue(SpectralIndex::GNDVI, r) - 0.32 / 0.48) < 1e-12);
        QVERIFY(std::abs(spectralIndexValue(SpectralIndex::MSI, r) - 0.5) < 1e-12);
        QVERIFY(std::abs(spectralIndexValue(SpectralIndex::NDMI, r) - 0.2 / 0.6) < 1e-12);
        QVERIFY(std::abs(spectralIndexValue(SpectralIndex::NDWI, r) - 0.3 / 0.5) < 1e-12);
        QVERIFY(std::abs(spectralIndexValue(SpectralIndex::SAVI, r) - 1.5 * 0.34 / 0.96) < 1e-12);
        QVERIFY(std::abs(spectralIndexValue(SpectralIndex::NBRI, r) - 0.3 / 0.5) < 1e-12);
        QVERIFY(std::abs(spectralIndexValue(SpectralIndex::BSI, r) - (0.26 - 0.45) / 0.71) < 1e-12);
        QVERIFY(std::abs(spectralIndexValue(SpectralIndex::NDRE, r) - 0.25 / 0.55) < 1e-12);
        QVERIFY(std::isnan(
            spectralIndexValue(SpectralIndex::NDVI, {{BandRole::Nir, 0.0}, {BandRole::Red, 0.0}})));
    }

    void sensorMappingIsConfigurable() {
        SensorBands s2 = sentinel2Bands();
        QCOMPARE(s2.bandNumber(BandRole::Nir), 6); // B8
        s2.roles[BandRole::Nir] = "B8A";           // the seq2seq workload's NDVI
        QCOMPARE(s2.bandNumber(BandRole::Nir), 7);
        QCOMPARE(s2.bandNumber(BandRole::Swir2), 9);
        QVERIFY_THROWS_EXCEPTION(Error, sensorBandsPreset("landsat9"));
        QVERIFY_THROWS_EXCEPTION(Error, parseSpectralIndex("XYZ"));
        QVERIFY(parseSpectralIndex("ndvi") == SpectralIndex::NDVI);
    }
};

QTEST_APPLESS_MAIN(TestSpectralIndices)
#include "test_spectral_indices.moc"
