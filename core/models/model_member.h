#pragma once
#include "models/model_spec.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace soilscope::models {

/// One trained member of a model (a network or a native estimator), behind a plain interface
/// so that bundles, ensembles and inference need no LibTorch header.
class ModelMember {
  public:
    virtual ~ModelMember() = default;
    /// "torch", "xgboost" or "svm" (also the bundle's record of how to reload it).
    virtual std::string kind() const = 0;
    /// File extension of the weights file (".pt", ".json", ".svm").
    virtual std::string fileExtension() const = 0;
    /// n samples [n, featureSize] → [n, targetSize].
    virtual std::vector<float> predict(const float* x, std::size_t n) const = 0;
    virtual std::int64_t parameterCount() const = 0;
    /// Writes the weights to `file`; throws soilscope::Error.
    virtual void save(const std::filesystem::path& file) const = 0;
    virtual void to(const std::string& /*device*/) {}
};

/// Reloads a member saved by ModelMember::save; throws soilscope::Error naming the file.
std::shared_ptr<ModelMember> loadMember(const std::string& kind, const ModelSpec& spec,
                                        const std::vector<std::int64_t>& featureShape,
                                        const std::vector<std::int64_t>& targetShape,
                                        const std::filesystem::path& file);

} // namespace soilscope::models
