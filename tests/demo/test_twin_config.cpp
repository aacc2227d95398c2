// Tests of the twin presets' grids (no generation): the small preset's 60 m grid covers a
// block of whole 0.25° cells, the SYNFINE core area lies inside it, tiny keeps one small grid.
#include "base/error.h"
#include "demo/twin_config.h"

#include <QTest>

#include <cmath>
#include <map>
#include <vector>

using namespace soilscope;

namespace {

/// Share of each 0.25° cell's area covered by fine pixel centres (cell index -> share).
std::map<int, double> coverage(const demo::TwinConfig& c) {
    const geo::Grid fine = c.fineGrid(), coarse = c.coarseGrid();
    std::vector<double> x, y;
    for (int r = 0; r < fine.height(); ++r)
        for (int col = 0; col < fine.width(); ++col) {
            const auto m = fine.pixelCenter(col, r);
            x.push_back(m.x);
            y.push_back(m.y);
        }
    fine.mapToLonLat(x, y);
    std::map<int, double> count;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const auto px = coarse.mapToPixel(x[i], y[i]);
        const int col = int(std::floor(px.col)), row = int(std::floor(px.row));
        if (col >= 0 && row >= 0 && col < coarse.width() && row < coarse.height())
            count[row * coarse.width() + col] += 1;
    }
    for (auto& [cell, n] : count) {
        const auto g = coarse.groundSpacing(cell / coarse.width());
        n /= g.dxMetres * g.dyMetres / (c.fineRes * c.fineRes);
    }
    return count;
}

} // namespace

class TestTwinConfig : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void smallFineGridCoversWholeCells() {
        auto c = demo::TwinConfig::fromPreset("small", 42);
        QCOMPARE(c.fineBlockCells, 0); // the default small twin stays small
        c.setFineBlockCells(3);
        const auto share = coverage(c);
        int full = 0;
        for (const auto& [cell, s] : share) {
            const int col = cell % c.coarseNx, row = cell / c.coarseNx;
            const bool inBlock =
                std::abs(col - c.fineCellCol) <= 1 && std::abs(row - c.fineCellRow) <= 1;
            if (inBlock) {
                QVERIFY2(s > 0.99 && s < 1.01, qPrintable(QString("cell %1: %2").arg(cell).arg(s)));
                ++full;
            } else {
                QVERIFY2(s < 0.7,
                         qPrintable(QString("neighbour cell %1 covered %2").arg(cell).arg(s)));
            }
        }
        QCOMPARE(full, 9);
    }

    void fineBlockMustBeOddAndInside() {
        auto c = demo::TwinConfig::fromPreset("small", 42);
        QVERIFY_THROWS_EXCEPTION(UsageError, c.setFineBlockCells(2));
        QVERIFY_THROWS_EXCEPTION(UsageError, c.setFineBlockCells(-1));
        QVERIFY_THROWS_EXCEPTION(UsageError, c.setFineBlockCells(11)); // leaves the 12 × 10 grid
        c.setFineBlockCells(0);
        QVERIFY(c.fineGrid().sameAs(c.fineCoreGrid(), 1e-9));
    }

    void coreAreaLiesInsideTheFineGrid() {
        auto c = demo::TwinConfig::fromPreset("small", 42);
        c.setFineBlockCells(3);
        const geo::Grid fine = c.fineGrid(), core = c.fineCoreGrid();
        QCOMPARE(core.width(), c.fineNx);
        QCOMPARE(core.height(), c.fineNy);
        QCOMPARE(fine.resolutionX(), 60.0);
        const auto fb = fine.bounds(), cb = core.bounds();
        QVERIFY(cb.xmin >= fb.xmin && cb.xmax <= fb.xmax && cb.ymin >= fb.ymin &&
                cb.ymax <= fb.ymax);
        // whole 60 m steps, so every grid of the twin shares one pixel lattice
        QCOMPARE(std::fmod(fb.xmin, 60.0), 0.0);
        QCOMPARE(std::fmod(fb.ymax, 60.0), 0.0);
    }

    void tinyKeepsItsSmallFineGrid() {
        const auto c = demo::TwinConfig::fromPreset("tiny", 42);
        QCOMPARE(c.fineBlockCells, 0);
        QCOMPARE(c.fineGrid().width(), 64);
        QCOMPARE(c.fineGrid().height(), 64);
        QVERIFY(c.fineGrid().sameAs(c.fineCoreGrid(), 1e-9));
    }
};

QTEST_APPLESS_MAIN(TestTwinConfig)
#include "test_twin_config.moc"
