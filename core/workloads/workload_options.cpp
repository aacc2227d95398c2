#include "workloads/workload_options.h"

#include "workloads/pipelines.h"

namespace soilscope::workloads {

using nlohmann::json;

json workloadOptionDefaults(const std::string& id) {
    return workloadEntry(id).options();
}

namespace {
std::string listText(const nlohmann::json& list) {
    std::string out;
    for (const auto& v : list)
        out += (out.empty() ? "" : ",") + (v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}
} // namespace

std::vector<ParameterSpec> workloadOptionSpecs(const std::string& id) {
    std::vector<ParameterSpec> specs;
    const nlohmann::json defaults = workloadOptionDefaults(id);
    for (const auto& [key, value] : defaults.items()) {
        const std::string name = "workload." + id + "." + key;
        const std::string what = "option of the " + id + " pipeline (docs/workloads.md)";
        ParameterSpec s;
        if (value.is_boolean())
            s = boolParam(name, what, value.get<bool>());
        else if (value.is_number_integer())
            s = intParam(name, what, value.get<long long>());
        else if (value.is_number())
            s = doubleParam(name, what, value.get<double>());
        else if (value.is_array())
            s = listParam(name, what, listText(value));
        else
            s = stringParam(name, what,
                            value.is_string() ? value.get<std::string>() : value.dump());
        specs.push_back(std::move(s));
    }
    return specs;
}

} // namespace soilscope::workloads
