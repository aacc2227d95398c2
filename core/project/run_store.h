#pragma once
#include "base/feedback.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace soilscope::project {

/// One recorded training run.
struct RunRecord {
    std::int64_t id = 0;
    std::string started; ///< ISO UTC time
    std::string project; ///< project file or name
    nlohmann::json config = nlohmann::json::object();
    std::string status; ///< running, finished, failed, canceled
};

struct EpochValue {
    int epoch = 0;
    std::string name;
    double value = 0.0;
};

struct MetricValue {
    std::string scope; ///< pooled, station, land_cover, fold, ...
    std::string group; ///< "" for pooled
    std::string name;
    double value = 0.0;
};

/// SQLite run store of a project (runs, per-epoch history, metrics). Not thread-safe: use one
/// instance per thread. Throws soilscope::Error naming the file on any SQLite failure.
class RunStore {
  public:
    /// Opens or creates the store file (and its tables).
    explicit RunStore(const std::filesystem::path& file);
    ~RunStore();
    RunStore(const RunStore&) = delete;
    RunStore& operator=(const RunStore&) = delete;

    /// Starts a run with status "running"; returns its id.
    std::int64_t beginRun(const std::string& project, const nlohmann::json& config);
    void setStatus(std::int64_t run, const std::string& status);
    void addEpochValues(std::int64_t run, int epoch, const std::map<std::string, double>& values);
    void addMetrics(std::int64_t run, const std::string& scope, const std::string& group,
                    const std::map<std::string, double>& values);

    std::vector<RunRecord> runs() const;
    std::optional<RunRecord> run(std::int64_t id) const;
    std::vector<EpochValue> epochs(std::int64_t run) const;
    std::vector<MetricValue> metrics(std::int64_t run) const;
    /// The latest run not "finished" whose configuration is `config` (what --resume takes up),
    /// or 0 when there is none.
    std::int64_t latestUnfinished(const nlohmann::json& config) const;
    /// Takes up run `run` again: status "running", its epochs and metrics removed (the resumed
    /// run records them anew from its units).
    void reopenRun(std::int64_t run);
    /// Removes a run and its rows; false when it did not exist.
    bool removeRun(std::int64_t run);

    const std::filesystem::path& file() const { return m_file; }

  private:
    void exec(const std::string& sql) const;
    std::filesystem::path m_file;
    sqlite3* m_db = nullptr;
};

/// What --resume does: reopens the latest unfinished run recorded with `config` and says so
/// through `feedback`, or says there is none and returns 0.
std::int64_t resumeUnfinishedRun(RunStore& store, const nlohmann::json& config, Feedback& feedback);

} // namespace soilscope::project
