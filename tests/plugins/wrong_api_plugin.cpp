// A plugin built for another plugin API version: the engine must refuse it by name, before it
// can register anything.
#include "learning_tasks/plugin_api.h"

SOILSCOPE_PLUGIN_EXPORT const soilscope::tasks::PluginInfo* soilscope_plugin_info() {
    static const soilscope::tasks::PluginInfo info{soilscope::tasks::kPluginApiVersion + 98,
                                                   "from-the-future", "9.9", "wrong API"};
    return &info;
}

SOILSCOPE_PLUGIN_EXPORT void soilscope_plugin_register(soilscope::tasks::PluginRegistrar& r) {
    r.addTask("never-registered", [] { return std::unique_ptr<soilscope::tasks::Task>(); });
}
