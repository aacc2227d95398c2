// The one Water Cloud Model: forward and inversion undo each other, the guard convention (NaN
// where σobs ≤ σveg, NaN canopy at grazing incidence) and the learnable layer's soft guard.
#include "kernels/water_cloud.h"

#include <QtTest>

#include <cmath>

using namespace soilscope::kernels;

class TestWaterCloud : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void canopyFollowsTheModel() {
        const auto c = waterCloudCanopy(40.0, 1.0, 2.0, 0.05, 0.084);
        const double cosT = std::cos(40.0 * M_PI / 180.0), g2 = std::exp(-2 * 0.084 * 2.0 / cosT);
        QCOMPARE(c.gamma2, g2);
        QCOMPARE(c.sigmaVeg, 0.05 * cosT * (1 - g2));
        QVERIFY(c.gamma2 > 0 && c.gamma2 < 1);
        const auto bare = waterCloudCanopy(40.0, 1.0, 0.0, 0.05, 0.084);
        QCOMPARE(bare.gamma2, 1.0);
        QCOMPARE(bare.sigmaVeg, 0.0);
    }

    void inversionUndoesTheForwardModel() {
        for (const double theta : {20.0, 35.0, 47.5})
            for (const double vwc : {0.0, 0.8, 3.5}) {
                const auto c = waterCloudCanopy(theta, 1.0, vwc, 0.12, 0.084);
                for (const double soil : {0.005, 0.03, 0.2}) {
                    const double obs = waterCloudObserved(soil, c);
                    QVERIFY(obs > c.sigmaVeg);
                    QVERIFY(std::abs(waterCloudSoil(obs, c) - soil) <
                            1e-12 * (1 + soil / c.gamma2));
                }
            }
    }

    void theGuardIsNaN() {
        const auto c = waterCloudCanopy(35.0, 1.0, 2.0, 0.3, 0.084);
        QVERIFY(std::isnan(waterCloudSoil(c.sigmaVeg, c)));
        QVERIFY(std::isnan(waterCloudSoil(0.5 * c.sigmaVeg, c)));
        QVERIFY(std::isnan(waterCloudSoil(std::nan(""), c)));
        QVERIFY(waterCloudSoil(1.01 * c.sigmaVeg, c) > 0);
        for (const double theta : {95.0, 120.0}) {
            const auto grazing = waterCloudCanopy(theta, 1.0, 2.0, 0.3, 0.084);
            QVERIFY(std::isnan(grazing.sigmaVeg) && std::isnan(grazing.gamma2));
        }
        QVERIFY(std::isnan(waterCloudCanopy(35.0, 1.0, std::nan(""), 0.3, 0.084).gamma2));
    }

    void softGuardIsTheDifferenceAwayFromTheGuardAndPositiveInside() {
        const double obs = 0.1;
        // 16 ε: softplus(u) = u + log1p(e^−u), within 1e-8 of the difference
        QVERIFY(std::abs(softGuardedDifference(0.08, obs, 0.05, 1e-6) - 0.08) < 1e-8);
        QCOMPARE(softGuardedDifference(0.3, obs, 0.05, 1e-6), 0.3); // u > 20: linear
        const double atZero = softGuardedDifference(0.0, obs, 0.05, 1e-6);
        QVERIFY(std::abs(atZero - 0.005 * std::log(2.0)) < 1e-15);
        const double inside = softGuardedDifference(-0.02, obs, 0.05, 1e-6);
        QVERIFY(inside > 0 && inside < atZero);
        // ε never below the floor (σobs = 0)
        QVERIFY(softGuardedDifference(0.0, 0.0, 0.05, 1e-6) > 0);
    }
};

QTEST_APPLESS_MAIN(TestWaterCloud)
#include "test_water_cloud.moc"
