#include "geo/netcdf_lock.h"

namespace soilscope::geo {

std::recursive_mutex& netcdfLibraryMutex() {
    static std::recursive_mutex m;
    return m;
}

} // namespace soilscope::geo
