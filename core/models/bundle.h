#pragma once
#include "features/dataset.h"
#include "models/bundle_manifest.h"
#include "models/trained_model.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace soilscope::models {

/// Writes a bundle folder: bundle.json plus one weights file per member
/// (member_<i>.pt for LibTorch — a torch::save archive of the parameters —, member_<i>.json for
/// XGBoost, member_<i>.svm for libsvm) and, for the LibTorch families that have a TorchScript
/// form, model.pt: one TorchScript module (all members averaged, normalisation folded in)
/// described under "torchscript" in bundle.json (null when there is none). The folder is
/// written under a temporary name and renamed, so an existing bundle is replaced only when the
/// new one is complete.
void saveBundle(const std::filesystem::path& folder, const TrainedModel& model,
                const BundleInfo& info);

/// A loaded bundle ready for prediction.
class Predictor {
  public:
    /// Loads a bundle folder; device "auto", "cpu" or "cuda". A missing or corrupt file gives a
    /// soilscope::Error naming the file and the problem.
    static Predictor load(const std::filesystem::path& folder, const std::string& device = "cpu");

    const BundleInfo& info() const { return m_info; }
    const TrainedModel& model() const { return m_model; }
    const ModelSpec& spec() const { return m_model.spec(); }
    const std::vector<std::int64_t>& featureShape() const { return m_model.featureShape(); }
    const std::vector<std::int64_t>& targetShape() const { return m_model.targetShape(); }

    /// Predictions for every sample of the dataset ([n, targetShape...]); checks the shape.
    std::vector<float> predict(const features::Dataset& data) const;
    /// Predictions for n samples laid out [n, featureShape...] (a tile batch).
    std::vector<float> predict(const float* x, std::size_t n) const;

  private:
    TrainedModel m_model;
    BundleInfo m_info;
};

} // namespace soilscope::models
