#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace soilscope {

/// Writes a file through a temporary sibling and renames it over the target only when the
/// writer succeeded, so a failure never leaves a half-written or damaged output behind.
/// The writer receives the temporary path; an exception from it removes the temporary file.
void writeAtomically(const std::filesystem::path& target,
                     const std::function<void(const std::filesystem::path& tmp)>& writer);

/// Removes what an interrupted SoilScope process left of its temporaries for `target` — files
/// <name>.tmp-<pid>-<n>[<ext>] (writeAtomically) and folders <name>.tmp-<pid> (model bundles) —
/// when that process no longer runs. Anything else, and a running process's temporaries, stay.
/// writeAtomically calls it; returns the paths removed.
std::vector<std::filesystem::path> removeStaleTemporaries(const std::filesystem::path& target);

/// Writes text content atomically (see writeAtomically).
void writeTextAtomically(const std::filesystem::path& target, const std::string& content);

/// Reads a whole text file; throws soilscope::Error naming the file when it cannot.
std::string readTextFile(const std::filesystem::path& path);

} // namespace soilscope
