#pragma once

namespace soilscope::analysis {

/// Standard normal cumulative distribution Φ(z).
double normalCdf(double z);

/// Standard normal quantile Φ⁻¹(p), p in (0, 1).
double normalQuantile(double p);

/// Two-sided p-value of a standard normal statistic: 2 (1 − Φ(|z|)).
double normalTwoSidedP(double z);

/// Student t cumulative distribution with `dof` degrees of freedom.
double studentTCdf(double t, double dof);

/// Student t quantile, p in (0, 1).
double studentTQuantile(double p, double dof);

/// Two-sided p-value of a t statistic with `dof` degrees of freedom.
double studentTTwoSidedP(double t, double dof);

/// χ² cumulative distribution with `dof` degrees of freedom.
double chiSquaredCdf(double x, double dof);

/// χ² quantile, p in (0, 1).
double chiSquaredQuantile(double p, double dof);

} // namespace soilscope::analysis
