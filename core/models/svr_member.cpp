// ε-SVR members through libsvm.
#include "base/error.h"
#include "models/native_members.h"

#include <libsvm/svm.h>

#include <charconv>
#include <cmath>

namespace soilscope::models {

namespace {

void quiet(const char*) {}

/// libsvm stores support vectors with 8 significant digits ("%.8g"); training on values
/// already rounded that way makes a saved and reloaded model predict bit-identically.
double asStored(float v) {
    char buffer[32];
    const auto end =
        std::to_chars(buffer, buffer + sizeof buffer, double(v), std::chars_format::general, 8).ptr;
    double out = 0.0;
    std::from_chars(buffer, end, out);
    return out;
}

class SvrMember : public ModelMember {
  public:
    /// Takes ownership of the model; `nodes` keeps the training vectors a trained model
    /// points into (empty for a loaded model, which owns its vectors).
    SvrMember(std::int64_t features, svm_model* model, std::vector<svm_node> nodes)
        : m_features(features), m_model(model), m_nodes(std::move(nodes)) {}
    ~SvrMember() override { svm_free_and_destroy_model(&m_model); }

    std::string kind() const override { return "svm"; }
    std::string fileExtension() const override { return ".svm"; }

    std::vector<float> predict(const float* x, std::size_t n) const override {
        std::vector<float> out(n);
        std::vector<svm_node> row(std::size_t(m_features) + 1);
        for (std::size_t i = 0; i < n; ++i) {
            std::size_t k = 0;
            bool missing = false;
            for (std::int64_t j = 0; j < m_features; ++j) {
                const float v = x[i * std::size_t(m_features) + std::size_t(j)];
                missing = missing || std::isnan(v);
                if (v != 0.0f)
                    row[k++] = svm_node{int(j) + 1, double(v)};
            }
            row[k].index = -1;
            out[i] = missing ? std::nanf("") : float(svm_predict(m_model, row.data()));
        }
        return out;
    }
    std::int64_t parameterCount() const override { return svm_get_nr_sv(m_model); }
    void save(const std::filesystem::path& file) const override {
        if (svm_save_model(file.string().c_str(), m_model) != 0)
            throw Error("cannot save the SVR model", file.string());
    }

  private:
    std::int64_t m_features;
    svm_model* m_model;
    std::vector<svm_node> m_nodes;
};

int kernelType(const std::string& name) {
    if (name == "linear")
        return LINEAR;
    if (name == "poly")
        return POLY;
    if (name == "sigmoid")
        return SIGMOID;
    return RBF;
}

} // namespace

std::shared_ptr<ModelMember> fitSvr(const ModelSpec& specIn, const features::Dataset& train) {
    const ModelSpec spec = resolveSpec(specIn);
    train.checkConsistent("model svr");
    if (train.featureShape.size() != 1 || train.targetSize() != 1)
        throw Error("needs tabular samples: features [p] and one target", "model svr");
    svm_set_print_string_function(&quiet);
    const std::size_t n = train.sampleCount(), p = train.featureSize();
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < n; ++i) {
        bool ok = train.targetMask.empty() || train.targetMask[i];
        ok = ok && std::isfinite(train.y[i]);
        for (std::size_t j = 0; ok && j < p; ++j)
            ok = std::isfinite(train.x[i * p + j]);
        if (ok)
            rows.push_back(i);
    }
    if (rows.empty())
        throw Error("no complete training samples", "model svr");
    std::vector<svm_node> nodes;
    nodes.reserve(rows.size() * (p + 1));
    std::vector<std::size_t> starts;
    std::vector<double> labels;
    for (const std::size_t i : rows) {
        starts.push_back(nodes.size());
        for (std::size_t j = 0; j < p; ++j)
            if (train.x[i * p + j] != 0.0f)
                nodes.push_back(svm_node{int(j) + 1, asStored(train.x[i * p + j])});
        nodes.push_back(svm_node{-1, 0.0});
        labels.push_back(train.y[i]);
    }
    std::vector<svm_node*> xs;
    for (const std::size_t s : starts)
        xs.push_back(nodes.data() + s);
    svm_problem problem{int(rows.size()), labels.data(), xs.data()};
    const auto& q = spec.params;
    svm_parameter param{};
    param.svm_type = EPSILON_SVR;
    param.kernel_type = kernelType(q["kernel"]);
    param.degree = q["degree"];
    const double gamma = q["gamma"];
    param.gamma = gamma > 0 ? gamma : 1.0 / double(p);
    param.coef0 = q["coef0"];
    param.cache_size = q["cache_mb"];
    param.eps = q["tolerance"];
    param.C = q["c"];
    param.p = q["epsilon"];
    param.shrinking = 1;
    param.probability = 0;
    if (const char* err = svm_check_parameter(&problem, &param))
        throw Error(std::string("bad SVR parameters: ") + err, "model svr");
    svm_model* model = svm_train(&problem, &param);
    if (!model)
        throw Error("SVR training failed", "model svr");
    // The model points into `nodes` (moved, so the buffer address is kept) until destroyed.
    return std::make_shared<SvrMember>(std::int64_t(p), model, std::move(nodes));
}

std::shared_ptr<ModelMember> loadSvr(const ModelSpec& spec, std::int64_t features,
                                     const std::filesystem::path& file) {
    (void)spec;
    svm_set_print_string_function(&quiet);
    svm_model* model = svm_load_model(file.string().c_str());
    if (!model)
        throw Error("corrupt SVR model file", file.string());
    if (svm_get_svm_type(model) != EPSILON_SVR) {
        svm_free_and_destroy_model(&model);
        throw Error("not an ε-SVR model", file.string());
    }
    return std::make_shared<SvrMember>(features, model, std::vector<svm_node>{});
}

} // namespace soilscope::models
