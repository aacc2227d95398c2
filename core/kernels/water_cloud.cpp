#include "kernels/water_cloud.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace soilscope::kernels {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

WaterCloudCanopy waterCloudCanopy(double thetaDeg, double v1, double v2, double a, double b) {
    const double cosTheta = std::cos(thetaDeg * std::numbers::pi / 180.0);
    if (!(cosTheta > 0.0) || !std::isfinite(v1) || !std::isfinite(v2) || !std::isfinite(a) ||
        !std::isfinite(b))
        return {kNaN, kNaN};
    const double gamma2 = std::exp(-2.0 * b * v2 / cosTheta);
    return {a * v1 * cosTheta * (1.0 - gamma2), gamma2};
}

double waterCloudObserved(double soilLinear, const WaterCloudCanopy& canopy) {
    return canopy.sigmaVeg + canopy.gamma2 * soilLinear;
}

double waterCloudSoil(double observedLinear, const WaterCloudCanopy& canopy) {
    if (!(observedLinear > canopy.sigmaVeg) || !(canopy.gamma2 > 0.0))
        return kNaN;
    return (observedLinear - canopy.sigmaVeg) / canopy.gamma2;
}

double softGuardedDifference(double difference, double observedLinear, double share, double floor) {
    const double eps = std::max(share * observedLinear, floor), u = difference / eps;
    return eps * (u > 20.0 ? u : std::log1p(std::exp(u)));
}

} // namespace soilscope::kernels
