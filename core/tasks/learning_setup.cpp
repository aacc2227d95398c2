#include "tasks/learning_setup.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "base/json_text.h"
#include "project/workload_preset.h"
#include "tasks/project_settings.h"

#include <filesystem>
#include <sstream>

namespace soilscope::tasks {

LearningSetup checkLearningSettings(const project::ProjectFile& given,
                                    const ParameterValues& values, Feedback& feedback) {
    LearningSetup s;
    s.project = given;
    project::ProjectFile& p = s.project;
    if (!p.hasLearningSetup() && project::applyWorkloadPreset(p))
        feedback.info("using the built-in '" + p.workload +
                      "' set-up for what the project leaves out");
    applySettings(p, values.text("set"));
    checkProjectSettings(p);
    if (p.predictors.empty())
        throw Error("/predictors: missing (the project names its data but declares no predictors, "
                    "and its workload has no built-in set-up)",
                    p.file.string());
    if (p.target.role.empty())
        throw Error("/target: missing (the project declares no target)", p.file.string());
    s.spec = inProjectSection(p, "/model", [&] {
        if (p.model.empty())
            throw Error("missing (a model family is required)");
        return models::resolveSpec(models::ModelSpec::fromJson(p.model));
    });
    const std::string layout = models::expectedLayout(s.spec.family);
    if (layout != p.samples.layout)
        throw Error("/samples/layout: the model family '" + s.spec.family + "' needs " + layout +
                        " samples but the project builds " + p.samples.layout + " samples",
                    p.file.string());
    s.settings = inProjectSection(p, "/training", [&] {
        auto t = training::TrainSettings::fromJson(p.training);
        t.check();
        return t;
    });
    if (values.has("device"))
        s.settings.device = values.text("device");
    if (values.has("threads") && values.integer("threads") > 0)
        s.settings.threads = int(values.integer("threads"));
    s.splitSettings =
        inProjectSection(p, "/split", [&] { return training::SplitSettings::fromJson(p.split); });
    return s;
}

void buildLearningData(LearningSetup& s, Feedback& feedback, double toPercent) {
    s.data = project::openProjectData(s.project);
    FeedbackSlice building(feedback, 0, toPercent);
    s.dataset = project::buildProjectDataset(s.project, *s.data, building);
    feedback.info(std::to_string(s.dataset.sampleCount()) + " samples on " +
                  std::to_string(s.data->dates.size()) + " dates");
}

namespace {
/// Small spaces around typical settings, sized so that a draw trains in seconds to minutes.
nlohmann::json builtInSpace(const std::string& family) {
    if (family == "mlp")
        return nlohmann::json::parse(
            R"({"layers": {"min": 1, "max": 3}, "width": {"min": 8, "max": 128, "log": true},
            "activation": {"choices": ["relu", "tanh"]}, "dropout": {"min": 0, "max": 0.3}})");
    if (family == "cnn")
        return nlohmann::json::parse(
            R"({"layers": {"min": 1, "max": 4}, "channels": {"min": 4, "max": 32, "log": true},
            "kernel": {"choices": [3, 5]}, "activation": {"choices": ["relu", "tanh"]}})");
    if (family == "locally_connected")
        return nlohmann::json::parse(
            R"({"kernel": {"choices": [3, 5, 7]}, "hidden_channels": {"choices": [0, 4, 8]}})");
    if (family == "lstm" || family == "gru" || family == "wcm_lstm")
        return nlohmann::json::parse(
            R"({"layers": {"min": 1, "max": 2}, "hidden": {"min": 8, "max": 64, "log": true},
            "dropout": {"min": 0, "max": 0.3}})");
    if (family == "xgboost")
        return nlohmann::json::parse(
            R"({"n_estimators": {"min": 50, "max": 300}, "max_depth": {"min": 2, "max": 8},
            "learning_rate": {"min": 0.01, "max": 0.3, "log": true}})");
    if (family == "random_forest")
        return nlohmann::json::parse(
            R"({"n_estimators": {"min": 20, "max": 200}, "max_depth": {"choices": [0, 10, 20]},
            "min_leaf": {"choices": [1, 2, 4, 8]}, "max_features": {"choices": ["sqrt", "log2", "all"]}})");
    if (family == "svr")
        return nlohmann::json::parse(R"({"c": {"min": 0.1, "max": 100, "log": true},
            "epsilon": {"min": 0.005, "max": 0.2, "log": true}, "kernel": {"choices": ["rbf", "linear"]}})");
    throw Error("no built-in search space for the model family '" + family + "'; give --space",
                "search");
}
} // namespace

nlohmann::json parseSearchSpace(const std::string& text, const models::ModelSpec& base) {
    nlohmann::json space;
    std::string context = "--space";
    if (text.empty()) {
        space = builtInSpace(base.family);
    } else {
        std::string source = text;
        if (text.front() != '{' && text.front() != '[') {
            context = text;
            std::error_code ec;
            if (!std::filesystem::is_regular_file(text, ec))
                throw Error("search space file not found (give a file or a JSON object)",
                            text.size() > 200 ? text.substr(0, 200) + "…" : text);
            source = readTextFile(text);
        }
        try {
            space = parseJsonText(source, context);
        } catch (const Error& e) {
            throw Error("the search space is " + e.message(), context);
        }
    }
    if (!space.is_object() || space.empty())
        throw Error("the search space must be a non-empty object of parameter ranges", context);
    for (const auto& [name, range] : space.items())
        if (!range.is_object() ||
            !(range.contains("choices") || range.contains("min") || range.contains("max")))
            throw Error("'" + name +
                            "' needs {\"min\", \"max\"[, \"log\"]} or {\"choices\": [...]}",
                        context);
    return space;
}

std::string shortNumber(double v) {
    std::ostringstream s;
    s.precision(4);
    s << v;
    return s.str();
}

} // namespace soilscope::tasks
