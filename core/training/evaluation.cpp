#include "training/evaluation.h"

#include "analysis/metrics.h"
#include "base/error.h"
#include "training/split_scheme.h"

#include <cmath>

namespace soilscope::training {

namespace {

std::map<std::string, double> toMap(const analysis::Metrics& m) {
    return {{"n", double(m.n)}, {"r", m.r},     {"rmse", m.rmsd}, {"ubrmse", m.ubrmsd},
            {"bias", m.bias},   {"mae", m.mae}, {"r2", m.nse}};
}

bool hasLabels(const features::GroupLabels& g, const std::string& scope) {
    if (scope == "station")
        return !g.station.empty();
    if (scope == "cell")
        return !g.cell.empty();
    if (scope == "user")
        return !g.user.empty();
    if (scope == "network")
        return !g.network.empty();
    if (scope == "land_cover")
        return !g.landCover.empty();
    if (scope == "year")
        return !g.year.empty();
    return false;
}

nlohmann::json metricsJson(const std::map<std::string, double>& m) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : m)
        j[k] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
    return j;
}

} // namespace

std::map<std::string, double> pooledMetrics(const std::vector<float>& predicted,
                                            const std::vector<float>& reference) {
    if (predicted.size() != reference.size())
        throw Error("predictions and references differ in length", "evaluation");
    const std::vector<double> p(predicted.begin(), predicted.end());
    const std::vector<double> r(reference.begin(), reference.end());
    return toMap(analysis::computeMetrics(r, p, analysis::MetricOptions{false}));
}

Evaluation evaluate(const std::vector<float>& predictions, const features::Dataset& data,
                    const std::vector<std::string>& scopes) {
    const std::size_t n = data.sampleCount(), t = data.targetSize();
    if (predictions.size() != n * t)
        throw Error("prediction count does not match the data", "evaluation");
    // Masked targets become NaN so that computeMetrics skips them.
    std::vector<double> ref(data.y.begin(), data.y.end());
    const std::vector<double> pred(predictions.begin(), predictions.end());
    if (!data.targetMask.empty())
        for (std::size_t i = 0; i < ref.size(); ++i)
            if (!data.targetMask[i])
                ref[i] = std::nan("");
    Evaluation out;
    const analysis::MetricOptions options{false};
    out.pooled = toMap(analysis::computeMetrics(ref, pred, options));
    for (const auto& scope : scopes) {
        if (!hasLabels(data.groups, scope))
            continue;
        std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> byGroup;
        for (std::size_t i = 0; i < n; ++i) {
            auto& [r, p] = byGroup[groupKey(data.groups, scope, i)];
            r.insert(r.end(), ref.begin() + std::ptrdiff_t(i * t),
                     ref.begin() + std::ptrdiff_t((i + 1) * t));
            p.insert(p.end(), pred.begin() + std::ptrdiff_t(i * t),
                     pred.begin() + std::ptrdiff_t((i + 1) * t));
        }
        for (const auto& [group, rp] : byGroup)
            out.groups[scope][group] =
                toMap(analysis::computeMetrics(rp.first, rp.second, options));
    }
    return out;
}

nlohmann::json Evaluation::toJson() const {
    nlohmann::json j = {{"pooled", metricsJson(pooled)}, {"groups", nlohmann::json::object()}};
    for (const auto& [scope, groupsOfScope] : groups) {
        nlohmann::json s = nlohmann::json::object();
        for (const auto& [g, m] : groupsOfScope)
            s[g] = metricsJson(m);
        j["groups"][scope] = s;
    }
    return j;
}

} // namespace soilscope::training
