#include "demo/spectral_model.h"

#include "demo/static_fields.h"
#include "demo/vegetation.h"

#include <algorithm>

namespace soilscope::demo {

namespace {
constexpr std::array<double, 9> kVeg{0.035, 0.075, 0.040, 0.110, 0.300, 0.420, 0.440, 0.220, 0.110};
constexpr std::array<double, 9> kSoil{0.100, 0.130, 0.170, 0.200, 0.220,
                                      0.250, 0.260, 0.340, 0.300};
constexpr std::array<double, 9> kWet{0.30, 0.32, 0.34, 0.35, 0.36, 0.38, 0.38, 0.48, 0.58};
constexpr std::array<double, 9> kWater{0.060, 0.060, 0.040, 0.030, 0.020,
                                       0.015, 0.012, 0.005, 0.003};
constexpr std::array<double, 9> kBuilt{0.120, 0.130, 0.140, 0.150, 0.160,
                                       0.180, 0.180, 0.220, 0.200};
} // namespace

std::array<double, 9> s2Reflectance(int landCover, double lai, double soilBrightness,
                                    double relativeSaturation) {
    std::array<double, 9> r{};
    if (landCover == landcover::Water)
        return kWater;
    const double fc = vegetation::cover(lai);
    const double s = std::clamp(relativeSaturation, 0.0, 1.0);
    for (std::size_t b = 0; b < 9; ++b) {
        const double soil = kSoil[b] * soilBrightness * (1.0 - kWet[b] * s);
        double v = fc * kVeg[b] + (1.0 - fc) * soil;
        if (landCover == landcover::BuiltUp)
            v = 0.7 * kBuilt[b] + 0.3 * v;
        r[b] = v;
    }
    return r;
}

double ndviOf(const std::array<double, 9>& r) {
    return (r[5] - r[2]) / (r[5] + r[2]);
}
double ndwiOf(const std::array<double, 9>& r) {
    return (r[6] - r[8]) / (r[6] + r[8]);
}

} // namespace soilscope::demo
