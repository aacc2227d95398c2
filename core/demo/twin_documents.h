#pragma once
#include "demo/twin_context.h"

namespace soilscope::demo {

/// Writes truth/storms.csv, truth/parameters.json, one project file per workload in projects/,
/// README.md and twin.json (the manifest, last).
void writeTwinDocuments(TwinContext& ctx);

/// The "data" section of each workload's project file: role → {path, variable[, band]}.
/// Paths are relative to the project file (which lives in DIR/projects/).
nlohmann::json workloadProjects(const Manifest& manifest);

/// The README.md of a twin folder, for people.
std::string twinReadme(const TwinContext& ctx);

} // namespace soilscope::demo
