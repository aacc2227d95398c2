// Task "train": trains the model of a project file (predictors → dataset → split → train →
// validate), stores the run, writes the bundle and prediction maps.
#include "base/error.h"
#include "base/process_group.h"
#include "base/time_utils.h"
#include "features/dataset_builder.h"
#include "geo/raster_series.h"
#include "inference/fast_mlp.h"
#include "inference/tiled_inference.h"
#include "learning_tasks/learning_setup.h"
#include "learning_tasks/project_settings.h"
#include "models/bundle.h"
#include "models/model_spec.h"
#include "project/project_dataset.h"
#include "project/project_file.h"
#include "project/run_store.h"
#include "project/workload_preset.h"
#include "tasks/distributed_run.h"
#include "tasks/map_date.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"
#include "training/evaluation.h"
#include "training/fold.h"
#include "training/split_scheme.h"
#include "training/trainer.h"
#include "workloads/workload_runner.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace soilscope::tasks {

namespace {
std::string fmt(double v) {
    std::ostringstream s;
    s.precision(4);
    s << v;
    return s.str();
}
} // namespace

namespace {
/// The units of what a project's model predicts: the target layer's declared units, else the
/// file's; ISMN soil moisture is volumetric.
std::string targetUnits(const project::ProjectFile& p) {
    if (p.target.kind == "stations")
        return "m3 m-3";
    try {
        const auto& layer = p.layer(p.target.role);
        if (!layer.units.empty())
            return layer.units;
        for (const auto& v : geo::RasterSeries::listVariables(layer.path))
            if (layer.variable.empty() || v.name == layer.variable)
                return v.units;
    } catch (const Error&) {
    }
    return {};
}
} // namespace

class TrainTask : public Task {
  public:
    TaskInfo info() const override {
        return {
            "train",
            "Train a model",
            "Loads a project file, computes its predictors, builds the samples with their group "
            "labels, splits them by the project's scheme, fits the normalisation on the training "
            "part only, trains the model (CPU or CUDA), validates it on the test part, stores the "
            "run in the project's run store and writes the model bundle and prediction maps.",
            "Learning",
            {"train --project twin/projects/cnn_ascat_intraday.soilscope.json",
             "train --project P.soilscope.json --device cpu --quick --json",
             "train --project P.soilscope.json --set model.lstm.hidden=32 --set "
             "training.epochs=5"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto project = pathParam("project", "project file (*.soilscope.json)");
        project.fileFilter = "SoilScope projects (*.soilscope.json);;JSON (*.json)";
        return {
            project,
            deviceParam("where to train"),
            boolParam("quick", "a short run: first split, at most 3 epochs, one member, one map"),
            boolParam("generic",
                      "train the project's single model even when it names one of the five "
                      "workloads (which otherwise run their own pipeline, docs/workloads.md)"),
            intParam("threads", "CPU threads for LibTorch (0 = default)", 0, 0, 256),
            resumeParam(),
            setParam()};
    }

    std::vector<ParameterSpec> settings() const override { return projectSettingSpecs(); }

    std::vector<OutputSpec> outputs() const override {
        std::vector<OutputSpec> o{
            {"run", OutputKind::Run, "the run in the project's run store"},
            {"bundle", OutputKind::Bundle, "the model bundle (model, normaliser, predictors)"},
            {"map", OutputKind::RasterSeries, "predicted soil moisture at the map dates"}};
        // A project naming a workload runs its pipeline, which declares its own outputs.
        for (const auto& id : workloads::workloadIds())
            for (const OutputSpec& w : workloads::workloadOutputs(id))
                if (!findOutput(o, w.name))
                    o.push_back(w);
        return o;
    }

    /// Workloads share their folds and repeats; one training runs on process 0 alone.
    bool sharesUnits() const override { return true; }

    TaskResult run(const ParameterValues& values, Feedback& feedback) override {
        project::ProjectFile p = project::loadProject(values.path("project"));
        if (workloads::isWorkload(p.workload) && !values.flag("generic")) {
            applySettings(p, values.text("set"));
            checkProjectSettings(p);
            const workloads::WorkloadOptions wo{values.flag("quick"), values.text("device"),
                                                int(values.integer("threads")),
                                                values.flag("resume")};
            workloads::WorkloadResult w = workloads::runWorkload(p, wo, feedback);
            return {std::move(w.json), std::move(w.summary), std::move(w.outputs)};
        }
        return onRootAlone([&] { return trainOne(std::move(p), values, feedback); },
                           [] {
                               TaskResult r;
                               r.summary = "one training runs on process 0 alone";
                               return r;
                           });
    }

  private:
    TaskResult trainOne(project::ProjectFile p, const ParameterValues& values, Feedback& feedback) {
        const bool quick = values.flag("quick");
        if (values.flag("resume"))
            feedback.info("--resume: a single training is one unit, with nothing to take up; "
                          "training from the start");
        LearningSetup setup = checkLearningSettings(p, values, feedback);
        p = setup.project;
        feedback.info("project '" + p.name + "': " + std::to_string(p.predictors.size()) +
                      " predictors");
        if (quick) {
            setup.settings.epochs = std::min(setup.settings.epochs, 3);
            setup.settings.ensemble = 1;
        }
        buildLearningData(setup, feedback, 25);
        const models::ModelSpec& spec = setup.spec;
        const training::TrainSettings& settings = setup.settings;
        const features::Dataset& dataset = setup.dataset;
        auto& data = setup.data;
        std::vector<training::Split> splits = inProjectSection(p, "/split", [&] {
            return training::makeSplits(dataset.groups, dataset.sampleCount(), setup.splitSettings);
        });
        if (quick)
            splits.resize(1);

        std::filesystem::create_directories(p.outputs.folder);
        project::RunStore store(p.outputs.folder / "runs.sqlite");
        const nlohmann::json config = {{"project", p.toJson(p.file.parent_path())},
                                       {"device", settings.device},
                                       {"quick", quick}};
        const std::int64_t runId = store.beginRun(p.file.string(), config);
        return recordRun(store, runId, [&] {
            return train(p, *data, dataset, splits, spec, settings, quick, store, runId, feedback);
        });
    }

    TaskResult train(const project::ProjectFile& p, project::ProjectData& data,
                     const features::Dataset& dataset, const std::vector<training::Split>& splits,
                     const models::ModelSpec& spec, const training::TrainSettings& settings,
                     bool quick, project::RunStore& store, std::int64_t runId, Feedback& feedback) {
        FeedbackSlice stage(feedback, 25, 85);
        nlohmann::json folds = nlohmann::json::array();
        models::TrainedModel firstModel;
        features::Normaliser firstNormaliser;
        training::TrainResult firstResult;
        std::vector<float> pooledPred, pooledRef;
        for (std::size_t s = 0; s < splits.size(); ++s) {
            const training::Split& split = splits[s];
            const double span = 60.0 / double(splits.size());
            stage.setRange(25 + span * double(s), 25 + span * double(s + 1));
            const auto scaled = training::normaliseOnTraining(
                dataset, features::normaliserFor(p.predictors), split.train);
            const training::FoldModel fold =
                training::trainFold(spec, settings, scaled.data, split, stage);
            const training::TrainResult& result = fold.training;
            feedback.throwIfCanceled();
            const std::vector<std::size_t>& testIdx =
                split.test.empty() ? split.validation : split.test;
            nlohmann::json foldJson = {{"name", split.name},
                                       {"train", split.train.size()},
                                       {"validation", split.validation.size()},
                                       {"test", split.test.size()},
                                       {"best_epoch", result.bestEpoch},
                                       {"epochs_run", result.epochsRun}};
            if (!testIdx.empty()) {
                const features::Dataset test = scaled.data.subset(testIdx);
                const std::vector<float> pred =
                    result.model.predict(test.x.data(), test.sampleCount());
                const training::Evaluation ev = training::evaluate(pred, test);
                foldJson["metrics"] = ev.toJson();
                store.addMetrics(runId, splits.size() > 1 ? "fold" : "pooled",
                                 splits.size() > 1 ? split.name : "", ev.pooled);
                for (const auto& [scope, groups] : ev.groups)
                    for (const auto& [group, metrics] : groups)
                        store.addMetrics(runId, scope, group, metrics);
                for (std::size_t i = 0; i < pred.size(); ++i)
                    if (test.targetMask.empty() || test.targetMask[i]) {
                        pooledPred.push_back(pred[i]);
                        pooledRef.push_back(test.y[i]);
                    }
            }
            folds.push_back(foldJson);
            if (s == 0) {
                firstModel = result.model;
                firstNormaliser = scaled.normaliser;
                firstResult = result;
                for (const auto& e : result.history)
                    store.addEpochValues(runId, e.epoch, e.values);
            }
        }
        const auto pooled = training::pooledMetrics(pooledPred, pooledRef);
        if (splits.size() > 1)
            store.addMetrics(runId, "pooled", "", pooled);

        // bundle
        feedback.setProgress(86);
        models::BundleInfo info;
        info.predictors = features::predictorsToJson(p.predictors);
        info.normalisation = firstNormaliser.toJson();
        info.trainSettings = settings.toJson();
        info.metrics = {{"pooled", pooled}, {"folds", folds}};
        info.featureNames = dataset.featureNames;
        info.masks = project::maskToJson(p.mask);
        info.inputs = project::inputPreparationToJson(p);
        info.targetUnits = targetUnits(p);
        const auto bundle = p.outputs.folder / "bundles" / ("run-" + std::to_string(runId));
        models::saveBundle(bundle, firstModel, info);

        // maps
        nlohmann::json maps = nlohmann::json::array();
        if (p.samples.layout != "sequence") {
            std::vector<TimePoint> dates;
            for (const auto& d : p.outputs.mapDates)
                dates.push_back(parseIsoTimeOrThrow(d, p.file.string()));
            // default: the last sample date at which every predictor has data
            if (dates.empty())
                dates.push_back(defaultMapDate(dataset, data.dates.back()));
            if (quick)
                dates.resize(1);
            inference::TiledInferenceOptions o;
            o.tileSize = p.outputs.tileSize;
            o.tiff.cog = true;
            o.mask = [&](const std::vector<std::vector<float>>& planes, const geo::Window& w,
                         TimePoint t) { return project::frameMask(p, data, planes, w, t); };
            FeedbackSlice mapping(feedback, 88, 99);
            o.feedback = &mapping;
            if (p.target.validRange) {
                o.styleMin = p.target.validRange->first;
                o.styleMax = p.target.validRange->second;
            }
            o.units = info.targetUnits;
            inference::ModelLayout ml;
            if (p.samples.layout == "image") {
                ml.layout = "image";
                ml.imageHeight = int(dataset.featureShape[1]);
                ml.imageWidth = int(dataset.featureShape[2]);
            }
            const auto out =
                p.outputs.folder / "maps" / ("run-" + std::to_string(runId) + "_soil_moisture.tif");
            const models::TrainedModel& model = firstModel;
            inference::BatchModel apply = [&model](const float* x, std::size_t n) {
                return model.predict(x, n);
            };
            if (auto fast = inference::fastMlp(model))
                apply = std::move(*fast);
            inference::predictToGeoTiff(*data.engine, firstNormaliser, apply, ml, dates, out, o);
            maps.push_back(out.string());
        }
        store.setStatus(runId, "finished");
        feedback.setProgress(100);

        TaskResult r;
        const std::vector<OutputSpec> declared = outputs();
        r.outputs.push_back(declaredOutput(
            declared, "run", (p.outputs.folder / "runs.sqlite").string(), std::to_string(runId)));
        r.outputs.push_back(declaredOutput(declared, "bundle", bundle.string()));
        for (const auto& m : maps)
            r.outputs.push_back(declaredOutput(declared, "map", m.get<std::string>()));
        r.json = {{"run", runId},
                  {"project", p.file.string()},
                  {"family", spec.family},
                  {"samples", dataset.sampleCount()},
                  {"feature_names", dataset.featureNames},
                  {"splits", folds},
                  {"metrics", pooled},
                  {"device", firstResult.device},
                  {"backend", firstResult.backend},
                  {"epochs_run", firstResult.epochsRun},
                  {"seconds", firstResult.seconds},
                  {"bundle", bundle.string()},
                  {"maps", maps},
                  {"run_store", (p.outputs.folder / "runs.sqlite").string()}};
        std::ostringstream s;
        s << "run " << runId << ": " << spec.family << " on " << dataset.sampleCount()
          << " samples (" << splits.size() << " split" << (splits.size() > 1 ? "s" : "") << ", "
          << firstResult.device << ")";
        for (const char* k : {"r", "rmse", "ubrmse", "bias"})
            if (pooled.count(k))
                s << ", " << k << " " << fmt(pooled.at(k));
        s << "\nbundle: " << bundle.string();
        for (const auto& m : maps)
            s << "\nmap: " << m.get<std::string>();
        r.summary = s.str();
        return r;
    }
};

SOILSCOPE_REGISTER_TASK(TrainTask, "train")

} // namespace soilscope::tasks
