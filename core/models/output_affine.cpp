#include "models/output_affine.h"

#include "base/error.h"
#include "models/network.h"

#include <torch/torch.h>

namespace soilscope::models {

namespace {

/// Name of the output layer's parameters and the number of offsets the family takes.
std::pair<std::string, std::int64_t> outputLayer(const TrainedModel& model) {
    const std::string& family = model.spec().family;
    if (family == "locally_connected") {
        std::int64_t outputs = 1;
        for (const auto s : model.targetShape())
            outputs *= s;
        return {"last", outputs};
    }
    if (family == "lstm" || family == "gru")
        return {"head", 1};
    if (family == "wcm_lstm")
        return {"seq.head", 1};
    if (family == "mlp") {
        std::int64_t outputs = 1;
        for (const auto s : model.targetShape())
            outputs *= s;
        return {"", outputs}; // the last linear layer, whatever its index in the stack
    }
    throw Error("an output transform can be folded into mlp, locally_connected, lstm, gru and "
                "wcm_lstm models only",
                "model " + family);
}

} // namespace

void foldOutputAffine(TrainedModel& model, float scale, const std::vector<float>& offset) {
    const std::string context = "model " + model.spec().family;
    const auto [layer, outputs] = outputLayer(model);
    if (std::int64_t(offset.size()) != outputs)
        throw Error("output offset has " + std::to_string(offset.size()) + " values for " +
                        std::to_string(outputs) + " outputs",
                    context);
    torch::NoGradGuard guard;
    for (const auto& member : model.members()) {
        auto* net = dynamic_cast<NetworkMember*>(member.get());
        if (!net)
            throw Error("member is not a network", context);
        torch::Tensor weight, bias;
        for (auto& item : net->module().named_parameters(true)) {
            const bool isWeight =
                layer.empty() ? item.value().dim() == 2 : item.key() == layer + ".weight";
            const bool isBias =
                layer.empty() ? item.value().dim() == 1 : item.key() == layer + ".bias";
            if (isWeight)
                weight = item.value();
            if (isBias)
                bias = item.value();
        }
        if (!weight.defined() || !bias.defined() || bias.numel() != outputs)
            throw Error("network has no output layer '" + layer + "' of the output's size",
                        context);
        const auto add =
            torch::from_blob(const_cast<float*>(offset.data()), bias.sizes(), torch::kFloat32)
                .to(bias.device(), bias.scalar_type());
        weight.mul_(scale);
        bias.mul_(scale).add_(add);
    }
}

} // namespace soilscope::models
