#include "project/run_store.h"

#include "base/error.h"
#include "base/json_text.h"
#include "base/time_utils.h"
#include "base/utf8.h"

#include <sqlite3.h>

#include <chrono>
#include <cmath>

namespace soilscope::project {

namespace {

/// A prepared statement that finalises itself.
class Statement {
  public:
    Statement(sqlite3* db, const std::string& sql, const std::string& file) : m_file(file) {
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &m_stmt, nullptr) != SQLITE_OK)
            throw Error(std::string("run store query failed: ") + sqlite3_errmsg(db), m_file);
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(m_stmt, i, v)); }
    Statement& bind(int i, double v) { return check(sqlite3_bind_double(m_stmt, i, v)); }
    Statement& bind(int i, const std::string& v) {
        return check(sqlite3_bind_text(m_stmt, i, v.c_str(), int(v.size()), SQLITE_TRANSIENT));
    }
    /// True while a row is available.
    bool step() {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        throw Error(std::string("run store query failed: ") +
                        sqlite3_errmsg(sqlite3_db_handle(m_stmt)),
                    m_file);
    }
    void reset() {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    std::int64_t integer(int c) const { return sqlite3_column_int64(m_stmt, c); }
    double real(int c) const {
        return sqlite3_column_type(m_stmt, c) == SQLITE_NULL ? std::nan("")
                                                             : sqlite3_column_double(m_stmt, c);
    }
    std::string text(int c) const {
        const auto* t = sqlite3_column_text(m_stmt, c);
        return t ? reinterpret_cast<const char*>(t) : "";
    }

  private:
    Statement& check(int rc) {
        if (rc != SQLITE_OK)
            throw Error(std::string("run store bind failed: ") +
                            sqlite3_errmsg(sqlite3_db_handle(m_stmt)),
                        m_file);
        return *this;
    }
    sqlite3_stmt* m_stmt = nullptr;
    std::string m_file;
};

RunRecord readRun(const Statement& s, const std::string& file) {
    RunRecord r;
    r.id = s.integer(0);
    r.started = s.text(1);
    r.project = s.text(2);
    try {
        r.config = parseJsonText(s.text(3), file);
    } catch (const Error&) {
        throw Error("run " + std::to_string(r.id) + " has a corrupt configuration", file);
    }
    r.status = s.text(4);
    return r;
}

} // namespace

RunStore::RunStore(const std::filesystem::path& file) : m_file(file) {
    if (file.has_parent_path())
        std::filesystem::create_directories(file.parent_path());
    if (sqlite3_open_v2(file.string().c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        const std::string why = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw Error("cannot open the run store: " + why, file.string());
    }
    sqlite3_busy_timeout(m_db, 5000);
    try {
        exec("PRAGMA foreign_keys = ON");
        exec("CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, "
             "started TEXT NOT NULL, project TEXT NOT NULL, config TEXT NOT NULL, "
             "status TEXT NOT NULL)");
        exec("CREATE TABLE IF NOT EXISTS epochs (run INTEGER NOT NULL REFERENCES runs(id) ON "
             "DELETE CASCADE, epoch INTEGER NOT NULL, name TEXT NOT NULL, value REAL)");
        exec("CREATE TABLE IF NOT EXISTS metrics (run INTEGER NOT NULL REFERENCES runs(id) ON "
             "DELETE CASCADE, scope TEXT NOT NULL, grp TEXT NOT NULL, name TEXT NOT NULL, "
             "value REAL)");
        exec("CREATE INDEX IF NOT EXISTS epochs_run ON epochs(run)");
        exec("CREATE INDEX IF NOT EXISTS metrics_run ON metrics(run)");
    } catch (...) {
        sqlite3_close(m_db);
        m_db = nullptr;
        throw;
    }
}

RunStore::~RunStore() {
    sqlite3_close(m_db);
}

void RunStore::exec(const std::string& sql) const {
    char* err = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string why = err ? err : "unknown error";
        sqlite3_free(err);
        throw Error("run store failure: " + why + " (not a run store?)", m_file.string());
    }
}

std::int64_t RunStore::beginRun(const std::string& project, const nlohmann::json& config) {
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    Statement s(m_db, "INSERT INTO runs (started, project, config, status) VALUES (?, ?, ?, ?)",
                m_file.string());
    s.bind(1, formatIsoTime(now))
        .bind(2, project)
        .bind(3, dumpJson(config))
        .bind(4, std::string("running"));
    s.step();
    return sqlite3_last_insert_rowid(m_db);
}

void RunStore::setStatus(std::int64_t run, const std::string& status) {
    Statement s(m_db, "UPDATE runs SET status = ? WHERE id = ?", m_file.string());
    s.bind(1, status).bind(2, run);
    s.step();
    if (sqlite3_changes(m_db) == 0)
        throw Error("no run " + std::to_string(run), m_file.string());
}

void RunStore::addEpochValues(std::int64_t run, int epoch,
                              const std::map<std::string, double>& values) {
    exec("BEGIN");
    try {
        Statement s(m_db, "INSERT INTO epochs (run, epoch, name, value) VALUES (?, ?, ?, ?)",
                    m_file.string());
        for (const auto& [name, value] : values) {
            s.bind(1, run).bind(2, std::int64_t(epoch)).bind(3, name).bind(4, value);
            s.step();
            s.reset();
        }
        exec("COMMIT");
    } catch (...) {
        exec("ROLLBACK");
        throw;
    }
}

void RunStore::addMetrics(std::int64_t run, const std::string& scope, const std::string& group,
                          const std::map<std::string, double>& values) {
    exec("BEGIN");
    try {
        Statement s(m_db,
                    "INSERT INTO metrics (run, scope, grp, name, value) VALUES (?, ?, ?, ?, ?)",
                    m_file.string());
        for (const auto& [name, value] : values) {
            s.bind(1, run).bind(2, scope).bind(3, group).bind(4, name).bind(5, value);
            s.step();
            s.reset();
        }
        exec("COMMIT");
    } catch (...) {
        exec("ROLLBACK");
        throw;
    }
}

std::vector<RunRecord> RunStore::runs() const {
    Statement s(m_db, "SELECT id, started, project, config, status FROM runs ORDER BY id",
                m_file.string());
    std::vector<RunRecord> out;
    while (s.step())
        out.push_back(readRun(s, m_file.string()));
    return out;
}

std::optional<RunRecord> RunStore::run(std::int64_t id) const {
    Statement s(m_db, "SELECT id, started, project, config, status FROM runs WHERE id = ?",
                m_file.string());
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return readRun(s, m_file.string());
}

std::vector<EpochValue> RunStore::epochs(std::int64_t run) const {
    Statement s(m_db, "SELECT epoch, name, value FROM epochs WHERE run = ? ORDER BY epoch, rowid",
                m_file.string());
    s.bind(1, run);
    std::vector<EpochValue> out;
    while (s.step())
        out.push_back({int(s.integer(0)), s.text(1), s.real(2)});
    return out;
}

std::vector<MetricValue> RunStore::metrics(std::int64_t run) const {
    Statement s(m_db, "SELECT scope, grp, name, value FROM metrics WHERE run = ? ORDER BY rowid",
                m_file.string());
    s.bind(1, run);
    std::vector<MetricValue> out;
    while (s.step())
        out.push_back({s.text(0), s.text(1), s.text(2), s.real(3)});
    return out;
}

std::int64_t RunStore::latestUnfinished(const nlohmann::json& config) const {
    const std::string wanted = dumpJson(config);
    std::int64_t latest = 0;
    for (const auto& r : runs()) // oldest first: the latest wins
        if (r.status != "finished" && dumpJson(r.config) == wanted)
            latest = r.id;
    return latest;
}

void RunStore::reopenRun(std::int64_t run) {
    for (const char* table : {"epochs", "metrics"}) {
        Statement s(m_db, std::string("DELETE FROM ") + table + " WHERE run = ?", m_file.string());
        s.bind(1, run);
        s.step();
    }
    setStatus(run, "running");
}

bool RunStore::removeRun(std::int64_t run) {
    Statement s(m_db, "DELETE FROM runs WHERE id = ?", m_file.string());
    s.bind(1, run);
    s.step();
    return sqlite3_changes(m_db) > 0;
}

std::int64_t resumeUnfinishedRun(RunStore& store, const nlohmann::json& config,
                                 Feedback& feedback) {
    const std::int64_t run = store.latestUnfinished(config);
    if (run == 0) {
        feedback.info("--resume: no unfinished run with these settings in " +
                      store.file().string() + "; starting a new one");
        return 0;
    }
    store.reopenRun(run);
    feedback.info("resuming run " + std::to_string(run) +
                  ": the units it finished are read back, the others computed");
    return run;
}

} // namespace soilscope::project
