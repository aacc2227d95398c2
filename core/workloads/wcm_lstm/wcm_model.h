#pragma once
#include <cstddef>
#include <vector>

namespace soilscope::workloads {

/// One calibration/validation point of the Water Cloud Model: observed backscatter (dB),
/// incidence angle (degrees), vegetation water content (kg m⁻²) and soil moisture.
struct WcmPoint {
    double sigmaDb = 0, thetaDeg = 0, vwc = 0, sm = 0;
};

/// A calibrated Water Cloud Model inversion (B fixed):
/// σsoil = (σobs − A cosθ (1 − γ²)) / γ², γ² = exp(−2 B VWC / cosθ), SM = (σsoil[dB] − C) / D.
struct WcmCalibration {
    double a = 0, b = 0, c = 0, d = 0;
    double floorDb = -40;    ///< σsoil[dB] used where σobs ≤ σveg (the log guard)
    std::size_t guarded = 0; ///< calibration points that hit the guard at the chosen A
    double rmse = 0;         ///< calibration RMSE

    /// σsoil in dB with the log guard applied; `guarded` is set when it was needed.
    double soilDb(double sigmaDb, double thetaDeg, double vwc, bool* guarded = nullptr) const;
    /// Inverted soil moisture.
    double invert(double sigmaDb, double thetaDeg, double vwc, bool* guarded = nullptr) const;
};

/// Least-squares calibration of A, C and D against in situ soil moisture: for each A on a
/// log grid (1e-4 … 1) C and D come from ordinary least squares of SM on σsoil[dB] over the
/// points that need no guard; the A with the lowest RMSE wins among those keeping at least
/// `minValidShare` of the points. Throws soilscope::Error with fewer than 3 points.
WcmCalibration calibrateWcm(const std::vector<WcmPoint>& points, double b,
                            double minValidShare = 0.95);

/// VWC from NDVI: "quadratic" a·NDVI² + b·NDVI + c or "linear" a·NDVI + b, at least 0.
double vwcFromNdvi(double ndvi, bool quadratic, double a, double b, double c);

} // namespace soilscope::workloads
