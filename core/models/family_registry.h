#pragma once
// Model families added by plugins: tabular estimators without LibTorch, trained in one fit on
// the (normalised) training rows and saved as one file per member in the bundle. Once
// registered, a family is everywhere a built-in one is: model.family choices, its parameters as
// model.<family>.<name> settings and search space, train / search / sweep / predict, bundles.
#include "models/model_member.h"
#include "models/model_spec.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace soilscope::models {

/// The training rows a plugin family fits on: x is n × features, y is n × targets, row-major,
/// every target finite.
struct TabularData {
    const float* x = nullptr;
    const float* y = nullptr;
    std::size_t n = 0;
    std::size_t features = 0;
    std::size_t targets = 0;
};

struct PluginFamily {
    std::string description;
    std::vector<ModelParameter> parameters;
    /// Fits one member (params resolved against `parameters`, seed distinct per member).
    std::function<std::shared_ptr<ModelMember>(const nlohmann::json& params,
                                               const TabularData& data, std::uint64_t seed)>
        fit;
    /// Reloads a member its ModelMember::save wrote; throws soilscope::Error naming the file.
    std::function<std::shared_ptr<ModelMember>(const nlohmann::json& params, std::size_t features,
                                               std::size_t targets,
                                               const std::filesystem::path& file)>
        load;
};

/// Adds a family; false (nothing added) when the name is built in or already added, or when
/// the family has no fit or load function.
bool registerModelFamily(const std::string& name, PluginFamily family);
/// The family a plugin added under `name`, or nullptr.
const PluginFamily* pluginFamily(const std::string& name);
/// Names of the families plugins added, in the order they were added.
std::vector<std::string> pluginFamilyNames();
/// Fits one member of plugin family spec.family (params resolved); its kind() is
/// "plugin:<family>", the bundle's record of how to reload it. Throws soilscope::Error.
std::shared_ptr<ModelMember> fitPluginMember(const ModelSpec& spec, const TabularData& data,
                                             std::uint64_t seed);
/// Reloads a member saved under kind "plugin:<family>"; throws soilscope::Error naming the file
/// when no loaded plugin adds that family.
std::shared_ptr<ModelMember> loadPluginMember(const std::string& kind, const ModelSpec& spec,
                                              std::size_t features, std::size_t targets,
                                              const std::filesystem::path& file);
/// True for the kinds loadPluginMember reads.
bool isPluginMemberKind(const std::string& kind);

} // namespace soilscope::models
