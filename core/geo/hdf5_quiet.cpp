#include "geo/hdf5_quiet.h"

#include <hdf5.h>

namespace soilscope::geo {

void quietHdf5ForThisThread() {
    thread_local const bool quiet = H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr) >= 0;
    (void)quiet;
}

} // namespace soilscope::geo
