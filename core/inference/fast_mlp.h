#pragma once
#include "inference/tiled_inference.h"

#include <optional>

namespace soilscope::models {
class TrainedModel;
}

namespace soilscope::inference {

/// A CPU evaluator for trained MLPs (every member of the ensemble) on the dense kernels the
/// hand-written training path uses, vectorised over pixels. Small dense layers (14-35-35-1)
/// are far from what BLAS is tuned for, so tiled inference of MLPs uses this path; it computes
/// the same function as the model's own predict (tested to float round-off). nullopt for other
/// families or for models on CUDA.
std::optional<BatchModel> fastMlp(const models::TrainedModel& model);

} // namespace soilscope::inference
