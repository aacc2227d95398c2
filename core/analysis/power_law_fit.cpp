// fitPowerLaw and powerLawField of spatial_spectrum.h.
#include "analysis/fftw_support.h"
#include "analysis/spatial_spectrum.h"
#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace soilscope::analysis {

PowerLawFit fitPowerLaw(const DirectionalSpectrum& spectrum, double kMin, double kMax,
                        double departureFactor) {
    const char* name = spectrumDirectionName(spectrum.direction);
    if (spectrum.k.size() < 3)
        throw Error("the spectrum has fewer than 3 wavenumbers", name);
    const double kStep = spectrum.k.front();
    const double kNyquist = spectrum.k.back();
    if (kMax <= 0.0)
        kMax = 0.5 * kNyquist;
    if (kMin <= 0.0)
        kMin = 8.0 * kStep < 0.5 * kMax ? 8.0 * kStep : kStep; // small maps: all
    if (kMax <= kMin)
        throw Error("k-max (" + std::to_string(kMax) + ") must exceed k-min (" +
                        std::to_string(kMin) + ") cycles per metre",
                    name);

    double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
    std::size_t n = 0;
    double usedMin = 0.0;
    double usedMax = 0.0;
    for (std::size_t i = 0; i < spectrum.k.size(); ++i) {
        const double k = spectrum.k[i];
        const double p = spectrum.power[i];
        if (k < kMin || k > kMax || !(p > 0.0) || !std::isfinite(p))
            continue;
        const double x = std::log10(k);
        const double y = std::log10(p);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        syy += y * y;
        if (n == 0)
            usedMin = k;
        usedMax = k;
        ++n;
    }
    if (n < 3)
        throw Error("fewer than 3 spectrum points between k-min " + std::to_string(kMin) +
                        " and k-max " + std::to_string(kMax) + " cycles per metre",
                    name);
    const double dn = static_cast<double>(n);
    const double vxx = sxx - sx * sx / dn;
    const double vxy = sxy - sx * sy / dn;
    const double vyy = syy - sy * sy / dn;
    PowerLawFit fit;
    fit.slope = vxy / vxx;
    fit.intercept = (sy - fit.slope * sx) / dn;
    fit.kMin = usedMin;
    fit.kMax = usedMax;
    fit.points = n;
    fit.r2 = vyy > 0.0 ? vxy * vxy / (vxx * vyy) : 1.0;

    // Effective resolution: walk log-spaced bins (10 per decade) upwards from the geometric
    // centre of the fit range (the few lowest wavenumbers are too noisy to judge).
    const double tolerance = std::log10(std::max(departureFactor, 1.0 + 1e-9));
    const double binWidth = 0.1;
    const double kStart = std::sqrt(usedMin * usedMax);
    const double start = std::log10(kStart);
    double kEffective = kStart;
    bool departed = false;
    std::size_t i = 0;
    while (i < spectrum.k.size() && spectrum.k[i] < kStart)
        ++i;
    for (int bin = 0; i < spectrum.k.size() && !departed; ++bin) {
        const double upper = start + (bin + 1) * binWidth;
        double sumX = 0.0, sumY = 0.0;
        int count = 0;
        while (i < spectrum.k.size() && std::log10(spectrum.k[i]) < upper) {
            if (spectrum.power[i] > 0.0) {
                sumX += std::log10(spectrum.k[i]);
                sumY += std::log10(spectrum.power[i]);
                ++count;
            }
            ++i;
        }
        if (count == 0)
            continue;
        const double centre = sumX / count;
        const double deviation = sumY / count - (fit.intercept + fit.slope * centre);
        if (std::abs(deviation) > tolerance)
            departed = true;
        else
            kEffective = std::pow(10.0, centre);
    }
    fit.kEffective = departed ? kEffective : kNyquist;
    fit.effectiveResolutionMetres = 1.0 / (2.0 * fit.kEffective);
    return fit;
}

std::vector<float> powerLawField(int width, int height, double slope1d, unsigned seed) {
    if (width < 2 || height < 2)
        throw Error("a synthetic field needs at least 2 x 2 pixels");
    const auto w = static_cast<std::size_t>(width);
    const auto h = static_cast<std::size_t>(height);
    const std::size_t half = w / 2 + 1;
    FftwBuffer<double> real(w * h);
    FftwBuffer<fftw_complex> spectrum(h * half);
    fftw_plan forward;
    fftw_plan inverse;
    {
        const std::lock_guard lock(fftwPlannerMutex());
        forward = fftw_plan_dft_r2c_2d(height, width, real.data(), spectrum.data(), FFTW_ESTIMATE);
        inverse = fftw_plan_dft_c2r_2d(height, width, spectrum.data(), real.data(), FFTW_ESTIMATE);
    }
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (std::size_t i = 0; i < w * h; ++i)
        real.data()[i] = normal(rng);
    fftw_execute(forward);
    // Separable amplitude |kx|^(s/2) |ky|^(s/2): the row-averaged (zonal) spectrum is
    // |kx|^s times a constant, exactly, and likewise the meridional one. (An isotropic
    // |k|^(s-1) filter bends the 1-D spectra near Nyquist because the grid truncates ky.)
    const double exponent = 0.5 * slope1d;
    for (std::size_t r = 0; r < h; ++r) {
        const double ky = static_cast<double>(r <= h / 2 ? r : h - r) / static_cast<double>(h);
        const double gy = ky > 0.0 ? std::pow(ky, exponent) : 0.0;
        for (std::size_t c = 0; c < half; ++c) {
            const double kx = static_cast<double>(c) / static_cast<double>(w);
            const double gain = kx > 0.0 ? std::pow(kx, exponent) * gy : 0.0;
            spectrum.data()[r * half + c][0] *= gain;
            spectrum.data()[r * half + c][1] *= gain;
        }
    }
    fftw_execute(inverse);
    {
        const std::lock_guard lock(fftwPlannerMutex());
        fftw_destroy_plan(forward);
        fftw_destroy_plan(inverse);
    }
    double sum = 0.0, sumSq = 0.0;
    for (std::size_t i = 0; i < w * h; ++i) {
        sum += real.data()[i];
        sumSq += real.data()[i] * real.data()[i];
    }
    const double n = static_cast<double>(w * h);
    const double mean = sum / n;
    const double sd = std::sqrt(std::max(sumSq / n - mean * mean, 1e-300));
    std::vector<float> field(w * h);
    for (std::size_t i = 0; i < w * h; ++i)
        field[i] = static_cast<float>((real.data()[i] - mean) / sd);
    return field;
}

} // namespace soilscope::analysis
