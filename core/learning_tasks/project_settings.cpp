#include "learning_tasks/project_settings.h"

#include "base/error.h"
#include "base/parameter_values.h"
#include "models/model_spec.h"
#include "project/workload_preset.h"
#include "training/setting_specs.h"
#include "workloads/workload_options.h"
#include "workloads/workload_runner.h"

#include <charconv>
#include <sstream>

namespace soilscope::tasks {

using nlohmann::json;

namespace {

const ParameterSpec* findSpec(const std::vector<ParameterSpec>& specs, const std::string& name) {
    for (const auto& s : specs)
        if (s.name == name)
            return &s;
    return nullptr;
}

std::string allowed(const ParameterSpec& s) {
    std::ostringstream out;
    out << parameterTypeName(s.type);
    if (!s.choices.empty()) {
        out << ": ";
        for (std::size_t i = 0; i < s.choices.size(); ++i)
            out << (i ? ", " : "") << s.choices[i];
    } else if (std::isfinite(s.minimum) || std::isfinite(s.maximum)) {
        out << " in [" << s.minimum << ", " << s.maximum << "]";
    }
    return out.str();
}

json numberOrText(const std::string& text) {
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc() && end == text.data() + text.size()) {
        if (text.find_first_of(".eE") == std::string::npos)
            return json(static_cast<long long>(v));
        return json(v);
    }
    return json(text);
}

/// The value of `text` as the JSON type the spec declares (checked against the spec first).
json typedValue(const ParameterSpec& spec, const std::string& key, const std::string& text) {
    try {
        ParameterValues::fromText({spec}, {{spec.name, text}});
    } catch (const UsageError& e) {
        throw UsageError(e.message() + " (allowed: " + allowed(spec) + ")", "--set " + key);
    }
    switch (spec.type) {
    case ParameterType::Int:
        return json(std::stoll(text));
    case ParameterType::Double:
        return json(std::stod(text));
    case ParameterType::Bool:
        return json(text == "true" || text == "1" || text == "yes" || text == "on");
    case ParameterType::StringList: {
        json list = json::array();
        std::stringstream in(text);
        for (std::string item; std::getline(in, item, ',');)
            if (!item.empty())
                list.push_back(numberOrText(item));
        return list;
    }
    default:
        return json(text);
    }
}

/// "a.b.c" → /a/b/c below `root`, creating objects on the way.
void setDotted(json& root, const std::string& dotted, json value) {
    json* node = &root;
    std::stringstream in(dotted);
    std::vector<std::string> parts;
    for (std::string part; std::getline(in, part, '.');)
        parts.push_back(part);
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        if (!node->contains(parts[i]) || !(*node)[parts[i]].is_object())
            (*node)[parts[i]] = json::object();
        node = &(*node)[parts[i]];
    }
    (*node)[parts.back()] = std::move(value);
}

/// Checks every leaf of `section` (a project object) against "<prefix>.<dotted key>" specs.
void checkSection(const json& section, const std::string& prefix, const std::string& pointer,
                  const std::vector<ParameterSpec>& specs, const project::ProjectFile& project) {
    for (const auto& [key, value] : section.items()) {
        const std::string name = prefix + "." + key;
        const std::string where = pointer + "/" + key;
        const ParameterSpec* spec = findSpec(specs, name);
        if (!spec && value.is_object()) {
            checkSection(value, name, where, specs, project);
            continue;
        }
        if (!spec)
            throw Error(where + ": unknown setting (soilscope-cli help train lists them)",
                        project.file.string());
        if (value.is_null())
            continue;
        try {
            ParameterValues::fromText({*spec}, {{spec->name, parameterText(value)}});
        } catch (const UsageError& e) {
            throw Error(where + ": " + e.message() + " (allowed: " + allowed(*spec) + ")",
                        project.file.string());
        }
    }
}

/// The project's model family, else its workload's built-in one, else "".
std::string modelFamily(const project::ProjectFile& project) {
    if (project.model.is_object() && !project.model.value("family", "").empty())
        return project.model.value("family", "");
    project::ProjectFile withPreset = project;
    try {
        if (project::applyWorkloadPreset(withPreset) && withPreset.model.is_object())
            return withPreset.model.value("family", "");
    } catch (const Error&) {
        // a project whose data do not fit its workload's preset names no family
    }
    return {};
}

} // namespace

std::vector<ParameterSpec> projectSettingSpecs() {
    std::vector<ParameterSpec> specs = models::modelSettingSpecs();
    for (auto& s : training::trainingSettingSpecs())
        specs.push_back(std::move(s));
    for (auto& s : training::splitSettingSpecs())
        specs.push_back(std::move(s));
    for (const auto& id : workloads::workloadIds())
        for (auto& s : workloads::workloadOptionSpecs(id))
            specs.push_back(std::move(s));
    return specs;
}

ParameterSpec setParam() {
    ParameterSpec p =
        stringParam("set", "override a project setting: KEY=VALUE, one per line or one per --set "
                           "(the settings below)");
    p.advanced = true;
    return p;
}

void applySettings(project::ProjectFile& project, const std::string& assignments) {
    const std::vector<ParameterSpec> specs = projectSettingSpecs();
    std::stringstream in(assignments);
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        if (line.empty())
            continue;
        const auto eq = line.find('=');
        if (eq == std::string::npos)
            throw UsageError("expected KEY=VALUE, got '" + line + "'", "--set");
        const std::string key = line.substr(0, eq);
        const std::string text = line.substr(eq + 1);
        const ParameterSpec* spec = findSpec(specs, key);
        if (!spec)
            throw UsageError("unknown setting (soilscope-cli help train lists them)",
                             "--set " + key);
        const json value = typedValue(*spec, key, text);
        if (key == "model.family") {
            if (project.model.value("family", "") != text)
                project.model = {{"family", text}, {"params", json::object()}};
        } else if (key.rfind("model.", 0) == 0) {
            const std::string rest = key.substr(6);
            const std::string family = rest.substr(0, rest.find('.'));
            const std::string current = modelFamily(project);
            if (current.empty())
                throw UsageError("the project names no model family; set model.family=" + family +
                                     " first",
                                 "--set " + key);
            if (current != family)
                throw UsageError("the project's model family is '" + current +
                                     "'; set model.family=" + family + " first",
                                 "--set " + key);
            if (!project.model.is_object() || project.model.value("family", "") != family)
                project.model = {{"family", family}, {"params", json::object()}};
            if (!project.model.contains("params") || !project.model["params"].is_object())
                project.model["params"] = json::object();
            project.model["params"][rest.substr(family.size() + 1)] = value;
        } else if (key.rfind("training.", 0) == 0) {
            setDotted(project.training, key.substr(9), value);
        } else if (key.rfind("split.", 0) == 0) {
            setDotted(project.split, key.substr(6), value);
        } else if (key.rfind("workload.", 0) == 0) {
            const std::string rest = key.substr(9);
            const std::string id = rest.substr(0, rest.find('.'));
            if (project.workload != id)
                throw UsageError("the project runs " +
                                     (project.workload.empty() ? std::string("no workload")
                                                               : "'" + project.workload + "'") +
                                     ", not " + id,
                                 "--set " + key);
            if (!project.training.contains("workload") || !project.training["workload"].is_object())
                project.training["workload"] = json::object();
            project.training["workload"][rest.substr(id.size() + 1)] = value;
        }
    }
}

void checkProjectSettings(const project::ProjectFile& project) {
    const std::vector<ParameterSpec> specs = projectSettingSpecs();
    if (project.training.is_object()) {
        json training = project.training;
        training.erase("workload");
        checkSection(training, "training", "/training", specs, project);
        if (project.training.contains("workload") && workloads::isWorkload(project.workload) &&
            project.training["workload"].is_object())
            checkSection(project.training["workload"], "workload." + project.workload,
                         "/training/workload", specs, project);
    }
    if (project.split.is_object())
        checkSection(project.split, "split", "/split", specs, project);
}

} // namespace soilscope::tasks
