#include "cli_help.h"

#include "tasks/task_registry.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace soilscope::cli {

std::string overviewHelp() {
    std::ostringstream out;
    out << "Usage: soilscope-cli TASK [--param value ...] [--json] [--quiet] [--progress-json]\n"
        << "       soilscope-cli help [TASK] [--json]\n\nTasks:\n";
    const auto ids = tasks::TaskRegistry::instance().ids();
    std::size_t width = 0;
    for (const auto& id : ids)
        width = std::max(width, id.size());
    for (const auto& id : ids) {
        const auto task = tasks::TaskRegistry::instance().create(id);
        out << "  " << id << std::string(width - id.size() + 2, ' ') << task->info().title << "\n";
    }
    out << "\nRun 'soilscope-cli help TASK' for the parameters of one task; 'soilscope-cli help "
           "--json' describes every task, its parameters and outputs as JSON.\n";
    return out.str();
}

namespace {
std::string placeholder(const soilscope::ParameterSpec& p) {
    using soilscope::ParameterType;
    switch (p.type) {
    case ParameterType::Path:
        return p.isFolder ? "DIR" : "PATH";
    case ParameterType::Int:
        return "N";
    case ParameterType::Double:
        return "X";
    case ParameterType::Bool:
        return "";
    case ParameterType::Choice: {
        std::string s;
        for (const auto& c : p.choices)
            s += (s.empty() ? "" : "|") + c;
        return s;
    }
    case ParameterType::String:
        return "TEXT";
    case ParameterType::StringList:
        return "A,B,...";
    }
    return "VALUE";
}
/// One parameter or setting: its name with a value placeholder, then its description, default,
/// range and condition.
void describe(std::ostream& out, const std::string& name, const soilscope::ParameterSpec& p) {
    const std::string ph = placeholder(p);
    out << "  " << name << (ph.empty() ? "" : (name.rfind("--", 0) == 0 ? " " : "=") + ph)
        << "\n      " << p.description;
    if (p.required)
        out << " (required)";
    else if (!p.defaultValue.empty())
        out << " [default: " << p.defaultValue << "]";
    if (std::isfinite(p.minimum) || std::isfinite(p.maximum))
        out << " (range " << p.minimum << " .. " << p.maximum << ")";
    if (!p.enabledWhen.empty())
        out << " (when " << p.enabledWhen << ")";
    if (!p.searchRange.empty())
        out << " (search draws " << p.searchRange << ")";
    out << "\n";
}

/// "model.lstm" of "model.lstm.hidden", "training.optimizer" of "training.optimizer.eps",
/// "training" of "training.epochs".
std::string settingGroup(const std::string& name) {
    const auto first = name.find('.');
    const auto second = name.find('.', first + 1);
    return second == std::string::npos ? name.substr(0, first) : name.substr(0, second);
}
} // namespace

std::string taskHelp(const tasks::Task& task) {
    const auto info = task.info();
    std::ostringstream out;
    out << "soilscope-cli " << info.id << " — " << info.title << "\n\n"
        << info.description << "\n\nParameters:\n";
    for (const auto& p : task.parameters())
        describe(out, "--" + p.name, p);
    out << "  --json\n      print one JSON document on stdout\n"
        << "  --quiet\n      print only warnings and errors on stderr\n"
        << "  --progress-json\n      report progress, messages and metrics on stderr as one JSON "
           "object per line\n"
        << "  --max-unpacked SIZE\n      largest zip member to unpack, e.g. 8G (default 1G, and "
           "at most 100:1 above 64M: larger or more compressed members are refused as zip "
           "bombs)\n"
        << "  --daily-time HH:MM\n      time of day given to daily data labelled by date only "
           "(band labels, dated file names, daily images without an observation time): "
           "default 12:00 UTC, the centre of a daily mean\n";
    const auto outputs = task.outputs();
    if (!outputs.empty()) {
        out << "\nOutputs:\n";
        for (const auto& o : outputs)
            out << "  " << o.name << " (" << outputKindName(o.kind) << ")\n      " << o.description
                << "\n";
    }
    const auto settings = task.settings();
    if (!settings.empty()) {
        out << "\nProject settings (override with --set KEY=VALUE, repeatable; a project file "
               "holds them "
               "below /model, /training, /split and /training/workload):\n";
        std::string group;
        for (const auto& s : settings) {
            if (settingGroup(s.name) != group) {
                group = settingGroup(s.name);
                out << "\n [" << group << "]\n";
            }
            describe(out, s.name, s);
        }
    }
    if (!info.examples.empty()) {
        out << "\nExamples:\n";
        for (const auto& e : info.examples)
            out << "  soilscope-cli " << e << "\n";
    }
    return out.str();
}

} // namespace soilscope::cli
