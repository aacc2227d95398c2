#pragma once
#include "base/parameter_spec.h"

#include <nlohmann/json.hpp>

#include <limits>
#include <string>
#include <vector>

namespace soilscope::models {

enum class ModelParameterType { Int, Double, Bool, Choice, String };

/// One hyper-parameter of a model family, as plain data (the tasks layer turns it into a
/// soilscope::ParameterSpec named "model.<family>.<name>").
struct ModelParameter {
    std::string name;
    ModelParameterType type = ModelParameterType::Double;
    std::string description;
    nlohmann::json defaultValue; ///< int, double, bool or string; a list for "widths"-like entries
    double minimum = -std::numeric_limits<double>::infinity();
    double maximum = std::numeric_limits<double>::infinity();
    std::vector<std::string> choices;
    bool logScale = false; ///< random search draws log-uniformly
    /// The parameter's range in the family's built-in search space: {"min", "max"[, "log"]} or
    /// {"choices": [...]}; null where a search without a space keeps the parameter's value.
    nlohmann::json searchRange;
};

/// A model architecture: a family name ("mlp", "cnn", "locally_connected", "lstm", "gru",
/// "wcm_lstm", "xgboost", "random_forest", "svr") and its parameters as JSON.
struct ModelSpec {
    std::string family;
    nlohmann::json params = nlohmann::json::object();

    /// {"family": ..., "params": {...}}
    nlohmann::json toJson() const;
    /// Throws soilscope::Error when the JSON has no family or params is not an object.
    static ModelSpec fromJson(const nlohmann::json& json);
};

/// All registered family names: the built-in ones, then those plugins added
/// (models/family_registry.h).
std::vector<std::string> modelFamilies();
/// The families SoilScope itself defines.
std::vector<std::string> builtInModelFamilies();
/// True for LibTorch families (trained by the Trainer's gradient loop).
bool isNeuralFamily(const std::string& family);
/// The parameters of a family; throws soilscope::Error for an unknown family.
const std::vector<ModelParameter>& modelParameters(const std::string& family);
/// A copy of spec with defaults filled in; throws soilscope::Error naming the parameter when a
/// value has the wrong type, lies outside its range or is not one of its choices.
ModelSpec resolveSpec(const ModelSpec& spec);
/// "model.family" and every family's parameters as "model.<family>.<name>" settings, each
/// enabled when model.family names its family.
std::vector<ParameterSpec> modelSettingSpecs();
/// The built-in random-search space of a family: every parameter with a searchRange (empty
/// when the family declares none).
nlohmann::json builtInSearchSpace(const std::string& family);
/// A search space checked against the family's declarations, with every key a bare parameter
/// name ("model.<family>.<name>" is accepted too). Throws soilscope::Error with `context` naming
/// the key when it is not a parameter of the family, when a range is not {"min", "max"[, "log"]}
/// or {"choices": [...]}, lies outside the declared range (which it names) or a choice is not
/// allowed.
nlohmann::json checkSearchSpace(const std::string& family, const nlohmann::json& space,
                                const std::string& context);
/// "1 .. 3", "8 .. 128, log-uniform" or "one of relu, tanh" (help texts).
std::string describeSearchRange(const nlohmann::json& range);
/// The dataset layout a family expects ("tabular", "sequence" or "image").
std::string expectedLayout(const std::string& family);

} // namespace soilscope::models
