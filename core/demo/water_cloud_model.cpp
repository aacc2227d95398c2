#include "demo/water_cloud_model.h"

#include <cmath>

namespace soilscope::demo {

double wcmSigma0Db(const WcmParameters& p, double sm, double vwc, double incidenceDeg) {
    const double c = std::cos(incidenceDeg * M_PI / 180.0);
    const double gamma2 = std::exp(-2.0 * p.B * vwc / c);
    const double soil = std::pow(10.0, (p.C + p.D * sm) / 10.0);
    const double total = p.A * c * (1.0 - gamma2) + gamma2 * soil;
    return 10.0 * std::log10(total);
}

} // namespace soilscope::demo
