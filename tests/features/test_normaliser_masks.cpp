#include "base/error.h"
#include "features/feature_selection.h"
#include "features/masks.h"
#include "features/normaliser.h"

#include <QtTest>

#include <cmath>

using namespace soilscope;
using namespace soilscope::features;

class TestNormaliserMasks : public QObject {
    Q_OBJECT

    static Dataset tabular() {
        Dataset d;
        d.featureShape = {2};
        d.targetShape = {1};
        d.featureNames = {"a", "b"};
        // samples 0..3 train, sample 4 is a huge test outlier
        d.x = {1, 10, 2, 20, 3, 30, 4, 40, 1000, -1000};
        d.y = {0, 0, 0, 0, 0};
        return d;
    }

  private Q_SLOTS:
    void zScoreIsFittedOnTrainingSamplesOnly() {
        Dataset d = tabular();
        Normaliser n = Normaliser::uniform(NormaliserKind::ZScore, 2);
        n.fit(d, {0, 1, 2, 3});
        QCOMPARE(n.offsets()[0], 2.5);
        QVERIFY(std::abs(n.scales()[0] - std::sqrt(1.25)) < 1e-12); // population std (N)
        QCOMPARE(n.offsets()[1], 25.0);
        n.apply(d);
        double mean = 0, sq = 0;
        for (int i = 0; i < 4; ++i) {
            mean += d.x[std::size_t(2 * i)];
            sq += d.x[std::size_t(2 * i)] * d.x[std::size_t(2 * i)];
        }
        QVERIFY(std::abs(mean / 4) < 1e-6);
        QVERIFY(std::abs(sq / 4 - 1.0) < 1e-5);
        QVERIFY(d.x[8] > 100); // the test outlier did not influence the fit
        // fitting on all samples gives a different (leaky) result
        Normaliser leaky = Normaliser::uniform(NormaliserKind::ZScore, 2);
        leaky.fit(tabular(), {0, 1, 2, 3, 4});
        QVERIFY(leaky.offsets()[0] > 100);
    }

    void minMaxFixedAndFittedAndNone() {
        Dataset d = tabular();
        Normaliser n({NormaliserKind::FixedMinMax, NormaliserKind::MinMax}, {{0.0, 5.0}, {0, 1}});
        n.fit(d, {0, 1, 2, 3});
        n.apply(d);
        QCOMPARE(d.x[0], 0.2f);
        QCOMPARE(d.x[6], 0.8f);
        QCOMPARE(d.x[1], 0.0f);
        QCOMPARE(d.x[7], 1.0f);
        QVERIFY_THROWS_EXCEPTION(Error, Normaliser({NormaliserKind::FixedMinMax}, {{1.0, 1.0}}));
        Normaliser none = Normaliser::uniform(NormaliserKind::None, 2);
        Dataset e = tabular();
        none.fit(e, {0});
        none.apply(e);
        QCOMPARE(e.x[8], 1000.0f);
    }

    void jsonRoundTripAndRows() {
        Dataset d = tabular();
        Normaliser n({NormaliserKind::ZScore, NormaliserKind::FixedMinMax}, {{0, 1}, {-30.0, 5.0}});
        n.fit(d, {0, 1, 2});
        const Normaliser back =
            Normaliser::fromJson(nlohmann::json::parse(n.toJson().dump()), "bundle.json");
        QVERIFY(back.fitted());
        float row[2] = {2.0f, -12.5f};
        back.applyRows(row, 1);
        QVERIFY(std::abs(row[0]) < 1e-6);
        QVERIFY(std::abs(row[1] - 0.5f) < 1e-6);
        QVERIFY_THROWS_EXCEPTION(
            Error, Normaliser::fromJson(nlohmann::json{{"channels", {{{"kind", "bogus"}}}}}, "x"));
        Normaliser unfitted = Normaliser::uniform(NormaliserKind::ZScore, 2);
        QVERIFY_THROWS_EXCEPTION(Error, unfitted.apply(d));
    }

    void imagesNormalisePerChannelIgnoringNaN() {
        Dataset d;
        d.featureShape = {2, 2, 2};
        d.targetShape = {2, 2};
        d.x = {1, 2, 3, NAN, 100, 100, 300, 300};
        d.y = {0, 0, 0, 0};
        Normaliser n = Normaliser::uniform(NormaliserKind::ZScore, 2);
        n.fit(d, {0});
        QCOMPARE(n.offsets()[0], 2.0);
        QCOMPARE(n.offsets()[1], 200.0);
        QCOMPARE(n.scales()[1], 100.0);
        Dataset empty = d;
        empty.x = {NAN, NAN, NAN, NAN, 1, 1, 1, 1};
        QVERIFY_THROWS_EXCEPTION(Error, n.fit(empty, {0}));
    }

    void masks() {
        const float lc[] = {10, 50, 80, 30, NAN};
        const Mask m = landCoverMask(lc, 5, {}, worldCoverNonSoilClasses());
        QCOMPARE(m, (Mask{1, 0, 0, 1, 0}));
        QCOMPARE(landCoverMask(lc, 5, {30}, {}), (Mask{0, 0, 0, 1, 0}));
        const float sm[] = {0.1f, 0.8f, -0.1f, 0.7f, NAN};
        Mask joint = rangeMask(sm, 5, 0.0, 0.7);
        QCOMPARE(joint, (Mask{1, 0, 0, 1, 0}));
        const std::uint32_t flags[] = {1, 1 | 2, 0, 16, 1};
        QCOMPARE(qualityFlagMask(flags, 5, 1), (Mask{1, 0, 1, 0, 1}));
        const float a[] = {1, 2, NAN, 4, 5}, b[] = {1, NAN, 3, 4, 5};
        combineMasks(joint, jointValidity({a, b}, 5));
        QCOMPARE(joint, (Mask{1, 0, 0, 1, 0}));
        QCOMPARE(countValid(joint), std::size_t(2));
        Mask small{1};
        QVERIFY_THROWS_EXCEPTION(Error, combineMasks(joint, small));
    }

    void correlationMatrices() {
        const std::vector<double> x = {1, 2, 3, 4, 5, NAN};
        const std::vector<double> y = {2, 4, 6, 8, 10, 1};
        const std::vector<double> z = {1, 4, 9, 16, 25, 36}; // monotone, not linear
        const std::vector<double> w = {5, 4, 3, 2, 1, 0};
        const auto p = correlationMatrix({x, y, z, w}, CorrelationMethod::Pearson);
        QVERIFY(std::abs(p[0][1] - 1.0) < 1e-12);
        QVERIFY(p[0][2] < 0.999 && p[0][2] > 0.95);
        QVERIFY(std::abs(p[0][3] + 1.0) < 1e-12);
        const auto s = correlationMatrix({x, z, w}, CorrelationMethod::Spearman);
        QVERIFY(std::abs(s[0][1] - 1.0) < 1e-12);
        QVERIFY(std::abs(s[1][2] + 1.0) < 1e-12);
        QVERIFY(std::abs(s[2][2] - 1.0) < 1e-12);
    }

    void greedyEntropyCorrelationRanking() {
        // a: uniform spread (high entropy); b = a + tiny noise (redundant); c: independent,
        // slightly lower entropy; d: constant (zero entropy)
        std::vector<double> a, b, c, d;
        for (int i = 0; i < 400; ++i) {
            a.push_back(i % 100);
            b.push_back((i % 100) + 0.01 * ((i * 7) % 3));
            c.push_back(((i * 37) % 50) + (i % 2) * 0.5);
            d.push_back(1.0);
        }
        const auto r = rankByEntropyCorrelation({a, b, c, d}, {"a", "b", "c", "d"}, 3, 32);
        QCOMPARE(r.size(), std::size_t(3));
        QVERIFY(r[0].name == "a" || r[0].name == "b");
        QCOMPARE(r[1].name, std::string("c")); // b is nearly a copy of the first pick
        QVERIFY(r[0].score >= r[1].score);
        QVERIFY(histogramEntropy(d) == 0.0);
        QVERIFY(std::abs(histogramEntropy(a, 100) - std::log2(100.0)) < 1e-9);
    }
};

QTEST_APPLESS_MAIN(TestNormaliserMasks)
#include "test_normaliser_masks.moc"
