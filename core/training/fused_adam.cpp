// Adam/AdamW as one pass per parameter on the CPU (the Adam kernel): the same update as
// torch::optim::Adam(W) (L2 or decoupled weight decay, bias correction, eps outside the square
// root), without the dozen tensor operations per parameter that dominate small-network training.
#include "kernels/adam.h"
#include "training/trainer_detail.h"

#include <torch/torch.h>

#include <cmath>

namespace soilscope::training::detail {

namespace {

bool eligible(const torch::Tensor& p) {
    return p.is_cpu() && p.scalar_type() == torch::kFloat32 && p.is_contiguous() &&
           (!p.grad().defined() ||
            (p.grad().is_contiguous() && p.grad().scalar_type() == torch::kFloat32));
}

template <class Options, class State>
bool fusedStep(torch::optim::Optimizer& optimizer, bool decoupled) {
    for (auto& group : optimizer.param_groups()) {
        if (static_cast<Options&>(group.options()).amsgrad())
            return false;
        for (const auto& p : group.params())
            if (!eligible(p))
                return false;
    }
    auto& states = optimizer.state();
    for (auto& group : optimizer.param_groups()) {
        const auto& o = static_cast<Options&>(group.options());
        const float lr = float(o.lr()), wd = float(o.weight_decay()), eps = float(o.eps());
        const float b1 = float(std::get<0>(o.betas())), b2 = float(std::get<1>(o.betas()));
        for (auto& p : group.params()) {
            if (!p.grad().defined())
                continue;
            const std::string key = c10::guts::to_string(p.unsafeGetTensorImpl());
            auto it = states.find(key);
            if (it == states.end()) {
                auto state = std::make_unique<State>();
                state->step(0);
                state->exp_avg(torch::zeros_like(p, torch::MemoryFormat::Contiguous));
                state->exp_avg_sq(torch::zeros_like(p, torch::MemoryFormat::Contiguous));
                it = states.emplace(key, std::move(state)).first;
            }
            auto& state = static_cast<State&>(*it->second);
            if (!state.exp_avg().is_contiguous() || !state.exp_avg_sq().is_contiguous()) {
                state.exp_avg(state.exp_avg().contiguous());
                state.exp_avg_sq(state.exp_avg_sq().contiguous());
            }
            state.step(state.step() + 1);
            const double step = double(state.step());
            const float stepSize = float(double(lr) / (1.0 - std::pow(double(b1), step)));
            const float invSqrtBc2 = float(1.0 / std::sqrt(1.0 - std::pow(double(b2), step)));
            float* w = p.data_ptr<float>();
            const float* g = p.grad().data_ptr<float>();
            torch::Tensor mt = state.exp_avg(), vt = state.exp_avg_sq();
            float* m = mt.data_ptr<float>();
            float* v = vt.data_ptr<float>();
            const float decay = decoupled ? 1.0f - lr * wd : 1.0f;
            const float l2 = decoupled ? 0.0f : wd;
            kernels::adamUpdatePortable(w, g, m, v, std::size_t(p.numel()), b1, b2, l2, decay,
                                        stepSize, invSqrtBc2, eps);
            torch::autograd::impl::bump_version(p);
        }
    }
    return true;
}

} // namespace

bool fusedAdamStep(torch::optim::Optimizer& optimizer, const std::string& name) {
    if (name == "adam")
        return fusedStep<torch::optim::AdamOptions, torch::optim::AdamParamState>(optimizer, false);
    if (name == "adamw")
        return fusedStep<torch::optim::AdamWOptions, torch::optim::AdamWParamState>(optimizer,
                                                                                    true);
    return false;
}

} // namespace soilscope::training::detail
