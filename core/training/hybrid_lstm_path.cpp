#include "training/hybrid_lstm_path.h"

#include "models/network.h"
#include "training/adam_state_sync.h"
#include "training/lstm_path_support.h"
#include "training/trainer_detail.h"

#include <torch/torch.h>

#include <cstring>

namespace soilscope::training::detail {

struct HybridLstmPath::Binding {
    models::NetworkMember& net;
    torch::optim::Optimizer& optimizer;
    std::string optimizerName;
    double dropout = 0.0;
    int features = 0;
    FlatParameterMap core;         ///< the LSTM core's parameters in the stepper's layout
    std::vector<float> x, y, mask; ///< the batch, gathered
    LstmDropoutMasks masks;
};

HybridLstmPath::HybridLstmPath(LstmStepperConfig config, std::unique_ptr<Binding> binding)
    : m_stepper(config), m_binding(std::move(binding)) {
    m_stepper.setInputGradients(true);
}

HybridLstmPath::~HybridLstmPath() = default;

std::unique_ptr<HybridLstmPath>
HybridLstmPath::create(const models::ModelSpec& specIn, const TrainSettings& settings,
                       models::NetworkMember& net, torch::optim::Optimizer& optimizer,
                       const std::string& device, const std::vector<std::int64_t>& featureShape) {
    torch::nn::Module* core = net.sequenceCore();
    if (!core || specIn.family == "lstm" || device != "cpu" || featureShape.size() != 2)
        return nullptr;
    const models::ModelSpec spec = models::resolveSpec(specIn);
    const auto params = core->parameters();
    if (params.empty() || params.front().dim() != 2)
        return nullptr;
    auto config =
        lstmStepperConfig(spec, settings, int(featureShape[0]), int(params.front().size(1)));
    if (!config)
        return nullptr;
    LstmStepperConfig c = *config;
    // The recurrent L2 stays in the family's regularization(), which autograd differentiates.
    c.recurrentL2 = 0.0;
    auto binding = std::make_unique<Binding>(Binding{net,
                                                     optimizer,
                                                     settings.optimizer.name,
                                                     spec.params.at("dropout").get<double>(),
                                                     int(featureShape[1]),
                                                     {},
                                                     {},
                                                     {},
                                                     {},
                                                     {}});
    std::unique_ptr<HybridLstmPath> path(new HybridLstmPath(c, std::move(binding)));
    if (!bindLstmParameters(params, path->m_stepper, path->m_binding->core))
        return nullptr;
    for (const auto& p : net.module().parameters())
        if (!p.is_cpu() || p.scalar_type() != torch::kFloat32)
            return nullptr;
    return path;
}

double HybridLstmPath::computeGradients(const float* x, const float* y, const float* mask,
                                        const std::int64_t* rows, int count) {
    auto& b = *m_binding;
    const auto& c = m_stepper.config();
    const std::size_t T = std::size_t(c.steps), row = T * std::size_t(b.features);
    b.x.resize(std::size_t(count) * row);
    b.y.resize(std::size_t(count) * T);
    b.mask.resize(mask ? std::size_t(count) * T : 0);
    std::vector<std::int64_t> local(static_cast<std::size_t>(count));
    for (int s = 0; s < count; ++s) {
        const std::size_t r = std::size_t(rows[s]);
        std::memcpy(b.x.data() + std::size_t(s) * row, x + r * row, row * sizeof(float));
        std::memcpy(b.y.data() + std::size_t(s) * T, y + r * T, T * sizeof(float));
        if (mask)
            std::memcpy(b.mask.data() + std::size_t(s) * T, mask + r * T, T * sizeof(float));
        local[std::size_t(s)] = s;
    }
    const auto xb = torch::from_blob(b.x.data(), {count, c.steps, b.features}, torch::kFloat32);
    b.optimizer.zero_grad();
    const torch::Tensor input = b.net.sequenceInput(xb);
    const torch::Tensor inputData = input.detach().contiguous();
    for (std::size_t i = 0; i < b.core.params.size(); ++i) {
        const auto w = b.core.params[i].detach().contiguous();
        std::memcpy(m_stepper.parameters().data() + b.core.offsets[i], w.data_ptr<float>(),
                    std::size_t(w.numel()) * sizeof(float));
    }
    // Drawn after the front's forward, as the module's own forward draws them.
    const float* const* keep = b.masks.draw(b.dropout, c, count);
    const double loss =
        m_stepper.computeGradients(inputData.data_ptr<float>(), b.y.data(),
                                   mask ? b.mask.data() : nullptr, local.data(), count, keep);
    for (std::size_t i = 0; i < b.core.params.size(); ++i) {
        auto& p = b.core.params[i];
        const auto g = torch::from_blob(m_stepper.buffers().grads.data() + b.core.offsets[i],
                                        p.sizes(), torch::kFloat32);
        if (p.mutable_grad().defined())
            p.mutable_grad().copy_(g);
        else
            p.mutable_grad() = g.clone();
    }
    // One backward pass: the front's output and the regularisation share the graph of A.
    std::vector<torch::Tensor> outputs, seeds;
    if (input.requires_grad()) {
        outputs.push_back(input);
        seeds.push_back(torch::from_blob(const_cast<float*>(m_stepper.inputGradients().data()),
                                         inputData.sizes(), torch::kFloat32));
    }
    if (b.net.hasRegularization()) {
        const auto penalty = b.net.regularization();
        if (penalty.requires_grad()) {
            outputs.push_back(penalty);
            seeds.push_back(torch::ones_like(penalty));
        }
    }
    if (!outputs.empty())
        torch::autograd::backward(outputs, seeds);
    return loss;
}

double HybridLstmPath::step(const float* x, const float* y, const float* mask,
                            const std::int64_t* rows, int count, double lr) {
    (void)lr; // the trainer has set it on the optimiser
    const double loss = computeGradients(x, y, mask, rows, count);
    if (!fusedAdamStep(m_binding->optimizer, m_binding->optimizerName))
        m_binding->optimizer.step();
    return loss;
}

} // namespace soilscope::training::detail
