#pragma once
#include "base/parameter_spec.h"

#include <map>
#include <string>
#include <vector>

namespace soilscope::tasks {

/// A word as a POSIX shell reads it back unchanged: as is when it holds only safe characters,
/// else in single quotes.
std::string shellWord(const std::string& word);

/// The soilscope-cli command line that runs `task` with these raw parameter values (as a
/// parameter form gives them): the parameters of `specs` in their order, those at their default
/// left out, a true boolean as its bare flag, a value of several lines (--set) as one option per
/// line; values of no parameter are ignored.
std::string commandLine(const std::string& task, const std::vector<ParameterSpec>& specs,
                        const std::map<std::string, std::string>& values);

} // namespace soilscope::tasks
