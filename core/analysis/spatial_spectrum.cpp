#include "analysis/spatial_spectrum.h"

#include "analysis/fftw_support.h"
#include "analysis/line_autocovariance.h"
#include "base/error.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace soilscope::analysis {

namespace {

DirectionalSpectrum spectrumFromAutocovariance(const LineAutocovariance& acv,
                                               const SpatialSpectrumOptions& options,
                                               SpectrumDirection direction, double spacing,
                                               std::size_t dates) {
    if (dates == 0)
        throw Error("no map was added to the spectrum", spectrumDirectionName(direction));
    const auto& sums = acv.sums();
    const auto& pairs = acv.pairs();
    int maxLag = acv.lags() - 1;
    if (options.maxLag > 0)
        maxLag = std::min(maxLag, options.maxLag);
    for (int lag = 0; lag <= maxLag; ++lag) {
        if (pairs[static_cast<std::size_t>(lag)] < static_cast<double>(options.minPairs)) {
            maxLag = lag - 1;
            break;
        }
    }
    if (maxLag < 2)
        throw Error("too few valid pixel pairs for a spectrum (fewer than 3 lags)",
                    spectrumDirectionName(direction));

    const int n = maxLag + 1;
    FftwBuffer<double> in(static_cast<std::size_t>(n));
    FftwBuffer<double> out(static_cast<std::size_t>(n));
    for (int lag = 0; lag < n; ++lag) {
        const auto l = static_cast<std::size_t>(lag);
        double c = sums[l] / pairs[l];
        if (options.hannLagWindow)
            c *= 0.5 * (1.0 + std::cos(std::numbers::pi * lag / static_cast<double>(maxLag)));
        in.data()[lag] = c;
    }
    fftw_plan plan;
    {
        const std::lock_guard lock(fftwPlannerMutex());
        plan = fftw_plan_r2r_1d(n, in.data(), out.data(), FFTW_REDFT00, FFTW_ESTIMATE);
    }
    fftw_execute(plan);
    {
        const std::lock_guard lock(fftwPlannerMutex());
        fftw_destroy_plan(plan);
    }

    DirectionalSpectrum s;
    s.direction = direction;
    s.spacingMetres = spacing;
    s.dates = dates;
    s.validPairs = static_cast<std::size_t>(pairs[0]);
    s.k.reserve(static_cast<std::size_t>(maxLag));
    s.power.reserve(static_cast<std::size_t>(maxLag));
    for (int m = 1; m <= maxLag; ++m) {
        const double k = m / (2.0 * maxLag * spacing);
        // DCT-I gives the two-sided density / spacing; one-sided density is twice that.
        const double derivativePower = 2.0 * spacing * out.data()[m];
        double transfer = 0.0;
        if (options.correction == DerivativeCorrection::KMinus2) {
            transfer = std::pow(2.0 * std::numbers::pi * k, 2);
        } else {
            const double sn = std::sin(std::numbers::pi * k * spacing);
            transfer = 4.0 * sn * sn / (spacing * spacing);
        }
        s.k.push_back(k);
        s.power.push_back(derivativePower / transfer);
    }
    return s;
}

} // namespace

const char* spectrumDirectionName(SpectrumDirection direction) {
    return direction == SpectrumDirection::Zonal ? "zonal" : "meridional";
}

struct SpatialSpectrumAccumulator::Impl {
    Impl(int width, int height) : zonal(width, height), meridional(height, width) {}
    LineAutocovariance zonal;
    LineAutocovariance meridional;
    std::vector<float> transposed;
};

SpatialSpectrumAccumulator::SpatialSpectrumAccumulator(int width, int height, double dxMetres,
                                                       double dyMetres,
                                                       SpatialSpectrumOptions options)
    : m_width(width), m_height(height), m_dx(dxMetres), m_dy(dyMetres), m_options(options) {
    if (width < 4 || height < 4)
        throw Error("a spectrum needs a map of at least 4 x 4 pixels, got " +
                    std::to_string(width) + " x " + std::to_string(height));
    if (!(dxMetres > 0.0) || !(dyMetres > 0.0) || !std::isfinite(dxMetres) ||
        !std::isfinite(dyMetres))
        throw Error("pixel spacing must be positive metres for a spectrum");
    m_impl = new Impl(width, height);
}

SpatialSpectrumAccumulator::~SpatialSpectrumAccumulator() {
    delete m_impl;
}

bool SpatialSpectrumAccumulator::add(const std::vector<float>& field) {
    if (field.size() != static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_height))
        throw Error("map size does not match the spectrum's grid");
    return add(field.data());
}

bool SpatialSpectrumAccumulator::add(const float* field) {
    const auto w = static_cast<std::size_t>(m_width);
    const auto h = static_cast<std::size_t>(m_height);
    // Check both directions before adding either, so a map counts in both or in none.
    std::size_t validZonal = 0;
    std::size_t validMeridional = 0;
    for (std::size_t r = 0; r < h; ++r)
        for (std::size_t c = 0; c + 1 < w; ++c)
            if (std::isfinite(field[r * w + c]) && std::isfinite(field[r * w + c + 1]))
                ++validZonal;
    for (std::size_t r = 0; r + 1 < h; ++r)
        for (std::size_t c = 0; c < w; ++c)
            if (std::isfinite(field[r * w + c]) && std::isfinite(field[(r + 1) * w + c]))
                ++validMeridional;
    const std::size_t need = std::max<std::size_t>(m_options.minPairs, 1);
    if (validZonal < need || validMeridional < need)
        return false;

    m_impl->zonal.add(field, m_dx, m_options.feedback);
    auto& t = m_impl->transposed;
    t.resize(w * h);
    constexpr std::size_t block = 64;
    for (std::size_t r0 = 0; r0 < h; r0 += block)
        for (std::size_t c0 = 0; c0 < w; c0 += block)
            for (std::size_t r = r0; r < std::min(h, r0 + block); ++r)
                for (std::size_t c = c0; c < std::min(w, c0 + block); ++c)
                    t[c * h + r] = field[r * w + c];
    m_impl->meridional.add(t.data(), m_dy, m_options.feedback);
    ++m_dates;
    return true;
}

DirectionalSpectrum SpatialSpectrumAccumulator::zonal() const {
    return spectrumFromAutocovariance(m_impl->zonal, m_options, SpectrumDirection::Zonal, m_dx,
                                      m_dates);
}

DirectionalSpectrum SpatialSpectrumAccumulator::meridional() const {
    return spectrumFromAutocovariance(m_impl->meridional, m_options, SpectrumDirection::Meridional,
                                      m_dy, m_dates);
}

} // namespace soilscope::analysis
