#include "workloads/cnn_ascat_intraday/cnn_ascat_baselines.h"

#include "base/error.h"
#include "kernels/linear_solve.h"

#include <cmath>
#include <limits>

namespace soilscope::workloads {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

/// The features of one pixel of one sample: the listed channels at the pixel itself
/// (radius 0) or over its (2r+1)² neighbourhood, zero outside the image.
struct PixelFeatures {
    const features::Dataset& d;
    std::vector<std::size_t> channels;
    int radius = 0;
    std::size_t size() const {
        return channels.size() * std::size_t((2 * radius + 1) * (2 * radius + 1));
    }
    void operator()(std::size_t s, std::size_t pixel, std::vector<double>& out) const {
        const int H = int(d.targetShape[0]), W = int(d.targetShape[1]);
        const int r0 = int(pixel) / W, c0 = int(pixel) % W;
        const std::size_t pixels = d.targetSize(), C = std::size_t(d.featureShape[0]);
        out.clear();
        for (std::size_t ch : channels)
            for (int dy = -radius; dy <= radius; ++dy)
                for (int dx = -radius; dx <= radius; ++dx) {
                    const int r = r0 + dy, c = c0 + dx;
                    out.push_back(
                        r < 0 || c < 0 || r >= H || c >= W
                            ? 0.0
                            : double(d.x[(s * C + ch) * pixels + std::size_t(r * W + c)]));
                }
    }
};

/// Ridge fits of y on one pixel's features for several penalties (relative to the mean
/// diagonal of the centred normal equations; intercept unpenalised): one {intercept,
/// slopes...} per penalty, or none when the pixel has too few training values.
std::vector<std::vector<double>> fitPixel(const PixelFeatures& f,
                                          const std::vector<std::size_t>& fit, std::size_t pixel,
                                          const std::vector<double>& lambdas) {
    const auto& d = f.d;
    const std::size_t pixels = d.targetSize(), k = f.size();
    std::vector<std::vector<double>> rows;
    std::vector<double> ys, row;
    for (std::size_t s : fit) {
        if (!d.targetMask[s * pixels + pixel])
            continue;
        f(s, pixel, row);
        rows.push_back(row);
        ys.push_back(d.y[s * pixels + pixel]);
    }
    const std::size_t n = rows.size();
    if (n < 3 || n < std::min<std::size_t>(k + 2, 10))
        return {};
    std::vector<double> mx(k, 0.0), xtx(k * k, 0.0), xty(k, 0.0);
    double my = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        my += ys[i];
        for (std::size_t a = 0; a < k; ++a)
            mx[a] += rows[i][a];
    }
    my /= double(n);
    for (double& v : mx)
        v /= double(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t a = 0; a < k; ++a)
            rows[i][a] -= mx[a];
        const double yc = ys[i] - my;
        for (std::size_t a = 0; a < k; ++a) {
            xty[a] += rows[i][a] * yc;
            for (std::size_t b = a; b < k; ++b)
                xtx[a * k + b] += rows[i][a] * rows[i][b];
        }
    }
    double diag = 0.0;
    for (std::size_t a = 0; a < k; ++a) {
        diag += xtx[a * k + a];
        for (std::size_t b = 0; b < a; ++b)
            xtx[a * k + b] = xtx[b * k + a];
    }
    diag = std::max(diag / double(std::max<std::size_t>(k, 1)), 1e-12);
    std::vector<std::vector<double>> out;
    for (double lambda : lambdas) {
        std::vector<double> a = xtx, beta;
        for (std::size_t i = 0; i < k; ++i)
            a[i * k + i] += std::max(lambda, 1e-9) * diag;
        if (!kernels::solveLinearSystem(a, xty, k, beta))
            beta.assign(k, 0.0);
        std::vector<double> coef{my};
        for (std::size_t i = 0; i < k; ++i) {
            coef[0] -= beta[i] * mx[i];
            coef.push_back(beta[i]);
        }
        out.push_back(std::move(coef));
    }
    return out;
}

/// Per-pixel ridge fits on `fit`; the penalty (one for all pixels) with the lowest squared
/// error on `validation` (the first when there is none); predictions for `apply`.
PixelBaseline ridgeBaseline(const std::string& name, const PixelFeatures& f,
                            const std::vector<std::size_t>& fit,
                            const std::vector<std::size_t>& validation,
                            const std::vector<std::size_t>& apply,
                            const std::vector<double>& lambdas) {
    const auto& d = f.d;
    const std::size_t pixels = d.targetSize();
    std::vector<std::vector<std::vector<double>>> coefs(pixels);
    std::vector<double> sse(lambdas.size(), 0.0), row;
    auto predict = [&](const std::vector<double>& c, std::size_t s, std::size_t j) {
        f(s, j, row);
        double v = c[0];
        for (std::size_t a = 0; a < row.size(); ++a)
            v += c[a + 1] * row[a];
        return v;
    };
    for (std::size_t j = 0; j < pixels; ++j) {
        coefs[j] = fitPixel(f, fit, j, lambdas);
        if (coefs[j].empty())
            continue;
        for (std::size_t s : validation)
            if (d.targetMask[s * pixels + j])
                for (std::size_t l = 0; l < lambdas.size(); ++l)
                    sse[l] += std::pow(predict(coefs[j][l], s, j) - d.y[s * pixels + j], 2.0);
    }
    std::size_t best = 0;
    for (std::size_t l = 1; l < lambdas.size(); ++l)
        if (sse[l] < sse[best])
            best = l;
    PixelBaseline out{name, std::vector<float>(apply.size() * pixels, kNaN),
                      lambdas.size() > 1 ? lambdas[best] : 0.0};
    for (std::size_t j = 0; j < pixels; ++j) {
        if (coefs[j].empty())
            continue;
        for (std::size_t k = 0; k < apply.size(); ++k)
            if (d.targetMask[apply[k] * pixels + j])
                out.predictions[k * pixels + j] = float(predict(coefs[j][best], apply[k], j));
    }
    return out;
}

} // namespace

std::vector<float> pixelMeanTarget(const features::Dataset& d,
                                   const std::vector<std::size_t>& fit) {
    const std::size_t pixels = d.targetSize();
    std::vector<double> sum(pixels, 0.0);
    std::vector<std::size_t> count(pixels, 0);
    for (std::size_t s : fit)
        for (std::size_t j = 0; j < pixels; ++j)
            if (d.targetMask[s * pixels + j]) {
                sum[j] += d.y[s * pixels + j];
                ++count[j];
            }
    std::vector<float> out(pixels, kNaN);
    for (std::size_t j = 0; j < pixels; ++j)
        if (count[j] > 0)
            out[j] = float(sum[j] / double(count[j]));
    return out;
}

std::vector<PixelBaseline> pixelBaselines(const features::Dataset& d,
                                          const std::vector<std::size_t>& fit,
                                          const std::vector<std::size_t>& validation,
                                          const std::vector<std::size_t>& apply,
                                          std::size_t sigmaChannel) {
    if (d.featureShape.size() != 3 || d.targetShape.size() != 2 ||
        d.targetMask.size() != d.y.size())
        throw Error("per-pixel baselines need image samples with a target mask",
                    "cnn_ascat_intraday");
    const std::size_t channels = std::size_t(d.featureShape[0]);
    if (sigmaChannel >= channels)
        throw Error("σ40 channel out of range", "cnn_ascat_intraday");
    std::vector<std::size_t> all(channels);
    for (std::size_t c = 0; c < channels; ++c)
        all[c] = c;
    const std::vector<double> none{0.0};
    return {ridgeBaseline("pixel_mean", {d, {}, 0}, fit, {}, apply, none),
            ridgeBaseline("pixel_ols_sigma40", {d, {sigmaChannel}, 0}, fit, {}, apply, none),
            ridgeBaseline("pixel_ols_all", {d, all, 0}, fit, {}, apply, none),
            // the locally connected 5 × 5 layer's own function class, fitted in closed form
            ridgeBaseline("pixel_ridge_5x5", {d, all, 2}, fit, validation, apply,
                          {1e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0})};
}

} // namespace soilscope::workloads
