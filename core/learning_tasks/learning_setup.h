#pragma once
// Internal to core/tasks: what the learning tasks (train, search, sweep) share — a project
// turned into its model spec, training and split settings, opened data and samples.
#include "base/error.h"
#include "base/feedback.h"
#include "base/parameter_values.h"
#include "features/dataset.h"
#include "models/model_spec.h"
#include "project/project_dataset.h"
#include "project/project_file.h"
#include "training/split_scheme.h"
#include "training/train_settings.h"

#include <memory>
#include <string>
#include <vector>

namespace soilscope::tasks {

/// A project ready for learning: settings checked, data opened, samples built.
struct LearningSetup {
    project::ProjectFile project;
    models::ModelSpec spec;
    training::TrainSettings settings;
    training::SplitSettings splitSettings;
    std::unique_ptr<project::ProjectData> data;
    features::Dataset dataset;
};

/// Checks the project's model, training and split settings (a bad value fails before any heavy
/// work, naming the file and the JSON section); device and threads come from the task values
/// ("device", "threads"). Fills what a workload project leaves out from its preset.
LearningSetup checkLearningSettings(const project::ProjectFile& project,
                                    const ParameterValues& values, Feedback& feedback);

/// Opens the data of a checked set-up and builds its samples, with progress in [0, toPercent].
void buildLearningData(LearningSetup& setup, Feedback& feedback, double toPercent);

/// Runs `fn` and rethrows a soilscope::Error or JSON error as "<file>: <path>: message".
template <class Fn>
auto inProjectSection(const project::ProjectFile& p, const std::string& path, Fn&& fn) {
    try {
        return fn();
    } catch (const Error& e) {
        throw Error(path + ": " + e.message(), p.file.string());
    } catch (const nlohmann::json::exception& e) {
        throw Error(path + ": " + e.what(), p.file.string());
    }
}

/// Runs `fn` (the body of a stored run); marks the run "canceled" or "failed" in the store when
/// it throws, and rethrows.
template <class Store, class Fn> auto recordRun(Store& store, std::int64_t runId, Fn&& fn) {
    try {
        return fn();
    } catch (const CanceledError&) {
        store.setStatus(runId, "canceled");
        throw;
    } catch (...) {
        store.setStatus(runId, "failed");
        throw;
    }
}

/// Parses the `--space` value: inline JSON (starting with '{') or the path of a JSON file.
/// Empty text gives the family's built-in space (models::builtInSearchSpace, declared with the
/// family's parameters). The space is checked against the declarations (keys, ranges, choices);
/// throws soilscope::Error naming the file or "--space" and the key.
nlohmann::json parseSearchSpace(const std::string& text, const models::ModelSpec& base);

/// "%.4g" formatting for summaries.
std::string shortNumber(double value);

} // namespace soilscope::tasks
