#include "training/fast_mlp_path.h"

#include "kernels/activation.h"

#include "models/network.h"
#include "training/adam_state_sync.h"

#include <torch/torch.h>

#include <cstdlib>
#include <cstring>

namespace soilscope::training::detail {

struct FastMlpPath::Binding {
    models::NetworkMember& net;
    torch::optim::Optimizer& optimizer;
    bool decoupled;
    FlatParameterMap map;             ///< weight, bias per layer, in the flat buffers' order
    std::vector<torch::Tensor> noise; ///< dropout multipliers of the current batch
    std::vector<const float*> noisePointers;
};

FastMlpPath::FastMlpPath(DenseMlpConfig config, models::NetworkMember& net,
                         torch::optim::Optimizer& optimizer, bool decoupled)
    : m_stepper(std::move(config)),
      m_binding(std::make_unique<Binding>(Binding{net, optimizer, decoupled, {}, {}, {}})) {}

FastMlpPath::~FastMlpPath() = default;

std::unique_ptr<FastMlpPath> FastMlpPath::create(const models::ModelSpec& specIn,
                                                 const TrainSettings& settings,
                                                 models::NetworkMember& net,
                                                 torch::optim::Optimizer& optimizer,
                                                 const std::string& device) {
    if (specIn.family != "mlp" || device != "cpu" || net.hasRegularization())
        return nullptr;
    const models::ModelSpec spec = models::resolveSpec(specIn);
    const auto& o = settings.optimizer;
    if ((o.name != "adam" && o.name != "adamw") || o.amsgrad)
        return nullptr;
    const auto act =
        kernels::activationFromName(spec.params.value("activation", std::string("relu")));
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
    // The optimiser's own options are what the autograd path would use.
    const kernels::AdamHyper hyper = adamHyperOf(optimizer, o.name == "adamw");
    c.beta1 = hyper.beta1;
    c.beta2 = hyper.beta2;
    c.eps = hyper.eps;
    c.weightDecay = hyper.weightDecay;
    c.decoupledDecay = hyper.decoupled;
    std::unique_ptr<FastMlpPath> path(new FastMlpPath(c, net, optimizer, c.decoupledDecay));
    path->m_dropout = spec.params.value("dropout", 0.0);
    for (std::size_t i = 0; i < params.size(); ++i) {
        path->m_binding->map.params.push_back(params[i]);
        const std::size_t layer = i / 2;
        path->m_binding->map.offsets.push_back(i % 2 == 0 ? path->m_stepper.weightOffset(layer)
                                                          : path->m_stepper.biasOffset(layer));
    }
    return path;
}

bool FastMlpPath::pull() {
    auto& b = *m_binding;
    return pullAdamState(b.map, b.optimizer, b.decoupled, m_stepper.buffers());
}

void FastMlpPath::push() {
    auto& b = *m_binding;
    pushAdamState(b.map, b.optimizer, b.decoupled, m_stepper.buffers());
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
