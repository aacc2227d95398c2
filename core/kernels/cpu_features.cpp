#include "kernels/cpu_features.h"

namespace soilscope::kernels {

bool cpuHasAvx2Fma() {
#if defined(__x86_64__)
    static const bool ok = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return ok;
#else
    return false;
#endif
}

} // namespace soilscope::kernels
