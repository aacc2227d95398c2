#pragma once
// The API of SoilScope plugins: shared libraries that add Tasks through the registry the
// built-in ones use. A plugin includes this header, defines its Tasks, and declares itself once:
//
//     SOILSCOPE_PLUGIN("my-plugin", "1.0", "what it adds") {
//         registrar.addTask("my-task", [] { return std::make_unique<MyTask>(); });
//     }
//
// The engine checks the API version before it lets the plugin register anything; a plugin
// built for another version is refused with a message naming it. Plugins run inside the
// engine's process and use the engine's own core (the executables export their symbols), so
// they must be built with the same compiler and SoilScope headers.
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace soilscope::tasks {

/// Raised whenever the Task, ParameterSpec, OutputSpec or Feedback classes change in a way
/// that breaks compiled plugins.
inline constexpr int kPluginApiVersion = 1;

/// What a plugin says about itself.
struct PluginInfo {
    int apiVersion = 0;
    const char* name = "";
    const char* version = "";
    const char* description = "";
};

/// Hands a plugin's Tasks to the registry; an id that already exists is refused.
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
    std::vector<std::string> added;
    std::vector<std::string> refused;
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
