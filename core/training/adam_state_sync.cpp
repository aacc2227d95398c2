#include "training/adam_state_sync.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstring>

namespace soilscope::training::detail {

namespace {

std::string stateKey(const torch::Tensor& p) {
    return c10::guts::to_string(p.unsafeGetTensorImpl());
}

template <class State>
State* findState(torch::optim::Optimizer& optimizer, const torch::Tensor& p) {
    auto& states = optimizer.state();
    const auto it = states.find(stateKey(p));
    return it == states.end() ? nullptr : static_cast<State*>(it->second.get());
}

void copyOut(const std::vector<float>& flat, std::size_t offset, torch::Tensor& t) {
    std::memcpy(t.data_ptr<float>(), flat.data() + offset, std::size_t(t.numel()) * sizeof(float));
}

void copyIn(std::vector<float>& flat, std::size_t offset, const torch::Tensor& t) {
    const auto c = t.to(torch::kFloat32).contiguous();
    std::memcpy(flat.data() + offset, c.data_ptr<float>(), std::size_t(c.numel()) * sizeof(float));
}

template <class State>
bool pullState(const FlatParameterMap& map, torch::optim::Optimizer& optimizer,
               kernels::FlatAdamBuffers& b) {
    long long steps = -1;
    for (std::size_t i = 0; i < map.params.size(); ++i) {
        const State* st = findState<State>(optimizer, map.params[i]);
        const long long n = st ? st->step() : 0;
        if (steps >= 0 && n != steps)
            return false;
        steps = n;
        if (st) {
            copyIn(b.expAvg, map.offsets[i], st->exp_avg());
            copyIn(b.expAvgSq, map.offsets[i], st->exp_avg_sq());
        } else {
            const auto at = std::ptrdiff_t(map.offsets[i]);
            std::fill_n(b.expAvg.begin() + at, map.params[i].numel(), 0.0f);
            std::fill_n(b.expAvgSq.begin() + at, map.params[i].numel(), 0.0f);
        }
    }
    b.steps = std::max(steps, 0LL);
    return true;
}

template <class State>
void pushState(const FlatParameterMap& map, torch::optim::Optimizer& optimizer,
               const kernels::FlatAdamBuffers& b) {
    if (b.steps == 0)
        return; // no update yet: the optimiser has no state either
    auto& states = optimizer.state();
    for (std::size_t i = 0; i < map.params.size(); ++i) {
        State* st = findState<State>(optimizer, map.params[i]);
        if (!st) {
            auto fresh = std::make_unique<State>();
            fresh->exp_avg(torch::zeros_like(map.params[i], torch::MemoryFormat::Contiguous));
            fresh->exp_avg_sq(torch::zeros_like(map.params[i], torch::MemoryFormat::Contiguous));
            st = fresh.get();
            states[stateKey(map.params[i])] = std::move(fresh);
        }
        if (!st->exp_avg().is_contiguous())
            st->exp_avg(st->exp_avg().contiguous());
        if (!st->exp_avg_sq().is_contiguous())
            st->exp_avg_sq(st->exp_avg_sq().contiguous());
        st->step(b.steps);
        torch::Tensor m = st->exp_avg(), v = st->exp_avg_sq();
        copyOut(b.expAvg, map.offsets[i], m);
        copyOut(b.expAvgSq, map.offsets[i], v);
    }
}

template <class AdamOptions> kernels::AdamHyper hyperOf(const AdamOptions& opt, bool decoupled) {
    return {std::get<0>(opt.betas()), std::get<1>(opt.betas()), opt.eps(), opt.weight_decay(),
            decoupled};
}

} // namespace

bool pullAdamState(const FlatParameterMap& map, torch::optim::Optimizer& optimizer, bool decoupled,
                   kernels::FlatAdamBuffers& buffers) {
    for (std::size_t i = 0; i < map.params.size(); ++i)
        copyIn(buffers.params, map.offsets[i], map.params[i]);
    return decoupled ? pullState<torch::optim::AdamWParamState>(map, optimizer, buffers)
                     : pullState<torch::optim::AdamParamState>(map, optimizer, buffers);
}

void pushAdamState(const FlatParameterMap& map, torch::optim::Optimizer& optimizer, bool decoupled,
                   const kernels::FlatAdamBuffers& buffers) {
    torch::NoGradGuard guard;
    for (std::size_t i = 0; i < map.params.size(); ++i) {
        torch::Tensor p = map.params[i];
        copyOut(buffers.params, map.offsets[i], p);
        torch::autograd::impl::bump_version(p);
    }
    if (decoupled)
        pushState<torch::optim::AdamWParamState>(map, optimizer, buffers);
    else
        pushState<torch::optim::AdamParamState>(map, optimizer, buffers);
}

kernels::AdamHyper adamHyperOf(torch::optim::Optimizer& optimizer, bool decoupled) {
    const auto& options = optimizer.param_groups().front().options();
    return decoupled ? hyperOf(static_cast<const torch::optim::AdamWOptions&>(options), true)
                     : hyperOf(static_cast<const torch::optim::AdamOptions&>(options), false);
}

} // namespace soilscope::training::detail
