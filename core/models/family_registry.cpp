#include "models/family_registry.h"

#include "base/error.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace soilscope::models {

namespace {
struct Registry {
    std::mutex mutex;
    std::map<std::string, PluginFamily> families;
    std::vector<std::string> order;
};
Registry& registry() {
    static Registry r;
    return r;
}
} // namespace

bool registerModelFamily(const std::string& name, PluginFamily family) {
    const auto builtIn = builtInModelFamilies();
    if (name.empty() || !family.fit || !family.load ||
        std::find(builtIn.begin(), builtIn.end(), name) != builtIn.end())
        return false;
    auto& r = registry();
    const std::lock_guard lock(r.mutex);
    if (!r.families.emplace(name, std::move(family)).second)
        return false;
    r.order.push_back(name);
    return true;
}

const PluginFamily* pluginFamily(const std::string& name) {
    auto& r = registry();
    const std::lock_guard lock(r.mutex);
    const auto it = r.families.find(name);
    return it == r.families.end() ? nullptr : &it->second;
}

std::vector<std::string> pluginFamilyNames() {
    auto& r = registry();
    const std::lock_guard lock(r.mutex);
    return r.order;
}

namespace {
const std::string kPluginKindPrefix = "plugin:";

/// A plugin's member under the engine's record of its family.
class PluginMember : public ModelMember {
  public:
    PluginMember(std::string family, std::shared_ptr<ModelMember> inner)
        : m_kind(kPluginKindPrefix + std::move(family)), m_inner(std::move(inner)) {}
    std::string kind() const override { return m_kind; }
    std::string fileExtension() const override { return m_inner->fileExtension(); }
    std::vector<float> predict(const float* x, std::size_t n) const override {
        return m_inner->predict(x, n);
    }
    std::int64_t parameterCount() const override { return m_inner->parameterCount(); }
    void save(const std::filesystem::path& file) const override { m_inner->save(file); }

  private:
    std::string m_kind;
    std::shared_ptr<ModelMember> m_inner;
};
} // namespace

std::shared_ptr<ModelMember> fitPluginMember(const ModelSpec& spec, const TabularData& data,
                                             std::uint64_t seed) {
    const PluginFamily* family = pluginFamily(spec.family);
    if (!family)
        throw Error("no plugin adds the model family '" + spec.family + "'", "training");
    auto member = family->fit(spec.params, data, seed);
    if (!member)
        throw Error("the plugin's fit returned no model", "training " + spec.family);
    return std::make_shared<PluginMember>(spec.family, std::move(member));
}

bool isPluginMemberKind(const std::string& kind) {
    return kind.rfind(kPluginKindPrefix, 0) == 0;
}

std::shared_ptr<ModelMember> loadPluginMember(const std::string& kind, const ModelSpec& spec,
                                              std::size_t features, std::size_t targets,
                                              const std::filesystem::path& file) {
    const std::string name = kind.substr(kPluginKindPrefix.size());
    const PluginFamily* family = pluginFamily(name);
    if (!family)
        throw Error("the model family '" + name +
                        "' comes from a plugin that is not loaded (install it in a plugin "
                        "folder or on SOILSCOPE_PLUGIN_PATH)",
                    file.string());
    auto member = family->load(spec.params, features, targets, file);
    if (!member)
        throw Error("the plugin could not reload the model", file.string());
    return std::make_shared<PluginMember>(name, std::move(member));
}

} // namespace soilscope::models
