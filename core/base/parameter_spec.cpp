#include "base/parameter_spec.h"

#include <sstream>

namespace soilscope {

const char* parameterTypeName(ParameterType type) {
    switch (type) {
    case ParameterType::Path:
        return "path";
    case ParameterType::Int:
        return "int";
    case ParameterType::Double:
        return "number";
    case ParameterType::Bool:
        return "bool";
    case ParameterType::Choice:
        return "choice";
    case ParameterType::String:
        return "text";
    case ParameterType::StringList:
        return "list";
    }
    return "text";
}

std::string numberText(double v) {
    std::ostringstream ss;
    ss << v;
    return ss.str();
}

ParameterSpec pathParam(std::string name, std::string description, bool required) {
    ParameterSpec p{.name = std::move(name),
                    .type = ParameterType::Path,
                    .description = std::move(description)};
    p.required = required;
    return p;
}

ParameterSpec outputParam(std::string name, std::string description, bool required) {
    ParameterSpec p = pathParam(std::move(name), std::move(description), required);
    p.isOutput = true;
    return p;
}

ParameterSpec folderOutputParam(std::string name, std::string description, bool required) {
    ParameterSpec p = outputParam(std::move(name), std::move(description), required);
    p.isFolder = true;
    return p;
}

ParameterSpec intParam(std::string name, std::string description, long long defaultValue,
                       double minimum, double maximum) {
    return ParameterSpec{.name = std::move(name),
                         .type = ParameterType::Int,
                         .description = std::move(description),
                         .defaultValue = std::to_string(defaultValue),
                         .minimum = minimum,
                         .maximum = maximum};
}

ParameterSpec doubleParam(std::string name, std::string description, double defaultValue,
                          double minimum, double maximum) {
    return ParameterSpec{.name = std::move(name),
                         .type = ParameterType::Double,
                         .description = std::move(description),
                         .defaultValue = numberText(defaultValue),
                         .minimum = minimum,
                         .maximum = maximum};
}

ParameterSpec optionalDoubleParam(std::string name, std::string description) {
    return ParameterSpec{.name = std::move(name),
                         .type = ParameterType::Double,
                         .description = std::move(description)};
}

ParameterSpec boolParam(std::string name, std::string description, bool defaultValue) {
    return ParameterSpec{.name = std::move(name),
                         .type = ParameterType::Bool,
                         .description = std::move(description),
                         .defaultValue = defaultValue ? "true" : "false"};
}

ParameterSpec choiceParam(std::string name, std::string description,
                          std::vector<std::string> choices, std::string defaultValue) {
    ParameterSpec p{.name = std::move(name),
                    .type = ParameterType::Choice,
                    .description = std::move(description),
                    .defaultValue = std::move(defaultValue)};
    p.choices = std::move(choices);
    return p;
}

ParameterSpec stringParam(std::string name, std::string description, std::string defaultValue,
                          bool required) {
    return ParameterSpec{.name = std::move(name),
                         .type = ParameterType::String,
                         .description = std::move(description),
                         .required = required,
                         .defaultValue = std::move(defaultValue)};
}

ParameterSpec listParam(std::string name, std::string description, std::string defaultValue) {
    return ParameterSpec{.name = std::move(name),
                         .type = ParameterType::StringList,
                         .description = std::move(description),
                         .defaultValue = std::move(defaultValue)};
}

ParameterSpec pathListParam(std::string name, std::string description) {
    ParameterSpec spec = listParam(std::move(name), std::move(description));
    spec.isPathList = true;
    return spec;
}

const std::vector<std::string>& deviceChoices() {
    static const std::vector<std::string> choices{"auto", "cpu", "cuda"};
    return choices;
}

ParameterSpec deviceParam(std::string description, std::string defaultValue) {
    if (defaultValue.empty())
        description += " (default: the project's /training/device, else auto)";
    return choiceParam("device", std::move(description), deviceChoices(), std::move(defaultValue));
}

} // namespace soilscope
