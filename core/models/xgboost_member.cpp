// XGBoost members in gradient-boosting and random-forest modes, through the C API.
#include "base/error.h"
#include "models/native_members.h"

#include <xgboost/c_api.h>

#include <cmath>
#include <cstdio>
#include <sstream>

namespace soilscope::models {

namespace {

void check(int rc, const std::string& what, const std::string& context = "XGBoost") {
    if (rc != 0)
        throw Error(what + ": " + XGBGetLastError(), context);
}

class DMatrix {
  public:
    DMatrix(const float* x, std::size_t n, std::size_t p) {
        check(XGDMatrixCreateFromMat(x, n, p, std::nanf(""), &m_handle), "cannot build the matrix");
    }
    ~DMatrix() { XGDMatrixFree(m_handle); }
    DMatrix(const DMatrix&) = delete;
    DMatrix& operator=(const DMatrix&) = delete;
    DMatrixHandle handle() const { return m_handle; }

  private:
    DMatrixHandle m_handle = nullptr;
};

class XGBoostMember : public ModelMember {
  public:
    XGBoostMember(std::int64_t features, BoosterHandle booster)
        : m_features(features), m_booster(booster) {}
    ~XGBoostMember() override { XGBoosterFree(m_booster); }

    std::string kind() const override { return "xgboost"; }
    std::string fileExtension() const override { return ".json"; }

    std::vector<float> predict(const float* x, std::size_t n) const override {
        if (n == 0)
            return {};
        DMatrix m(x, n, std::size_t(m_features));
        bst_ulong len = 0;
        const float* out = nullptr;
        check(XGBoosterPredict(m_booster, m.handle(), 0, 0, 0, &len, &out), "prediction failed");
        if (len != n)
            throw Error("unexpected prediction count", "XGBoost");
        return std::vector<float>(out, out + n);
    }
    std::int64_t parameterCount() const override {
        int rounds = 0;
        XGBoosterBoostedRounds(m_booster, &rounds);
        return rounds;
    }
    void save(const std::filesystem::path& file) const override {
        check(XGBoosterSaveModel(m_booster, file.string().c_str()), "cannot save model",
              file.string());
    }

  private:
    std::int64_t m_features;
    BoosterHandle m_booster;
};

void set(BoosterHandle b, const std::string& key, const std::string& value) {
    check(XGBoosterSetParam(b, key.c_str(), value.c_str()), "bad parameter " + key);
}

std::string num(double v) {
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s.precision(17);
    s << v;
    return s.str();
}

/// Parses "[3]\ttrain-rmse:0.1\tval-rmse:0.2" into {"train_rmse": 0.1, "val_rmse": 0.2}.
std::map<std::string, double> parseEval(const std::string& text) {
    std::map<std::string, double> out;
    std::istringstream in(text);
    in.imbue(std::locale::classic());
    std::string token;
    while (in >> token) {
        const auto colon = token.rfind(':');
        if (token.front() == '[' || colon == std::string::npos)
            continue;
        std::string name = token.substr(0, colon);
        for (char& c : name)
            if (c == '-')
                c = '_';
        try {
            out[name] = std::stod(token.substr(colon + 1));
        } catch (const std::exception&) {
        }
    }
    return out;
}

void checkTabular(const features::Dataset& d, const std::string& family) {
    d.checkConsistent("model " + family);
    if (d.featureShape.size() != 1 || d.targetSize() != 1)
        throw Error("needs tabular samples: features [p] and one target", "model " + family);
}

std::vector<float> labelsOf(const features::Dataset& d) {
    std::vector<float> y = d.y;
    if (!d.targetMask.empty())
        for (std::size_t i = 0; i < y.size(); ++i)
            if (!d.targetMask[i])
                y[i] = std::nanf("");
    return y;
}

} // namespace

std::shared_ptr<ModelMember> fitXGBoost(const ModelSpec& specIn, const features::Dataset& train,
                                        const features::Dataset* validation,
                                        unsigned long long seed, int threads,
                                        const RoundCallback& callback) {
    const ModelSpec spec = resolveSpec(specIn);
    checkTabular(train, spec.family);
    if (!train.targetMask.empty())
        for (const auto m : train.targetMask)
            if (!m)
                throw Error("training targets must all be valid (mask them out first)",
                            "model " + spec.family);
    const std::size_t p = train.featureSize();
    DMatrix dtrain(train.x.data(), train.sampleCount(), p);
    check(XGDMatrixSetFloatInfo(dtrain.handle(), "label", train.y.data(), train.y.size()),
          "cannot set labels");
    std::unique_ptr<DMatrix> dval;
    if (validation) {
        checkTabular(*validation, spec.family);
        dval = std::make_unique<DMatrix>(validation->x.data(), validation->sampleCount(), p);
        const auto y = labelsOf(*validation);
        check(XGDMatrixSetFloatInfo(dval->handle(), "label", y.data(), y.size()),
              "cannot set labels");
    }
    DMatrixHandle cache[2] = {dtrain.handle(), dval ? dval->handle() : nullptr};
    BoosterHandle booster = nullptr;
    check(XGBoosterCreate(cache, dval ? 2 : 1, &booster), "cannot create booster");
    auto member = std::make_shared<XGBoostMember>(std::int64_t(p), booster);
    const auto& q = spec.params;
    set(booster, "objective", "reg:squarederror");
    set(booster, "seed", std::to_string(seed % 2147483647ULL));
    set(booster, "nthread", std::to_string(threads > 0 ? threads : 0));
    set(booster, "verbosity", "0");
    set(booster, "tree_method", "hist");
    int rounds = 1;
    const int depth = q["max_depth"];
    if (depth == 0)
        set(booster, "grow_policy", "lossguide");
    set(booster, "max_depth", std::to_string(depth));
    if (spec.family == "xgboost") {
        rounds = q["n_estimators"];
        set(booster, "eta", num(q["learning_rate"]));
        set(booster, "subsample", num(q["subsample"]));
        set(booster, "colsample_bytree", num(q["colsample_bytree"]));
        set(booster, "min_child_weight", num(q["min_child_weight"]));
        set(booster, "lambda", num(q["reg_lambda"]));
    } else {
        // Random forest: one round of many parallel trees, no shrinkage, per-node feature draws.
        set(booster, "num_parallel_tree", std::to_string(int(q["n_estimators"])));
        set(booster, "eta", "1");
        set(booster, "lambda", "0");
        set(booster, "subsample", num(q["subsample"]));
        set(booster, "min_child_weight", num(q["min_leaf"]));
        const std::string mf = q["max_features"];
        const double pd = double(p);
        double fraction = 1.0;
        if (mf == "sqrt")
            fraction = std::sqrt(pd) / pd;
        else if (mf == "log2")
            fraction = std::max(1.0, std::log2(pd)) / pd;
        else if (mf == "third")
            fraction = std::max(1.0, pd / 3.0) / pd;
        set(booster, "colsample_bynode", num(std::min(1.0, fraction)));
    }
    for (int round = 0; round < rounds; ++round) {
        check(XGBoosterUpdateOneIter(booster, round, dtrain.handle()), "training failed");
        std::map<std::string, double> values;
        if (dval) {
            DMatrixHandle evals[1] = {dval->handle()};
            const char* names[1] = {"val"};
            const char* result = nullptr;
            check(XGBoosterEvalOneIter(booster, round, evals, names, 1, &result),
                  "evaluation failed");
            values = parseEval(result);
        }
        if (callback && callback(round + 1, values))
            throw CanceledError();
    }
    return member;
}

std::shared_ptr<ModelMember> loadXGBoost(const ModelSpec& spec, std::int64_t features,
                                         const std::filesystem::path& file) {
    BoosterHandle booster = nullptr;
    check(XGBoosterCreate(nullptr, 0, &booster), "cannot create booster");
    auto member = std::make_shared<XGBoostMember>(features, booster);
    if (XGBoosterLoadModel(booster, file.string().c_str()) != 0)
        throw Error(std::string("corrupt XGBoost model: ") + XGBGetLastError(), file.string());
    int rounds = 0;
    XGBoosterBoostedRounds(booster, &rounds);
    if (rounds < 1)
        throw Error("XGBoost model holds no trees", file.string());
    (void)spec;
    return member;
}

} // namespace soilscope::models
