#include "models/model_spec.h"

#include "models/family_registry.h"

#include "base/error.h"
#include "base/parameter_values.h"
#include "kernels/activation.h"

#include <algorithm>
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

/// A parameter drawn from [lo, hi] by a search without a space (values as JSON, so the built-in
/// space keeps integer bounds integers).
ModelParameter searched(ModelParameter p, nlohmann::json lo, nlohmann::json hi, bool log = false) {
    p.searchRange = {{"min", std::move(lo)}, {"max", std::move(hi)}};
    if (log)
        p.searchRange["log"] = true;
    return p;
}
/// A parameter drawn among `choices` by a search without a space.
ModelParameter searchedAmong(ModelParameter p, nlohmann::json choices) {
    p.searchRange = {{"choices", std::move(choices)}};
    return p;
}

const std::vector<std::string>& kActivations = kernels::activationNames();

std::vector<ModelParameter> recurrentParams() {
    return {
        searched(intP("layers", "stacked recurrent layers", 2, 1, 8), 1, 2),
        searched(intP("hidden", "hidden units per layer", 16, 1, 1024), 8, 64, true),
        searched(
            dblP("dropout", "dropout between recurrent layers and before the output", 0.1, 0, 0.9),
            0, 0.3),
        dblP("recurrent_l2", "L2 penalty on recurrent weights (added to the loss)", 1e-4, 0, 1),
        choiceP("init", "keras: Glorot input weights, orthogonal recurrent, forget bias 1",
                {"keras", "default"}, "keras"),
    };
}

std::map<std::string, std::vector<ModelParameter>> buildRegistry() {
    std::map<std::string, std::vector<ModelParameter>> r;
    r["mlp"] = {
        searched(intP("layers", "hidden layers", 2, 1, 16), 1, 3),
        searched(intP("width", "units per hidden layer", 35, 1, 4096), 8, 128, true),
        strP("widths", "comma-separated widths overriding layers × width, e.g. 35,35", ""),
        searchedAmong(choiceP("activation", "hidden activation", kActivations, "relu"),
                      {"relu", "tanh"}),
        searched(dblP("dropout", "dropout after each hidden layer", 0.0, 0, 0.9), 0, 0.3),
        choiceP("init", "weight initialisation", {"glorot", "kaiming", "default"}, "glorot"),
    };
    r["cnn"] = {
        searched(intP("layers", "convolution layers before the 1×1 output", 3, 1, 16), 1, 4),
        searched(intP("channels", "channels per convolution", 16, 1, 512), 4, 32, true),
        searchedAmong(intP("kernel", "odd kernel size (same padding)", 3, 1, 15), {3, 5}),
        searchedAmong(choiceP("activation", "activation", kActivations, "relu"), {"relu", "tanh"}),
        dblP("dropout", "spatial dropout after each convolution", 0.0, 0, 0.9),
        choiceP("init", "weight initialisation", {"glorot", "kaiming", "default"}, "glorot"),
    };
    r["locally_connected"] = {
        searchedAmong(intP("kernel", "odd kernel size, zero padding (no weight sharing)", 5, 1, 15),
                      {3, 5, 7}),
        searchedAmong(intP("hidden_channels",
                           "channels of an extra locally connected layer (0 = one layer)", 0, 0,
                           64),
                      {0, 4, 8}),
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
        searched(intP("n_estimators", "boosting rounds", 200, 1, 10000), 50, 300),
        searched(intP("max_depth", "tree depth (0 = unlimited)", 4, 0, 30), 2, 8),
        searched(dblP("learning_rate", "shrinkage eta", 0.1, 1e-4, 1, true), 0.01, 0.3, true),
        dblP("subsample", "row subsample per tree", 1.0, 0.05, 1),
        dblP("colsample_bytree", "column subsample per tree", 1.0, 0.05, 1),
        dblP("min_child_weight", "minimum hessian (samples) per leaf", 1, 0, 1e6),
        dblP("reg_lambda", "L2 regularisation of leaf weights", 1, 0, 1e6),
    };
    r["random_forest"] = {
        searched(intP("n_estimators", "trees", 100, 1, 10000), 20, 200),
        searchedAmong(intP("max_depth", "tree depth (0 = unlimited)", 0, 0, 60), {0, 10, 20}),
        searchedAmong(intP("min_leaf", "minimum samples per leaf", 1, 1, 1e6), {1, 2, 4, 8}),
        searchedAmong(choiceP("max_features", "features tried per split",
                              {"sqrt", "log2", "all", "third"}, "sqrt"),
                      {"sqrt", "log2", "all"}),
        dblP("subsample", "row subsample per tree (without replacement)", 0.632, 0.05, 1),
    };
    r["svr"] = {
        searchedAmong(choiceP("kernel", "kernel", {"rbf", "linear", "poly", "sigmoid"}, "rbf"),
                      {"rbf", "linear"}),
        searched(dblP("c", "penalty C", 1.0, 1e-4, 1e5, true), 0.1, 100, true),
        searched(dblP("epsilon", "ε-tube half width", 0.1, 1e-5, 10, true), 0.005, 0.2, true),
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

std::vector<std::string> builtInModelFamilies() {
    return {"mlp",      "cnn",     "locally_connected", "lstm", "gru",
            "wcm_lstm", "xgboost", "random_forest",     "svr"};
}

std::vector<std::string> modelFamilies() {
    auto out = builtInModelFamilies();
    for (auto& name : pluginFamilyNames())
        out.push_back(std::move(name));
    return out;
}

bool isNeuralFamily(const std::string& family) {
    return family != "xgboost" && family != "random_forest" && family != "svr" &&
           !pluginFamily(family);
}

const std::vector<ModelParameter>& modelParameters(const std::string& family) {
    if (const PluginFamily* plugin = pluginFamily(family))
        return plugin->parameters;
    const auto it = registry().find(family);
    if (it == registry().end()) {
        std::string known;
        for (const auto& f : modelFamilies())
            known += (known.empty() ? "" : ", ") + f;
        throw Error("unknown model family '" + family + "' (known: " + known + ")", "model spec");
    }
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
            if (!p.searchRange.is_null())
                s.searchRange = describeSearchRange(p.searchRange);
            specs.push_back(std::move(s));
        }
    return specs;
}

nlohmann::json builtInSearchSpace(const std::string& family) {
    nlohmann::json space = nlohmann::json::object();
    for (const auto& p : modelParameters(family))
        if (!p.searchRange.is_null())
            space[p.name] = p.searchRange;
    return space;
}

namespace {

std::string rangeText(const ModelParameter& p) {
    if (!p.choices.empty()) {
        std::string text;
        for (const auto& c : p.choices)
            text += (text.empty() ? "" : ", ") + c;
        return text;
    }
    return numberText(p.minimum) + " .. " + numberText(p.maximum);
}

/// One range of a space, checked against its parameter.
void checkRange(const std::string& family, const ModelParameter& p, const nlohmann::json& range,
                const std::string& where) {
    if (!range.is_object())
        throw Error(where + ": needs {\"min\", \"max\"[, \"log\"]} or {\"choices\": [...]}");
    for (const auto& [key, value] : range.items())
        if (key != "min" && key != "max" && key != "log" && key != "choices")
            throw Error(where + ": unknown key '" + key + "' (min, max, log or choices)");
    if (range.contains("choices")) {
        const auto& choices = range["choices"];
        if (!choices.is_array() || choices.empty())
            throw Error(where + ": choices must be a non-empty list");
        for (const auto& c : choices) {
            try {
                resolveSpec(ModelSpec{family, {{p.name, c}}});
            } catch (const Error& e) {
                throw Error(where + ": the choice " + c.dump() + " is not allowed (" + e.message() +
                            ")");
            }
        }
        return;
    }
    if (p.type != ModelParameterType::Int && p.type != ModelParameterType::Double)
        throw Error(where + ": a " + (p.type == ModelParameterType::Choice ? "choice" : "text") +
                    " parameter is searched among {\"choices\": [...]} (" + rangeText(p) + ")");
    const auto bound = [&](const char* key, double fallback) {
        if (!range.contains(key))
            return fallback;
        if (!range[key].is_number() || !std::isfinite(range[key].get<double>()))
            throw Error(where + ": " + key + " must be a finite number");
        const double v = range[key].get<double>();
        if (v < p.minimum || v > p.maximum)
            throw Error(where + ": " + key + " " + numberText(v) +
                        " lies outside the allowed range " + rangeText(p));
        return v;
    };
    const double lo = bound("min", p.minimum), hi = bound("max", p.maximum);
    if (!std::isfinite(lo) || !std::isfinite(hi))
        throw Error(where + ": needs finite min and max (the parameter allows " + rangeText(p) +
                    ")");
    if (hi < lo)
        throw Error(where + ": min " + numberText(lo) + " is above max " + numberText(hi));
    if (range.contains("log")) {
        if (!range["log"].is_boolean())
            throw Error(where + ": log must be true or false");
        if (range["log"].get<bool>() && lo <= 0)
            throw Error(where + ": a log-uniform range needs min > 0");
    }
}

} // namespace

nlohmann::json checkSearchSpace(const std::string& family, const nlohmann::json& space,
                                const std::string& context) {
    if (!space.is_object() || space.empty())
        throw Error("the search space must be a non-empty object of parameter ranges", context);
    const auto& params = modelParameters(family);
    const std::string prefix = "model." + family + ".";
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, range] : space.items()) {
        if (key.rfind("training.", 0) == 0) { // a training setting: the training layer checks it
            const bool numbers = range.is_object() && range.contains("min") &&
                                 range.contains("max") && range["min"].is_number() &&
                                 range["max"].is_number();
            const bool choices = range.is_object() && range.contains("choices") &&
                                 range["choices"].is_array() && !range["choices"].empty();
            if (!numbers && !choices)
                throw Error("'" + key +
                                "': a training setting's range needs numbers min and max, "
                                "or choices",
                            context);
            out[key] = range;
            continue;
        }
        const std::string name = key.rfind(prefix, 0) == 0 ? key.substr(prefix.size()) : key;
        const auto p = std::find_if(params.begin(), params.end(),
                                    [&](const ModelParameter& q) { return q.name == name; });
        if (p == params.end()) {
            std::string known;
            for (const auto& q : params)
                known += (known.empty() ? "" : ", ") + q.name;
            throw Error("unknown parameter '" + key + "' of the model family '" + family +
                            "' (its parameters: " + known + ")",
                        context);
        }
        try {
            checkRange(family, *p, range, "'" + key + "'");
        } catch (const Error& e) {
            throw Error(e.message(), context);
        }
        if (out.contains(name))
            throw Error("'" + name + "' is given twice", context);
        out[name] = range;
    }
    return out;
}

std::string describeSearchRange(const nlohmann::json& range) {
    if (range.contains("choices")) {
        std::string text;
        for (const auto& c : range["choices"])
            text += (text.empty() ? "" : ", ") + (c.is_string() ? c.get<std::string>() : c.dump());
        return "one of " + text;
    }
    return range.value("min", nlohmann::json()).dump() + " .. " +
           range.value("max", nlohmann::json()).dump() +
           (range.value("log", false) ? ", log-uniform" : "");
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
