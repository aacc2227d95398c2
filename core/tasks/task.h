#pragma once
#include "base/feedback.h"
#include "base/output_spec.h"
#include "base/parameter_spec.h"
#include "base/parameter_values.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace soilscope::tasks {

/// What a task is, for help texts, menus and documentation.
struct TaskInfo {
    std::string id;                    ///< stable command name, e.g. "validate"
    std::string title;                 ///< short human title, e.g. "Validate against stations"
    std::string description;           ///< one paragraph
    std::string group;                 ///< menu group: Data, Validation, Learning, Analysis, Demo
    std::vector<std::string> examples; ///< full command lines without the program name
};

/// The result of a task: one JSON document (what --json prints), a human summary, and the
/// declared outputs it produced (the runner writes them into the JSON as "outputs").
struct TaskResult {
    nlohmann::json json = nlohmann::json::object();
    std::string summary;
    std::vector<OutputValue> outputs;
};

/// One operation of SoilScope, declared once and run by every front-end.
/// run() may be called on any thread; it reports through Feedback and throws
/// soilscope::Error for bad input (never half-writing outputs).
class Task {
  public:
    virtual ~Task() = default;
    virtual TaskInfo info() const = 0;
    virtual std::vector<ParameterSpec> parameters() const = 0;
    /// The project settings a run accepts as --set KEY=VALUE (dotted names, grouped by their
    /// first two parts); empty for tasks that read no project.
    virtual std::vector<ParameterSpec> settings() const { return {}; }
    /// Everything a run may produce; run() returns values of these only.
    virtual std::vector<OutputSpec> outputs() const = 0;
    /// Cross-parameter checks beyond the specs; throws UsageError.
    virtual void validate(const ParameterValues& /*values*/) const {}
    virtual TaskResult run(const ParameterValues& values, Feedback& feedback) = 0;
    /// Under mpirun: whether run() shares its units among the processes (every process calls
    /// it); other tasks run on process 0 alone.
    virtual bool sharesUnits() const { return false; }
};

} // namespace soilscope::tasks
