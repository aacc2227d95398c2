#pragma once
// Internal to training/: the per-element losses of computeLoss() and their derivatives, for the
// autograd-free training paths.
#include <algorithm>
#include <cmath>
#include <string>

namespace soilscope::training::detail {

/// The losses the autograd-free paths derive by hand.
enum class ElementLoss { Mse, Mae, Huber };

/// ElementLoss of "mse", "mae" or "huber"; false for any other name.
inline bool elementLossKind(const std::string& name, ElementLoss& kind) {
    if (name == "mse")
        kind = ElementLoss::Mse;
    else if (name == "mae")
        kind = ElementLoss::Mae;
    else if (name == "huber")
        kind = ElementLoss::Huber;
    else
        return false;
    return true;
}

/// Loss of one residual d = prediction − target; *gradient receives dloss/dd (torch's
/// conventions: the derivative of |d| at 0 is 0).
inline float elementLoss(ElementLoss kind, float d, float huberDelta, float* gradient) {
    const float a = std::fabs(d);
    const float sign = d > 0.0f ? 1.0f : d < 0.0f ? -1.0f : 0.0f;
    switch (kind) {
    case ElementLoss::Mse:
        *gradient = 2.0f * d;
        return d * d;
    case ElementLoss::Mae:
        *gradient = sign;
        return a;
    case ElementLoss::Huber:
        break;
    }
    if (a < huberDelta) {
        *gradient = d;
        return 0.5f * d * d;
    }
    *gradient = sign * huberDelta;
    return huberDelta * (a - 0.5f * huberDelta);
}

/// The bounds hinge relu(lo − p) + relu(p − hi) of one prediction; *gradient receives its
/// derivative.
inline float boundsHinge(float prediction, float lo, float hi, float* gradient) {
    const float below = lo - prediction, above = prediction - hi;
    *gradient = (above > 0.0f ? 1.0f : 0.0f) - (below > 0.0f ? 1.0f : 0.0f);
    return std::max(below, 0.0f) + std::max(above, 0.0f);
}

} // namespace soilscope::training::detail
