#include "features/transforms.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>

namespace soilscope::features {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDeg = std::numbers::pi / 180.0;
} // namespace

double dbToLinear(double db) { return std::isfinite(db) ? std::pow(10.0, db / 10.0) : kNaN; }

double linearToDb(double linear) {
    return (std::isfinite(linear) && linear > 0.0) ? 10.0 * std::log10(linear) : kNaN;
}

void dbToLinear(float* values, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) values[i] = float(dbToLinear(values[i]));
}

void linearToDb(float* values, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) values[i] = float(linearToDb(values[i]));
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
    if (!std::isfinite(sigmaDb) || !std::isfinite(thetaDeg)) return kNaN;
    if (method == IncidenceNormalisation::Linear)
        return sigmaDb - parameter * (thetaDeg - thetaRefDeg);
    const double c = std::cos(thetaDeg * kDeg);
    if (c <= 0.0) return kNaN;
    const double factor = std::pow(std::cos(thetaRefDeg * kDeg) / c, parameter);
    return linearToDb(dbToLinear(sigmaDb) * factor);
}

SoilBackscatter isolateSoilBackscatter(double sigmaObsDb, double thetaDeg, double v1, double v2,
                                       const WaterCloudParameters& p) {
    SoilBackscatter out{kNaN, kNaN, false};
    const double c = std::cos(thetaDeg * kDeg);
    if (!std::isfinite(sigmaObsDb) || !std::isfinite(c) || c <= 0.0 || !std::isfinite(v1) ||
        !std::isfinite(v2))
        return out;
    const double gamma2 = std::exp(-2.0 * p.B * v2 / c);
    const double sigmaVeg = p.A * v1 * c * (1.0 - gamma2);
    const double sigmaObs = dbToLinear(sigmaObsDb);
    if (sigmaObs <= sigmaVeg || gamma2 <= 0.0) {
        out.clamped = true;
        return out;
    }
    out.sigmaSoilDb = linearToDb((sigmaObs - sigmaVeg) / gamma2);
    if (p.D != 0.0) out.soilMoisture = (out.sigmaSoilDb - p.C) / p.D;
    return out;
}

double vegetationWaterContent(double ndvi, const std::vector<double>& coefficients) {
    if (!std::isfinite(ndvi)) return kNaN;
    double v = 0.0, power = 1.0;
    for (const double c : coefficients) {
        v += c * power;
        power *= ndvi;
    }
    return v;
}

void slopeAspect(const float* dem, int width, int height, double cellSizeX, double cellSizeY,
                 float* slopeDeg, float* aspectDeg) {
    auto z = [&](int r, int c) {
        r = r < 0 ? 0 : (r >= height ? height - 1 : r);
        c = c < 0 ? 0 : (c >= width ? width - 1 : c);
        return double(dem[std::size_t(r) * std::size_t(width) + std::size_t(c)]);
    };
    const double dx = std::abs(cellSizeX), dy = std::abs(cellSizeY);
    for (int r = 0; r < height; ++r) {
        for (int c = 0; c < width; ++c) {
            const std::size_t i = std::size_t(r) * std::size_t(width) + std::size_t(c);
            const double a = z(r - 1, c - 1), b = z(r - 1, c), cc = z(r - 1, c + 1);
            const double d = z(r, c - 1), f = z(r, c + 1);
            const double g = z(r + 1, c - 1), h = z(r + 1, c), k = z(r + 1, c + 1);
            // dz/dx positive eastwards, dz/dy positive northwards (row 0 is north)
            const double dzdx = ((cc + 2 * f + k) - (a + 2 * d + g)) / (8.0 * dx);
            const double dzdy = ((a + 2 * b + cc) - (g + 2 * h + k)) / (8.0 * dy);
            if (!std::isfinite(dzdx) || !std::isfinite(dzdy) || !std::isfinite(z(r, c))) {
                slopeDeg[i] = aspectDeg[i] = float(kNaN);
                continue;
            }
            slopeDeg[i] = float(std::atan(std::hypot(dzdx, dzdy)) / kDeg);
            if (dzdx == 0.0 && dzdy == 0.0) {
                aspectDeg[i] = float(kNaN);
            } else {
                // aspect = direction the slope faces (downhill), clockwise from north
                double asp = std::atan2(-dzdx, -dzdy) / kDeg;
                if (asp < 0) asp += 360.0;
                aspectDeg[i] = float(asp);
            }
        }
    }
}

} // namespace soilscope::features
