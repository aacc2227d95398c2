#pragma once

namespace soilscope::demo {

/// Water Cloud Model parameters (Attema & Ulaby): σ_veg = A cosθ (1 − γ²), γ² = exp(−2 B VWC /
/// cosθ), σ_soil[dB] = C + D · SM; A linear (m2 m-2), B per kg m-2, C dB, D dB per m3 m-3.
struct WcmParameters {
    double A = 0.0;
    double B = 0.0;
    double C = 0.0;
    double D = 0.0;
};

/// Total backscatter σ⁰ in dB for soil moisture (m3/m3), VWC (kg m-2) and incidence (degrees).
double wcmSigma0Db(const WcmParameters& p, double sm, double vwc, double incidenceDeg);

/// The parameters the twin uses, per sensor.
struct TwinWcm {
    static constexpr WcmParameters ascatSigma40{0.11, 0.10, -17.0, 20.0};
    static constexpr WcmParameters s1VV{0.075, 0.12, -19.0, 24.0};
    static constexpr WcmParameters s1VH{0.0185, 0.084, -27.0, 20.0};
};

} // namespace soilscope::demo
