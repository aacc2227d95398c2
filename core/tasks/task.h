#pragma once
#include "tasks/feedback.h"
#include "tasks/parameter_spec.h"
#include "tasks/parameter_values.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace soilscope::tasks {

/// What a task is, for help texts, menus and documentation.
struct TaskInfo {
    std::string id;          ///< stable command name, e.g. "validate"
    std::string title;       ///< short human title, e.g. "Validate against stations"
    std::string description; ///< one paragraph
    std::string group;       ///< menu group: Data, Validation, Learning, Analysis, Demo
    std::vector<std::string> examples; ///< full command lines without the program name
};

/// The result of a task: one JSON document (what --json prints) and a human summary.
struct TaskResult {
    nlohmann::json json = nlohmann::json::object();
    std::string summary;
};

/// One operation of SoilScope, declared once and run by every front-end.
/// run() may be called on any thread; it reports through Feedback and throws
/// soilscope::Error for bad input (never half-writing outputs).
class Task {
public:
    virtual ~Task() = default;
    virtual TaskInfo info() const = 0;
    virtual std::vector<ParameterSpec> parameters() const = 0;
    /// Cross-parameter checks beyond the specs; throws UsageError.
    virtual void validate(const ParameterValues& /*values*/) const {}
    virtual TaskResult run(const ParameterValues& values, Feedback& feedback) = 0;
};

} // namespace soilscope::tasks
