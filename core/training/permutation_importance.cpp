#include "training/permutation_importance.h"

#include "base/error.h"
#include "training/evaluation.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace soilscope::training {

namespace {
double rmseOf(const models::TrainedModel& model, const std::vector<float>& x,
              const features::Dataset& test) {
    const auto predicted = model.predict(x.data(), test.sampleCount());
    return pooledMetrics(predicted, test.y).at("rmse");
}
} // namespace

std::vector<FeatureImportance> permutationImportance(const models::TrainedModel& model,
                                                     const features::Dataset& test, int repeats,
                                                     std::uint64_t seed) {
    const std::size_t n = test.sampleCount();
    if (test.featureShape.size() != 1 || test.targetSize() != 1)
        throw Error("permutation importance needs tabular samples with one target");
    if (n < 2)
        throw Error("permutation importance needs at least two test samples");
    const std::size_t p = test.featureSize();
    const double base = rmseOf(model, test.x, test);
    std::vector<FeatureImportance> out;
    std::vector<std::size_t> order(n);
    for (std::size_t k = 0; k < p; ++k) {
        std::vector<double> increases;
        for (int r = 0; r < std::max(repeats, 1); ++r) {
            std::mt19937_64 rng(seed * 1000003ULL + k * 1009ULL + std::uint64_t(r));
            for (std::size_t i = 0; i < n; ++i)
                order[i] = i;
            std::shuffle(order.begin(), order.end(), rng);
            std::vector<float> x = test.x;
            for (std::size_t i = 0; i < n; ++i)
                x[i * p + k] = test.x[order[i] * p + k];
            increases.push_back(rmseOf(model, x, test) - base);
        }
        double mean = 0, sq = 0;
        for (const double v : increases)
            mean += v / double(increases.size());
        for (const double v : increases)
            sq += (v - mean) * (v - mean);
        const std::string name = k < test.featureNames.size() ? test.featureNames[k]
                                                              : "feature " + std::to_string(k + 1);
        out.push_back({name, base, mean,
                       increases.size() > 1 ? std::sqrt(sq / double(increases.size() - 1)) : 0.0});
    }
    return out;
}

} // namespace soilscope::training
