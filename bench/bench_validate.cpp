// Temporal matching + all metrics: a twice-daily reference over 10 years (7 300 observations)
// against an hourly candidate (87 600), window ±1 h. pytesmo needs about 9 ms for this.
#include "bench_common.h"

#include "analysis/metrics.h"
#include "series/temporal_matching.h"

#include <cmath>
#include <cstdio>
#include <random>

using namespace soilscope;

int main() {
    std::mt19937_64 rng(1);
    std::normal_distribution<double> noise(0.0, 0.02);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const TimePoint start = makeTime(2010, 1, 1);
    auto truth = [](double hours) {
        return 0.25 + 0.1 * std::sin(2 * M_PI * hours / 8766.0) + 0.03 * std::sin(hours / 50.0);
    };

    series::TimeSeries reference, candidate;
    reference.reserve(7300);
    candidate.reserve(87600);
    for (int i = 0; i < 7300; ++i) { // 06:00 and 18:00 overpasses
        const double h = 12.0 * i + 6.0;
        reference.push(start + std::chrono::hours(12 * i + 6) + std::chrono::minutes(i % 7 * 5),
                       truth(h) + noise(rng));
    }
    for (int i = 0; i < 87600; ++i) // hourly model output, 2 % missing
        candidate.push(start + std::chrono::hours(i),
                       u(rng) < 0.02 ? NAN : 0.9 * truth(i) + 0.02 + noise(rng));

    series::MatchOptions options;
    options.window = std::chrono::hours(1);
    std::size_t n = 0;
    double r = 0.0;
    const double total = bench::medianSeconds(200, [&] {
        const auto pairs = series::matchTemporal(reference, candidate, options);
        const auto m = analysis::computeMetrics(pairs);
        n = m.n;
        r = m.r;
    });
    const auto pairs = series::matchTemporal(reference, candidate, options);
    const double matchOnly = bench::medianSeconds(
        200, [&] { (void)series::matchTemporal(reference, candidate, options); });
    const double metricsOnly =
        bench::medianSeconds(200, [&] { (void)analysis::computeMetrics(pairs); });

    std::printf("validation: %zu reference vs %zu candidate observations, window 1 h -> %zu pairs "
                "(R = %.3f)\n",
                reference.size(), candidate.size(), n, r);
    std::printf("  matching + all metrics: %.3f ms (median of 200; target < 1 ms, pytesmo ~9 ms)\n",
                total * 1e3);
    std::printf("  matching only:          %.3f ms\n", matchOnly * 1e3);
    std::printf("  metrics only:           %.3f ms (R, rho, tau with p-values, bias, RMSD, ubRMSD, "
                "MAE, MSE parts, NSE, KGE)\n",
                metricsOnly * 1e3);
    bench::recordResult("validation", {{"ms", total * 1e3},
                                       {"matching_ms", matchOnly * 1e3},
                                       {"metrics_ms", metricsOnly * 1e3},
                                       {"pairs", n},
                                       {"target_ms", 1.0},
                                       {"pytesmo_reference_ms", 9.0}});
    return 0;
}
