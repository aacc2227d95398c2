#pragma once
#include <mutex>

namespace soilscope::geo {

/// The netCDF C library is not thread-safe, and GDAL's netCDF driver guards it with a lock of its
/// own that SoilScope's direct readers cannot share: every use of the library in SoilScope (GDAL
/// netCDF datasets through geo::Raster, products::NetcdfFile) holds this one lock.
std::recursive_mutex& netcdfLibraryMutex();

} // namespace soilscope::geo
