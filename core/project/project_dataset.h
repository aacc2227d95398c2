#pragma once
#include "base/feedback.h"
#include "features/dataset.h"
#include "features/masks.h"
#include "features/predictor_engine.h"
#include "project/project_file.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace soilscope::project {

/// The opened data of a project: its layers, the sample grid, the sample dates and the
/// predictor engine.
struct ProjectData {
    features::LayerCatalog catalog;
    geo::Grid grid; ///< sample grid (the target's grid, or the first predictor layer's)
    std::string gridRole;
    std::vector<TimePoint> dates; ///< sample dates within the project's from/to
    std::unique_ptr<features::PredictorEngine> engine;
};

/// The role whose layer's grid is the sample grid: the target's when it is gridded, else the
/// first predictor role that is no point, swath or SMAP product (`needsGridding` tells which roles
/// are; by default their files are probed). Throws naming the project when there is none.
std::string sampleGridRole(const ProjectFile& project,
                           const std::function<bool(const std::string&)>& needsGridding = {});

/// Opens every layer the project's predictors, target and masks read; checks grids (a layer
/// on another grid is rejected naming both layers) and collects the sample dates. Point, swath
/// and SMAP products are gridded onto the sample grid as their layer's "gridding" says
/// (progress and cancellation through `feedback` when given).
std::unique_ptr<ProjectData> openProjectData(const ProjectFile& project,
                                             Feedback* feedback = nullptr);

/// The joint mask of a frame under a mask spec: land cover and quality flags read from the
/// catalog's layers, value ranges of the named predictor planes (prediction uses it with the
/// mask saved in a model bundle).
features::Mask maskFrame(const MaskSpec& mask, const std::vector<std::string>& predictorNames,
                         const features::LayerCatalog& catalog,
                         const std::vector<std::vector<float>>& planes, const geo::Window& window,
                         TimePoint date);

/// The joint mask of a frame: land cover, predictor ranges, quality flags.
features::Mask frameMask(const ProjectFile& project, const ProjectData& data,
                         const std::vector<std::vector<float>>& planes, const geo::Window& window,
                         TimePoint date);

/// Builds the learning samples of a project in its layout (tabular, image, sequence) with
/// group labels. Throws soilscope::Error when a predictor is all nodata, when no sample
/// remains after masking, or when every station lies outside the rasters.
features::Dataset buildProjectDataset(const ProjectFile& project, ProjectData& data,
                                      Feedback& feedback);

} // namespace soilscope::project
