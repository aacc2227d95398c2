#include "models/model_spec.h"

#include "base/error.h"
#include "base/parameter_values.h"
#include "kernels/activation.h"

#include <cmath>
#include <map>

namespace soilscope::models {

namespace {

using T = ModelParameterType;

ModelParameter intP(std::string name, std::string description, long long def, double lo,
                    double hi) {
    return {std::move(name), T::Int, std::move(description), def, lo, hi, {}, false};
}
ModelParameter dblP(std::string name, std::string description, double def, double lo, double hi,
                    bool logScale = false) {
    return {std::move(name), T::Double, std::move(description), def, lo, hi, {}, logScale};
}
ModelParameter choiceP(std::string name, std::string description, std::vector<std::string> c,
                       std::string def) {
    ModelParameter p{std::move(name), T::Choice, std::move(description), def};
    p.choices = std::move(c);
    return p;
}
ModelParameter boolP(std::string name, std::string description, bool def) {
    return {std::move(name), T::Bool, std::move(description), def};
}
ModelParameter strP(std::string name, std::string description, std::string def) {
    return {std::move(name), T::String, std::move(description), def};
}

const std::vector<std::string>& kActivations = kernels::activationNames();

std::vector<ModelParameter> recurrentParams() {
    return {
        intP("layers", "stacked recurrent layers", 2, 1, 8),
        intP("hidden", "hidden units per layer", 16, 1, 1024),
        dblP("dropout", "dropout between recurrent layers and before the output", 0.1, 0, 0.9),
        dblP("recurrent_l2", "L2 penalty on recurrent weights (added to the loss)", 1e-4, 0, 1),
        choiceP("init", "keras: Glorot input weights, orthogonal recurrent, forget bias 1",
                {"keras", "default"}, "keras"),
    };
}

std::map<std::string, std::vector<ModelParameter>> buildRegistry() {
    std::map<std::string, std::vector<ModelParameter>> r;
    r["mlp"] = {
        intP("layers", "hidden layers", 2, 1, 16),
        intP("width", "units per hidden layer", 35, 1, 4096),
        strP("widths", "comma-separated widths overriding layers × width, e.g. 35,35", ""),
        choiceP("activation", "hidden activation", kActivations, "relu"),
        dblP("dropout", "dropout after each hidden layer", 0.0, 0, 0.9),
        choiceP("init", "weight initialisation", {"glorot", "kaiming", "default"}, "glorot"),
    };
    r["cnn"] = {
        intP("layers", "convolution layers before the 1×1 output", 3, 1, 16),
        intP("channels", "channels per convolution", 16, 1, 512),
        intP("kernel", "odd kernel size (same padding)", 3, 1, 15),
        choiceP("activation", "activation", kActivations, "relu"),
        dblP("dropout", "spatial dropout after each convolution", 0.0, 0, 0.9),
        choiceP("init", "weight initialisation", {"glorot", "kaiming", "default"}, "glorot"),
    };
    r["locally_connected"] = {
        intP("kernel", "odd kernel size, zero padding (no weight sharing)", 5, 1, 15),
        intP("hidden_channels", "channels of an extra locally connected layer (0 = one layer)", 0,
             0, 64),
        choiceP("activation", "activation after the hidden layer", kActivations, "relu"),
        choiceP("init", "weight initialisation", {"glorot", "kaiming", "default"}, "glorot"),
    };
    r["lstm"] = recurrentParams();
    r["gru"] = recurrentParams();
    auto wcm = recurrentParams();
    wcm.push_back(intP("sigma0_index", "feature index of observed backscatter", 0, 0, 1e6));
    wcm.push_back(boolP("sigma0_db", "backscatter feature is in dB (else linear)", false));
    wcm.push_back(intP("theta_index", "feature index of incidence angle in degrees (-1 = fixed)",
                       -1, -1, 1e6));
    wcm.push_back(dblP("theta_deg", "fixed incidence angle when theta_index is -1", 40, 0, 89));
    wcm.push_back(
        intP("v1_index", "feature index of V1 in σveg = A·V1·cosθ·(1−γ²) (-1 = 1)", -1, -1, 1e6));
    wcm.push_back(
        intP("v2_index", "feature index of V2 (vegetation water content) in γ²", 1, 0, 1e6));
    wcm.push_back(dblP("b", "WCM B (fixed)", 0.084, 0, 10));
    wcm.push_back(dblP("a_init", "initial A (learned as logA)", 0.02, 1e-6, 10, true));
    wcm.push_back(intP("landcover_index",
                       "feature index of a land-cover class 0..classes-1 for "
                       "one A per class (-1 = one A)",
                       -1, -1, 1e6));
    wcm.push_back(intP("classes", "land-cover classes when landcover_index is set", 1, 1, 256));
    wcm.push_back(boolP("lstm_vegetation",
                        "also feed the vegetation inputs (v1, v2) to the LSTM "
                        "(the method feeds σsoil and the auxiliaries only)",
                        false));
    wcm.push_back(dblP("a_lr_scale",
                       "logA is stored divided by this factor: under Adam its "
                       "effective learning rate is this multiple of the network's",
                       1, 1e-3, 1e3, true));
    wcm.push_back(dblP("guard_share",
                       "log guard where σobs ≤ σveg: 0 clamps σsoil at 1e-6 (no "
                       "gradient to A), > 0 a softplus floor of this share of σobs",
                       0, 0, 1));
    wcm.push_back(dblP("soil_db_centre",
                       "σsoil (dB) is fed to the LSTM as (σsoil − centre) / scale", -12.5, -100,
                       100));
    wcm.push_back(dblP("soil_db_scale", "see soil_db_centre", 12.5, 1e-3, 100));
    wcm.push_back(dblP("guard_weight",
                       "weight of the training penalty mean(max(0, σveg/σobs − (1 − "
                       "guard_share))) (0 = none)",
                       0, 0, 1e3));
    r["wcm_lstm"] = wcm;
    r["xgboost"] = {
        intP("n_estimators", "boosting rounds", 200, 1, 10000),
        intP("max_depth", "tree depth (0 = unlimited)", 4, 0, 30),
        dblP("learning_rate", "shrinkage eta", 0.1, 1e-4, 1, true),
        dblP("subsample", "row subsample per tree", 1.0, 0.05, 1),
        dblP("colsample_bytree", "column subsample per tree", 1.0, 0.05, 1),
        dblP("min_child_weight", "minimum hessian (samples) per leaf", 1, 0, 1e6),
        dblP("reg_lambda", "L2 regularisation of leaf weights", 1, 0, 1e6),
    };
    r["random_forest"] = {
        intP("n_estimators", "trees", 100, 1, 10000),
        intP("max_depth", "tree depth (0 = unlimited)", 0, 0, 60),
        intP("min_leaf", "minimum samples per leaf", 1, 1, 1e6),
        choiceP("max_features", "features tried per split", {"sqrt", "log2", "all", "third"},
                "sqrt"),
        dblP("subsample", "row subsample per tree (without replacement)", 0.632, 0.05, 1),
    };
    r["svr"] = {
        choiceP("kernel", "kernel", {"rbf", "linear", "poly", "sigmoid"}, "rbf"),
        dblP("c", "penalty C", 1.0, 1e-4, 1e5, true),
        dblP("epsilon", "ε-tube half width", 0.1, 1e-5, 10, true),
        dblP("gamma", "kernel γ (0 = 1/features)", 0.0, 0, 1e4),
        intP("degree", "polynomial degree", 3, 1, 10),
        dblP("coef0", "kernel coef0 (poly, sigmoid)", 0.0, -1e4, 1e4),
        dblP("tolerance", "stopping tolerance", 1e-3, 1e-8, 1),
        dblP("cache_mb", "kernel cache (MB)", 200, 1, 1e5),
    };
    return r;
}

const std::map<std::string, std::vector<ModelParameter>>& registry() {
    static const auto r = buildRegistry();
    return r;
}

std::string typeName(ModelParameterType t) {
    switch (t) {
    case T::Int:
        return "an integer";
    case T::Double:
        return "a number";
    case T::Bool:
        return "true or false";
    case T::Choice:
        return "one of the choices";
    case T::String:
        return "text";
    }
    return "?";
}

nlohmann::json checkValue(const std::string& family, const ModelParameter& p,
                          const nlohmann::json& v) {
    const std::string where = "model " + family + ", parameter " + p.name;
    auto bad = [&](const std::string& why) { throw Error(why, where); };
    switch (p.type) {
    case T::Int: {
        double d = 0;
        if (v.is_number_integer())
            d = double(v.get<long long>());
        else if (v.is_number() && std::floor(v.get<double>()) == v.get<double>())
            d = v.get<double>();
        else
            bad("expected " + typeName(p.type));
        if (d < p.minimum || d > p.maximum)
            bad("value " + v.dump() + " out of range");
        return static_cast<long long>(d);
    }
    case T::Double: {
        if (!v.is_number())
            bad("expected " + typeName(p.type));
        const double d = v.get<double>();
        if (!std::isfinite(d) || d < p.minimum || d > p.maximum)
            bad("value " + v.dump() + " out of range");
        return d;
    }
    case T::Bool:
        if (!v.is_boolean())
            bad("expected " + typeName(p.type));
        return v;
    case T::Choice: {
        if (!v.is_string())
            bad("expected " + typeName(p.type));
        for (const auto& c : p.choices)
            if (c == v.get<std::string>())
                return v;
        bad("unknown choice " + v.dump());
        break;
    }
    case T::String:
        if (!v.is_string())
            bad("expected " + typeName(p.type));
        return v;
    }
    return v;
}

} // namespace

nlohmann::json ModelSpec::toJson() const {
    return {{"family", family}, {"params", params}};
}

ModelSpec ModelSpec::fromJson(const nlohmann::json& json) {
    if (!json.is_object() || !json.contains("family") || !json["family"].is_string())
        throw Error("model spec needs a \"family\" string", "model spec");
    ModelSpec spec;
    spec.family = json["family"].get<std::string>();
    if (json.contains("params")) {
        if (!json["params"].is_object())
            throw Error("model \"params\" must be an object", "model spec");
        spec.params = json["params"];
    }
    return spec;
}

std::vector<std::string> modelFamilies() {
    return {"mlp",      "cnn",     "locally_connected", "lstm", "gru",
            "wcm_lstm", "xgboost", "random_forest",     "svr"};
}

bool isNeuralFamily(const std::string& family) {
    return family != "xgboost" && family != "random_forest" && family != "svr";
}

const std::vector<ModelParameter>& modelParameters(const std::string& family) {
    const auto it = registry().find(family);
    if (it == registry().end())
        throw Error("unknown model family '" + family + "'", "model spec");
    return it->second;
}

ModelSpec resolveSpec(const ModelSpec& spec) {
    const auto& params = modelParameters(spec.family);
    ModelSpec out{spec.family, nlohmann::json::object()};
    for (const auto& [key, value] : spec.params.items()) {
        bool known = false;
        for (const auto& p : params)
            known = known || p.name == key;
        if (!known)
            throw Error("unknown parameter '" + key + "'", "model " + spec.family);
        (void)value;
    }
    for (const auto& p : params)
        out.params[p.name] = checkValue(
            spec.family, p, spec.params.contains(p.name) ? spec.params[p.name] : p.defaultValue);
    return out;
}

std::vector<ParameterSpec> modelSettingSpecs() {
    std::vector<ParameterSpec> specs{
        choiceParam("model.family", "model architecture", modelFamilies(), "")};
    for (const auto& family : modelFamilies())
        for (const auto& p : modelParameters(family)) {
            ParameterSpec s;
            s.name = "model." + family + "." + p.name;
            s.description = p.description;
            s.defaultValue = parameterText(p.defaultValue);
            s.minimum = p.minimum;
            s.maximum = p.maximum;
            s.choices = p.choices;
            s.enabledWhen = "model.family=" + family;
            switch (p.type) {
            case ModelParameterType::Int:
                s.type = ParameterType::Int;
                break;
            case ModelParameterType::Double:
                s.type = ParameterType::Double;
                break;
            case ModelParameterType::Bool:
                s.type = ParameterType::Bool;
                break;
            case ModelParameterType::Choice:
                s.type = ParameterType::Choice;
                break;
            case ModelParameterType::String:
                s.type = ParameterType::String;
                break;
            }
            if (p.defaultValue.is_array())
                s.type = ParameterType::StringList;
            specs.push_back(std::move(s));
        }
    return specs;
}

std::string expectedLayout(const std::string& family) {
    modelParameters(family);
    if (family == "cnn" || family == "locally_connected")
        return "image";
    if (family == "lstm" || family == "gru" || family == "wcm_lstm")
        return "sequence";
    return "tabular";
}

} // namespace soilscope::models
