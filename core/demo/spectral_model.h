#pragma once
#include <array>
#include <string>

namespace soilscope::demo {

/// The nine Sentinel-2-like bands of the twin, in file order.
inline constexpr std::array<const char*, 9> kS2Bands{"B02", "B03", "B04", "B05", "B06",
                                                     "B08", "B8A", "B11", "B12"};
/// Central wavelengths (nm) of kS2Bands.
inline constexpr std::array<double, 9> kS2Wavelengths{490, 560, 665,  705, 740,
                                                      842, 865, 1610, 2190};

/// Surface reflectance (0..1) of the nine bands for a land-cover class, LAI, dry-soil
/// brightness factor and relative soil saturation (wet soil is darker, most in the SWIR).
std::array<double, 9> s2Reflectance(int landCover, double lai, double soilBrightness,
                                    double relativeSaturation);

/// NDVI = (B08 − B04) / (B08 + B04) of a reflectance vector.
double ndviOf(const std::array<double, 9>& r);
/// NDWI = (B8A − B12) / (B8A + B12) (Gao), as used by the seq2seq LSTM workload.
double ndwiOf(const std::array<double, 9>& r);

} // namespace soilscope::demo
