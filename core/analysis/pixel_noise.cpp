#include "analysis/pixel_noise.h"

#include <algorithm>
#include <cmath>

namespace soilscope::analysis {

namespace {
double medianOf(std::vector<float> v) {
    if (v.empty())
        return 0.0;
    const auto mid = v.begin() + std::ptrdiff_t(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}
} // namespace

PixelNoiseEstimator::PixelNoiseEstimator(std::vector<bool> noisy)
    : m_noisy(std::move(noisy)), m_sum(m_noisy.size() * m_noisy.size(), 0.0) {}

void PixelNoiseEstimator::add(const std::vector<std::vector<float>>& planes,
                              const std::vector<std::uint8_t>& valid, int width, int height) {
    const std::size_t nk = m_noisy.size();
    std::vector<float> d; // 3 × 3 blocks × predictors
    const auto w = std::size_t(width);
    for (int r = 1; r + 1 < height; ++r)
        for (int c = 1; c + 1 < width; ++c) {
            const std::size_t i = std::size_t(r) * w + std::size_t(c);
            const std::size_t block[9] = {i - w - 1, i - w,     i - w + 1, i - 1,    i,
                                          i + 1,     i + w - 1, i + w,     i + w + 1};
            bool ok = true;
            for (std::size_t j : block)
                ok = ok && valid[j];
            if (!ok)
                continue;
            for (std::size_t k = 0; k < nk; ++k) {
                if (!m_noisy[k]) {
                    d.push_back(0.0f);
                    continue;
                }
                const auto& x = planes[k];
                d.push_back(x[block[0]] + x[block[2]] + x[block[6]] + x[block[8]] -
                            2.0f * (x[block[1]] + x[block[3]] + x[block[5]] + x[block[7]]) +
                            4.0f * x[block[4]]);
            }
        }
    const std::size_t n = d.size() / std::max<std::size_t>(nk, 1);
    if (n == 0)
        return;
    std::vector<double> limit(nk, 0.0);
    for (std::size_t k = 0; k < nk; ++k) {
        if (!m_noisy[k])
            continue;
        std::vector<float> col(n), dev(n);
        for (std::size_t t = 0; t < n; ++t)
            col[t] = d[t * nk + k];
        const double med = medianOf(col);
        for (std::size_t t = 0; t < n; ++t)
            dev[t] = float(std::abs(col[t] - med));
        limit[k] = 4.0 * 1.4826 * medianOf(dev);
    }
    for (std::size_t t = 0; t < n; ++t) {
        const float* v = &d[t * nk];
        bool ok = true;
        for (std::size_t k = 0; k < nk && ok; ++k)
            ok = !m_noisy[k] || std::abs(v[k]) <= limit[k];
        if (!ok)
            continue;
        for (std::size_t a = 0; a < nk; ++a)
            for (std::size_t b = 0; b < nk; ++b)
                m_sum[a * nk + b] += double(v[a]) * double(v[b]);
        ++m_count;
    }
}

std::vector<double> PixelNoiseEstimator::covariance() const {
    if (m_count == 0)
        return {};
    std::vector<double> c(m_sum.size());
    for (std::size_t i = 0; i < c.size(); ++i)
        c[i] = m_sum[i] / (36.0 * double(m_count));
    return c;
}

void addCorrelatedNoise(float* rows, std::size_t n, const std::vector<double>& cov,
                        std::mt19937_64& rng) {
    const auto k = std::size_t(std::lround(std::sqrt(double(cov.size()))));
    // Cholesky factor L (cov = L Lᵀ); a zero pivot (a predictor without noise) gives a zero column
    std::vector<double> l(k * k, 0.0);
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j <= i; ++j) {
            double s = cov[i * k + j];
            for (std::size_t m = 0; m < j; ++m)
                s -= l[i * k + m] * l[j * k + m];
            if (i == j)
                l[i * k + i] = s > 1e-300 ? std::sqrt(s) : 0.0;
            else
                l[i * k + j] = l[j * k + j] > 0.0 ? s / l[j * k + j] : 0.0;
        }
    std::normal_distribution<double> normal;
    std::vector<double> z(k);
    for (std::size_t r = 0; r < n; ++r) {
        for (double& v : z)
            v = normal(rng);
        for (std::size_t i = 0; i < k; ++i) {
            double e = 0.0;
            for (std::size_t j = 0; j <= i; ++j)
                e += l[i * k + j] * z[j];
            rows[r * k + i] += float(e);
        }
    }
}

} // namespace soilscope::analysis
