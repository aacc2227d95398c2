// The per-pixel noise of predictor images: estimated from Laplacian differences, robust to smooth
// patterns and land-cover edges; Gaussian draws with a given covariance; noisy training copies.
#include "analysis/pixel_noise.h"
#include "analysis/subcell_attribution.h"
#include "geo/raster.h"
#include "workloads/ffnn_downscaling_60m/noisy_copies.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace soilscope::analysis;
using soilscope::workloads::appendNoisyCopies;

namespace {

/// Three predictors on a 200 × 150 image: a ramp with patches (edges) plus noise σ 0.01, a
/// second one whose noise correlates 0.6 with the first's (σ 0.02), and a static layer.
struct Image {
    int w = 200, h = 150;
    std::vector<std::vector<float>> planes;
    std::vector<std::uint8_t> valid;
};

Image image(std::uint64_t seed) {
    Image im;
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> n;
    const std::size_t px = std::size_t(im.w * im.h);
    im.planes.assign(3, std::vector<float>(px));
    im.valid.assign(px, 1);
    for (int r = 0; r < im.h; ++r)
        for (int c = 0; c < im.w; ++c) {
            const std::size_t i = std::size_t(r * im.w + c);
            const double patch = ((c / 17) + (r / 11)) % 3 == 0 ? 0.3 : 0.0;
            const double e1 = n(rng), e2 = 0.6 * e1 + 0.8 * n(rng);
            im.planes[0][i] = float(0.2 + 0.001 * c + patch + 0.01 * e1);
            im.planes[1][i] = float(0.5 * std::sin(0.02 * r) + 0.02 * e2);
            im.planes[2][i] = float(100.0 + 3.0 * c);
            im.valid[i] = (c * 7 + r) % 23 != 0;
        }
    return im;
}

} // namespace

class TestPixelNoise : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void recoversNoiseCovariance() {
        PixelNoiseEstimator est({true, true, false});
        for (std::uint64_t s = 1; s <= 3; ++s) {
            const Image im = image(s);
            est.add(im.planes, im.valid, im.w, im.h);
        }
        QVERIFY(est.blocks() > 30000);
        const auto cov = est.covariance();
        QCOMPARE(cov.size(), std::size_t(9));
        const double s1 = std::sqrt(cov[0]), s2 = std::sqrt(cov[4]);
        qInfo() << "sigma" << s1 << s2 << "corr" << cov[1] / (s1 * s2);
        QVERIFY(std::abs(s1 / 0.01 - 1.0) < 0.05);
        QVERIFY(std::abs(s2 / 0.02 - 1.0) < 0.05);
        QVERIFY(std::abs(cov[1] / (s1 * s2) - 0.6) < 0.05);
        QCOMPARE(cov[8], 0.0); // not estimated: the static layer
        QCOMPARE(cov[2], 0.0);
    }

    void addedNoiseOnARealSceneIsRecovered() {
        // a real Landsat 7 scene (red and NIR, 8-bit DN): its own texture and edges stay mostly
        // out of the estimate, so noise added to it shows up as added variance and covariance
        const auto path = std::filesystem::path(SOILSCOPE_SHARED_DATA) / "rasters" / "L7_ETMs.tif";
        if (!std::filesystem::exists(path))
            QSKIP("shared data missing: rasters/L7_ETMs.tif");
        soilscope::geo::Raster scene(path);
        const int w = scene.grid().width(), h = scene.grid().height();
        const std::vector<std::vector<float>> clean{scene.readBand(3), scene.readBand(4)};
        const std::vector<std::uint8_t> valid(clean[0].size(), 1);
        auto noiseOf = [&](const std::vector<std::vector<float>>& planes) {
            PixelNoiseEstimator est({true, true});
            est.add(planes, valid, w, h);
            return est.covariance();
        };
        auto noisy = clean;
        std::mt19937_64 rng(3);
        std::normal_distribution<double> n;
        for (std::size_t i = 0; i < noisy[0].size(); ++i) {
            const double e1 = n(rng), e2 = 0.5 * e1 + std::sqrt(0.75) * n(rng);
            noisy[0][i] += float(4.0 * e1);
            noisy[1][i] += float(4.0 * e2);
        }
        const auto before = noiseOf(clean), after = noiseOf(noisy);
        qInfo() << "scene noise sd" << std::sqrt(before[0]) << std::sqrt(before[3])
                << "after adding 4 DN:" << std::sqrt(after[0]) << std::sqrt(after[3])
                << "added covariance" << after[1] - before[1];
        // the added σ within 15 % (some of the scene's texture passes with the noise), the
        // added covariance within 20 %
        QVERIFY(std::abs(std::sqrt(after[0] - before[0]) / 4.0 - 1.0) < 0.15);
        QVERIFY(std::abs(std::sqrt(after[3] - before[3]) / 4.0 - 1.0) < 0.15);
        QVERIFY(std::abs((after[1] - before[1]) / 8.0 - 1.0) < 0.2);
    }

    void noEstimateWithoutPixels() {
        PixelNoiseEstimator est({true});
        est.add({std::vector<float>(4, 1.0f)}, std::vector<std::uint8_t>(4, 0), 2, 2);
        QVERIFY(est.covariance().empty());
    }

    void drawsHaveTheCovariance() {
        const std::vector<double> cov{4.0, 1.2, 0.0, 1.2, 1.0, 0.0, 0.0, 0.0, 0.0};
        const std::size_t n = 40000;
        std::vector<float> rows(3 * n, 1.0f);
        std::mt19937_64 rng(5);
        addCorrelatedNoise(rows.data(), n, cov, rng);
        double s00 = 0, s11 = 0, s01 = 0, m0 = 0;
        for (std::size_t r = 0; r < n; ++r) {
            const double a = rows[3 * r] - 1.0, b = rows[3 * r + 1] - 1.0;
            s00 += a * a;
            s11 += b * b;
            s01 += a * b;
            m0 += a;
            QCOMPARE(rows[3 * r + 2], 1.0f);
        }
        QVERIFY(std::abs(s00 / n - 4.0) < 0.12);
        QVERIFY(std::abs(s11 / n - 1.0) < 0.03);
        QVERIFY(std::abs(s01 / n - 1.2) < 0.05);
        QVERIFY(std::abs(m0 / n) < 0.05);
    }

    void noisyCopiesFollowTheOriginals() {
        soilscope::features::Dataset d;
        d.featureShape = {2};
        d.targetShape = {1};
        for (int i = 0; i < 10; ++i) {
            d.x.insert(d.x.end(), {float(i), float(-i)});
            d.y.push_back(float(i) * 0.1f);
            d.targetMask.push_back(1);
            d.groups.cell.push_back(i);
        }
        const std::vector<double> cov{0.01, 0.0, 0.0, 0.0};
        const auto added = appendNoisyCopies(d, {2, 5}, 3, cov, 9);
        QCOMPARE(added.size(), std::size_t(6));
        QCOMPARE(d.sampleCount(), std::size_t(16));
        QCOMPARE(d.x[4], 2.0f); // the originals are untouched
        for (std::size_t k = 0; k < added.size(); ++k) {
            const std::size_t i = added[k], from = k % 2 == 0 ? 2 : 5;
            QCOMPARE(d.y[i], d.y[from]);
            QCOMPARE(d.groups.cell[i], std::int64_t(from));
            QCOMPARE(d.x[2 * i + 1], d.x[2 * from + 1]); // no noise on the second feature
            QVERIFY(d.x[2 * i] != d.x[2 * from] && std::abs(d.x[2 * i] - d.x[2 * from]) < 0.6f);
        }
    }

    void attributionFindsTheCarrier() {
        // the map is predictor 0 only: holding it at its cell mean leaves no sub-cell pattern,
        // holding predictor 1 changes nothing
        const std::vector<std::int64_t> cellOf{0, 0, 0, 1, 1, 1};
        const std::vector<std::size_t> where{0, 1, 2, 3, 4, 5};
        const std::vector<float> rows{0.1f, 5, 0.3f, 1, 0.2f, 2, 0.6f, 7, 0.4f, 3, 0.9f, 4};
        const std::vector<float> truth{0.11f, 0.29f, 0.2f, 0.6f, 0.42f, 0.88f};
        auto predict = [](const float* x, std::size_t n) {
            std::vector<float> y(n);
            for (std::size_t j = 0; j < n; ++j)
                y[j] = x[2 * j];
            return y;
        };
        SubCellAttribution attribution({"carrier", "other"}, 2);
        attribution.add(rows, where, 6, cellOf, truth, predict);
        QVERIFY(attribution.heldAtCellMean(0).sdA() < 1e-6);
        QVERIFY(attribution.heldAtCellMean(1).r() > 0.95);
        QVERIFY(attribution.heldAtCellMean(1).sdA() > 0.05);
    }
};

QTEST_APPLESS_MAIN(TestPixelNoise)
#include "test_pixel_noise.moc"
