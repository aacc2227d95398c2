#include "analysis/paired_tests.h"

#include "analysis/bootstrap.h"
#include "analysis/special_functions.h"
#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace soilscope::analysis {

PairedTest pairedTests(std::span<const double> a, std::span<const double> b) {
    if (a.size() != b.size())
        throw Error("paired tests: the samples differ in length");
    std::vector<double> d;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::isfinite(a[i]) && std::isfinite(b[i]))
            d.push_back(b[i] - a[i]);
    PairedTest t;
    t.n = d.size();
    if (d.empty())
        return t;
    const double n = static_cast<double>(d.size());
    double mean = 0;
    for (const double x : d)
        mean += x;
    mean /= n;
    t.meanDifference = mean;
    t.medianDifference = percentile(d, 50.0);
    if (d.size() >= 2) {
        double ss = 0;
        for (const double x : d)
            ss += (x - mean) * (x - mean);
        const double se = std::sqrt(ss / (n - 1) / n);
        if (se > 0) {
            t.tStatistic = mean / se;
            t.tP = studentTTwoSidedP(t.tStatistic, n - 1);
        } else {
            t.tP = mean == 0 ? 1.0 : 0.0;
        }
    }
    std::vector<double> nonzero;
    for (const double x : d)
        if (x != 0)
            nonzero.push_back(x);
    if (nonzero.empty()) {
        t.wilcoxonW = 0;
        t.wilcoxonP = 1.0;
        return t;
    }
    std::vector<double> magnitude;
    for (const double x : nonzero)
        magnitude.push_back(std::fabs(x));
    const auto ranks = averageRanks(magnitude);
    double plus = 0, minus = 0;
    for (std::size_t i = 0; i < nonzero.size(); ++i)
        (nonzero[i] > 0 ? plus : minus) += ranks[i];
    t.wilcoxonW = std::min(plus, minus);
    const double m = static_cast<double>(nonzero.size());
    double tie = 0;
    std::sort(magnitude.begin(), magnitude.end());
    for (std::size_t i = 0; i < magnitude.size();) {
        std::size_t j = i;
        while (j < magnitude.size() && magnitude[j] == magnitude[i])
            ++j;
        const double k = static_cast<double>(j - i);
        tie += k * k * k - k;
        i = j;
    }
    const double var = m * (m + 1) * (2 * m + 1) / 24.0 - tie / 48.0;
    if (var > 0)
        t.wilcoxonP = normalTwoSidedP((t.wilcoxonW - m * (m + 1) / 4.0) / std::sqrt(var));
    return t;
}

} // namespace soilscope::analysis
