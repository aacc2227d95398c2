#include "base/error.h"
#include "features/dataset_builder.h"

#include <QtTest>

#include <cmath>
#include <set>

using namespace soilscope;
using namespace soilscope::features;

class TestDatasetBuilders : public QObject {
    Q_OBJECT

    // a 4 x 3 window at (2, 1) of a 10-wide grid, two predictors, two dates
    static std::vector<GridFrame> frames() {
        std::vector<GridFrame> out;
        for (int t = 0; t < 2; ++t) {
            GridFrame f;
            f.date = makeTime(2019 + t, 6, 1);
            f.planes.assign(2, std::vector<float>(12));
            f.target.resize(12);
            for (int i = 0; i < 12; ++i) {
                f.planes[0][std::size_t(i)] = float(i + 100 * t);
                f.planes[1][std::size_t(i)] = float(-i);
                f.target[std::size_t(i)] = 0.01f * float(i);
            }
            f.planes[1][5] = NAN; // invalid predictor
            f.target[7] = NAN;    // missing target
            f.mask = Mask(12, 1);
            f.mask[0] = 0; // masked (e.g. water)
            f.landCover.assign(12, 40.0f);
            out.push_back(f);
        }
        return out;
    }

  private Q_SLOTS:
    void tabularShapesAndLabels() {
        const FramePlacement pl{{2, 1, 4, 3}, 10};
        const Dataset d = buildTabular(frames(), {"p0", "p1"}, pl);
        QCOMPARE(d.sampleCount(), std::size_t(2 * 9));
        QCOMPARE(d.featureShape, (std::vector<std::int64_t>{2}));
        QCOMPARE(d.targetShape, (std::vector<std::int64_t>{1}));
        d.checkConsistent("test");
        // first sample is pixel 1 of the window: row 1, col 3 of the grid
        QCOMPARE(d.groups.cell[0], std::int64_t(1 * 10 + 3));
        QCOMPARE(d.x[0], 1.0f);
        QCOMPARE(d.groups.year.front(), 2019);
        QCOMPARE(d.groups.year.back(), 2020);
        QCOMPARE(d.groups.landCover[0], 40);
        for (const float v : d.x)
            QVERIFY(std::isfinite(v));
        const std::set<std::int64_t> cells(d.groups.cell.begin(), d.groups.cell.end());
        QCOMPARE(cells.size(), std::size_t(9));
        QVERIFY(!cells.count(1 * 10 + 2)); // masked pixel 0
    }

    void imagesAndPatches() {
        const FramePlacement pl{{0, 0, 4, 3}, 4};
        const Dataset whole = buildImages(frames(), {"p0", "p1"}, pl, 0);
        QCOMPARE(whole.sampleCount(), std::size_t(2));
        QCOMPARE(whole.featureShape, (std::vector<std::int64_t>{2, 3, 4}));
        QCOMPARE(whole.targetShape, (std::vector<std::int64_t>{3, 4}));
        QCOMPARE(whole.targetMask[0], std::uint8_t(0)); // masked
        QCOMPARE(whole.targetMask[5], std::uint8_t(0)); // predictor NaN
        QCOMPARE(whole.targetMask[7], std::uint8_t(0)); // target NaN
        QCOMPARE(whole.targetMask[6], std::uint8_t(1));
        QCOMPARE(whole.x[12 + 6], -6.0f); // channel 1, pixel 6
        const Dataset patches = buildImages(frames(), {"p0", "p1"}, pl, 2);
        QCOMPARE(patches.featureShape, (std::vector<std::int64_t>{2, 2, 2}));
        QCOMPARE(patches.sampleCount(), std::size_t(2 * 4)); // 2 x 2 tiles per date
        QCOMPARE(patches.groups.cell[1], std::int64_t(2));   // second tile starts at column 2
        // bottom tiles reach outside: padded, masked
        QCOMPARE(patches.targetMask[2 * 4 + 2], std::uint8_t(0));
        QVERIFY(std::isnan(patches.x[2 * 8 + 2]));
        patches.checkConsistent("patches");
    }

    void sequencesWholeAndWindows() {
        std::vector<LocationSeries> locs(2);
        for (int s = 0; s < 2; ++s) {
            auto& l = locs[std::size_t(s)];
            l.station = "st" + std::to_string(s);
            l.network = "NET";
            l.cell = s;
            const int T = s == 0 ? 6 : 4;
            for (int t = 0; t < T; ++t) {
                l.dates.push_back(makeTime(2020, 1, unsigned(t + 1)));
                l.features.push_back({float(t), float(10 * s)});
                l.target.push_back(t == 2 ? NAN : 0.1f * float(t));
            }
        }
        const Dataset whole = buildSequences(locs, {"a", "b"}, 0);
        QCOMPARE(whole.sampleCount(), std::size_t(2));
        QCOMPARE(whole.featureShape, (std::vector<std::int64_t>{6, 2}));
        QCOMPARE(whole.targetShape, (std::vector<std::int64_t>{6}));
        QCOMPARE(whole.targetMask[2], std::uint8_t(0)); // missing target is masked, not zero-filled
        QCOMPARE(whole.targetMask[6 + 4], std::uint8_t(0)); // padding of the shorter series
        QCOMPARE(whole.groups.station[1], std::string("st1"));
        const Dataset win = buildSequences(locs, {"a", "b"}, 3, 1);
        // windows end at t = 3,4,5 (st0) and t = 3 (st1); t = 2 has no target
        QCOMPARE(win.sampleCount(), std::size_t(4));
        QCOMPARE(win.featureShape, (std::vector<std::int64_t>{3, 2}));
        QCOMPARE(win.targetShape, (std::vector<std::int64_t>{1}));
        QCOMPARE(win.x[0], 1.0f); // first window covers t = 1..3
        QCOMPARE(win.y[0], 0.3f);
        QCOMPARE(win.groups.date[0], makeTime(2020, 1, 4));
        win.checkConsistent("windows");
        const Dataset tab = buildLocationTabular(locs, {"a", "b"});
        QCOMPARE(tab.sampleCount(), std::size_t(5 + 3));
        QCOMPARE(tab.groups.network[0], std::string("NET"));
        Dataset filled = whole;
        filled.x[3] = NAN;
        fillMissing(filled, 0.0f);
        QCOMPARE(filled.x[3], 0.0f);
    }

    void appendAndSubset() {
        const FramePlacement pl{{2, 1, 4, 3}, 10};
        Dataset all;
        for (const auto& f : frames())
            appendDataset(all, buildTabular({f}, {"p0", "p1"}, pl));
        QCOMPARE(all.sampleCount(), std::size_t(18));
        const Dataset s = all.subset({17, 0});
        QCOMPARE(s.groups.year[0], 2020);
        QCOMPARE(s.groups.year[1], 2019);
        Dataset img = buildImages(frames(), {"p0", "p1"}, pl, 0);
        QVERIFY_THROWS_EXCEPTION(Error, appendDataset(all, img));
    }
};

QTEST_APPLESS_MAIN(TestDatasetBuilders)
#include "test_dataset_builders.moc"
