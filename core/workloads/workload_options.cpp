#include "workloads/workload_options.h"

#include "base/error.h"
#include "base/parameter_values.h"
#include "workloads/pipelines.h"

namespace soilscope::workloads {

using nlohmann::json;

json workloadOptionDefaults(const std::string& id) {
    return workloadEntry(id).options();
}

std::vector<ParameterSpec> workloadOptionSpecs(const std::string& id) {
    std::vector<ParameterSpec> specs;
    const nlohmann::json defaults = workloadOptionDefaults(id);
    const std::map<std::string, OptionNote> notes = workloadEntry(id).optionNotes();
    for (const auto& [key, value] : defaults.items()) {
        const auto note = notes.find(key);
        if (note == notes.end())
            throw Error("internal: the option " + key + " of " + id + " has no description");
        const std::string name = "workload." + id + "." + key;
        const std::string& what = note->second.description;
        ParameterSpec s;
        if (value.is_boolean())
            s = boolParam(name, what, value.get<bool>());
        else if (value.is_number_integer())
            s = intParam(name, what, value.get<long long>());
        else if (value.is_number())
            s = doubleParam(name, what, value.get<double>());
        else if (value.is_array())
            s = listParam(name, what, parameterText(value));
        else if (!note->second.choices.empty())
            s = choiceParam(name, what, note->second.choices, value.get<std::string>());
        else
            s = stringParam(name, what,
                            value.is_string() ? value.get<std::string>() : value.dump());
        specs.push_back(std::move(s));
    }
    if (notes.size() != defaults.size())
        throw Error("internal: " + id + " describes an option it does not have");
    return specs;
}

} // namespace soilscope::workloads
