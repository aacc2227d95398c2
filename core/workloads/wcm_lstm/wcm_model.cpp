#include "workloads/wcm_lstm/wcm_model.h"

#include "base/error.h"
#include "kernels/water_cloud.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace soilscope::workloads {

namespace {
/// σsoil (linear) or NaN when σobs ≤ σveg.
double soilLinear(double sigmaDb, double thetaDeg, double vwc, double a, double b) {
    return kernels::waterCloudSoil(std::pow(10.0, sigmaDb / 10.0),
                                   kernels::waterCloudCanopy(thetaDeg, 1.0, vwc, a, b));
}
} // namespace

double WcmCalibration::soilDb(double sigmaDb, double thetaDeg, double vwc, bool* guard) const {
    const double s = soilLinear(sigmaDb, thetaDeg, vwc, a, b);
    if (guard)
        *guard = !std::isfinite(s);
    return std::isfinite(s) ? std::max(10.0 * std::log10(s), floorDb) : floorDb;
}

double WcmCalibration::invert(double sigmaDb, double thetaDeg, double vwc, bool* guard) const {
    return (soilDb(sigmaDb, thetaDeg, vwc, guard) - c) / d;
}

WcmCalibration calibrateWcm(const std::vector<WcmPoint>& points, double b, double minValidShare) {
    if (points.size() < 3)
        throw Error("Water Cloud Model calibration needs at least 3 points");
    WcmCalibration best;
    best.rmse = std::numeric_limits<double>::infinity();
    const int steps = 241;
    for (int k = 0; k < steps; ++k) {
        const double a = std::pow(10.0, -4.0 + 4.0 * k / (steps - 1));
        double sx = 0, sy = 0, sxx = 0, sxy = 0, minDb = std::numeric_limits<double>::infinity();
        std::size_t n = 0;
        for (const auto& p : points) {
            const double s = soilLinear(p.sigmaDb, p.thetaDeg, p.vwc, a, b);
            if (!std::isfinite(s))
                continue;
            const double x = 10.0 * std::log10(s);
            sx += x;
            sy += p.sm;
            sxx += x * x;
            sxy += x * p.sm;
            minDb = std::min(minDb, x);
            ++n;
        }
        if (n < 3 || double(n) < minValidShare * double(points.size()))
            continue;
        const double mx = sx / double(n), my = sy / double(n);
        const double vx = sxx / double(n) - mx * mx;
        if (vx <= 1e-12)
            continue;
        const double slope = (sxy / double(n) - mx * my) / vx; // SM per dB
        if (std::abs(slope) < 1e-9)
            continue;
        const double intercept = my - slope * mx;
        WcmCalibration c;
        c.a = a;
        c.b = b;
        c.d = 1.0 / slope;
        c.c = -intercept / slope;
        c.floorDb = minDb;
        double sse = 0;
        for (const auto& p : points) {
            bool g = false;
            const double e = c.invert(p.sigmaDb, p.thetaDeg, p.vwc, &g) - p.sm;
            c.guarded += g ? 1 : 0;
            sse += e * e;
        }
        c.rmse = std::sqrt(sse / double(points.size()));
        if (c.rmse < best.rmse)
            best = c;
    }
    if (!std::isfinite(best.rmse))
        throw Error(
            "Water Cloud Model calibration failed: no A keeps enough points with σobs > σveg");
    return best;
}

double vwcFromNdvi(double ndvi, bool quadratic, double a, double b, double c) {
    const double v = quadratic ? a * ndvi * ndvi + b * ndvi + c : a * ndvi + b;
    return std::max(0.0, v);
}

} // namespace soilscope::workloads
