#pragma once
#include "series/time_series.h"

namespace soilscope::series {

/// The Soil Water Index: the exponential filter of Wagner et al. (1999) in the recursive form
/// of Albergel et al. (2008), as pytesmo's exp_filter. With K₀ = 1 and SWI₀ = the first valid
/// value, K_n = K_{n−1} / (K_{n−1} + exp(−(t_n − t_{n−1}) / T)) and
/// SWI_n = SWI_{n−1} + K_n (ms_n − SWI_{n−1}). Missing values are skipped (they keep NaN and do
/// not reset the filter); the series must be sorted by time. T in days (characteristic time).
TimeSeries exponentialFilter(const TimeSeries& series, double characteristicTimeDays);

} // namespace soilscope::series
