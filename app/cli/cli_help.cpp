#include "cli_help.h"

#include "tasks/task_registry.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace soilscope::cli {

std::string overviewHelp() {
    std::ostringstream out;
    out << "Usage: soilscope-cli TASK [--param value ...] [--json] [--quiet]\n"
        << "       soilscope-cli help [TASK]\n\nTasks:\n";
    const auto ids = tasks::TaskRegistry::instance().ids();
    std::size_t width = 0;
    for (const auto& id : ids) width = std::max(width, id.size());
    for (const auto& id : ids) {
        const auto task = tasks::TaskRegistry::instance().create(id);
        out << "  " << id << std::string(width - id.size() + 2, ' ') << task->info().title << "\n";
    }
    out << "\nRun 'soilscope-cli help TASK' for the parameters of one task.\n";
    return out.str();
}

namespace {
std::string placeholder(const tasks::ParameterSpec& p) {
    using tasks::ParameterType;
    switch (p.type) {
    case ParameterType::Path: return p.isFolder ? "DIR" : "PATH";
    case ParameterType::Int: return "N";
    case ParameterType::Double: return "X";
    case ParameterType::Bool: return "";
    case ParameterType::Choice: {
        std::string s;
        for (const auto& c : p.choices) s += (s.empty() ? "" : "|") + c;
        return s;
    }
    case ParameterType::String: return "TEXT";
    case ParameterType::StringList: return "A,B,...";
    }
    return "VALUE";
}
} // namespace

std::string taskHelp(const tasks::Task& task) {
    const auto info = task.info();
    std::ostringstream out;
    out << "soilscope-cli " << info.id << " — " << info.title << "\n\n" << info.description
        << "\n\nParameters:\n";
    for (const auto& p : task.parameters()) {
        const std::string ph = placeholder(p);
        std::string head = "  --" + p.name + (ph.empty() ? "" : " " + ph);
        out << head << "\n      " << p.description;
        if (p.required) out << " (required)";
        else if (!p.defaultValue.empty()) out << " [default: " << p.defaultValue << "]";
        if (std::isfinite(p.minimum) || std::isfinite(p.maximum))
            out << " (range " << p.minimum << " .. " << p.maximum << ")";
        if (!p.enabledWhen.empty()) out << " (when " << p.enabledWhen << ")";
        out << "\n";
    }
    out << "  --json\n      print one JSON document on stdout\n"
        << "  --quiet\n      print only warnings and errors on stderr\n";
    if (!info.examples.empty()) {
        out << "\nExamples:\n";
        for (const auto& e : info.examples) out << "  soilscope-cli " << e << "\n";
    }
    return out.str();
}

} // namespace soilscope::cli
