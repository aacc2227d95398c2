#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>

namespace soilscope::geo {

/// The size in bytes that the header of a classic, 64-bit-offset or CDF-5 netCDF file implies
/// (the end of its last variable's data); nullopt for other files and for streamed record counts.
/// Throws soilscope::Error naming the file when the header itself is cut off or malformed.
std::optional<std::uint64_t> classicNetcdfExtent(const std::filesystem::path& path);

/// Throws soilscope::Error naming the file when a classic netCDF file is shorter than its header
/// says: the netCDF library (and GDAL) would read the missing part as fill values or zeros.
void checkNetcdfComplete(const std::filesystem::path& path);

} // namespace soilscope::geo
