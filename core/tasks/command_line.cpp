#include "tasks/command_line.h"

#include <algorithm>
#include <sstream>

namespace soilscope::tasks {

std::string shellWord(const std::string& word) {
    const bool safe = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string("_@%+=:,./-").find(c) != std::string::npos;
    });
    if (safe)
        return word;
    std::string quoted = "'";
    for (const char c : word)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string commandLine(const std::string& task, const std::vector<ParameterSpec>& specs,
                        const std::map<std::string, std::string>& values) {
    std::string out = "soilscope-cli " + shellWord(task);
    const auto add = [&](const std::string& name, const std::string& value,
                         const ParameterSpec& spec) {
        if (!spec.required && value == spec.defaultValue)
            return; // the task's default: the command line needs not say it
        if (spec.type == ParameterType::Bool && value == "true") {
            out += " --" + name;
            return;
        }
        std::istringstream lines(value);
        std::string line;
        bool any = false;
        while (std::getline(lines, line)) {
            out += " --" + name + " " + shellWord(line);
            any = true;
        }
        if (!any)
            out += " --" + name + " ''";
    };
    for (const auto& spec : specs)
        if (const auto it = values.find(spec.name); it != values.end())
            add(spec.name, it->second, spec);
    return out;
}

} // namespace soilscope::tasks
