#pragma once
// Finds and loads SoilScope plugins (see plugin_api.h) for every front-end.
#include <filesystem>
#include <string>
#include <vector>

namespace soilscope::tasks {

struct LoadedPlugin {
    std::string path;
    std::string name;
    std::string version;
    std::string description;
    std::vector<std::string> tasks;
    std::vector<std::string> transforms; ///< predictor transforms it added
    std::vector<std::string> families;   ///< model families it added
};

/// What loading found: the plugins loaded and, per refused file, why (naming the file).
struct PluginReport {
    std::vector<LoadedPlugin> loaded;
    std::vector<std::string> errors;
};

/// The folders plugins are looked for in, in order: $SOILSCOPE_PLUGIN_PATH (':'-separated),
/// ~/.local/share/SoilScope/plugins, and <executable>/../lib/soilscope/plugins.
std::vector<std::filesystem::path> pluginFolders();

/// Loads every *.so of the folders: a library without the entry points, of another API
/// version, or adding a task id that exists already is refused (its other tasks stay out too).
PluginReport loadPlugins(const std::vector<std::filesystem::path>& folders);

/// loadPlugins(pluginFolders()) once per process; later calls return the first report.
const PluginReport& loadPluginsOnce();

} // namespace soilscope::tasks
