#include "demo/fine_pixels.h"

#include "demo/spectral_model.h"
#include "demo/static_fields.h"
#include "demo/vegetation.h"

#include <algorithm>
#include <cmath>

namespace soilscope::demo {

namespace {

constexpr double kS2WhiteNoiseSimple = 0.004;
constexpr double kS2WhiteNoiseRealistic = 0.002;
constexpr double kS2AerosolErrorStd = 0.05;
constexpr double kS2SceneGainStd = 0.02;

int yearOf(TimePoint t) {
    return static_cast<int>(
        std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t)}.year());
}

/// Cheap approximately normal noise (Irwin–Hall of four 16-bit uniforms from one draw), for
/// the large fine arrays.
double quickNormal(TwinRng& rng) {
    const std::uint64_t x = rng.next();
    const double sum =
        static_cast<double>((x & 0xFFFF) + ((x >> 16) & 0xFFFF) + ((x >> 32) & 0xFFFF) + (x >> 48));
    return (sum / 65536.0 - 2.0) * 1.7320508075688772;
}

/// Sub-kilometre relief (m): value noise from ~1 km down to ~120 m wavelengths, mean about
/// zero over a few kilometres.
double fineRelief(std::uint64_t seed, double lon, double lat) {
    const double x = lon * std::cos(lat * M_PI / 180.0);
    return 20.0 * fractalNoise(seed, 4301, x, lat, 0.01, 4, 0.5);
}

} // namespace

SoilSite fineSite(const TwinContext& ctx, double lon, double lat) {
    SoilSite s = ctx.landscape->at(lon, lat);
    // on the same 15 m scale as the landscape's local relief
    const double relief = fineRelief(ctx.config.seed, lon, lat);
    s.elevation_m += relief;
    s.wetness = std::clamp(s.wetness - relief / 15.0, -1.5, 1.5);
    return s;
}

TimePoint solarTimeUtc(const TwinContext& ctx, int day, double localHour, double lon) {
    const double utc = localHour - lon / 15.0;
    const auto minutes = static_cast<long long>(std::lround(utc * 60.0));
    return ctx.config.start + std::chrono::hours(24 * day) + std::chrono::minutes(minutes);
}

std::vector<TimePoint> s2Times(const TwinContext& ctx) {
    const double lon =
        ctx.config.coarseGrid().pixelToLonLat(ctx.config.fineCellCol, ctx.config.fineCellRow).lon;
    std::vector<TimePoint> times;
    for (int d = 2; d < ctx.config.days(); d += ctx.config.s2IntervalDays)
        times.push_back(solarTimeUtc(ctx, d, 10.5, lon));
    return times;
}

S2Scene s2Scene(const TwinContext& ctx, TimePoint t) {
    S2Scene scene;
    scene.saturation = ctx.cellSaturation(ctx.nearestHour(t));
    scene.dayOfYear = ctx.weather->dayOfYear(ctx.weatherHour(t));
    scene.yearFactor = vegetation::yearFactor(ctx.config.seed, yearOf(t));
    return scene;
}

S2Pixel s2Pixel(const S2Scene& scene, const SoilSite& s, const TwinContext::PointWeights& weights) {
    S2Pixel p;
    p.theta = TwinContext::thetaAt(s, weights, scene.saturation);
    const double rel = std::isfinite(p.theta) ? relativeSaturation(s, p.theta) : 1.0;
    const double lai = vegetation::lai(s.landCover, scene.dayOfYear, s.phenologyShift_days,
                                       s.vegetationVigour, scene.yearFactor);
    p.reflectance = s2Reflectance(s.landCover, lai, s.soilBrightness, rel);
    return p;
}

S2CorrelatedError s2CorrelatedError(const TwinContext& ctx, std::size_t scene, double lon,
                                    double lat) {
    S2CorrelatedError e;
    if (!ctx.config.realisticErrors)
        return e;
    static const double noiseStd = fractalNoiseStd(3, 0.5);
    const double x = lon * std::cos(lat * M_PI / 180.0);
    e.aerosol = kS2AerosolErrorStd / noiseStd *
                fractalNoise(ctx.config.seed, 4500 + scene, x, lat, 0.05, 3, 0.5);
    e.gain = 1.0 + kS2SceneGainStd * normalAt(ctx.config.seed, 4501, scene);
    return e;
}

std::array<double, 9> observedReflectance(const TwinContext& ctx, const S2Pixel& pixel,
                                          const S2CorrelatedError& correlated, bool cloudy,
                                          TwinRng& rng) {
    std::array<double, 9> out{};
    const double white = ctx.config.realisticErrors ? kS2WhiteNoiseRealistic : kS2WhiteNoiseSimple;
    for (std::size_t b = 0; b < out.size(); ++b) {
        // path radiance left by a wrong AOT: about 0.1 reflectance per unit AOT at 490 nm,
        // falling with wavelength (Angström exponent 1.3)
        const double path = 0.1 * correlated.aerosol * std::pow(490.0 / kS2Wavelengths[b], 1.3);
        const double noisy =
            correlated.gain * pixel.reflectance[b] + path + white * quickNormal(rng);
        out[b] = cloudy ? std::nan("") : std::clamp(noisy, 3e-4, 1.0);
    }
    return out;
}

double s2CloudCover(const TwinContext& ctx, double lon, double lat, double weatherHour) {
    return std::clamp((ctx.weather->cloudiness(lon, lat, weatherHour) - 0.3) / 0.55, 0.0, 1.0);
}

bool s2Cloudy(const TwinContext& ctx, std::uint64_t stream, double x, double y, double cover) {
    return fractalNoise(ctx.config.seed, stream, x, y, 0.3, 5, 0.55) < -1.0 + 2.2 * cover;
}

double lstAt(const TwinContext& ctx, double lon, double lat, const SoilSite& s, TimePoint t,
             double noise) {
    const double hw = ctx.weatherHour(t);
    if (ctx.weather->cloudiness(lon, lat, hw) >= 0.5)
        return std::nan("");
    const double ta = ctx.weather->airTemperature(lon, lat, s.elevation_m, hw);
    double v = ta + 273.15 - 2.0;
    if (s.landCover != landcover::Water) {
        const double theta = ctx.pointTheta(lon, lat, s, ctx.nearestHour(t));
        const double rel = std::isfinite(theta) ? relativeSaturation(s, theta) : 1.0;
        const double fc = vegetation::cover(vegetation::lai(
            s.landCover, ctx.weather->dayOfYear(hw), s.phenologyShift_days, s.vegetationVigour,
            vegetation::yearFactor(ctx.config.seed, yearOf(t))));
        const double sw = ctx.weather->shortwave(lon, lat, hw);
        v = ta + 273.15 + (1.0 - fc) * (3.0 + 9.0 * (1.0 - rel)) * sw / 800.0 - 1.0 * fc +
            0.6 * noise;
    }
    return v < 274.0 ? std::nan("") : v;
}

} // namespace soilscope::demo
