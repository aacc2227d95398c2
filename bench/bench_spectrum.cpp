// Spatial power spectrum of a 4096 x 4096 map (zonal + meridional + fits); target < 2 s.
#include "bench_common.h"

#include "analysis/spatial_spectrum.h"

#include <cmath>
#include <cstdio>

using namespace soilscope;

int main() {
    const int n = 4096;
    auto field = analysis::powerLawField(n, n, -1.5, 1);
    // Some missing pixels so the validity-mask path is timed too.
    for (std::size_t i = 0; i < field.size(); i += 997)
        field[i] = std::nanf("");
    analysis::PowerLawFit zonal;
    analysis::PowerLawFit meridional;
    const double seconds = bench::medianSeconds(3, [&] {
        analysis::SpatialSpectrumAccumulator acc(n, n, 60.0, 60.0);
        acc.add(field);
        zonal = analysis::fitPowerLaw(acc.zonal());
        meridional = analysis::fitPowerLaw(acc.meridional());
    });
    const double ms = seconds * 1000.0;
    std::printf("spectrum_4096: %.0f ms (target 2000 ms), slopes zonal %.3f meridional %.3f "
                "(true -1.5), peak RSS %.0f MiB\n",
                ms, zonal.slope, meridional.slope, bench::peakRssMiB());
    bench::recordResult("spectrum_4096", {{"ms", ms},
                                          {"target_ms", 2000},
                                          {"slope_zonal", zonal.slope},
                                          {"slope_meridional", meridional.slope},
                                          {"peak_rss_mib", bench::peakRssMiB()}});
    return ms < 2000.0 ? 0 : 1;
}
