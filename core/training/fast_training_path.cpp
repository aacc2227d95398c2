#include "training/fast_training_path.h"

#include "training/fast_lstm_path.h"
#include "training/fast_mlp_path.h"
#include "training/hybrid_lstm_path.h"

namespace soilscope::training::detail {

std::unique_ptr<FastTrainingPath>
makeFastTrainingPath(const models::ModelSpec& spec, const TrainSettings& settings,
                     models::NetworkMember& net, torch::optim::Optimizer& optimizer,
                     const std::string& device, const std::vector<std::int64_t>& featureShape) {
    if (settings.backend == "autograd")
        return nullptr;
    if (spec.family == "lstm")
        return FastLstmPath::create(spec, settings, net, optimizer, device, featureShape);
    if (spec.family == "wcm_lstm")
        return HybridLstmPath::create(spec, settings, net, optimizer, device, featureShape);
    return FastMlpPath::create(spec, settings, net, optimizer, device);
}

} // namespace soilscope::training::detail
