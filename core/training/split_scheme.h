#pragma once
#include "features/dataset.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace soilscope::training {

/// Sample indices of one train/validation/test partition.
struct Split {
    std::string name; ///< e.g. "fold 2/4, repeat 1"
    int fold = 0;
    int repeat = 0;
    std::vector<std::size_t> train;
    std::vector<std::size_t> validation;
    std::vector<std::size_t> test;
};

/// How to partition samples. Group-based schemes keep every group (station, cell, user
/// group, cluster) wholly inside one part, validation included.
struct SplitSettings {
    /// random, temporal, spatial (leave-N-cells-out), leave_station_out, group_kfold,
    /// cluster_kfold (k-means on cell coordinates), none (all samples train; external test)
    std::string scheme = "random";
    double testFraction = 0.2;       ///< random: share of samples in test
    double validationFraction = 0.2; ///< share of the training part held out for validation
    std::string validationBy =
        "auto"; ///< auto (same grouping as the scheme), sample, station, cell, user
    // temporal
    std::vector<int> testYears; ///< test = samples of these years ...
    std::string testFrom;       ///< ... or with date in [testFrom, testTo] (ISO, inclusive)
    std::string testTo;
    // spatial / group schemes
    int testCells = 1; ///< spatial: cells left out per fold
    int folds = 5;     ///< k of group_kfold / cluster_kfold; spatial: folds drawn
    std::string groupBy =
        "user";        ///< group_kfold key: user, station, cell, network, land_cover, year
    int gridWidth = 0; ///< cluster_kfold: width of the grid behind cell labels
    int maxFolds = 0;  ///< leave_station_out: at most this many folds (0 = all)
    int repeats = 1;   ///< re-drawn with seed, seed+1, ...
    unsigned long long seed = 1;

    nlohmann::json toJson() const;
    static SplitSettings fromJson(const nlohmann::json& json);
};

/// All splits of a scheme (folds × repeats). Throws soilscope::Error when the labels the
/// scheme needs are missing or when a part would be empty.
std::vector<Split> makeSplits(const features::GroupLabels& groups, std::size_t sampleCount,
                              const SplitSettings& settings);

/// The label of sample i under a grouping key (station, cell, user, network, land_cover,
/// year); throws soilscope::Error when that label vector is empty.
std::string groupKey(const features::GroupLabels& groups, const std::string& key, std::size_t i);

/// Learning-curve helper: keeps `size` units of the training part — whole groups under
/// `groupBy` (e.g. "cell": train on 1, 9, ... cells) or samples when groupBy is "sample" —
/// drawn with the seed. Validation and test are unchanged.
Split subsampleTraining(const Split& split, const features::GroupLabels& groups, std::size_t size,
                        const std::string& groupBy, unsigned long long seed);

/// k-means (Lloyd, k-means++ seeding) on 2-D points; returns the cluster of each point.
std::vector<int> kMeans(const std::vector<std::pair<double, double>>& points, int k,
                        unsigned long long seed);

} // namespace soilscope::training
