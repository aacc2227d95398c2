#include "analysis/line_autocovariance.h"
#include "analysis/spatial_spectrum.h"
#include "analysis/temporal_spectrum.h"
#include "base/error.h"

#include <QtTest>

#include <cmath>
#include <numbers>
#include <random>

using namespace soilscope;
using namespace soilscope::analysis;

namespace {

/// Punches a disc that moves with the date and a sparse lattice of single-pixel holes.
void punchHoles(std::vector<float>& field, int n, int date) {
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            if (std::hypot(r - n / 3.0 - 10.0 * date, c - n / 2.0) < n / 8.0 ||
                (r * 31 + c * 17) % 13 == 0)
                field[static_cast<std::size_t>(r) * n + c] =
                    std::numeric_limits<float>::quiet_NaN();
}

struct Fitted {
    PowerLawFit zonal;
    PowerLawFit meridional;
};

Fitted fitSynthetic(double slope, bool holes, DerivativeCorrection correction, double dx = 60.0) {
    const int n = 512;
    SpatialSpectrumOptions options;
    options.correction = correction;
    SpatialSpectrumAccumulator acc(n, n, dx, dx, options);
    for (int date = 0; date < 4; ++date) {
        auto field = powerLawField(n, n, slope, 7u + static_cast<unsigned>(date));
        if (holes)
            punchHoles(field, n, date);
        if (!acc.add(field))
            throw Error("map rejected");
    }
    return {fitPowerLaw(acc.zonal()), fitPowerLaw(acc.meridional())};
}

/// 120 days of hourly values: a random walk plus a 24 h sine of amplitude 0.02 and noise;
/// every 9th day missing, and a fraction of single hours missing.
series::TimeSeries hourlyDiurnal(double hourGapFraction) {
    series::TimeSeries s;
    std::mt19937 rng(3);
    std::normal_distribution<double> noise(0.0, 0.01);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const TimePoint t0 = makeTime(2019, 1, 1);
    double drift = 0.25;
    for (int h = 0; h < 24 * 120; ++h) {
        drift += noise(rng) * 0.3;
        const bool inGap = (h / 24) % 9 == 4 || u(rng) < hourGapFraction;
        if (inGap)
            continue;
        const double v = drift + 0.02 * std::sin(2.0 * std::numbers::pi * h / 24.0) + noise(rng);
        s.push(t0 + std::chrono::hours(h), v);
    }
    return s;
}

} // namespace

class TestSpectrum : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void knownSlopes_data() {
        QTest::addColumn<double>("slope");
        QTest::addColumn<bool>("holes");
        QTest::addColumn<int>("correction");
        for (double s : {-1.0, -1.5, -2.0})
            for (bool h : {false, true})
                for (int c : {0, 1})
                    QTest::addRow("slope %.1f holes %d correction %d", s, int(h), c) << s << h << c;
    }
    void knownSlopes() {
        QFETCH(double, slope);
        QFETCH(bool, holes);
        QFETCH(int, correction);
        const auto f = fitSynthetic(slope, holes, static_cast<DerivativeCorrection>(correction));
        QVERIFY2(std::abs(f.zonal.slope - slope) <= 0.1,
                 qPrintable(QString::number(f.zonal.slope)));
        QVERIFY2(std::abs(f.meridional.slope - slope) <= 0.1,
                 qPrintable(QString::number(f.meridional.slope)));
        QVERIFY(f.zonal.r2 > 0.9);
    }
    void autocovarianceMatchesBruteForce() {
        // Lines with few holes (direct counts) and many holes (mask FFT) against a direct sum.
        const int lines = 40, samples = 300;
        std::mt19937 rng(9);
        std::uniform_real_distribution<float> u(0.0f, 1.0f);
        std::vector<float> f(static_cast<std::size_t>(lines) * samples);
        for (int l = 0; l < lines; ++l)
            for (int i = 0; i < samples; ++i) {
                const float holeRate = l < 20 ? 0.01f : 0.4f;
                f[static_cast<std::size_t>(l) * samples + i] =
                    u(rng) < holeRate ? std::nanf("") : u(rng);
            }
        LineAutocovariance acv(samples, lines);
        acv.add(f.data(), 2.0);
        double mean = 0.0, n = 0.0;
        std::vector<double> d(f.size(), std::nan(""));
        for (int l = 0; l < lines; ++l)
            for (int i = 0; i + 1 < samples; ++i) {
                const std::size_t k = static_cast<std::size_t>(l) * samples + i;
                d[k] = (static_cast<double>(f[k + 1]) - f[k]) / 2.0;
                if (std::isfinite(d[k])) {
                    mean += d[k];
                    n += 1.0;
                }
            }
        mean /= n;
        for (int lag : {0, 1, 5, 77, 297}) {
            double sum = 0.0, pairs = 0.0;
            for (int l = 0; l < lines; ++l)
                for (int i = 0; i + lag < samples - 1; ++i) {
                    const double a = d[static_cast<std::size_t>(l) * samples + i];
                    const double b = d[static_cast<std::size_t>(l) * samples + i + lag];
                    if (std::isfinite(a) && std::isfinite(b)) {
                        sum += (a - mean) * (b - mean);
                        pairs += 1.0;
                    }
                }
            QCOMPARE(acv.pairs()[static_cast<std::size_t>(lag)], pairs);
            QVERIFY(std::abs(acv.sums()[static_cast<std::size_t>(lag)] - sum) <
                    1e-9 * (1.0 + std::abs(sum)));
        }
    }
    void wavenumbersInCyclesPerMetre() {
        const int n = 64;
        SpatialSpectrumAccumulator acc(n, n, 250.0, 500.0);
        QVERIFY(acc.add(powerLawField(n, n, -1.5, 1)));
        const auto z = acc.zonal();
        const auto m = acc.meridional();
        QCOMPARE(z.k.back(), 1.0 / (2.0 * 250.0)); // Nyquist
        QCOMPARE(m.k.back(), 1.0 / (2.0 * 500.0));
        QCOMPARE(z.dates, std::size_t(1));
        QCOMPARE(z.validPairs, std::size_t(n * (n - 1)));
    }
    void effectiveResolutionOfSmoothedField() {
        // A field that follows k^-1.5 but is box-averaged over 8 pixels loses its fine scales:
        // the effective resolution must be coarser than the spacing and near 8 pixels.
        const int n = 512;
        const double dx = 60.0;
        SpatialSpectrumOptions options;
        options.correction = DerivativeCorrection::FiniteDifference;
        SpatialSpectrumAccumulator sharp(n, n, dx, dx, options);
        SpatialSpectrumAccumulator smooth(n, n, dx, dx, options);
        for (unsigned d = 0; d < 3; ++d) {
            const auto f = powerLawField(n, n, -1.5, 20 + d);
            std::vector<float> g(f.size());
            for (int r = 0; r < n; ++r)
                for (int c = 0; c < n; ++c) {
                    double s = 0.0;
                    for (int i = 0; i < 8; ++i)
                        s += f[static_cast<std::size_t>(r) * n + (c + i) % n];
                    g[static_cast<std::size_t>(r) * n + c] = static_cast<float>(s / 8.0);
                }
            sharp.add(f);
            smooth.add(g);
        }
        const auto kMax = 1.0 / (4.0 * 8.0 * dx);
        const auto fitSharp = fitPowerLaw(sharp.zonal());
        const auto fitSmooth = fitPowerLaw(smooth.zonal(), 0.0, kMax);
        QVERIFY2(fitSharp.effectiveResolutionMetres <= 1.2 * dx,
                 qPrintable(QString::number(fitSharp.effectiveResolutionMetres)));
        QVERIFY2(fitSmooth.effectiveResolutionMetres > 2.0 * dx &&
                     fitSmooth.effectiveResolutionMetres < 12.0 * dx,
                 qPrintable(QString::number(fitSmooth.effectiveResolutionMetres)));
    }
    void rejectsEmptyMaps() {
        SpatialSpectrumAccumulator acc(16, 16, 1.0, 1.0);
        std::vector<float> empty(256, std::numeric_limits<float>::quiet_NaN());
        QVERIFY(!acc.add(empty));
        QVERIFY_THROWS_EXCEPTION(Error, acc.zonal());
        QVERIFY_THROWS_EXCEPTION(Error, SpatialSpectrumAccumulator(2, 16, 1.0, 1.0));
        QVERIFY_THROWS_EXCEPTION(Error, SpatialSpectrumAccumulator(16, 16, 0.0, 1.0));
    }
    void fitRangeErrors() {
        SpatialSpectrumAccumulator acc(64, 64, 1.0, 1.0);
        acc.add(powerLawField(64, 64, -2.0, 5));
        QVERIFY_THROWS_EXCEPTION(Error, fitPowerLaw(acc.zonal(), 0.3, 0.1));
        QVERIFY_THROWS_EXCEPTION(Error, fitPowerLaw(acc.zonal(), 0.2, 0.2001));
    }
    void welchShowsDiurnalPeakWithGaps() {
        const auto s = hourlyDiurnal(0.003);
        const RegularSeries r = regularize(s);
        QCOMPARE(r.stepSeconds, 3600.0);
        QVERIFY(r.missing() > 0);
        const auto w = welch(r.values, r.stepSeconds, 96);
        QVERIFY(w.segments >= 5);
        QVERIFY(std::abs(peakFrequency(w, 0.5, 3.0) - 1.0) < 0.2);
        QVERIFY2(peakProminence(w, 1.0) > 5.0, qPrintable(QString::number(peakProminence(w, 1.0))));
    }
    void lombScargleShowsDiurnalPeakWithGaps() {
        const auto s = hourlyDiurnal(0.15);
        const auto ls = lombScargle(s.times, s.values);
        QVERIFY(std::abs(ls.frequencyPerDay.back() - 12.0) < 0.05); // hourly: Nyquist 12 / day
        QVERIFY(std::abs(peakFrequency(ls, 0.5, 3.0) - 1.0) < 0.02);
        QVERIFY(peakProminence(ls, 1.0) > 20.0);
        const auto automatic = seriesSpectrum(s, TemporalSpectrumMethod::Welch, true);
        QCOMPARE(automatic.method, TemporalSpectrumMethod::LombScargle);
    }
    void periodogramOfWhiteNoiseHasItsVariance() {
        // One-sided density of white noise: 2 * variance * step; Welch and Lomb-Scargle agree.
        std::mt19937 rng(11);
        std::normal_distribution<double> noise(0.0, 2.0);
        series::TimeSeries s;
        const TimePoint t0 = makeTime(2020, 1, 1);
        for (int h = 0; h < 4096; ++h)
            s.push(t0 + std::chrono::hours(h), noise(rng));
        const double expected = 2.0 * 4.0 / 24.0;
        const auto w = seriesSpectrum(s, TemporalSpectrumMethod::Welch, true, 128);
        QCOMPARE(w.method, TemporalSpectrumMethod::Welch);
        const auto ls = lombScargle(s.times, s.values);
        double mw = 0.0, ml = 0.0;
        for (double p : w.power)
            mw += p;
        for (double p : ls.power)
            ml += p;
        mw /= static_cast<double>(w.power.size());
        ml /= static_cast<double>(ls.power.size());
        QVERIFY2(std::abs(mw / expected - 1.0) < 0.1, qPrintable(QString::number(mw / expected)));
        QVERIFY2(std::abs(ml / expected - 1.0) < 0.1, qPrintable(QString::number(ml / expected)));
        const auto p = periodogram(std::vector<double>(s.values), 3600.0);
        QCOMPARE(p.frequencyPerDay.size(), std::size_t(2048));
    }
    void temporalErrors() {
        std::vector<double> shortSeries(5, 1.0);
        QVERIFY_THROWS_EXCEPTION(Error, periodogram(shortSeries, 3600.0));
        std::vector<double> gappy(64, 1.0);
        gappy[10] = std::numeric_limits<double>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(Error, periodogram(gappy, 3600.0));
        QVERIFY_THROWS_EXCEPTION(Error, welch(gappy, 3600.0, 60));
    }
};

QTEST_APPLESS_MAIN(TestSpectrum)
#include "test_spectrum.moc"
