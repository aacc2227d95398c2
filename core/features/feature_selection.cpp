#include "features/feature_selection.h"

#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace soilscope::features {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> ranks(const std::vector<double>& v) {
    std::vector<std::size_t> idx(v.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < idx.size();) {
        std::size_t j = i;
        while (j + 1 < idx.size() && v[idx[j + 1]] == v[idx[i]])
            ++j;
        const double avg = 0.5 * double(i + j) + 1.0;
        for (std::size_t k = i; k <= j; ++k)
            r[idx[k]] = avg;
        i = j + 1;
    }
    return r;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
    const std::size_t n = a.size();
    if (n < 3)
        return kNaN;
    const double ma = std::accumulate(a.begin(), a.end(), 0.0) / double(n);
    const double mb = std::accumulate(b.begin(), b.end(), 0.0) / double(n);
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    if (saa <= 0 || sbb <= 0)
        return kNaN;
    return sab / std::sqrt(saa * sbb);
}
} // namespace

std::vector<std::vector<double>> correlationMatrix(const std::vector<std::vector<double>>& columns,
                                                   CorrelationMethod method) {
    const std::size_t p = columns.size();
    for (const auto& c : columns)
        if (c.size() != columns.front().size())
            throw Error("correlation matrix: columns have different lengths");
    std::vector<std::vector<double>> r(p, std::vector<double>(p, kNaN));
    for (std::size_t i = 0; i < p; ++i) {
        for (std::size_t j = i; j < p; ++j) {
            std::vector<double> a, b;
            for (std::size_t k = 0; k < columns[i].size(); ++k)
                if (std::isfinite(columns[i][k]) && std::isfinite(columns[j][k])) {
                    a.push_back(columns[i][k]);
                    b.push_back(columns[j][k]);
                }
            if (method == CorrelationMethod::Spearman) {
                a = ranks(a);
                b = ranks(b);
            }
            r[i][j] = r[j][i] = pearson(a, b);
        }
    }
    return r;
}

double histogramEntropy(const std::vector<double>& column, int bins) {
    if (bins < 2)
        throw Error("entropy needs at least two histogram bins");
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    std::size_t n = 0;
    for (const double v : column)
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            ++n;
        }
    if (n == 0 || hi <= lo)
        return 0.0;
    std::vector<std::size_t> counts(std::size_t(bins), 0);
    for (const double v : column) {
        if (!std::isfinite(v))
            continue;
        const int b = std::min(bins - 1, int((v - lo) / (hi - lo) * bins));
        ++counts[std::size_t(b)];
    }
    double h = 0.0;
    for (const auto c : counts)
        if (c > 0) {
            const double pr = double(c) / double(n);
            h -= pr * std::log2(pr);
        }
    return h;
}

std::vector<RankedFeature> rankByEntropyCorrelation(const std::vector<std::vector<double>>& columns,
                                                    const std::vector<std::string>& names,
                                                    std::size_t count, int bins,
                                                    CorrelationMethod method) {
    const std::size_t p = columns.size();
    if (!names.empty() && names.size() != p)
        throw Error("entropy-correlation ranking: names and columns differ in number");
    const auto r = correlationMatrix(columns, method);
    std::vector<double> h(p);
    for (std::size_t j = 0; j < p; ++j)
        h[j] = histogramEntropy(columns[j], bins);
    if (count == 0 || count > p)
        count = p;
    std::vector<RankedFeature> out;
    std::vector<bool> chosen(p, false);
    while (out.size() < count) {
        double best = -1.0;
        std::size_t bestJ = p;
        for (std::size_t j = 0; j < p; ++j) {
            if (chosen[j])
                continue;
            double s = h[j];
            for (const auto& sel : out) {
                const double rr = r[j][sel.column];
                s *= 1.0 - (std::isfinite(rr) ? std::abs(rr) : 0.0);
            }
            if (s > best) {
                best = s;
                bestJ = j;
            }
        }
        if (bestJ == p)
            break;
        chosen[bestJ] = true;
        out.push_back(
            {bestJ, names.empty() ? std::to_string(bestJ) : names[bestJ], h[bestJ], best});
    }
    return out;
}

} // namespace soilscope::features
