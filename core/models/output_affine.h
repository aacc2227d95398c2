#pragma once
// Folding a target transform into a trained network, so that a model trained on a scaled
// target predicts in the target's own units and its bundle needs no extra step.
#include "models/trained_model.h"

#include <vector>

namespace soilscope::models {

/// Replaces every member's output y by scale·y + offset[j] (one offset per output element,
/// targetShape order) by rescaling the weights and bias of its last locally connected layer.
/// Only the locally_connected family is supported (its last layer is linear and has a bias
/// per output pixel); throws soilscope::Error otherwise or when the sizes disagree.
void foldOutputAffine(TrainedModel& model, float scale, const std::vector<float>& offset);

} // namespace soilscope::models
