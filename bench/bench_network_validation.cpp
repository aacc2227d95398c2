// A validation framework run at network scale: 1 000 stations × 10 years hourly against a daily
// 0.25° product over the same 10° × 10° box, with seasons and stability, without and with a
// 1 000-draw bootstrap. Stations are generated, validated and dropped one by one (the engine
// holds one station at a time); the generation time is measured apart and not counted.
#include "bench_common.h"

#include "analysis/network_validation.h"
#include "base/parallel_rows.h"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <random>

using namespace soilscope;

namespace {

constexpr int kStations = 1000, kYears = 10, kDays = 3652, kCells = 40;

/// The product: a seasonal cycle per cell plus a shared weather anomaly, daily at 00:00.
std::vector<float> makeProduct() {
    std::vector<float> p(static_cast<std::size_t>(kDays) * kCells * kCells);
    std::mt19937_64 rng(7);
    std::normal_distribution<double> g(0.0, 0.03);
    std::vector<double> anomaly(kCells * kCells, 0.0);
    for (int d = 0; d < kDays; ++d)
        for (int c = 0; c < kCells * kCells; ++c) {
            anomaly[c] = 0.85 * anomaly[c] + g(rng);
            p[static_cast<std::size_t>(d) * kCells * kCells + c] = static_cast<float>(
                0.22 + 0.002 * (c % kCells) + 0.07 * std::sin(2 * M_PI * d / 365.25) + anomaly[c]);
        }
    return p;
}

/// Station s: hourly, its cell's product interpolated in time plus station noise, 3 % gaps.
series::TimeSeries makeStation(int s, const std::vector<float>& product, TimePoint start) {
    std::mt19937_64 rng(1000 + s);
    std::normal_distribution<double> g(0.0, 0.02);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const int cell = s % (kCells * kCells);
    series::TimeSeries st;
    st.reserve(static_cast<std::size_t>(kDays) * 24);
    for (int h = 0; h < kDays * 24; ++h) {
        const int d = std::min(h / 24, kDays - 2);
        const double f = (h % 24) / 24.0;
        const double v = (1 - f) * product[static_cast<std::size_t>(d) * kCells * kCells + cell] +
                         f * product[static_cast<std::size_t>(d + 1) * kCells * kCells + cell];
        st.push(start + std::chrono::hours(h), u(rng) < 0.03 ? NAN : v + 0.03 + g(rng));
    }
    return st;
}

series::TimeSeries productAt(int s, const std::vector<float>& product, TimePoint start) {
    const int cell = s % (kCells * kCells);
    series::TimeSeries p;
    p.reserve(kDays);
    for (int d = 0; d < kDays; ++d)
        p.push(start + std::chrono::days(d),
               product[static_cast<std::size_t>(d) * kCells * kCells + cell]);
    return p;
}

/// Seconds to validate every station (generation included) and the median R.
std::pair<double, double> run(const std::vector<float>& product,
                              const analysis::NetworkValidationOptions& o, bool validate) {
    const TimePoint start = makeTime(2010, 1, 1);
    std::vector<double> r(kStations, NAN);
    const auto a = std::chrono::steady_clock::now();
    parallelRows(kStations, [&](int begin, int end) {
        for (int s = begin; s < end; ++s) {
            const auto st = makeStation(s, product, start);
            const auto p = productAt(s, product, start);
            if (!validate)
                continue;
            const auto v = analysis::validateStation(st, {&p}, o, static_cast<std::uint64_t>(s));
            r[static_cast<std::size_t>(s)] = v.candidates[0].bulk.metrics.r;
        }
    });
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
    std::sort(r.begin(), r.end());
    return {seconds, r[r.size() / 2]};
}

} // namespace

int main() {
    const auto product = makeProduct();
    analysis::NetworkValidationOptions o;
    o.windows = analysis::seasonWindows();
    o.stability = true;
    const double generation = run(product, o, false).first;
    const auto [plain, r] = run(product, o, true);
    o.bootstrapResamples = 1000;
    const auto [boot, r2] = run(product, o, true);
    o.bootstrapMethod = analysis::BootstrapMethod::BCa;
    const auto [bca, r3] = run(product, o, true);
    (void)r2;
    (void)r3;
    const double rss = bench::peakRssMiB();
    std::printf("network validation: %d stations x %d years hourly vs a daily 0.25 deg product "
                "(%d x %d cells), seasons + stability, 2 threads (median R %.3f)\n",
                kStations, kYears, kCells, kCells, r);
    std::printf("  without bootstrap:        %.2f s (target < 3 s)\n", plain - generation);
    std::printf("  1000-draw percentile:     %.2f s (target < 30 s)\n", boot - generation);
    std::printf("  1000-draw BCa:            %.2f s\n", bca - generation);
    std::printf("  (station generation %.2f s, not counted; peak memory %.0f MiB, target < 2048)\n",
                generation, rss);
    bench::recordResult("network_validation", {{"stations", kStations},
                                               {"years", kYears},
                                               {"seconds", plain - generation},
                                               {"bootstrap_seconds", boot - generation},
                                               {"bca_seconds", bca - generation},
                                               {"peak_rss_mib", rss},
                                               {"target_seconds", 3.0},
                                               {"target_bootstrap_seconds", 30.0}});
    return 0;
}
