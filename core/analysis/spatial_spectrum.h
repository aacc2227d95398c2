#pragma once
#include "base/feedback.h"

#include <cstddef>
#include <string>
#include <vector>

namespace soilscope::analysis {

/// Direction of a spatial spectrum: along rows (east-west) or along columns (north-south).
enum class SpectrumDirection { Zonal, Meridional };

/// "zonal" / "meridional".
const char* spectrumDirectionName(SpectrumDirection direction);

/// How the spectrum of the finite-difference derivative is turned back into the field's one.
enum class DerivativeCorrection {
    /// Divide by (2 pi k)^2, the k^-2 correction of the 60 m workload.
    KMinus2,
    /// Divide by the forward difference's exact transfer 4 sin^2(pi k dx) / dx^2.
    FiniteDifference,
};

/// Options of the spatial power density spectrum.
struct SpatialSpectrumOptions {
    /// Largest lag in pixels of the autocovariance; 0 = every lag with valid pairs.
    int maxLag = 0;
    /// A lag needs at least this many valid pairs (summed over rows and dates) to be used;
    /// the autocovariance is cut at the first lag below it.
    std::size_t minPairs = 32;
    /// Taper of the autocovariance (Blackman-Tukey): Hann over [-maxLag, maxLag] when true.
    bool hannLagWindow = true;
    DerivativeCorrection correction = DerivativeCorrection::KMinus2;
    /// Cancellation while a map is added (optional).
    const Feedback* feedback = nullptr;
};

/// A one-sided power density spectrum: k in cycles per metre (k > 0), power in
/// (field units)^2 * metre, averaged over the dates added.
struct DirectionalSpectrum {
    SpectrumDirection direction = SpectrumDirection::Zonal;
    double spacingMetres = 0.0; ///< sample spacing used (mean over rows for zonal spectra)
    std::vector<double> k;      ///< cycles per metre, ascending, up to the Nyquist 1/(2 dx)
    std::vector<double> power;  ///< power density at k
    std::size_t dates = 0;      ///< maps averaged
    std::size_t validPairs = 0; ///< derivative pairs at lag 0, summed over dates
};

/// Spatial power density spectra of maps, zonal and meridional, as in the 60 m workload:
/// forward finite-difference derivative along the direction, autocovariance over the pairs
/// valid in both positions only (pooled over rows / columns, via zero-padded FFTs and a
/// validity-mask normalisation), Fourier transform of the (tapered) autocovariance, k^-2
/// correction, and the average over the maps added (one per date).
class SpatialSpectrumAccumulator {
  public:
    /// dxMetres: distance between neighbouring columns, dyMetres: between rows.
    SpatialSpectrumAccumulator(int width, int height, double dxMetres, double dyMetres,
                               SpatialSpectrumOptions options = {});
    ~SpatialSpectrumAccumulator();
    SpatialSpectrumAccumulator(const SpatialSpectrumAccumulator&) = delete;
    SpatialSpectrumAccumulator& operator=(const SpatialSpectrumAccumulator&) = delete;

    /// Adds one map (row-major width*height, NaN = missing). Returns false (and adds nothing)
    /// when the map has too few valid derivative pairs in either direction.
    bool add(const float* field);
    /// Adds one map held in a vector of width*height values.
    bool add(const std::vector<float>& field);
    /// Maps added so far.
    std::size_t count() const { return m_dates; }

    /// Average zonal spectrum; throws soilscope::Error when no map was added.
    DirectionalSpectrum zonal() const;
    /// Average meridional spectrum; throws soilscope::Error when no map was added.
    DirectionalSpectrum meridional() const;

  private:
    struct Impl;
    int m_width = 0;
    int m_height = 0;
    double m_dx = 0.0;
    double m_dy = 0.0;
    SpatialSpectrumOptions m_options;
    std::size_t m_dates = 0;
    Impl* m_impl = nullptr;
};

/// A power law P = 10^intercept * k^slope fitted by least squares in log10-log10 space.
struct PowerLawFit {
    double slope = 0.0;
    double intercept = 0.0; ///< log10 of the power at k = 1 cycle per metre
    double kMin = 0.0;      ///< cycles per metre actually used
    double kMax = 0.0;
    std::size_t points = 0;
    double r2 = 0.0; ///< coefficient of determination in log-log space
    /// Highest wavenumber up to which the spectrum stays within `departureFactor` of the
    /// fitted law (see fitPowerLaw).
    double kEffective = 0.0;
    /// 1 / (2 kEffective) in metres: the effective resolution.
    double effectiveResolutionMetres = 0.0;
};

/// Fits a power law over kMin <= k <= kMax (0 = default: kMax = half the Nyquist wavenumber,
/// kMin = 8 k_step = 4 / (max lag * spacing), or the lowest k when that is not below kMax / 2)
/// and derives the effective resolution.
/// Effective resolution (documented choice): the spectrum is averaged in log-spaced bins
/// (10 per decade); walking upwards from the geometric centre of the fit range, kEffective is
/// the centre of the last bin before the first bin whose mean log power differs from the
/// fitted law by more than
/// `departureFactor` (either way); r_eff = 1 / (2 kEffective), as r_eff = 1/(2k) in the 60 m
/// paper. A spectrum that follows the law up to the Nyquist wavenumber gives r_eff = spacing.
/// Throws soilscope::Error when fewer than 3 points lie in the range.
PowerLawFit fitPowerLaw(const DirectionalSpectrum& spectrum, double kMin = 0.0, double kMax = 0.0,
                        double departureFactor = 2.0);

/// A synthetic Gaussian random field whose 1-D (zonal and meridional) power spectra follow
/// k^slope1d exactly: white noise filtered in 2-D Fourier space with the separable amplitude
/// |kx|^(slope1d/2) |ky|^(slope1d/2), normalised to unit variance. Deterministic for a seed.
std::vector<float> powerLawField(int width, int height, double slope1d, unsigned seed);

} // namespace soilscope::analysis
