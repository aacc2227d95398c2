#include "learning_tasks/plugin_loader.h"

#include "learning_tasks/plugin_api.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>

namespace soilscope::tasks {

namespace fs = std::filesystem;

std::vector<fs::path> pluginFolders() {
    std::vector<fs::path> out;
    if (const char* env = std::getenv("SOILSCOPE_PLUGIN_PATH")) {
        std::string list = env;
        std::size_t start = 0;
        while (start <= list.size()) {
            const auto end = std::min(list.find(':', start), list.size());
            if (end > start)
                out.emplace_back(list.substr(start, end - start));
            start = end + 1;
        }
    }
    if (const char* home = std::getenv("HOME"))
        out.push_back(fs::path(home) / ".local/share/SoilScope/plugins");
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
        out.push_back(exe.parent_path().parent_path() / "lib/soilscope/plugins");
    return out;
}

namespace {

void loadOne(const fs::path& file, PluginReport& report) {
    // RTLD_LOCAL: a plugin's own symbols stay its own; it finds the engine's through the
    // executable's exported symbols.
    void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = ::dlerror();
        report.errors.push_back(file.string() + ": not a loadable plugin (" +
                                (why ? why : "unknown error") + ")");
        return;
    }
    using InfoFn = const PluginInfo* (*)();
    using RegisterFn = void (*)(PluginRegistrar&);
    auto info = reinterpret_cast<InfoFn>(::dlsym(handle, "soilscope_plugin_info"));
    auto reg = reinterpret_cast<RegisterFn>(::dlsym(handle, "soilscope_plugin_register"));
    if (!info || !reg) {
        report.errors.push_back(file.string() +
                                ": not a SoilScope plugin (no soilscope_plugin_info / "
                                "soilscope_plugin_register; declare it with SOILSCOPE_PLUGIN)");
        ::dlclose(handle);
        return;
    }
    const PluginInfo* i = info();
    if (!i || i->apiVersion != kPluginApiVersion) {
        report.errors.push_back(
            file.string() + ": plugin '" + (i ? i->name : "?") + "' was built for plugin API " +
            std::to_string(i ? i->apiVersion : 0) + ", this SoilScope has API " +
            std::to_string(kPluginApiVersion) + "; rebuild it against this version's headers");
        ::dlclose(handle);
        return;
    }
    PluginRegistrar registrar;
    reg(registrar);
    for (const auto& id : registrar.refused)
        report.errors.push_back(file.string() + ": plugin '" + i->name + "' adds task '" + id +
                                "', which exists already; that task is left out");
    for (const auto& op : registrar.refusedTransforms)
        report.errors.push_back(file.string() + ": plugin '" + i->name + "' adds transform '" + op +
                                "', which exists already; that transform is left out");
    for (const auto& family : registrar.refusedFamilies)
        report.errors.push_back(file.string() + ": plugin '" + i->name + "' adds model family '" +
                                family +
                                "', which exists already (or lacks fit/load); that family is "
                                "left out");
    // The handle stays open: the registries hold functions that live in the library.
    report.loaded.push_back({file.string(), i->name, i->version, i->description, registrar.added,
                             registrar.addedTransforms, registrar.addedFamilies});
}

} // namespace

PluginReport loadPlugins(const std::vector<fs::path>& folders) {
    PluginReport report;
    std::vector<fs::path> seen;
    for (const auto& folder : folders) {
        std::error_code ec;
        if (!fs::is_directory(folder, ec))
            continue;
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(folder, ec))
            if (entry.is_regular_file(ec) && entry.path().extension() == ".so")
                files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            const fs::path canonical = fs::weakly_canonical(f, ec);
            if (std::find(seen.begin(), seen.end(), canonical) != seen.end())
                continue; // the same folder listed twice
            seen.push_back(canonical);
            loadOne(f, report);
        }
    }
    return report;
}

const PluginReport& loadPluginsOnce() {
    static std::once_flag once;
    static PluginReport report;
    std::call_once(once, [] { report = loadPlugins(pluginFolders()); });
    return report;
}

} // namespace soilscope::tasks
