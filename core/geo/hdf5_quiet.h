#pragma once

namespace soilscope::geo {

/// Turns off HDF5's automatic error printing for the calling thread (once per thread). HDF5
/// prints its whole error stack to stderr from any thread that has not turned it off, also for
/// the missing attributes the netCDF library and GDAL probe for; the errors that matter reach
/// SoilScope through the return codes and are reported with the file named.
void quietHdf5ForThisThread();

} // namespace soilscope::geo
