#pragma once
// Loss composition for the neural trainer; LibTorch types forward-declared only.
#include "training/train_settings.h"

namespace at {
class Tensor;
}

namespace soilscope::training {

/// Base loss (mse, mae, huber) averaged over valid elements (mask 1; an undefined mask means
/// all valid) plus the bounds hinge λ·mean(max(0, lower − ŷ) + max(0, ŷ − upper)) over all
/// predictions. A batch without valid targets contributes only the hinge.
at::Tensor computeLoss(const LossSettings& settings, const at::Tensor& prediction,
                       const at::Tensor& target, const at::Tensor& mask);

/// Learning rate of a schedule at a 1-based epoch and a 0-based global batch step.
double scheduledLearningRate(const SchedulerSettings& scheduler, double baseRate, int epoch,
                             int epochs, long long step);

} // namespace soilscope::training
