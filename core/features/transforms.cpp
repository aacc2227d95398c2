#include "features/transforms.h"

#include "kernels/water_cloud.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>

namespace soilscope::features {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDeg = std::numbers::pi / 180.0;
} // namespace

double dbToLinear(double db) {
    return std::isfinite(db) ? std::pow(10.0, db / 10.0) : kNaN;
}

double linearToDb(double linear) {
    return (std::isfinite(linear) && linear > 0.0) ? 10.0 * std::log10(linear) : kNaN;
}

void dbToLinear(float* values, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        values[i] = float(dbToLinear(values[i]));
}

void linearToDb(float* values, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        values[i] = float(linearToDb(values[i]));
}

std::pair<double, double> dayOfYearSinCos(TimePoint t) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const sys_days jan1{ymd.year() / January / 1};
    const double doy = double((day - jan1).count() + 1) +
                       double(duration_cast<seconds>(t - day).count()) / 86400.0;
    const double a = 2.0 * std::numbers::pi * doy / 365.25;
    return {std::sin(a), std::cos(a)};
}

std::pair<double, double> angleSinCos(double degrees) {
    return {std::sin(degrees * kDeg), std::cos(degrees * kDeg)};
}

double normaliseIncidence(double sigmaDb, double thetaDeg, double thetaRefDeg,
                          IncidenceNormalisation method, double parameter) {
    if (!std::isfinite(sigmaDb) || !std::isfinite(thetaDeg))
        return kNaN;
    if (method == IncidenceNormalisation::Linear)
        return sigmaDb - parameter * (thetaDeg - thetaRefDeg);
    const double c = std::cos(thetaDeg * kDeg);
    if (c <= 0.0)
        return kNaN;
    const double factor = std::pow(std::cos(thetaRefDeg * kDeg) / c, parameter);
    return linearToDb(dbToLinear(sigmaDb) * factor);
}

SoilBackscatter isolateSoilBackscatter(double sigmaObsDb, double thetaDeg, double v1, double v2,
                                       const WaterCloudParameters& p) {
    SoilBackscatter out{kNaN, kNaN, false};
    const auto canopy = kernels::waterCloudCanopy(thetaDeg, v1, v2, p.A, p.B);
    if (!std::isfinite(sigmaObsDb) || std::isnan(canopy.gamma2))
        return out;
    const double soil = kernels::waterCloudSoil(dbToLinear(sigmaObsDb), canopy);
    if (std::isnan(soil)) {
        out.clamped = true;
        return out;
    }
    out.sigmaSoilDb = linearToDb(soil);
    if (p.D != 0.0)
        out.soilMoisture = (out.sigmaSoilDb - p.C) / p.D;
    return out;
}

double polynomial(double x, const std::vector<double>& coefficients) {
    if (!std::isfinite(x))
        return kNaN;
    double v = 0.0; // Horner, highest power first
    for (auto c = coefficients.rbegin(); c != coefficients.rend(); ++c)
        v = v * x + *c;
    return v;
}

double vegetationWaterContent(double ndvi, const std::vector<double>& coefficients) {
    return polynomial(ndvi, coefficients);
}

} // namespace soilscope::features
