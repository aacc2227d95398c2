#pragma once
// Predictor transforms added by plugins (learning_tasks/plugin_api.h): elementwise functions of a
// value and the numeric parameters of the step ({"op": "name", "parameters": {"porosity": 0.45}}),
// used like the built-in ones (db_to_linear, scale, clip, …) in every predictor's chain.
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace soilscope::features {

struct PluginTransform {
    std::string description;
    std::vector<std::string> parameters; ///< names the step must give
    std::function<double(double value, const std::map<std::string, double>& parameters)> apply;
};

/// True for the built-in transform names.
bool isBuiltInTransform(const std::string& op);
/// Adds a transform; false when the name is built in or already added.
bool registerTransform(const std::string& op, PluginTransform transform);
/// The added transform of that name; nullptr when none.
const PluginTransform* findTransform(const std::string& op);
/// The names of the added transforms, sorted.
std::vector<std::string> registeredTransforms();

} // namespace soilscope::features
