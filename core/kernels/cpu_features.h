#pragma once

namespace soilscope::kernels {

/// Whether this CPU runs AVX2 and FMA code (the vectorised kernel variants); checked once.
bool cpuHasAvx2Fma();

} // namespace soilscope::kernels
