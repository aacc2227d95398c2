#include "demo/vegetation.h"

#include "demo/twin_random.h"

#include <algorithm>
#include <cmath>

namespace soilscope::demo::vegetation {

namespace {
double bump(double doy, double centre, double width) {
    double d = doy - centre;
    if (d > 182.6)
        d -= 365.25;
    if (d < -182.6)
        d += 365.25;
    return std::exp(-(d * d) / (width * width));
}
double logistic(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}
} // namespace

double lai(int landCover, double dayOfYear, double shift_days, double vigour, double yearFactor) {
    const double d = dayOfYear - shift_days;
    const double v = vigour * yearFactor;
    switch (landCover) {
    case landcover::Cropland: // winter cereals with a summer crop on part of the fields
        return 0.25 + v * (3.6 * bump(d, 135.0, 32.0) + 1.2 * bump(d, 215.0, 25.0));
    case landcover::Grassland:
        return 0.6 + v * (1.8 * bump(d, 125.0, 48.0) + 0.6 * bump(d, 290.0, 30.0));
    case landcover::Tree:
        return 1.2 + v * 3.6 * logistic((d - 110.0) / 9.0) * logistic((295.0 - d) / 11.0);
    case landcover::BuiltUp:
        return 0.2 + v * 0.5 * bump(d, 130.0, 50.0);
    default:
        return 0.0;
    }
}

double cover(double lai) {
    return 1.0 - std::exp(-0.5 * std::max(lai, 0.0));
}

double ndvi(int landCover, double lai) {
    if (landCover == landcover::Water)
        return -0.2;
    const double soil = landCover == landcover::BuiltUp ? 0.08 : 0.14;
    return soil + (0.88 - soil) * (1.0 - std::exp(-0.62 * std::max(lai, 0.0)));
}

double stemWater(int landCover) {
    return landCover == landcover::Tree ? 1.5 : 0.0;
}

double vwc(int landCover, double ndviValue) {
    const double n = std::max(ndviValue, 0.0);
    return std::max(0.0, kVwcA * n * n + kVwcB * n) + stemWater(landCover);
}

double yearFactor(std::uint64_t seed, int year) {
    return 1.0 + 0.12 * (2.0 * uniformAt(seed, 7001, static_cast<std::uint64_t>(year)) - 1.0);
}

} // namespace soilscope::demo::vegetation
