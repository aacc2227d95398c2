#include "workloads/target_standardisation.h"

#include "base/json_text.h"
#include "models/output_affine.h"
#include "workloads/workload_run.h"

#include <algorithm>
#include <cmath>

namespace soilscope::workloads {

TargetStandardisation fitTargetStandardisation(const features::Dataset& dataset,
                                               const std::vector<std::size_t>& samples) {
    const std::size_t T = dataset.targetSize();
    double sum = 0, sq = 0, n = 0;
    for (std::size_t i : samples)
        for (std::size_t t = 0; t < T; ++t)
            if (dataset.targetMask[i * T + t]) {
                const double y = dataset.y[i * T + t];
                sum += y;
                sq += y * y;
                n += 1;
            }
    TargetStandardisation s;
    if (n > 1) {
        s.mean = sum / n;
        s.sd = std::max(std::sqrt(std::max(sq / n - s.mean * s.mean, 0.0)), 1e-6);
    }
    return s;
}

void standardiseTargets(features::Dataset& dataset, const TargetStandardisation& s) {
    for (float& y : dataset.y)
        y = float((y - s.mean) / s.sd);
}

void foldIntoBundle(models::TrainedModel& model, const TargetStandardisation& s,
                    models::BundleInfo& info, WorkloadRun& run) {
    models::foldOutputAffine(model, float(s.sd), {float(s.mean)});
    info.metrics["target_scaling"] = {{"mean", s.mean}, {"sd", s.sd}, {"folded_into_output", true}};
    run.addNote("trained on standardised soil moisture (mean " + fmt(s.mean) + ", sd " + fmt(s.sd) +
                "), folded back into the output layer: the bundle predicts m3 m-3");
}

nlohmann::json heldOutFold(const training::TrainResult& result, const features::Dataset& test,
                           const TargetStandardisation& s) {
    auto yhat = result.model.predict(test.x.data(), test.sampleCount());
    for (float& y : yhat)
        y = float(y * s.sd + s.mean);
    return {{"best_epoch", result.bestEpoch},
            {"epochs_run", result.epochsRun},
            {"yhat", jsonNumbers(yhat)}};
}

std::vector<float> heldOutPredictions(const nlohmann::json& fold) {
    return floatsFromJson(fold.at("yhat"));
}

training::TrainResult heldOutTraining(const nlohmann::json& fold,
                                      std::vector<training::EpochReport> history) {
    training::TrainResult trained;
    trained.bestEpoch = fold.at("best_epoch").get<int>();
    trained.epochsRun = fold.at("epochs_run").get<int>();
    trained.history = std::move(history);
    return trained;
}

} // namespace soilscope::workloads
