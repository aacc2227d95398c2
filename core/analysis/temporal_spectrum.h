#pragma once
#include "base/time_utils.h"
#include "series/time_series.h"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace soilscope::analysis {

/// Methods of temporal spectra.
enum class TemporalSpectrumMethod {
    Periodogram, ///< one Hann-windowed periodogram of a complete regular series
    Welch,       ///< averaged Hann periodograms of 50 % overlapping gap-free segments
    LombScargle, ///< least-squares spectrum of irregular (gappy) samples
};

/// "periodogram", "welch", "lomb-scargle".
const char* temporalSpectrumMethodName(TemporalSpectrumMethod method);

/// A one-sided power spectral density: frequency in cycles per day, power in
/// (value units)^2 per (cycle per day). Lomb-Scargle power uses the same density scaling
/// (normalised so that white noise of variance s^2 gives about 2 s^2 * step in days).
struct TemporalSpectrum {
    TemporalSpectrumMethod method = TemporalSpectrumMethod::Welch;
    std::vector<double> frequencyPerDay; ///< ascending, > 0
    std::vector<double> power;
    std::size_t samples = 0;  ///< observations used
    std::size_t segments = 0; ///< Welch segments averaged (1 for the periodogram)
    double stepDays = 0.0;    ///< sampling step (median for irregular series)
};

/// A series on a regular time axis: values[i] at start + i * step, NaN where missing.
struct RegularSeries {
    TimePoint start{};
    double stepSeconds = 0.0;
    std::vector<double> values;
    std::size_t missing() const;
};

/// Places a sorted series on the regular axis of its median time step (an observation goes to
/// the nearest slot; slots without one are NaN). Throws soilscope::Error for fewer than 4
/// finite values.
RegularSeries regularize(const series::TimeSeries& series);

/// Hann-windowed periodogram of a complete regular series (mean removed); throws
/// soilscope::Error when a value is missing or there are fewer than 8.
TemporalSpectrum periodogram(std::span<const double> values, double stepSeconds);

/// Welch's method: Hann segments of `segmentLength` samples (0 = automatic: the largest power
/// of two not above a quarter of the series, at least 16), 50 % overlap; segments that contain
/// a missing value are skipped. Throws soilscope::Error when no complete segment exists.
TemporalSpectrum welch(std::span<const double> values, double stepSeconds,
                       std::size_t segmentLength = 0);

/// Lomb-Scargle spectrum of irregular samples (NaN values skipped), mean removed, on the
/// frequency grid df = 1 / (oversampling * span) up to maxFrequencyPerDay (0 = half the
/// inverse median step). Throws soilscope::Error for fewer than 8 finite values.
TemporalSpectrum lombScargle(std::span<const TimePoint> times, std::span<const double> values,
                             double maxFrequencyPerDay = 0.0, double oversampling = 4.0);

/// The spectrum of a series by method; `automatic` picks Welch for a regular series without
/// gaps and Lomb-Scargle otherwise.
TemporalSpectrum seriesSpectrum(const series::TimeSeries& series, TemporalSpectrumMethod method,
                                bool automatic, std::size_t segmentLength = 0);

/// The frequency of the highest power within [fMin, fMax] cycles per day (NaN when none).
double peakFrequency(const TemporalSpectrum& spectrum, double fMin, double fMax);

/// Power at the bin nearest to `frequencyPerDay` divided by the median power of the bins in
/// [frequencyPerDay / 2, 2 frequencyPerDay]: how far a spectral line stands out (NaN if empty).
double peakProminence(const TemporalSpectrum& spectrum, double frequencyPerDay);

} // namespace soilscope::analysis
