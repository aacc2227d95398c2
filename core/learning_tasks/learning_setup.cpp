#include "learning_tasks/learning_setup.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "base/json_text.h"
#include "learning_tasks/project_settings.h"
#include "project/workload_preset.h"
#include "training/hyper_search.h"

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
    {
        FeedbackSlice opening(feedback, 0, toPercent / 4); // products are gridded here
        s.data = project::openProjectData(s.project, &opening);
    }
    FeedbackSlice building(feedback, toPercent / 4, toPercent);
    s.dataset = project::buildProjectDataset(s.project, *s.data, building);
    feedback.info(std::to_string(s.dataset.sampleCount()) + " samples on " +
                  std::to_string(s.data->dates.size()) + " dates");
}

nlohmann::json parseSearchSpace(const std::string& text, const models::ModelSpec& base) {
    nlohmann::json space;
    std::string context = "--space";
    if (text.empty()) {
        space = models::builtInSearchSpace(base.family);
        if (space.empty())
            throw Error("no built-in search space for the model family '" + base.family +
                            "'; give --space",
                        "search");
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
    space = models::checkSearchSpace(base.family, space, context);
    try { // training settings drawn by name ("training.optimizer.lr"): the names must exist
        training::withDrawnTraining(training::TrainSettings{}, training::drawTraining(space, 1));
    } catch (const Error& e) {
        throw Error(e.message(), context);
    }
    return space;
}

std::string shortNumber(double v) {
    std::ostringstream s;
    s.precision(4);
    s << v;
    return s.str();
}

} // namespace soilscope::tasks
