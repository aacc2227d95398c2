#include "demo/rough_surface_backscatter.h"

#include "demo/static_fields.h"
#include "demo/twin_random.h"

#include <algorithm>
#include <cmath>

namespace soilscope::demo {

namespace {

constexpr double kWavelength_cm = 5.55; // C band, 5.405 GHz
constexpr double kWavenumber = 2.0 * M_PI / kWavelength_cm;

double radians(double deg) {
    return deg * M_PI / 180.0;
}

/// Day of year of a pixel's tillage event in a year: around the mean, ± a few weeks.
double tillageDay(std::uint64_t seed, std::uint64_t stream, std::size_t pixel, int year,
                  double mean, double spread) {
    return mean +
           spread * (2.0 * uniformAt(seed, stream, pixel, static_cast<std::uint64_t>(year)) - 1.0);
}

} // namespace

double toppPermittivity(double theta) {
    const double t = std::clamp(theta, 0.0, 0.6);
    return 3.03 + 9.3 * t + 146.0 * t * t - 76.7 * t * t * t;
}

double duboisVvDb(double permittivity, double rmsHeight_cm, double incidenceDeg) {
    const double th = radians(incidenceDeg);
    const double ks = std::clamp(kWavenumber * rmsHeight_cm, 0.3, 2.5);
    return -23.5 + 30.0 * std::log10(std::cos(th) / std::sin(th)) +
           0.46 * permittivity * std::tan(th) + 11.0 * std::log10(ks * std::sin(th)) +
           7.0 * std::log10(kWavelength_cm);
}

double ohVhDb(double theta, double rmsHeight_cm, double incidenceDeg) {
    const double th = radians(incidenceDeg);
    const double ks = std::clamp(kWavenumber * rmsHeight_cm, 0.1, 6.0);
    const double sigma = 0.11 * std::pow(std::clamp(theta, 0.01, 0.6), 0.7) *
                         std::pow(std::cos(th), 2.2) * (1.0 - std::exp(-0.32 * std::pow(ks, 1.8)));
    return 10.0 * std::log10(sigma);
}

double SurfaceRoughness::settledRmsHeight(std::uint64_t seed, double lon, double lat) {
    static const double noiseStd = fractalNoiseStd(4, 0.5);
    const double x = lon * std::cos(radians(lat));
    return kSettledMean_cm *
           std::exp(kSettledLogStd / noiseStd * fractalNoise(seed, 3601, x, lat, 0.08, 4, 0.5));
}

double SurfaceRoughness::rmsHeight(std::uint64_t seed, std::size_t pixel, double settled,
                                   int landCover, int year, double dayOfYear) {
    if (landCover != landcover::Cropland)
        return settled;
    // the most recent of this year's and last year's ploughing (autumn) and seedbed (spring)
    double best = settled, bestAge = 1e9;
    for (int y = year - 1; y <= year; ++y) {
        const double offset = (y - year) * 365.25;
        const double events[2][2] = {
            {tillageDay(seed, 3602, pixel, y, 285.0, 25.0) + offset, kPloughed_cm},
            {tillageDay(seed, 3603, pixel, y, 75.0, 20.0) + offset, kSeedbed_cm}};
        for (const auto& e : events) {
            const double age = dayOfYear - e[0];
            if (age >= 0.0 && age < bestAge) {
                bestAge = age;
                best = e[1];
            }
        }
    }
    if (bestAge >= 1e9)
        return settled;
    return settled + (std::max(best, settled) - settled) * std::exp(-bestAge / kSettling_days);
}

double sentinel1Looks(double pixelSide_m) {
    return 4.4 * pixelSide_m * pixelSide_m / (20.0 * 22.0);
}

double speckleFactor(TwinRng& rng, double looks) {
    // Marsaglia & Tsang (2000) for shape L >= 1, scaled to mean 1
    const double d = looks - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x, v;
        do {
            x = rng.normal();
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = rng.uniform();
        if (u < 1.0 - 0.0331 * x * x * x * x ||
            std::log(std::max(u, 1e-300)) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
            return d * v / looks;
    }
}

} // namespace soilscope::demo
