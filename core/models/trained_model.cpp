#include "models/trained_model.h"

#include "models/family_registry.h"

#include "base/error.h"
#include "models/model_member.h"
#include "models/native_members.h"
#include "models/network.h"

#include <numeric>

namespace soilscope::models {

namespace {
std::size_t product(const std::vector<std::int64_t>& s) {
    return std::accumulate(s.begin(), s.end(), std::size_t{1},
                           [](std::size_t a, std::int64_t b) { return a * std::size_t(b); });
}
} // namespace

TrainedModel::TrainedModel(ModelSpec spec, std::vector<std::int64_t> featureShape,
                           std::vector<std::int64_t> targetShape,
                           std::vector<std::shared_ptr<ModelMember>> members)
    : m_spec(std::move(spec)), m_featureShape(std::move(featureShape)),
      m_targetShape(std::move(targetShape)), m_members(std::move(members)) {}

std::vector<float> TrainedModel::predict(const float* x, std::size_t n) const {
    if (m_members.empty())
        throw Error("the model has no trained members", "model " + m_spec.family);
    std::vector<float> sum = m_members.front()->predict(x, n);
    const std::size_t expected = n * product(m_targetShape);
    if (sum.size() != expected)
        throw Error("member returned the wrong number of values", "model " + m_spec.family);
    for (std::size_t m = 1; m < m_members.size(); ++m) {
        const auto p = m_members[m]->predict(x, n);
        for (std::size_t i = 0; i < sum.size(); ++i)
            sum[i] += p[i];
    }
    if (m_members.size() > 1) {
        const float inv = 1.0f / float(m_members.size());
        for (auto& v : sum)
            v *= inv;
    }
    return sum;
}

std::int64_t TrainedModel::parameterCount() const {
    return m_members.empty() ? 0 : m_members.front()->parameterCount();
}

void TrainedModel::to(const std::string& device) {
    for (auto& m : m_members)
        m->to(device);
}

std::shared_ptr<ModelMember> loadMember(const std::string& kind, const ModelSpec& spec,
                                        const std::vector<std::int64_t>& featureShape,
                                        const std::vector<std::int64_t>& targetShape,
                                        const std::filesystem::path& file) {
    if (kind == "torch") {
        auto member = std::make_shared<NetworkMember>(spec, featureShape, targetShape);
        member->load(file);
        return member;
    }
    const auto features = std::int64_t(product(featureShape));
    if (kind == "xgboost")
        return loadXGBoost(spec, features, file);
    if (kind == "svm")
        return loadSvr(spec, features, file);
    if (isPluginMemberKind(kind))
        return loadPluginMember(kind, spec, static_cast<std::size_t>(features),
                                static_cast<std::size_t>(product(targetShape)), file);
    throw Error("unknown member kind '" + kind + "'", file.string());
}

} // namespace soilscope::models
