#pragma once
// Folding a target transform into a trained network, so that a model trained on a scaled
// target predicts in the target's own units and its bundle needs no extra step.
#include "models/trained_model.h"

#include <vector>

namespace soilscope::models {

/// Replaces every member's output y by scale·y + offset[j] by rescaling the weights and bias of
/// its last linear layer. mlp: one offset per output; locally_connected: one offset per output
/// pixel (targetShape order); lstm, gru and wcm_lstm (a dense head per time step): one offset.
/// Throws soilscope::Error for other families or when the sizes disagree.
void foldOutputAffine(TrainedModel& model, float scale, const std::vector<float>& offset);

} // namespace soilscope::models
