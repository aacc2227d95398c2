#pragma once
#include "base/time_utils.h"

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace soilscope::analysis {

/// Box-plot / violin statistics of a sample (finite values only).
struct BoxStatistics {
    std::size_t n = 0;
    double min = std::numeric_limits<double>::quiet_NaN();
    double q1 = std::numeric_limits<double>::quiet_NaN(); ///< 25 % (linear interpolation)
    double median = std::numeric_limits<double>::quiet_NaN();
    double q3 = std::numeric_limits<double>::quiet_NaN(); ///< 75 %
    double max = std::numeric_limits<double>::quiet_NaN();
    double whiskerLow = std::numeric_limits<double>::quiet_NaN(); ///< lowest value >= q1 - 1.5 IQR
    double whiskerHigh =
        std::numeric_limits<double>::quiet_NaN(); ///< highest value <= q3 + 1.5 IQR
    double mean = std::numeric_limits<double>::quiet_NaN();
    double stddev = std::numeric_limits<double>::quiet_NaN(); ///< sample (n - 1)
    std::size_t outliers = 0;                                 ///< values beyond the whiskers
};

/// Box statistics; NaN fields when there is no finite value.
BoxStatistics boxStatistics(std::span<const double> values);

/// Quantile q in [0, 1] of sorted values with linear interpolation (numpy's default).
double quantileSorted(std::span<const double> sorted, double q);

/// Median of the finite values (NaN when none).
double median(std::span<const double> values);

/// A Gaussian kernel density estimate on a regular grid.
struct KernelDensity {
    double bandwidth = 0.0;
    std::vector<double> x;
    std::vector<double> density;
};

/// Gaussian KDE of the finite values with Scott's bandwidth (sd * n^(-1/5), as scipy's
/// gaussian_kde) unless `bandwidth` > 0, evaluated at `points` from min - 3h to max + 3h.
/// Throws soilscope::Error for fewer than 2 finite values or zero spread without a bandwidth.
KernelDensity gaussianKde(std::span<const double> values, std::size_t points = 256,
                          double bandwidth = 0.0);

/// A t-test result: statistic, degrees of freedom and two-sided p-value.
struct TTest {
    double t = std::numeric_limits<double>::quiet_NaN();
    double df = std::numeric_limits<double>::quiet_NaN();
    double p = std::numeric_limits<double>::quiet_NaN();
    double meanDifference = std::numeric_limits<double>::quiet_NaN(); ///< mean(a) - mean(b)
    std::size_t n = 0; ///< pairs (paired) or total values (Welch)
};

/// Paired t-test of a against b (pairs with both values finite); throws soilscope::Error for
/// unequal lengths. NaN fields for fewer than 2 pairs or zero variance of the differences.
TTest pairedTTest(std::span<const double> a, std::span<const double> b);

/// Welch's unequal-variance t-test (Welch-Satterthwaite degrees of freedom).
TTest welchTTest(std::span<const double> a, std::span<const double> b);

/// Meteorological seasons.
enum class Season { DJF, MAM, JJA, SON };

/// The season of a month (1..12).
Season seasonOfMonth(unsigned month);
/// The season of a UTC time.
Season seasonOf(TimePoint t);
/// "DJF", "MAM", "JJA", "SON".
const char* seasonName(Season season);
/// The UTC month (1..12) of a time.
unsigned monthOf(TimePoint t);

/// A 2-D histogram with regular bins: counts[row = y bin][column = x bin].
struct Histogram2D {
    double xMin = 0, xMax = 0, yMin = 0, yMax = 0;
    std::size_t xBins = 0, yBins = 0;
    std::vector<std::size_t> counts; ///< yBins * xBins, row-major by y
    std::size_t outside = 0;         ///< finite pairs outside the range
};

/// Counts finite (x, y) pairs into xBins x yBins regular bins over [xMin, xMax] x [yMin, yMax]
/// (upper edges inclusive). Throws soilscope::Error for empty ranges or zero bins.
Histogram2D histogram2D(std::span<const double> x, std::span<const double> y, double xMin,
                        double xMax, std::size_t xBins, double yMin, double yMax,
                        std::size_t yBins);

} // namespace soilscope::analysis
