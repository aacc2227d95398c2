#include "workloads/workload_run.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "base/json_text.h"
#include "base/process_group.h"
#include "base/utf8.h"
#include "features/dataset_builder.h"
#include "features/predictor_spec.h"
#include "series/quality_flags.h"
#include "stations/ismn_archive.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

namespace soilscope::workloads {

using nlohmann::json;

WorkloadRun::WorkloadRun(const project::ProjectFile& project, const WorkloadOptions& options,
                         Feedback& feedback, json settings)
    : m_project(project), m_options(options), m_log(feedback), m_settings(std::move(settings)),
      m_declared(workloadOutputs(project.workload)) {
    const json config = {{"workload", project.workload},
                         {"settings", m_settings},
                         {"quick", options.quick},
                         {"device", options.device},
                         {"project", project.toJson(project.file.parent_path())}};
    // Under mpirun the root alone holds the store and writes the outputs; every process knows
    // the run's id.
    m_id = std::stoll(runOnRoot([&] {
        std::filesystem::create_directories(project.outputs.folder);
        m_store = std::make_unique<project::RunStore>(project.outputs.folder / "runs.sqlite");
        if (options.resume)
            if (const std::int64_t unfinished =
                    project::resumeUnfinishedRun(*m_store, config, m_log))
                return std::to_string(unfinished);
        return std::to_string(m_store->beginRun(project.file.string(), config));
    }));
    m_folder = project.outputs.folder / project.workload / ("run-" + std::to_string(m_id));
    if (m_store)
        std::filesystem::create_directories(m_folder);
}

std::filesystem::path WorkloadRun::ledger() const {
    return m_project.outputs.folder / "units" /
           (m_project.workload + "-run-" + std::to_string(m_id));
}

std::vector<nlohmann::json> WorkloadRun::units(std::size_t count, const UnitFunction& unit,
                                               Feedback& progress, bool firstOnRoot) {
    UnitRunReport report;
    // The calls come in the same order in every run of a configuration, so call k of a resumed
    // run finds what call k of the killed one committed.
    const auto folder = ledger() / ("call-" + std::to_string(m_unitCalls++));
    auto results = runUnits(count, unit, progress, folder, &report, {}, firstOnRoot);
    m_units.computed += report.computed;
    m_units.resumed += report.resumed;
    m_units.processes = report.processes;
    if (report.processes > 1)
        message(std::to_string(count) + " units over " + std::to_string(report.processes) +
                " processes");
    if (report.resumed > 0)
        message(std::to_string(report.resumed) + " of " + std::to_string(count) +
                " units read back from the unfinished run");
    return results;
}

WorkloadResult WorkloadRun::workerResult() {
    m_finished = true;
    WorkloadResult r;
    r.json = {{"run", m_id}, {"process", processGroup().rank()}, {"units", m_units.toJson()}};
    r.summary = "process " + std::to_string(processGroup().rank()) + ": units of run " +
                std::to_string(m_id) + " handed to process 0";
    return r;
}

project::RunStore& WorkloadRun::store() {
    if (!m_store)
        throw Error("internal: the run store is written by process 0 alone");
    return *m_store;
}

WorkloadRun::~WorkloadRun() {
    if (m_finished || !m_store)
        return;
    try {
        m_store->setStatus(m_id, m_canceled || m_log.isCanceled() ? "canceled" : "failed");
    } catch (...) {
        // the run stays "running" in the store; nothing else can be done in a destructor
    }
}

void WorkloadRun::Log::onMessage(MessageLevel level, const std::string& text) {
    if (level != MessageLevel::Info)
        warnings.push_back(text);
    FeedbackSlice::onMessage(level, text);
}

void WorkloadRun::throwIfCanceled() {
    if (m_log.isCanceled()) {
        m_canceled = true;
        throw CanceledError();
    }
}

void WorkloadRun::addMetrics(const std::string& scope, const std::string& group,
                             const std::map<std::string, double>& values) {
    std::map<std::string, double> finite;
    for (const auto& [k, v] : values)
        if (std::isfinite(v))
            finite[k] = v;
    m_store->addMetrics(m_id, scope, group, finite);
    m_metrics.push_back({scope, group, values});
}

void WorkloadRun::addHistory(const std::vector<training::EpochReport>& history) {
    if (m_historyStored)
        return;
    for (const auto& e : history)
        m_store->addEpochValues(m_id, e.epoch, e.values);
    m_historyStored = !history.empty();
}

void WorkloadRun::addTraining(const std::string& part, const training::TrainResult& result,
                              const training::TrainSettings& settings) {
    addHistory(result.history);
    if (!settings.restoreBest || result.bestEpoch <= 0)
        return; // no validation part, or nothing restored by design
    ++m_validatedTrainings;
    if (result.bestEpoch < result.epochsRun)
        m_restored.push_back({part, result.bestEpoch, result.epochsRun});
}

std::string WorkloadRun::restoredNote() const {
    std::string text = "the weights of the best validation epoch replaced the last epoch's in " +
                       std::to_string(m_restored.size()) + " of " +
                       std::to_string(m_validatedTrainings) +
                       " trainings (training.restore_best; the validation loss decides)";
    if (m_restored.size() <= 4) {
        std::string parts;
        for (const auto& r : m_restored)
            parts += (parts.empty() ? "" : "; ") + r.part + ": epoch " +
                     std::to_string(r.bestEpoch) + " of " + std::to_string(r.epochsRun);
        return text + ": " + parts;
    }
    std::vector<int> best;
    for (const auto& r : m_restored)
        best.push_back(r.bestEpoch);
    std::sort(best.begin(), best.end());
    return text + ": best epoch median " + std::to_string(best[best.size() / 2]) + ", range " +
           std::to_string(best.front()) + "–" + std::to_string(best.back()) + " of " +
           std::to_string(m_restored.front().epochsRun);
}

json jsonWithNulls(const json& j) {
    if (j.is_number_float() && !std::isfinite(j.get<double>()))
        return nullptr;
    if (j.is_object() || j.is_array()) {
        json out = j;
        for (auto& v : out)
            v = jsonWithNulls(v);
        return out;
    }
    return j;
}

std::filesystem::path WorkloadRun::writeJson(const std::string& name, const json& j,
                                             const std::string& description) {
    const auto path = m_folder / name;
    writeTextAtomically(path, dumpJson(jsonWithNulls(j), 2) + "\n");
    addOutput(path, description);
    return path;
}

std::filesystem::path WorkloadRun::writeCsv(const std::string& name,
                                            const std::vector<std::string>& header,
                                            const std::vector<std::vector<std::string>>& rows,
                                            const std::string& description) {
    std::ostringstream s;
    for (std::size_t i = 0; i < header.size(); ++i)
        s << (i ? "," : "") << header[i];
    s << "\n";
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i)
            s << (i ? "," : "") << row[i];
        s << "\n";
    }
    const auto path = m_folder / name;
    writeTextAtomically(path, s.str());
    addOutput(path, description);
    return path;
}

void WorkloadRun::addOutput(const std::filesystem::path& path, const std::string& description,
                            const std::string& output, const std::string& label) {
    OutputValue v = declaredOutput(m_declared, output.empty() ? path.stem().string() : output,
                                   path.string(), label);
    v.description = description;
    m_outputs.push_back(std::move(v));
}

WorkloadResult WorkloadRun::finish(const std::string& summary, json extra) {
    std::ostringstream md;
    md << "# " << m_project.workload << " — run " << m_id << "\n\n";
    md << "Project: `" << m_project.file.string() << "`" << (m_options.quick ? " (quick mode)" : "")
       << ", device request `" << m_options.device << "`.\n\n"
       << summary << "\n\n";
    md << "## Settings\n\n```json\n" << dumpJson(jsonWithNulls(m_settings), 2) << "\n```\n\n";
    md << "## Metrics\n\n| scope | group | metric | value |\n|---|---|---|---|\n";
    for (const auto& row : m_metrics)
        for (const auto& [k, v] : row.values)
            md << "| " << row.scope << " | " << row.group << " | " << k << " | " << fmt(v)
               << " |\n";
    if (!m_log.warnings.empty()) {
        md << "\n## Warnings\n\n";
        for (const auto& w : m_log.warnings)
            md << "- " << w << "\n";
    }
    if (!m_restored.empty())
        m_notes.push_back(restoredNote());
    if (m_units.resumed > 0)
        m_notes.push_back("Resumed run: " + std::to_string(m_units.resumed) + " of " +
                          std::to_string(m_units.resumed + m_units.computed) +
                          " units were read back from the unfinished run (each unit depends "
                          "only on its index, so the results equal an uninterrupted run's).");
    if (!m_notes.empty()) {
        md << "\n## Findings\n\n";
        for (const auto& n : m_notes)
            md << "- " << n << "\n";
    }
    md << "\n## Outputs\n\n";
    for (const auto& o : m_outputs)
        md << "- `" << o.path << "`: " << o.description << "\n";
    md << "- run store: `" << m_store->file().string() << "` (run " << m_id << ")\n";
    const auto report = m_folder / "report.md";
    writeTextAtomically(report, md.str());

    json metrics = json::array();
    for (const auto& row : m_metrics)
        metrics.push_back(
            {{"scope", row.scope}, {"group", row.group}, {"values", jsonWithNulls(row.values)}});
    m_outputs.push_back(declaredOutput(m_declared, "report", report.string()));
    m_outputs.push_back(
        declaredOutput(m_declared, "run", m_store->file().string(), std::to_string(m_id)));
    m_store->setStatus(m_id, "finished");
    m_finished = true;
    removeUnitLedger(ledger());

    WorkloadResult r;
    r.json = {{"run", m_id},
              {"workload", m_project.workload},
              {"project", m_project.file.string()},
              {"quick", m_options.quick},
              {"folder", m_folder.string()},
              {"report", report.string()},
              {"run_store", m_store->file().string()},
              {"metrics", metrics},
              {"units", m_units.toJson()},
              {"warnings", m_log.warnings}};
    r.outputs = m_outputs;
    json outputs = json::array();
    for (const auto& o : m_outputs)
        outputs.push_back(o.toJson());
    r.json["outputs"] = outputs;
    for (auto& [k, v] : extra.items())
        r.json[k] = jsonWithNulls(v);
    r.summary = "run " + std::to_string(m_id) + " (" + m_project.workload + "): " + summary +
                "\nreport: " + report.string();
    return r;
}

json workloadOptions(const project::ProjectFile& project, const json& defaults) {
    json out = defaults;
    if (!project.training.is_object() || !project.training.contains("workload"))
        return out;
    const json& given = project.training["workload"];
    if (!given.is_object())
        throw Error("/training/workload: expected an object of workload options",
                    project.file.string());
    for (const auto& [k, v] : given.items()) {
        if (!defaults.contains(k)) {
            std::string known;
            for (const auto& [d, _] : defaults.items())
                known += (known.empty() ? "" : ", ") + d;
            throw Error("/training/workload/" + k + ": unknown option of " + project.workload +
                            " (known: " + known + ")",
                        project.file.string());
        }
        out[k] = v;
    }
    return out;
}

training::TrainSettings trainSettings(const project::ProjectFile& project, const json& defaults,
                                      const WorkloadOptions& options) {
    json merged = defaults;
    if (project.training.is_object()) {
        json given = project.training;
        given.erase("workload");
        merged.merge_patch(given);
    }
    try {
        auto s = training::TrainSettings::fromJson(merged);
        if (!options.device.empty())
            s.device = options.device; // else the project's /training/device
        if (options.threads > 0)
            s.threads = options.threads;
        s.check();
        return s;
    } catch (const Error& e) {
        throw Error("/training: " + e.message(), project.file.string());
    }
}

models::ModelSpec modelSpec(const project::ProjectFile& project, const json& defaults) {
    models::ModelSpec spec = models::ModelSpec::fromJson(defaults);
    try {
        if (project.model.is_object() && !project.model.empty()) {
            const auto given = models::ModelSpec::fromJson(project.model);
            if (given.family != spec.family)
                spec = given;
            else
                spec.params.merge_patch(given.params);
        }
        return models::resolveSpec(spec);
    } catch (const Error& e) {
        throw Error("/model: " + e.message(), project.file.string());
    }
}

project::ProjectFile withSetup(const project::ProjectFile& project, const json& setup) {
    json j = project.toJson(project.file.parent_path());
    if (project.predictors.empty() && setup.contains("predictors"))
        j["predictors"] = setup["predictors"];
    if (project.target.role.empty()) {
        if (setup.contains("target"))
            j["target"] = setup["target"];
        if (setup.contains("samples"))
            j["samples"] = setup["samples"];
        if (setup.contains("mask") && !j.contains("mask"))
            j["mask"] = setup["mask"];
    }
    if (project.split.empty() && setup.contains("split"))
        j["split"] = setup["split"];
    return project::parseProject(j, project.file);
}

features::Dataset buildDataset(const project::ProjectFile& project, project::ProjectData& data,
                               WorkloadRun& run, double from, double to) {
    FeedbackSlice slice(run.feedback(), from, to);
    return project::buildProjectDataset(project, data, slice);
}

std::vector<StationSeries> readStationSeries(const std::filesystem::path& archivePath,
                                             const std::string& variable, double depthMax) {
    auto archive = stations::IsmnArchive::open(archivePath);
    std::vector<StationSeries> out;
    std::map<std::pair<std::size_t, std::size_t>, stations::SensorRef> best;
    for (const auto& ref : archive.sensors()) {
        const auto& s = archive.sensor(ref);
        if (s.variable != variable || s.depthTo_m > depthMax + 1e-9)
            continue;
        const auto key = std::make_pair(ref.network, ref.station);
        const auto it = best.find(key);
        if (it == best.end() || archive.sensor(it->second).depthTo_m > s.depthTo_m)
            best[key] = ref;
    }
    for (const auto& [key, ref] : best) {
        const auto& st = archive.station(ref);
        StationSeries s;
        s.network = st.network.empty() ? archive.network(ref).name : st.network;
        s.name = st.name;
        s.lon = st.lon;
        s.lat = st.lat;
        s.series = archive.load(ref).series.filtered(series::flag::G);
        out.push_back(std::move(s));
    }
    if (out.empty())
        throw Error("no " + variable + " sensor with depth_to <= " + fmt(depthMax) + " m",
                    archivePath.string());
    return out;
}

std::map<std::string, std::pair<double, double>>
stationLocations(const std::filesystem::path& path) {
    auto archive = stations::IsmnArchive::open(path);
    std::map<std::string, std::pair<double, double>> out;
    for (const auto& ref : archive.sensors()) {
        const auto& st = archive.station(ref);
        out[st.name] = {st.lon, st.lat};
    }
    return out;
}

features::Normaliser normaliserWithExtra(const project::ProjectFile& project, std::size_t extra) {
    std::vector<features::NormaliserKind> kinds;
    std::vector<std::pair<double, double>> bounds;
    for (const auto& p : project.predictors) {
        kinds.push_back(p.normaliser);
        bounds.push_back(p.normaliserBounds);
    }
    for (std::size_t i = 0; i < extra; ++i) {
        kinds.push_back(features::NormaliserKind::ZScore);
        bounds.emplace_back(0.0, 1.0);
    }
    return features::Normaliser(kinds, bounds);
}

namespace {
/// The twin folder beside the project's data (where twin.json says it is a twin), or none.
std::optional<std::filesystem::path> findTwinFolder(const project::ProjectFile& project) {
    std::vector<std::filesystem::path> candidates{project.file.parent_path(),
                                                  project.file.parent_path().parent_path()};
    for (const auto& [role, layer] : project.data)
        if (!layer.path.empty())
            candidates.push_back(layer.path.parent_path().parent_path());
    for (const auto& folder : candidates) {
        const auto c = folder / "twin.json";
        std::error_code ec;
        if (!std::filesystem::is_regular_file(c, ec))
            continue;
        try {
            if (parseJsonText(readTextFile(c), c.string()).value("format", "") == "soilscope-twin")
                return folder;
        } catch (const std::exception&) {
            continue;
        }
    }
    return std::nullopt;
}

json readJsonOrNull(const std::filesystem::path& file) {
    try {
        return parseJsonText(readTextFile(file), file.string());
    } catch (const std::exception&) {
        return nullptr;
    }
}
} // namespace

json findTwinTruthParameters(const project::ProjectFile& project) {
    const auto folder = findTwinFolder(project);
    return folder ? readJsonOrNull(*folder / "truth" / "parameters.json") : json();
}

std::string fmt(double value, int precision) {
    if (!std::isfinite(value))
        return "nan";
    std::ostringstream s;
    s.precision(precision);
    s << value;
    return s.str();
}

double median(std::vector<double> values) {
    values.erase(
        std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
        values.end());
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

} // namespace soilscope::workloads
