#include "training/lstm_path_support.h"

#include <torch/torch.h>

#include <cstdlib>
#include <string>

namespace soilscope::training::detail {

std::optional<LstmStepperConfig> lstmStepperConfig(const models::ModelSpec& spec,
                                                   const TrainSettings& settings, int steps,
                                                   int inputs) {
    const auto& o = settings.optimizer;
    LstmStepperConfig c;
    if ((o.name != "adam" && o.name != "adamw") || o.amsgrad ||
        !elementLossKind(settings.loss.kind, c.loss))
        return std::nullopt;
    c.inputs = inputs;
    c.steps = steps;
    c.hidden = spec.params.at("hidden").get<int>();
    c.layers = spec.params.at("layers").get<int>();
    c.recurrentL2 = spec.params.at("recurrent_l2").get<double>();
    c.huberDelta = settings.loss.huberDelta;
    c.boundsWeight = settings.loss.boundsWeight;
    c.lowerBound = settings.loss.lowerBound;
    c.upperBound = settings.loss.upperBound;
    if (c.inputs < 1 || c.steps < 1 || c.hidden < 1 || c.layers < 1)
        return std::nullopt;
    return c;
}

std::vector<std::pair<std::size_t, std::vector<std::int64_t>>>
lstmParameterLayout(const LstmSequenceStepper& s) {
    const auto& c = s.config();
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
    return layout;
}

bool bindLstmParameters(const std::vector<at::Tensor>& params, const LstmSequenceStepper& stepper,
                        FlatParameterMap& map) {
    const auto layout = lstmParameterLayout(stepper);
    if (params.size() != layout.size())
        return false;
    for (std::size_t i = 0; i < params.size(); ++i) {
        const auto& p = params[i];
        if (!p.is_cpu() || p.scalar_type() != torch::kFloat32 || !p.is_contiguous() ||
            p.sizes().vec() != layout[i].second)
            return false;
        map.params.push_back(p);
        map.offsets.push_back(layout[i].first);
    }
    return true;
}

const float* const* LstmDropoutMasks::draw(double p, const LstmStepperConfig& c, int count) {
    noise.clear();
    pointers.clear();
    if (p <= 0.0)
        return nullptr;
    for (int l = 0; l + 1 < c.layers; ++l) {
        auto n = torch::empty({c.steps, count, c.hidden}).bernoulli_(1.0 - p);
        noise.push_back(n.div_(1.0 - p).transpose(0, 1).contiguous());
    }
    auto head = torch::empty({count, c.steps, c.hidden}).bernoulli_(1.0 - p);
    noise.push_back(head.div_(1.0 - p));
    for (auto& n : noise)
        pointers.push_back(n.data_ptr<float>());
    return pointers.data();
}

} // namespace soilscope::training::detail
