#include "features/transform_registry.h"

#include <mutex>
#include <set>

namespace soilscope::features {

namespace {
std::mutex g_mutex;
std::map<std::string, PluginTransform>& registry() {
    static std::map<std::string, PluginTransform> r;
    return r;
}
} // namespace

bool isBuiltInTransform(const std::string& op) {
    static const std::set<std::string> ops = {"db_to_linear", "linear_to_db", "scale",
                                              "clip",         "sin_deg",      "cos_deg",
                                              "log10",        "abs",          "polynomial"};
    return ops.count(op) > 0;
}

bool registerTransform(const std::string& op, PluginTransform transform) {
    if (op.empty() || isBuiltInTransform(op) || !transform.apply)
        return false;
    std::lock_guard lock(g_mutex);
    return registry().emplace(op, std::move(transform)).second;
}

const PluginTransform* findTransform(const std::string& op) {
    std::lock_guard lock(g_mutex);
    const auto it = registry().find(op);
    return it == registry().end() ? nullptr : &it->second;
}

std::vector<std::string> registeredTransforms() {
    std::lock_guard lock(g_mutex);
    std::vector<std::string> names;
    for (const auto& [name, t] : registry())
        names.push_back(name);
    return names;
}

} // namespace soilscope::features
