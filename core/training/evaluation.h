#pragma once
#include "features/dataset.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace soilscope::training {

/// Metrics of predictions against targets: pooled over all valid values, per station and per
/// group of other label kinds. Names: n, r, rmse, ubrmse, bias (mean(pred − ref)), mae, r2.
struct Evaluation {
    std::map<std::string, double> pooled;
    /// scope ("station", "land_cover", "network", "year", "cell", "user") → group → metrics
    std::map<std::string, std::map<std::string, std::map<std::string, double>>> groups;

    nlohmann::json toJson() const;
};

/// Compares predictions [n, targetShape...] with data.y under data.targetMask; groups by every
/// label kind present in `scopes` (default: station, land_cover, network, user).
Evaluation evaluate(const std::vector<float>& predictions, const features::Dataset& data,
                    const std::vector<std::string>& scopes = {"station", "land_cover", "network",
                                                              "user"});

/// Pooled metrics of two equally long vectors; NaN values in either are skipped.
std::map<std::string, double> pooledMetrics(const std::vector<float>& predicted,
                                            const std::vector<float>& reference);

} // namespace soilscope::training
