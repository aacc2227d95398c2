#include "training/losses.h"

#include <torch/torch.h>

#include <cmath>

namespace soilscope::training {

at::Tensor computeLoss(const LossSettings& s, const at::Tensor& prediction,
                       const at::Tensor& target, const at::Tensor& mask) {
    const auto diff = prediction - target;
    torch::Tensor elementwise;
    if (s.kind == "mae")
        elementwise = diff.abs();
    else if (s.kind == "huber")
        elementwise =
            torch::nn::functional::huber_loss(prediction, target,
                                              torch::nn::functional::HuberLossFuncOptions()
                                                  .reduction(torch::kNone)
                                                  .delta(s.huberDelta));
    else
        elementwise = diff * diff;
    torch::Tensor loss;
    if (mask.defined()) {
        // Masked targets may hold NaN: zero them through where(), not by multiplication.
        const auto valid = mask > 0.5;
        const auto safe = torch::where(valid, elementwise, torch::zeros_like(elementwise));
        loss = safe.sum() / mask.sum().clamp_min(1.0);
    } else {
        loss = elementwise.mean();
    }
    if (s.boundsWeight > 0) {
        const auto hinge =
            torch::relu(s.lowerBound - prediction) + torch::relu(prediction - s.upperBound);
        loss = loss + s.boundsWeight * hinge.mean();
    }
    return loss;
}

double scheduledLearningRate(const SchedulerSettings& s, double base, int epoch, int epochs,
                             long long step) {
    constexpr double kPi = 3.14159265358979323846;
    if (s.kind == "step")
        return base * std::pow(s.gamma, double((epoch - 1) / s.stepSize));
    if (s.kind == "cosine") {
        const int period = s.cosinePeriod > 0 ? s.cosinePeriod : epochs;
        const double t = double((epoch - 1) % period) / double(period);
        return s.minLearningRate + (base - s.minLearningRate) * 0.5 * (1.0 + std::cos(kPi * t));
    }
    if (s.kind == "cyclic") {
        // Triangular cyclical rate (Smith 2017), one half cycle = stepSize batches.
        const double it = double(step), half = double(s.stepSize);
        const double cycle = std::floor(1.0 + it / (2.0 * half));
        const double x = std::abs(it / half - 2.0 * cycle + 1.0);
        return s.minLearningRate + (s.maxLearningRate - s.minLearningRate) * std::max(0.0, 1.0 - x);
    }
    return base;
}

} // namespace soilscope::training
