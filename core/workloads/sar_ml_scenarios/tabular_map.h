#pragma once
// Internal to core/workloads: a tabular model applied pixel by pixel to a project's predictors
// on its whole sample grid, written as a GeoTIFF.
#include "features/normaliser.h"
#include "models/trained_model.h"
#include "project/project_dataset.h"
#include "project/project_file.h"

#include <filesystem>
#include <string>
#include <vector>

namespace soilscope::workloads {

/// Where and when a tabular prediction map was made.
struct TabularMap {
    TimePoint date{};
    std::size_t validPixels = 0;
    std::size_t pixels = 0;
    std::vector<float> values; ///< the map (NaN where invalid)
};

/// Evaluates the project's predictors on the whole sample grid at the last sample date whose
/// valid pixels (all predictors finite, project mask set) are more than half of the grid,
/// looking back at most `lookBack` dates (else the date with the most valid pixels among
/// them); normalises with `normaliser`, predicts with `model` and writes one band named
/// `band` (NaN where invalid) to `path`. Throws soilscope::Error when no date has a valid pixel.
TabularMap writeTabularMap(const project::ProjectFile& project, const project::ProjectData& data,
                           const features::Normaliser& normaliser,
                           const models::TrainedModel& model, const std::filesystem::path& path,
                           const std::string& band, std::size_t lookBack = 30);

} // namespace soilscope::workloads
