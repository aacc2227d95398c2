#pragma once
// The API of SoilScope plugins: shared libraries that add Tasks through the registry the
// built-in ones use. A plugin includes this header, defines its Tasks, and declares itself once:
//
//     SOILSCOPE_PLUGIN("my-plugin", "1.0", "what it adds") {
//         registrar.addTask("my-task", [] { return std::make_unique<MyTask>(); });
//         registrar.addTransform("my-op", {"what it computes", {"k"},
//                                          [](double x, const auto& p) { return x * p.at("k"); }});
//         registrar.addModelFamily("my-family", {"what it fits", {parameters...}, fit, load});
//     }
//
// The engine checks the API version before it lets the plugin register anything; a plugin
// built for another version is refused with a message naming it. Plugins run inside the
// engine's process and use the engine's own core (the executables export their symbols), so
// they must be built with the same compiler and SoilScope headers.
#include "features/transform_registry.h"
#include "models/family_registry.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace soilscope::tasks {

/// Raised whenever the Task, ParameterSpec, OutputSpec, Feedback, ModelMember or
/// PluginRegistrar classes change in a way that breaks compiled plugins (2: predictor
/// transforms; 3: model families).
inline constexpr int kPluginApiVersion = 3;

/// What a plugin says about itself.
struct PluginInfo {
    int apiVersion = 0;
    const char* name = "";
    const char* version = "";
    const char* description = "";
};

/// Hands a plugin's Tasks, predictor transforms and model families to their registries; a name
/// that exists already is refused.
class PluginRegistrar {
  public:
    void addTask(const std::string& id, TaskRegistry::Factory factory) {
        if (TaskRegistry::instance().create(id)) {
            refused.push_back(id);
            return;
        }
        TaskRegistry::instance().add(id, std::move(factory));
        added.push_back(id);
    }
    /// A predictor transform ({"op": name, "parameters": {...}} in a predictor's chain).
    void addTransform(const std::string& op, features::PluginTransform transform) {
        if (features::registerTransform(op, std::move(transform)))
            addedTransforms.push_back(op);
        else
            refusedTransforms.push_back(op);
    }
    /// A model family (models/family_registry.h): "model": {"family": name, "params": {...}}.
    void addModelFamily(const std::string& name, models::PluginFamily family) {
        if (models::registerModelFamily(name, std::move(family)))
            addedFamilies.push_back(name);
        else
            refusedFamilies.push_back(name);
    }
    std::vector<std::string> added;
    std::vector<std::string> refused;
    std::vector<std::string> addedTransforms;
    std::vector<std::string> refusedTransforms;
    std::vector<std::string> addedFamilies;
    std::vector<std::string> refusedFamilies;
};

} // namespace soilscope::tasks

#define SOILSCOPE_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

#define SOILSCOPE_PLUGIN(name, version, description)                                               \
    SOILSCOPE_PLUGIN_EXPORT const ::soilscope::tasks::PluginInfo* soilscope_plugin_info() {        \
        static const ::soilscope::tasks::PluginInfo info{::soilscope::tasks::kPluginApiVersion,    \
                                                         name, version, description};              \
        return &info;                                                                              \
    }                                                                                              \
    SOILSCOPE_PLUGIN_EXPORT void soilscope_plugin_register(                                        \
        ::soilscope::tasks::PluginRegistrar& registrar)
