#pragma once
// Internal to core/workloads: the regional scenario of sar_ml_scenarios (the paper trains on the
// OzNet stations and tests on airborne campaign maps at 1 km).
#include "features/dataset.h"
#include "project/project_dataset.h"
#include "project/project_file.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace soilscope::workloads {

/// Training and test samples of the regional scenario.
struct RegionalCampaign {
    std::string network;
    TimePoint from{}, to{};         ///< the campaign window
    std::vector<std::size_t> train; ///< the network's station samples outside the window
    std::vector<std::size_t> test;  ///< the appended campaign-map samples
    std::size_t dates = 0;          ///< campaign dates with a reference map
};

/// Appends the campaign-map samples to `data` and returns the split, or nothing (with a note
/// saying why) when the scenario cannot be formed. The reference map is the project's `truth`
/// role on the sample grid (on the twin, the truth on the Sentinel-1 grid stands in for the
/// airborne maps, without their retrieval error). Options: `regional_network` ("auto": the
/// network with the most stations), `regional_campaign_start` ("auto": 1 June of the last year
/// of the sample dates), `regional_campaign_days`, `regional_margin_pixels` (around the
/// network's stations) and `regional_max_test_samples` (an even subsample beyond it).
std::optional<RegionalCampaign> appendRegionalCampaign(features::Dataset& data,
                                                       const project::ProjectFile& project,
                                                       const project::ProjectData& projectData,
                                                       const nlohmann::json& options,
                                                       std::vector<std::string>& notes);

} // namespace soilscope::workloads
