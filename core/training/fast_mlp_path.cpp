#include "training/fast_mlp_path.h"

#include "models/network.h"

#include <torch/torch.h>

#include <cstdlib>
#include <cstring>

namespace soilscope::training::detail {

namespace {

std::optional<MlpActivation> activationCode(const std::string& name) {
    if (name == "relu")
        return MlpActivation::Relu;
    if (name == "tanh")
        return MlpActivation::Tanh;
    if (name == "sigmoid")
        return MlpActivation::Sigmoid;
    if (name == "elu")
        return MlpActivation::Elu;
    return std::nullopt;
}

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

/// Betas, eps and weight decay of an Adam or AdamW option set.
template <class AdamOptions>
void copyAdamOptions(const AdamOptions& opt, DenseMlpConfig& c) {
    c.beta1 = std::get<0>(opt.betas());
    c.beta2 = std::get<1>(opt.betas());
    c.eps = opt.eps();
    c.weightDecay = opt.weight_decay();
}

} // namespace

struct FastMlpPath::Binding {
    models::NetworkMember& net;
    torch::optim::Optimizer& optimizer;
    bool decoupled;
    std::vector<torch::Tensor> params; ///< weight, bias per layer, in the flat buffers' order
    std::vector<std::size_t> offsets;
    std::vector<torch::Tensor> noise; ///< dropout multipliers of the current batch
    std::vector<const float*> noisePointers;

    template <class State> bool pullState(DenseMlpStepper& s) {
        long long steps = -1;
        for (std::size_t i = 0; i < params.size(); ++i) {
            const State* st = findState<State>(optimizer, params[i]);
            const long long n = st ? st->step() : 0;
            if (steps >= 0 && n != steps)
                return false;
            steps = n;
            if (st) {
                copyIn(s.expAvg(), offsets[i], st->exp_avg());
                copyIn(s.expAvgSq(), offsets[i], st->exp_avg_sq());
            } else {
                std::fill_n(s.expAvg().begin() + std::ptrdiff_t(offsets[i]), params[i].numel(),
                            0.0f);
                std::fill_n(s.expAvgSq().begin() + std::ptrdiff_t(offsets[i]), params[i].numel(),
                            0.0f);
            }
        }
        s.adamSteps() = std::max(steps, 0LL);
        return true;
    }

    template <class State> void pushState(DenseMlpStepper& s) {
        if (s.adamSteps() == 0)
            return; // no update yet: the optimiser has no state either
        auto& states = optimizer.state();
        for (std::size_t i = 0; i < params.size(); ++i) {
            State* st = findState<State>(optimizer, params[i]);
            if (!st) {
                auto fresh = std::make_unique<State>();
                fresh->exp_avg(torch::zeros_like(params[i], torch::MemoryFormat::Contiguous));
                fresh->exp_avg_sq(torch::zeros_like(params[i], torch::MemoryFormat::Contiguous));
                st = fresh.get();
                states[stateKey(params[i])] = std::move(fresh);
            }
            if (!st->exp_avg().is_contiguous())
                st->exp_avg(st->exp_avg().contiguous());
            if (!st->exp_avg_sq().is_contiguous())
                st->exp_avg_sq(st->exp_avg_sq().contiguous());
            st->step(s.adamSteps());
            torch::Tensor m = st->exp_avg(), v = st->exp_avg_sq();
            copyOut(s.expAvg(), offsets[i], m);
            copyOut(s.expAvgSq(), offsets[i], v);
        }
    }
};

FastMlpPath::FastMlpPath(DenseMlpConfig config, models::NetworkMember& net,
                         torch::optim::Optimizer& optimizer, bool decoupled)
    : m_stepper(std::move(config)),
      m_binding(std::make_unique<Binding>(Binding{net, optimizer, decoupled, {}, {}})) {}

FastMlpPath::~FastMlpPath() = default;

std::unique_ptr<FastMlpPath> FastMlpPath::create(const models::ModelSpec& specIn,
                                                 const TrainSettings& settings,
                                                 models::NetworkMember& net,
                                                 torch::optim::Optimizer& optimizer,
                                                 const std::string& device) {
    if (const char* env = std::getenv("SOILSCOPE_FAST_MLP"); env && std::string(env) == "0")
        return nullptr;
    if (specIn.family != "mlp" || device != "cpu" || net.hasRegularization())
        return nullptr;
    const models::ModelSpec spec = models::resolveSpec(specIn);
    const auto& o = settings.optimizer;
    if ((o.name != "adam" && o.name != "adamw") || o.amsgrad)
        return nullptr;
    const auto act = activationCode(spec.params.value("activation", std::string("relu")));
    if (!act)
        return nullptr;
    const auto& l = settings.loss;
    if (l.kind != "mse" && l.kind != "mae" && l.kind != "huber")
        return nullptr;
    if (optimizer.param_groups().size() != 1)
        return nullptr;

    // The module must be a plain chain of Linear layers: [out, in] weights and [out] biases.
    const auto params = optimizer.param_groups().front().params();
    const auto moduleParams = net.module().parameters();
    if (params.size() != moduleParams.size() || params.size() < 2 || params.size() % 2 != 0)
        return nullptr;
    DenseMlpConfig c;
    for (std::size_t i = 0; i < params.size(); i += 2) {
        const auto& w = params[i];
        const auto& b = params[i + 1];
        if (!w.is_same(moduleParams[i]) || !b.is_same(moduleParams[i + 1]))
            return nullptr;
        for (const auto* t : {&w, &b})
            if (!t->is_cpu() || t->scalar_type() != torch::kFloat32 || !t->is_contiguous())
                return nullptr;
        if (w.dim() != 2 || b.dim() != 1 || b.size(0) != w.size(0))
            return nullptr;
        if (c.widths.empty())
            c.widths.push_back(int(w.size(1)));
        else if (c.widths.back() != w.size(1))
            return nullptr;
        c.widths.push_back(int(w.size(0)));
    }
    c.activation = *act;
    c.loss = l.kind;
    c.huberDelta = l.huberDelta;
    c.boundsWeight = l.boundsWeight;
    c.lowerBound = l.lowerBound;
    c.upperBound = l.upperBound;
    c.decoupledDecay = o.name == "adamw";
    // The optimiser's own options are what the autograd path would use.
    const auto& options = optimizer.param_groups().front().options();
    if (c.decoupledDecay)
        copyAdamOptions(static_cast<const torch::optim::AdamWOptions&>(options), c);
    else
        copyAdamOptions(static_cast<const torch::optim::AdamOptions&>(options), c);
    std::unique_ptr<FastMlpPath> path(new FastMlpPath(c, net, optimizer, c.decoupledDecay));
    path->m_dropout = spec.params.value("dropout", 0.0);
    for (std::size_t i = 0; i < params.size(); ++i) {
        path->m_binding->params.push_back(params[i]);
        const std::size_t layer = i / 2;
        path->m_binding->offsets.push_back(i % 2 == 0 ? path->m_stepper.weightOffset(layer)
                                                      : path->m_stepper.biasOffset(layer));
    }
    return path;
}

bool FastMlpPath::pull() {
    auto& b = *m_binding;
    for (std::size_t i = 0; i < b.params.size(); ++i)
        copyIn(m_stepper.parameters(), b.offsets[i], b.params[i]);
    return b.decoupled ? b.pullState<torch::optim::AdamWParamState>(m_stepper)
                       : b.pullState<torch::optim::AdamParamState>(m_stepper);
}

void FastMlpPath::push() {
    auto& b = *m_binding;
    torch::NoGradGuard guard;
    for (std::size_t i = 0; i < b.params.size(); ++i) {
        copyOut(m_stepper.parameters(), b.offsets[i], b.params[i]);
        torch::autograd::impl::bump_version(b.params[i]);
    }
    if (b.decoupled)
        b.pushState<torch::optim::AdamWParamState>(m_stepper);
    else
        b.pushState<torch::optim::AdamParamState>(m_stepper);
}

const float* const* FastMlpPath::drawDropout(int count) {
    if (m_dropout <= 0.0)
        return nullptr;
    auto& b = *m_binding;
    const auto& widths = m_stepper.config().widths;
    b.noise.clear();
    b.noisePointers.clear();
    // What torch::dropout does on the CPU for each hidden layer's [count, width] output, in
    // forward order: bernoulli(1 − p) noise divided by 1 − p.
    for (std::size_t l = 1; l + 1 < widths.size(); ++l) {
        auto noise = torch::empty({count, widths[l]}, torch::kFloat32).bernoulli_(1.0 - m_dropout);
        noise.div_(1.0 - m_dropout);
        b.noisePointers.push_back(noise.data_ptr<float>());
        b.noise.push_back(std::move(noise));
    }
    return b.noisePointers.data();
}

double FastMlpPath::step(const float* x, const float* y, const float* mask,
                         const std::int64_t* rows, int count, double lr) {
    const float* const* keep = drawDropout(count);
    return m_stepper.step(x, y, mask, rows, count, lr, keep);
}

double FastMlpPath::computeGradients(const float* x, const float* y, const float* mask,
                                     const std::int64_t* rows, int count) {
    const float* const* keep = drawDropout(count);
    return m_stepper.computeGradients(x, y, mask, rows, count, keep);
}

} // namespace soilscope::training::detail
