#include "models/output_affine.h"

#include "base/error.h"
#include "models/network.h"

#include <torch/torch.h>

namespace soilscope::models {

void foldOutputAffine(TrainedModel& model, float scale, const std::vector<float>& offset) {
    if (model.spec().family != "locally_connected")
        throw Error("an output transform can be folded into locally_connected models only", "model " + model.spec().family);
    std::int64_t outputs = 1;
    for (const auto s : model.targetShape()) outputs *= s;
    if (std::int64_t(offset.size()) != outputs)
        throw Error("output offset has " + std::to_string(offset.size()) + " values for " + std::to_string(outputs) +
                        " outputs",
                    "model locally_connected");
    torch::NoGradGuard guard;
    for (const auto& member : model.members()) {
        auto* net = dynamic_cast<NetworkMember*>(member.get());
        if (!net) throw Error("member is not a network", "model locally_connected");
        torch::Tensor weight, bias;
        for (auto& item : net->module().named_parameters(true)) {
            if (item.key() == "last.weight") weight = item.value();
            if (item.key() == "last.bias") bias = item.value();
        }
        if (!weight.defined() || !bias.defined() || bias.numel() != outputs)
            throw Error("network has no last locally connected layer of the output's size", "model locally_connected");
        const auto add = torch::from_blob(const_cast<float*>(offset.data()), bias.sizes(), torch::kFloat32)
                             .to(bias.device(), bias.scalar_type());
        weight.mul_(scale);
        bias.mul_(scale).add_(add);
    }
}

} // namespace soilscope::models
