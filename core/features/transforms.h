#pragma once
#include "base/time_utils.h"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace soilscope::features {

/// dB -> linear power: 10^(x/10). NaN stays NaN.
double dbToLinear(double db);
/// linear power -> dB: 10 log10(x); x <= 0 gives NaN.
double linearToDb(double linear);
void dbToLinear(float* values, std::size_t n);
void linearToDb(float* values, std::size_t n);

/// (sin, cos) of 2π·doy/365.25 for a UTC time (day of year 1..366 at 00:00 UTC + fraction).
std::pair<double, double> dayOfYearSinCos(TimePoint t);
/// (sin, cos) of a longitude or any angle in degrees.
std::pair<double, double> angleSinCos(double degrees);

/// How backscatter is normalised to a reference incidence angle.
enum class IncidenceNormalisation {
    Cosine, ///< σ_ref = σ · (cos θ_ref / cos θ)^n in linear units (n = 2: Lambert)
    Linear, ///< σ_ref[dB] = σ[dB] − β (θ − θ_ref), β in dB per degree
};

/// Normalises backscatter in dB to the reference angle; returns dB. NaN in, NaN out.
double normaliseIncidence(double sigmaDb, double thetaDeg, double thetaRefDeg,
                          IncidenceNormalisation method, double parameter);

/// Parameters of the Water Cloud Model (linear units unless noted):
/// σ_obs = σ_veg + γ² σ_soil; σ_veg = A·V1·cosθ(1 − γ²); γ² = exp(−2 B·V2 / cosθ);
/// σ_soil[dB] = C + D·SM.
struct WaterCloudParameters {
    double A = 0.0;
    double B = 0.084;
    double C = 0.0;
    double D = 1.0;
};

/// Result of isolating the soil contribution for one observation.
struct SoilBackscatter {
    double sigmaSoilDb = 0.0;  ///< NaN when σ_obs ≤ σ_veg (the log is undefined)
    double soilMoisture = 0.0; ///< (σ_soil[dB] − C) / D, NaN where σ_soil is NaN
    bool clamped = false;      ///< true when σ_obs ≤ σ_veg
};

/// Water Cloud Model inversion for one observation: sigmaObsDb in dB, θ in degrees,
/// V1 and V2 the vegetation descriptors (V1 = 1 and V2 = VWC in the WCM-LSTM workload).
SoilBackscatter isolateSoilBackscatter(double sigmaObsDb, double thetaDeg, double v1, double v2,
                                       const WaterCloudParameters& p);

/// c0 + c1·x + c2·x² + … (the `polynomial` transform); NaN in, NaN out.
double polynomial(double x, const std::vector<double>& coefficients);

/// Vegetation water content from NDVI: linear a + b·NDVI, or quadratic a + b·NDVI + c·NDVI².
double vegetationWaterContent(double ndvi, const std::vector<double>& coefficients);

} // namespace soilscope::features
