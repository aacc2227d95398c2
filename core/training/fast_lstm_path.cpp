#include "training/fast_lstm_path.h"

#include "models/network.h"
#include "training/adam_state_sync.h"
#include "training/lstm_path_support.h"

#include <torch/torch.h>

namespace soilscope::training::detail {

struct FastLstmPath::Binding {
    torch::optim::Optimizer& optimizer;
    bool decoupled;
    FlatParameterMap map;
    LstmDropoutMasks masks;
};

FastLstmPath::FastLstmPath(LstmStepperConfig config, torch::optim::Optimizer& optimizer,
                           double dropout)
    : m_dropout(dropout), m_stepper(config),
      m_binding(std::make_unique<Binding>(Binding{optimizer, config.adam.decoupled, {}, {}})) {}

FastLstmPath::~FastLstmPath() = default;

std::unique_ptr<FastLstmPath>
FastLstmPath::create(const models::ModelSpec& specIn, const TrainSettings& settings,
                     models::NetworkMember& net, torch::optim::Optimizer& optimizer,
                     const std::string& device, const std::vector<std::int64_t>& featureShape) {
    if (specIn.family != "lstm" || device != "cpu" || featureShape.size() != 2)
        return nullptr;
    if (optimizer.param_groups().size() != 1)
        return nullptr;
    const models::ModelSpec spec = models::resolveSpec(specIn);
    auto config = lstmStepperConfig(spec, settings, int(featureShape[0]), int(featureShape[1]));
    if (!config)
        return nullptr;
    LstmStepperConfig c = *config;
    c.adam = adamHyperOf(optimizer, settings.optimizer.name == "adamw");

    // The optimiser must hold exactly the module's parameters in the stepper's layout.
    const auto params = optimizer.param_groups().front().params();
    const auto moduleParams = net.module().parameters();
    if (params.size() != moduleParams.size())
        return nullptr;
    for (std::size_t i = 0; i < params.size(); ++i)
        if (!params[i].is_same(moduleParams[i]))
            return nullptr;
    std::unique_ptr<FastLstmPath> path(
        new FastLstmPath(c, optimizer, spec.params.at("dropout").get<double>()));
    if (!bindLstmParameters(params, path->m_stepper, path->m_binding->map))
        return nullptr;
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
    return m_binding->masks.draw(m_dropout, m_stepper.config(), count);
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
