#pragma once
#include "base/output_spec.h"
#include "base/text.h"
#include "base/unit_runner.h"
#include "features/dataset.h"
#include "features/normaliser.h"
#include "models/model_spec.h"
#include "project/project_dataset.h"
#include "project/project_file.h"
#include "project/run_store.h"
#include "series/time_series.h"
#include "training/epoch_report.h"
#include "training/train_settings.h"
#include "training/trainer.h"
#include "workloads/workload_options.h"
#include "workloads/workload_runner.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace soilscope::workloads {

/// One workload run: its output folder (<outputs>/<workload>/run-<id>), run store entry, the
/// outputs it wrote and the metrics table of its Markdown report. The run is marked
/// "failed" (or "canceled") when destroyed before finish().
class WorkloadRun {
  public:
    /// Opens the run store of the project's output folder and starts a run with `settings`
    /// (the resolved options and training settings) as its configuration.
    WorkloadRun(const project::ProjectFile& project, const WorkloadOptions& options,
                Feedback& feedback, nlohmann::json settings);
    ~WorkloadRun();
    WorkloadRun(const WorkloadRun&) = delete;
    WorkloadRun& operator=(const WorkloadRun&) = delete;

    std::int64_t id() const { return m_id; }
    const std::filesystem::path& folder() const { return m_folder; }
    const project::ProjectFile& project() const { return m_project; }
    const WorkloadOptions& options() const { return m_options; }
    /// The run's feedback: what the pipeline reports through it reaches the caller, and its
    /// warnings also the report.
    Feedback& feedback() { return m_log; }
    /// The run store; process 0 alone holds it under mpirun.
    project::RunStore& store();
    /// Whether this process writes the run's outputs (process 0, or the only one).
    bool isRoot() const { return m_store != nullptr; }
    /// Runs independent units (folds, repeats, searches) over the processes (see
    /// soilscope::runUnits); process 0 gets every result. Each unit must depend only on its
    /// index, so results equal one process's. `progress` is a slice of feedback().
    /// Free processes claim the next unit; each finished unit is committed to the run's ledger,
    /// from which a resumed run (WorkloadOptions::resume) reads it back. With `firstOnRoot`,
    /// unit 0 runs on process 0 and is always computed (its side effects, e.g. a model kept for
    /// the bundle, stay there).
    std::vector<nlohmann::json> units(std::size_t count, const UnitFunction& unit,
                                      Feedback& progress, bool firstOnRoot = false);
    /// What a process other than 0 returns once the units are gathered.
    WorkloadResult workerResult();

    /// Overall progress 0..100.
    void progress(double percent) { m_log.setProgress(percent); }
    void message(const std::string& text) { m_log.info(text); }
    /// Throws soilscope::CanceledError when the feedback is canceled.
    void throwIfCanceled();

    /// Stores metrics in the run store and adds them to the report's metrics table.
    void addMetrics(const std::string& scope, const std::string& group,
                    const std::map<std::string, double>& values);
    /// Stores per-epoch history (the first call only, to keep the store small).
    void addHistory(const std::vector<training::EpochReport>& history);
    /// addHistory, and a finding in the report when the weights of the best validation epoch
    /// replaced the last epoch's (training.restore_best): `part` names the fold.
    void addTraining(const std::string& part, const training::TrainResult& result,
                     const training::TrainSettings& settings);
    /// Writes JSON (atomically) below the run folder and lists it as the declared output named
    /// by the file's stem.
    std::filesystem::path writeJson(const std::string& name, const nlohmann::json& json,
                                    const std::string& description);
    /// Writes a CSV table (atomically) below the run folder and lists it as the declared output
    /// named by the file's stem.
    std::filesystem::path writeCsv(const std::string& name, const std::vector<std::string>& header,
                                   const std::vector<std::vector<std::string>>& rows,
                                   const std::string& description);
    /// Lists a file written by other means (GeoTIFF, bundle) as the declared output `output`
    /// (default: the file's stem), told apart from others of that output by `label`; throws
    /// when the workload does not declare the output.
    void addOutput(const std::filesystem::path& path, const std::string& description,
                   const std::string& output = {}, const std::string& label = {});
    /// A free paragraph of the report (findings, checks against targets).
    void addNote(const std::string& text) { m_notes.push_back(text); }

    /// Writes report.md, marks the run finished and returns the result JSON (run, folder,
    /// report, outputs, metrics, plus `extra`).
    WorkloadResult finish(const std::string& summary, nlohmann::json extra);

  private:
    /// <outputs>/units/<workload>-run-<id>: one folder per units() call, kept until finish().
    std::filesystem::path ledger() const;
    /// The report's finding on restored best epochs.
    std::string restoredNote() const;

    project::ProjectFile m_project;
    WorkloadOptions m_options;
    /// Forwards everything to the caller's feedback and keeps the warnings for the report.
    class Log : public FeedbackSlice {
      public:
        explicit Log(Feedback& parent) : FeedbackSlice(parent, 0, 100) {}
        std::vector<std::string> warnings;

      protected:
        void onMessage(MessageLevel level, const std::string& text) override;
    };
    Log m_log;
    nlohmann::json m_settings;
    std::unique_ptr<project::RunStore> m_store;
    std::int64_t m_id = 0;
    std::filesystem::path m_folder;
    bool m_finished = false;
    bool m_canceled = false;
    bool m_historyStored = false;
    std::size_t m_unitCalls = 0; ///< units() calls so far: each has its own ledger folder
    UnitRunReport m_units;       ///< summed over the units() calls
    struct Restored {
        std::string part;
        int bestEpoch = 0, epochsRun = 0;
    };
    std::vector<Restored> m_restored; ///< trainings whose best validation epoch was restored
    std::size_t m_validatedTrainings = 0;
    struct MetricRow {
        std::string scope, group;
        std::map<std::string, double> values;
    };
    std::vector<MetricRow> m_metrics;
    std::vector<OutputSpec> m_declared;
    std::vector<OutputValue> m_outputs;
    std::vector<std::string> m_notes;
};

/// Workload options: `defaults` overlaid with the project's /training/workload object. A key
/// not in the defaults is an error naming the project file.
nlohmann::json workloadOptions(const project::ProjectFile& project, const nlohmann::json& defaults);
/// Training settings: `defaults` (TrainSettings JSON) overlaid with the project's /training
/// (without its "workload" object); device and threads from the options.
training::TrainSettings trainSettings(const project::ProjectFile& project,
                                      const nlohmann::json& defaults,
                                      const WorkloadOptions& options);
/// The model: `defaults` ({"family", "params"}) overlaid with the project's /model params when
/// the project names the same family (or none); another family replaces the default.
models::ModelSpec modelSpec(const project::ProjectFile& project, const nlohmann::json& defaults);
/// The project completed with the workload's set-up (predictors, target, samples, mask,
/// split) for the sections it leaves out, validated by the project parser.
project::ProjectFile withSetup(const project::ProjectFile& project, const nlohmann::json& setup);

/// Opens the project's data and builds its dataset with progress in [from, to].
features::Dataset buildDataset(const project::ProjectFile& project, project::ProjectData& data,
                               WorkloadRun& run, double from, double to);

/// Soil-moisture series of the ISMN stations of an archive (good-flagged observations of the
/// shallowest sensor with depth_to <= depthMax).
struct StationSeries {
    std::string network;
    std::string name;
    double lon = 0.0;
    double lat = 0.0;
    series::TimeSeries series;
};
std::vector<StationSeries> readStationSeries(const std::filesystem::path& archive,
                                             const std::string& variable, double depthMax);

/// Station name → (lon, lat) of an ISMN archive (headers only).
std::map<std::string, std::pair<double, double>>
stationLocations(const std::filesystem::path& archive);

/// The blank normaliser of the project's predictors followed by `extra` z-score channels.
features::Normaliser normaliserWithExtra(const project::ProjectFile& project, std::size_t extra);

/// The twin's truth/parameters.json (the generator's constants, e.g. its water cloud models),
/// or null. For checks of results only, never as a model input.
nlohmann::json findTwinTruthParameters(const project::ProjectFile& project);

/// Number formatting for reports and CSV.
std::string fmt(double value, int precision = 4);
/// Median of the finite values (NaN when none).
double median(std::vector<double> values);

} // namespace soilscope::workloads
