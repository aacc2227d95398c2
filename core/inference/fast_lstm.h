#pragma once
#include "inference/tiled_inference.h"

#include <optional>

namespace soilscope::models {
class TrainedModel;
}

namespace soilscope::inference {

/// A CPU evaluator for trained sequence-to-sequence LSTMs (family "lstm": stacked LSTM layers and
/// a dense head per step; family "wcm_lstm": its Water Cloud Model layer in front; every member
/// of the ensemble averaged): x [n, T, p] (normalised) → [n, T]. Per-pixel maps run thousands of
/// short-hidden sequences, where LibTorch's LSTM spends its time in per-step operator dispatch;
/// this path evaluates many sequences together in plain loops the compiler vectorises, on a few
/// threads. It computes the same function as the model's own predict (tested to float round-off).
/// nullopt for other families (gru, ...), for unknown parameters or for models on CUDA.
std::optional<BatchModel> fastLstm(const models::TrainedModel& model);

} // namespace soilscope::inference
