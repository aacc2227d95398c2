#pragma once
// The Water Cloud Model (Attema & Ulaby 1978), the one scalar implementation: the twin's
// backscatter, the `wcm_soil` predictor, the calibrated WCM baseline of the wcm_lstm workload and
// the CPU evaluator of the learnable WCM layer. The LibTorch layer (models/recurrent_modules.cpp)
// is its tensor form; tests check the two agree.
//
// In linear power units, θ in degrees:
//   σobs = σveg + γ²·σsoil,   σveg = A·V1·cosθ·(1 − γ²),   γ² = exp(−2·B·V2 / cosθ).
//
// The guard convention, one for every caller: where σobs ≤ σveg the inversion is undefined and
// waterCloudSoil returns NaN. What a caller does with that is its own documented choice: the
// predictor leaves the value missing (and says it was clamped), the calibrated baseline uses the
// lowest σsoil of its calibration points as a floor, the learnable layer uses the differentiable
// softGuardedDifference below (and a floor of 1e-6 before the logarithm).

namespace soilscope::kernels {

/// The vegetation part of one observation.
struct WaterCloudCanopy {
    double sigmaVeg = 0.0; ///< σveg, linear
    double gamma2 = 1.0;   ///< two-way transmissivity γ²
};

/// σveg and γ² for incidence θ (degrees), vegetation descriptors V1 and V2, parameters A and B.
/// Both NaN when cosθ ≤ 0 or an input is not finite.
WaterCloudCanopy waterCloudCanopy(double thetaDeg, double v1, double v2, double a, double b);

/// The forward model: σobs from σsoil (both linear).
double waterCloudObserved(double soilLinear, const WaterCloudCanopy& canopy);

/// The inversion σsoil = (σobs − σveg) / γ² (both linear); NaN where σobs ≤ σveg or γ² ≤ 0.
double waterCloudSoil(double observedLinear, const WaterCloudCanopy& canopy);

/// The learnable layer's differentiable guard on d = σobs − σveg: ε·softplus(d / ε) with
/// ε = max(share·σobs, floor) (LibTorch's softplus, linear above 20).
double softGuardedDifference(double difference, double observedLinear, double share, double floor);

} // namespace soilscope::kernels
