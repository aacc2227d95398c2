// The one LSTM cell: the step follows the equations, the fast math stays within 1e-6 of the
// exact math, and the backward step matches central differences of the forward step.
#include "kernels/lstm_cell.h"

#include <QtTest>

#include <cmath>

using namespace soilscope::kernels;

namespace {
double sig(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}
} // namespace

class TestLstmCell : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void stepFollowsTheEquations() {
        const auto s = lstmStep<ExactMath>(0.3f, -0.7f, 1.1f, 0.2f, 0.4f);
        const double i = sig(0.3), f = sig(-0.7), g = std::tanh(1.1), o = sig(0.2);
        const double c = f * 0.4 + i * g;
        QVERIFY(std::abs(s.cell - c) < 1e-6);
        QVERIFY(std::abs(s.out - o * std::tanh(c)) < 1e-6);
        QVERIFY(std::abs(s.gates.f - f) < 1e-7);
    }

    void fastMathIsCloseToExactMath() {
        double worstSigmoid = 0, worstTanh = 0;
        for (float x = -30.0f; x <= 30.0f; x += 0.01f) {
            worstSigmoid = std::max(worstSigmoid,
                                    double(std::abs(FastMath::sigmoid(x) - ExactMath::sigmoid(x))));
            worstTanh =
                std::max(worstTanh, double(std::abs(FastMath::tanh(x) - ExactMath::tanh(x))));
        }
        QVERIFY2(worstSigmoid < 1e-6, qPrintable(QString::number(worstSigmoid)));
        QVERIFY2(worstTanh < 1e-6, qPrintable(QString::number(worstTanh)));
        QCOMPARE(FastMath::sigmoid(-1000.0f), ExactMath::sigmoid(-87.0f)); // clamped, no overflow
    }

    void backwardMatchesCentralDifferences() {
        // L = wh·h + wc·c: dL/dh = wh, dL/dc (carried) = wc
        const float a[4] = {0.3f, -0.7f, 1.1f, 0.2f}, cPrev = 0.4f, wh = 0.9f, wc = -0.6f;
        const auto s = lstmStep<ExactMath>(a[0], a[1], a[2], a[3], cPrev);
        const auto d = lstmStepBackward(s.gates, s.cellTanh, cPrev, wh, wc);
        const float analytic[4] = {d.i, d.f, d.g, d.o};
        const double h = 1e-3;
        for (int k = 0; k < 4; ++k) {
            double up[4] = {a[0], a[1], a[2], a[3]}, down[4] = {a[0], a[1], a[2], a[3]};
            up[k] += h;
            down[k] -= h;
            const auto su =
                lstmStep<ExactMath>(float(up[0]), float(up[1]), float(up[2]), float(up[3]), cPrev);
            const auto sd = lstmStep<ExactMath>(float(down[0]), float(down[1]), float(down[2]),
                                                float(down[3]), cPrev);
            const double numeric = (wh * (su.out - sd.out) + wc * (su.cell - sd.cell)) / (2 * h);
            QVERIFY2(std::abs(numeric - analytic[k]) < 2e-3,
                     qPrintable(
                         QStringLiteral("gate %1: %2 vs %3").arg(k).arg(numeric).arg(analytic[k])));
        }
        // the carry: dL/dc_prev = dc·f
        const auto su = lstmStep<ExactMath>(a[0], a[1], a[2], a[3], cPrev + float(h));
        const auto sd = lstmStep<ExactMath>(a[0], a[1], a[2], a[3], cPrev - float(h));
        const double carry = (wh * (su.out - sd.out) + wc * (su.cell - sd.cell)) / (2 * h);
        QVERIFY(std::abs(carry - d.cellCarry) < 2e-3);
    }
};

QTEST_APPLESS_MAIN(TestLstmCell)
#include "test_lstm_cell.moc"
