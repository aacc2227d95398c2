#include "training/fast_lstm_path.h"

#include "models/network.h"
#include "training/adam_state_sync.h"

#include <torch/torch.h>

#include <cstdlib>

namespace soilscope::training::detail {

struct FastLstmPath::Binding {
    torch::optim::Optimizer& optimizer;
    bool decoupled;
    FlatParameterMap map;
    std::vector<torch::Tensor> noise; ///< dropout multipliers [count][T][H] of the current batch
    std::vector<const float*> noisePointers;
};

FastLstmPath::FastLstmPath(LstmStepperConfig config, torch::optim::Optimizer& optimizer,
                           double dropout)
    : m_dropout(dropout), m_stepper(config),
      m_binding(std::make_unique<Binding>(
          Binding{optimizer, config.adam.decoupled, {}, {}, {}})) {}

FastLstmPath::~FastLstmPath() = default;

std::unique_ptr<FastLstmPath>
FastLstmPath::create(const models::ModelSpec& specIn, const TrainSettings& settings,
                     models::NetworkMember& net, torch::optim::Optimizer& optimizer,
                     const std::string& device, const std::vector<std::int64_t>& featureShape) {
    if (const char* env = std::getenv("SOILSCOPE_FAST_LSTM"); env && std::string(env) == "0")
        return nullptr;
    if (specIn.family != "lstm" || device != "cpu" || featureShape.size() != 2)
        return nullptr;
    const auto& o = settings.optimizer;
    if ((o.name != "adam" && o.name != "adamw") || o.amsgrad ||
        optimizer.param_groups().size() != 1)
        return nullptr;
    LstmStepperConfig c;
    if (!elementLossKind(settings.loss.kind, c.loss))
        return nullptr;
    const models::ModelSpec spec = models::resolveSpec(specIn);
    c.inputs = int(featureShape[1]);
    c.steps = int(featureShape[0]);
    c.hidden = spec.params.at("hidden").get<int>();
    c.layers = spec.params.at("layers").get<int>();
    c.recurrentL2 = spec.params.at("recurrent_l2").get<double>();
    c.huberDelta = settings.loss.huberDelta;
    c.boundsWeight = settings.loss.boundsWeight;
    c.lowerBound = settings.loss.lowerBound;
    c.upperBound = settings.loss.upperBound;
    c.adam = adamHyperOf(optimizer, o.name == "adamw");
    if (c.inputs < 1 || c.steps < 1 || c.hidden < 1 || c.layers < 1)
        return nullptr;

    // The optimiser must hold exactly the module's parameters in the stepper's layout.
    const auto params = optimizer.param_groups().front().params();
    const auto moduleParams = net.module().parameters();
    if (params.size() != moduleParams.size() || params.size() != std::size_t(4 * c.layers + 2))
        return nullptr;
    std::unique_ptr<FastLstmPath> path(
        new FastLstmPath(c, optimizer, spec.params.at("dropout").get<double>()));
    const auto& s = path->m_stepper;
    const std::int64_t H = c.hidden;
    std::vector<std::pair<std::size_t, std::vector<std::int64_t>>> layout;
    for (int l = 0; l < c.layers; ++l) {
        const std::int64_t in = l == 0 ? c.inputs : H;
        layout.push_back({s.weightIhOffset(l), {4 * H, in}});
        layout.push_back({s.weightHhOffset(l), {4 * H, H}});
        layout.push_back({s.biasIhOffset(l), {4 * H}});
        layout.push_back({s.biasHhOffset(l), {4 * H}});
    }
    layout.push_back({s.headWeightOffset(), {1, H}});
    layout.push_back({s.headBiasOffset(), {1}});
    for (std::size_t i = 0; i < params.size(); ++i) {
        const auto& p = params[i];
        if (!p.is_same(moduleParams[i]) || !p.is_cpu() || p.scalar_type() != torch::kFloat32 ||
            !p.is_contiguous() || p.sizes().vec() != layout[i].second)
            return nullptr;
        path->m_binding->map.params.push_back(p);
        path->m_binding->map.offsets.push_back(layout[i].first);
    }
    return path;
}

bool FastLstmPath::pull() {
    auto& b = *m_binding;
    return pullAdamState(b.map, b.optimizer, b.decoupled, m_stepper.buffers());
}

void FastLstmPath::push() {
    auto& b = *m_binding;
    pushAdamState(b.map, b.optimizer, b.decoupled, m_stepper.buffers());
}

const float* const* FastLstmPath::drawDropout(int count) {
    if (m_dropout <= 0.0)
        return nullptr;
    auto& b = *m_binding;
    const auto& c = m_stepper.config();
    b.noise.clear();
    b.noisePointers.clear();
    // In forward order, as LibTorch draws them on the CPU: the LSTM's dropout after every layer
    // but the last, on its time-major [T, b, H] output, then the module's Dropout on the
    // batch-first [b, T, H] sequence before the head.
    for (int l = 0; l <= c.layers; ++l) {
        if (l + 1 < c.layers) {
            auto noise = torch::empty({c.steps, count, c.hidden}).bernoulli_(1.0 - m_dropout);
            b.noise.push_back(noise.div_(1.0 - m_dropout).transpose(0, 1).contiguous());
        } else if (l == c.layers) {
            auto noise = torch::empty({count, c.steps, c.hidden}).bernoulli_(1.0 - m_dropout);
            b.noise.push_back(noise.div_(1.0 - m_dropout));
        }
    }
    for (auto& n : b.noise)
        b.noisePointers.push_back(n.data_ptr<float>());
    return b.noisePointers.data();
}

double FastLstmPath::step(const float* x, const float* y, const float* mask,
                          const std::int64_t* rows, int count, double lr) {
    const float* const* keep = drawDropout(count);
    return m_stepper.step(x, y, mask, rows, count, lr, keep);
}

double FastLstmPath::computeGradients(const float* x, const float* y, const float* mask,
                                      const std::int64_t* rows, int count) {
    const float* const* keep = drawDropout(count);
    return m_stepper.computeGradients(x, y, mask, rows, count, keep);
}

} // namespace soilscope::training::detail
