#pragma once
#include "models/model_spec.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace soilscope::models {

class ModelMember; // one trained network or native estimator (defined in the .cpp files)

/// A trained model held in memory: one or more members (an ensemble of seeds, averaged at
/// prediction), the spec they were built from, and the sample layout they expect.
/// Cheap to copy (members are shared). Thread-compatible: predict from one thread at a time.
class TrainedModel {
  public:
    TrainedModel() = default;
    TrainedModel(ModelSpec spec, std::vector<std::int64_t> featureShape,
                 std::vector<std::int64_t> targetShape,
                 std::vector<std::shared_ptr<ModelMember>> members);

    const ModelSpec& spec() const { return m_spec; }
    const std::vector<std::int64_t>& featureShape() const { return m_featureShape; }
    const std::vector<std::int64_t>& targetShape() const { return m_targetShape; }
    std::size_t memberCount() const { return m_members.size(); }
    bool empty() const { return m_members.empty(); }
    const std::vector<std::shared_ptr<ModelMember>>& members() const { return m_members; }

    /// Predictions for n samples laid out [n, featureShape...] (row-major, already normalised);
    /// returns [n, targetShape...], the mean over members. Throws soilscope::Error on failure.
    std::vector<float> predict(const float* x, std::size_t n) const;
    /// Number of trainable values of one member (weights, or tree/support-vector count).
    std::int64_t parameterCount() const;
    /// Moves every neural member to "cpu" or "cuda".
    void to(const std::string& device);

  private:
    ModelSpec m_spec;
    std::vector<std::int64_t> m_featureShape;
    std::vector<std::int64_t> m_targetShape;
    std::vector<std::shared_ptr<ModelMember>> m_members;
};

} // namespace soilscope::models
