#pragma once
// Internal to training/: what the LSTM training paths share: the stepper configuration, the
// parameter layout of a LibTorch LSTM core and its dropout masks. LibTorch types are only
// forward-declared (callers are training/ .cpp files that include torch themselves).
#include "models/model_spec.h"
#include "training/adam_state_sync.h"
#include "training/lstm_sequence_stepper.h"
#include "training/train_settings.h"

#include <optional>

#include <cstdint>
#include <utility>
#include <vector>

namespace at {
class Tensor;
}

namespace soilscope::training::detail {

/// The stepper configuration of an LSTM core of the resolved spec (hidden, layers,
/// recurrent_l2) trained with these settings on features [T, inputs]; nullopt when the loss or
/// the optimiser is not covered (only Adam/AdamW without AMSGrad) or a size is below one. The
/// Adam hyper-parameters are left to the caller (they are the optimiser's own).
std::optional<LstmStepperConfig> lstmStepperConfig(const models::ModelSpec& spec,
                                                   const TrainSettings& settings, int steps,
                                                   int inputs);

/// Maps the LSTM core's parameters (module order) onto the stepper's flat layout; false (map
/// left incomplete) when their number, shapes, device, type or contiguity do not fit it.
bool bindLstmParameters(const std::vector<at::Tensor>& params, const LstmSequenceStepper& stepper,
                        FlatParameterMap& map);

/// LibTorch's parameters of the stacked LSTM and its head, in module order: each one's offset
/// in the stepper's flat buffers and its shape.
std::vector<std::pair<std::size_t, std::vector<std::int64_t>>>
lstmParameterLayout(const LstmSequenceStepper& stepper);

/// The dropout multipliers of one batch, drawn from LibTorch's generator in forward order as
/// LibTorch draws them on the CPU: the LSTM's dropout after every layer but the last, on its
/// time-major [T, b, H] output, then the module's Dropout on the batch-first [b, T, H]
/// sequence before the head. Stored as the stepper wants them, [b][T][H].
struct LstmDropoutMasks {
    std::vector<at::Tensor> noise;
    std::vector<const float*> pointers;
    /// The masks for `count` sequences; null when p ≤ 0.
    const float* const* draw(double p, const LstmStepperConfig& config, int count);
};

} // namespace soilscope::training::detail
