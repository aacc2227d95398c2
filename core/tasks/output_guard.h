#pragma once
#include "base/parameter_spec.h"
#include "base/parameter_values.h"

#include <vector>

namespace soilscope::tasks {

/// Refuses, before a task runs, outputs that would destroy data: an output path that is one of
/// the inputs (the same file through any path, symbolic or hard link), an existing file inside
/// an input folder (a bundle, an archive folder), and a file output that exists but is not a
/// regular file (a folder, a FIFO, a device). Throws soilscope::UsageError naming both.
void checkOutputsAgainstInputs(const std::vector<ParameterSpec>& specs,
                               const ParameterValues& values);

} // namespace soilscope::tasks
