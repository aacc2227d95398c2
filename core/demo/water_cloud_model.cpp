#include "demo/water_cloud_model.h"

#include "kernels/water_cloud.h"

#include <cmath>

namespace soilscope::demo {

double wcmSigma0Db(const WcmParameters& p, double sm, double vwc, double incidenceDeg) {
    const auto canopy = kernels::waterCloudCanopy(incidenceDeg, 1.0, vwc, p.A, p.B);
    const double soil = std::pow(10.0, (p.C + p.D * sm) / 10.0);
    return 10.0 * std::log10(kernels::waterCloudObserved(soil, canopy));
}

} // namespace soilscope::demo
