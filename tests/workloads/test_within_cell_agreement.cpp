// WithinCellAgreement: the correlation of deviations from each field's own cell means ignores
// differences between cells and finds the shared, the reversed or no sub-cell pattern.
#include "analysis/within_cell_agreement.h"

#include <QtTest>

#include <cmath>

using soilscope::analysis::WithinCellAgreement;

namespace {

/// Two cells of 50 pixels, a pixel outside both and a missing value.
struct Fields {
    std::vector<std::int64_t> cellOf;
    std::vector<float> pattern, offsetsA, offsetsB;
};

Fields fields() {
    Fields f;
    for (int j = 0; j < 101; ++j) {
        f.cellOf.push_back(j == 100 ? -1 : j / 50);
        f.pattern.push_back(float(std::sin(0.37 * j)));
        f.offsetsA.push_back(j < 50 ? 0.1f : 0.4f);
        f.offsetsB.push_back(j < 50 ? 0.9f : -0.3f);
    }
    return f;
}

} // namespace

class TestWithinCellAgreement : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void sharedPatternDespiteDifferentCellLevels() {
        const Fields f = fields();
        std::vector<float> a(101), b(101);
        for (int j = 0; j < 101; ++j) {
            a[j] = f.offsetsA[j] + f.pattern[j];
            b[j] = f.offsetsB[j] + 0.5f * f.pattern[j];
        }
        b[7] = NAN;
        a[100] = 1e6f; // outside every cell: must not count
        WithinCellAgreement agreement(2);
        QVERIFY(std::abs(agreement.add(a, b, f.cellOf) - 1.0) < 1e-9);
        QCOMPARE(agreement.count(), std::size_t(99));
        QVERIFY(std::abs(agreement.sdA() / agreement.sdB() - 2.0) < 1e-6);
    }

    void reversedAndAbsentPatterns() {
        const Fields f = fields();
        std::vector<float> a(101), reversed(101), flat(101);
        for (int j = 0; j < 101; ++j) {
            a[j] = f.offsetsA[j] + f.pattern[j];
            reversed[j] = f.offsetsB[j] - f.pattern[j];
            flat[j] = f.offsetsB[j];
        }
        WithinCellAgreement agreement(2);
        QVERIFY(std::abs(agreement.add(a, reversed, f.cellOf) + 1.0) < 1e-9);
        QVERIFY(std::isnan(agreement.add(a, flat, f.cellOf)));
        // Pooled over both dates: the reversed pattern alone carries covariance.
        QVERIFY(agreement.r() < -0.7);
    }
};

QTEST_APPLESS_MAIN(TestWithinCellAgreement)
#include "test_within_cell_agreement.moc"
