#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace soilscope::series {

/// Methods that rescale a source (candidate) to a reference, as in pytesmo.scaling.
/// BetaCdf fits a four-parameter beta distribution to each series by the method of moments on
/// its range widened by 1 % on both sides, and maps v → F_ref⁻¹(F_src(v)); it is smooth where
/// empirical CDF matching is piecewise linear, and bounded by the widened reference range.
enum class ScalingMethod { None, MeanStd, MinMax, LinReg, Cdf, BetaCdf };

/// "none", "mean_std", "min_max", "linreg", "cdf", "beta_cdf" → ScalingMethod; throws Error
/// otherwise.
ScalingMethod parseScalingMethod(std::string_view text);
std::string scalingMethodName(ScalingMethod method);

/// Options of CDF matching (pytesmo's CDFMatching).
struct CdfMatchOptions {
    int nbins = 100;         ///< percentiles 0, 100/nbins, ..., 100
    std::size_t minObs = 20; ///< fewer samples per bin reduce the number of bins (0 = never)
};

/// A fitted transformation from source values to the reference's distribution.
/// Linear methods map v → intercept + slope·v; CDF matching maps through piecewise-linear
/// interpolation between source and reference percentiles (linear extrapolation outside).
class Scaler {
  public:
    /// Fits `method` on paired (for linreg) or unpaired samples; non-finite values are ignored
    /// (for linreg only pairs with both finite). Throws Error when there is too little data.
    static Scaler fit(ScalingMethod method, std::span<const double> source,
                      std::span<const double> reference, const CdfMatchOptions& cdf = {});

    double apply(double value) const;
    std::vector<double> apply(std::span<const double> values) const;

    ScalingMethod method() const { return m_method; }
    double slope() const { return m_slope; }
    double intercept() const { return m_intercept; }
    /// Source and reference percentile values (CDF matching only).
    const std::vector<double>& sourcePercentiles() const { return m_sourcePerc; }
    const std::vector<double>& referencePercentiles() const { return m_referencePerc; }

    /// A beta distribution on [lower, upper] (BetaCdf only).
    struct Beta {
        double a = 1, b = 1, lower = 0, upper = 1;
    };
    const Beta& sourceBeta() const { return m_sourceBeta; }
    const Beta& referenceBeta() const { return m_referenceBeta; }

  private:
    Beta m_sourceBeta, m_referenceBeta;
    ScalingMethod m_method = ScalingMethod::None;
    double m_slope = 1.0;
    double m_intercept = 0.0;
    std::vector<double> m_sourcePerc;
    std::vector<double> m_referencePerc;
};

/// Matlab/IDL style percentiles of sorted data (ranks at (i + 0.5)/n, clamped at the ends)
/// made strictly increasing by interpolation over repeated values, as pytesmo does.
std::vector<double> uniquePercentiles(std::span<const double> sorted,
                                      std::span<const double> percentiles);

} // namespace soilscope::series
