#pragma once
#include "tasks/task.h"

#include <QString>

#include <string>
#include <vector>

namespace soilscope::widgets {

/// Translation context of the English strings that core Tasks declare (titles, descriptions,
/// parameter labels and descriptions, choice values); lupdate extracts them from the generated
/// task_strings_generated.cpp.
inline constexpr const char* kTaskStringsContext = "TaskStrings";

/// A core string translated for display (the English original when no translation is loaded).
QString trTask(const std::string& english);
/// The English label of a parameter, made from the last part of its name ("depth-min" -> "Depth
/// min").
std::string parameterLabel(const std::string& name);
/// The English group of a dotted parameter name, one entry per prefix part ("model.lstm.x" ->
/// model, lstm).
std::vector<std::string> parameterGroups(const std::string& name);
/// Every string of a task the GUI shows: title, description, group, labels, groups, descriptions,
/// choices.
std::vector<std::string> taskDisplayStrings(const tasks::Task& task);
/// The C++ source of task_strings_generated.cpp for every task in the registry.
std::string generateTaskStringsSource();
/// The strings compiled from task_strings_generated.cpp (their English originals).
const std::vector<const char*>& generatedTaskStrings();

} // namespace soilscope::widgets
