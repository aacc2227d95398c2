#include "analysis/line_autocovariance.h"

#include "analysis/fftw_support.h"
#include "base/error.h"
#include "base/input_limits.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace soilscope::analysis {

namespace {
/// Above this many holes in a line, its pair counts come from an FFT of the mask.
constexpr std::size_t kDirectHoleLimit = 48;
} // namespace

struct LineAutocovariance::Worker {
    Worker(int lags, int padded)
        : in(static_cast<std::size_t>(padded)), out(static_cast<std::size_t>(padded / 2 + 1)),
          derivative(static_cast<std::size_t>(lags)), power(out.size(), 0.0),
          maskPower(out.size(), 0.0), holeStarts(static_cast<std::size_t>(lags) + 2, 0.0),
          holePairs(static_cast<std::size_t>(lags), 0.0) {
        const std::lock_guard lock(fftwPlannerMutex());
        forward = fftw_plan_dft_r2c_1d(padded, in.data(), out.data(), FFTW_ESTIMATE);
    }
    ~Worker() {
        const std::lock_guard lock(fftwPlannerMutex());
        fftw_destroy_plan(forward);
    }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void reset() {
        std::fill(power.begin(), power.end(), 0.0);
        std::fill(maskPower.begin(), maskPower.end(), 0.0);
        std::fill(holeStarts.begin(), holeStarts.end(), 0.0);
        std::fill(holePairs.begin(), holePairs.end(), 0.0);
        countedLines = 0;
        maskFftLines = false;
    }
    void accumulate(std::vector<double>& acc) const {
        const fftw_complex* o = out.data();
        for (std::size_t k = 0; k < acc.size(); ++k)
            acc[k] += o[k][0] * o[k][0] + o[k][1] * o[k][1];
    }

    FftwBuffer<double> in;
    FftwBuffer<fftw_complex> out;
    fftw_plan forward = nullptr;
    std::vector<double> derivative;
    std::vector<double> power;     ///< sum of |FFT(d)|^2
    std::vector<double> maskPower; ///< sum of |FFT(mask)|^2 of lines with many holes
    /// Difference array of pairs lost to holes (first or second element missing), per lag.
    std::vector<double> holeStarts;
    std::vector<double> holePairs; ///< pairs with both elements missing, per lag (added back)
    std::vector<int> holes;
    std::size_t countedLines = 0; ///< lines whose pairs are (M - L) minus hole corrections
    bool maskFftLines = false;
};

LineAutocovariance::LineAutocovariance(int samples, int lines)
    : m_samples(samples), m_lines(lines) {
    m_lags = std::max(samples - 1, 1);
    m_padded = fftwGoodSize(2 * m_lags);
    m_sum.assign(static_cast<std::size_t>(m_lags), 0.0);
    m_pairs.assign(static_cast<std::size_t>(m_lags), 0.0);
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    // Threads only pay off for large maps.
    const auto threads = static_cast<std::size_t>(
        std::clamp<long long>(static_cast<long long>(samples) * lines / (256 * 256), 1, hw));
    for (std::size_t i = 0; i < threads; ++i)
        m_workers.push_back(std::make_unique<Worker>(m_lags, m_padded));
}

LineAutocovariance::~LineAutocovariance() = default;

namespace {
bool canceled(const Feedback* feedback) {
    return (feedback && feedback->isCanceled()) || interruptRequested();
}
} // namespace

void LineAutocovariance::runLines(Worker& w, const float* data, double spacing, double mean,
                                  int first, int last, const Feedback* feedback) {
    const auto M = static_cast<std::size_t>(m_lags);
    const auto P = static_cast<std::size_t>(m_padded);
    double* in = w.in.data();
    for (int line = first; line < last; ++line) {
        if (line % 64 == 0 && canceled(feedback))
            return;
        const float* f =
            data + static_cast<std::size_t>(line) * static_cast<std::size_t>(m_samples);
        w.holes.clear();
        for (std::size_t i = 0; i < M; ++i) {
            const double d = (static_cast<double>(f[i + 1]) - f[i]) / spacing;
            if (std::isfinite(d)) {
                in[i] = d - mean;
            } else {
                in[i] = 0.0;
                w.holes.push_back(static_cast<int>(i));
            }
        }
        if (w.holes.size() == M)
            continue;
        std::fill(in + M, in + P, 0.0);
        fftw_execute_dft_r2c(w.forward, in, w.out.data());
        w.accumulate(w.power);
        if (w.holes.size() <= kDirectHoleLimit) {
            // pairs(L) = (M - L) - #{h < M - L} - #{h >= L} + #{h2 - h1 = L}
            ++w.countedLines;
            for (const int h : w.holes) {
                w.holeStarts[0] += 2.0;
                w.holeStarts[M - static_cast<std::size_t>(h)] -= 1.0;
                w.holeStarts[static_cast<std::size_t>(h) + 1] -= 1.0;
            }
            for (std::size_t a = 0; a < w.holes.size(); ++a)
                for (std::size_t b = a; b < w.holes.size(); ++b)
                    w.holePairs[static_cast<std::size_t>(w.holes[b] - w.holes[a])] += 1.0;
            continue;
        }
        w.maskFftLines = true;
        for (std::size_t i = 0; i < M; ++i)
            in[i] = 1.0;
        for (const int h : w.holes)
            in[h] = 0.0;
        std::fill(in + M, in + P, 0.0);
        fftw_execute_dft_r2c(w.forward, in, w.out.data());
        w.accumulate(w.maskPower);
    }
}

std::size_t LineAutocovariance::add(const float* data, double spacing, const Feedback* feedback) {
    const auto M = static_cast<std::size_t>(m_lags);
    double mean = 0.0;
    std::size_t valid = 0;
    for (int line = 0; line < m_lines; ++line) {
        const float* f =
            data + static_cast<std::size_t>(line) * static_cast<std::size_t>(m_samples);
        for (std::size_t i = 0; i < M; ++i) {
            const double d = static_cast<double>(f[i + 1]) - f[i];
            if (std::isfinite(d)) {
                mean += d;
                ++valid;
            }
        }
    }
    if (valid == 0)
        return 0;
    mean /= static_cast<double>(valid) * spacing;

    const int threads = static_cast<int>(m_workers.size());
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        m_workers[static_cast<std::size_t>(t)]->reset();
        const int first = m_lines * t / threads;
        const int last = m_lines * (t + 1) / threads;
        Worker& w = *m_workers[static_cast<std::size_t>(t)];
        if (t + 1 == threads)
            runLines(w, data, spacing, mean, first, last, feedback);
        else
            pool.emplace_back([this, &w, data, spacing, mean, first, last, feedback] {
                runLines(w, data, spacing, mean, first, last, feedback);
            });
    }
    for (auto& th : pool)
        th.join();
    if (canceled(feedback))
        throw CanceledError();

    // Merge the workers, then one inverse transform each for products and mask pairs.
    Worker& total = *m_workers.front();
    bool maskFft = total.maskFftLines;
    for (std::size_t t = 1; t < m_workers.size(); ++t) {
        const Worker& w = *m_workers[t];
        for (std::size_t k = 0; k < total.power.size(); ++k) {
            total.power[k] += w.power[k];
            total.maskPower[k] += w.maskPower[k];
        }
        for (std::size_t l = 0; l < total.holeStarts.size(); ++l)
            total.holeStarts[l] += w.holeStarts[l];
        for (std::size_t l = 0; l < M; ++l)
            total.holePairs[l] += w.holePairs[l];
        total.countedLines += w.countedLines;
        maskFft = maskFft || w.maskFftLines;
    }
    FftwBuffer<fftw_complex> spectrum(total.power.size());
    FftwBuffer<double> lagValues(static_cast<std::size_t>(m_padded));
    fftw_plan inverse;
    {
        const std::lock_guard lock(fftwPlannerMutex());
        inverse = fftw_plan_dft_c2r_1d(m_padded, spectrum.data(), lagValues.data(), FFTW_ESTIMATE);
    }
    const auto inverseInto = [&](const std::vector<double>& power, std::vector<double>& target,
                                 bool round) {
        for (std::size_t k = 0; k < power.size(); ++k) {
            spectrum.data()[k][0] = power[k];
            spectrum.data()[k][1] = 0.0;
        }
        fftw_execute(inverse);
        for (std::size_t l = 0; l < M; ++l) {
            const double v = lagValues.data()[l] / m_padded;
            target[l] += round ? std::round(v) : v;
        }
    };
    inverseInto(total.power, m_sum, false);
    if (maskFft)
        inverseInto(total.maskPower, m_pairs, true);
    {
        const std::lock_guard lock(fftwPlannerMutex());
        fftw_destroy_plan(inverse);
    }
    double lost = 0.0;
    for (std::size_t l = 0; l < M; ++l) {
        lost += total.holeStarts[l];
        m_pairs[l] += static_cast<double>(total.countedLines) * static_cast<double>(M - l) - lost +
                      total.holePairs[l];
    }
    return valid;
}

} // namespace soilscope::analysis
