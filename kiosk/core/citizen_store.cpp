#include "citizen_store.hpp"

#include <sqlite3.h>

#include "kiosk/core/sqlite_statement.hpp"

#include "log.hpp"

namespace kiosk {
namespace {

using sql::Statement;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS citizen_session (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    language TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS citizen_event (
    session_id INTEGER NOT NULL REFERENCES citizen_session(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS citizen_value (
    session_id INTEGER NOT NULL REFERENCES citizen_session(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (session_id, key)
);
CREATE TABLE IF NOT EXISTS usage_daily (
    day TEXT NOT NULL,
    metric TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, metric)
);
)sql";



}  // namespace

CitizenStore::CitizenStore(const std::filesystem::path& file, const WallClock& clock) : file_(file), clock_(clock) {
    open(file);
}

CitizenStore::~CitizenStore() { sqlite3_close(db_); }

void CitizenStore::open(const std::filesystem::path& file) {
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    int rc = sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc == SQLITE_OK) {
        // secure_delete overwrites what is deleted, so a wiped session cannot be read back from the file.
        if (exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; "
                 "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=2000;") &&
            exec(kSchema)) {
            log::info("database: ", file.string());
            return;
        }
    }
    problem_ = file.string() + ": " + (db_ ? sqlite3_errmsg(db_) : "cannot open");
    log::error("database: cannot use ", problem_, "; keeping the citizen session in memory only");
    sqlite3_close(db_);
    db_ = nullptr;
    degraded_ = true;
    sqlite3_open(":memory:", &db_);
    exec("PRAGMA foreign_keys=ON;");
    exec(kSchema);
}

bool CitizenStore::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        log::error("database: ", err ? err : "error");
        sqlite3_free(err);
        return false;
    }
    return true;
}

void CitizenStore::begin_session(const std::string& language) {
    Statement st(db_, "INSERT INTO citizen_session(started_at, language) VALUES(?, ?)");
    st.bind(1, local_iso(clock_.now())).bind(2, language);
    if (st.step() == SQLITE_DONE) session_id_ = sqlite3_last_insert_rowid(db_);
    else log::error("database: cannot start a session: ", sqlite3_errmsg(db_));
}

bool CitizenStore::has_session() const { return session_id_ != 0; }

void CitizenStore::record(const std::string& kind, const std::string& detail) {
    if (!session_id_) return;
    Statement st(db_, "INSERT INTO citizen_event(session_id, at, kind, detail) VALUES(?, ?, ?, ?)");
    st.bind(1, session_id_).bind(2, local_iso(clock_.now())).bind(3, kind).bind(4, detail);
    if (st.step() != SQLITE_DONE) log::warn("database: cannot record ", kind, ": ", sqlite3_errmsg(db_));
}

void CitizenStore::set_value(const std::string& key, const std::string& value) {
    if (!session_id_) return;
    Statement st(db_, "INSERT INTO citizen_value(session_id, key, value) VALUES(?, ?, ?) "
                      "ON CONFLICT(session_id, key) DO UPDATE SET value = excluded.value");
    st.bind(1, session_id_).bind(2, key).bind(3, value);
    if (st.step() != SQLITE_DONE) log::warn("database: cannot keep ", key, ": ", sqlite3_errmsg(db_));
}

std::optional<std::string> CitizenStore::value(const std::string& key) const {
    Statement st(db_, "SELECT value FROM citizen_value WHERE session_id = ? AND key = ?");
    st.bind(1, session_id_).bind(2, key);
    if (st.step() != SQLITE_ROW) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st.stmt, 0)));
}

std::size_t CitizenStore::citizen_rows() const {
    Statement st(db_, "SELECT (SELECT count(*) FROM citizen_session) + (SELECT count(*) FROM citizen_event) + "
                      "(SELECT count(*) FROM citizen_value)");
    return st.step() == SQLITE_ROW ? static_cast<std::size_t>(sqlite3_column_int64(st.stmt, 0)) : 0;
}

void CitizenStore::wipe() {
    session_id_ = 0;
    bool ok = exec("BEGIN IMMEDIATE; DELETE FROM citizen_value; DELETE FROM citizen_event; "
                   "DELETE FROM citizen_session; COMMIT;");
    if (!ok) {
        exec("ROLLBACK;");
        log::error("database: the citizen session could not be wiped; retrying row by row");
        exec("DELETE FROM citizen_value; DELETE FROM citizen_event; DELETE FROM citizen_session;");
    }
    // The write-ahead log still holds the old pages until it is checkpointed and truncated.
    exec("PRAGMA wal_checkpoint(TRUNCATE);");
}

void CitizenStore::count(const std::string& day, const std::string& metric, int by) {
    Statement st(db_, "INSERT INTO usage_daily(day, metric, count) VALUES(?, ?, ?) "
                      "ON CONFLICT(day, metric) DO UPDATE SET count = count + excluded.count");
    st.bind(1, day).bind(2, metric).bind(3, static_cast<std::int64_t>(by));
    if (st.step() != SQLITE_DONE) log::warn("database: cannot count ", metric, ": ", sqlite3_errmsg(db_));
}

int CitizenStore::counter(const std::string& day, const std::string& metric) const {
    Statement st(db_, "SELECT count FROM usage_daily WHERE day = ? AND metric = ?");
    st.bind(1, day).bind(2, metric);
    return st.step() == SQLITE_ROW ? sqlite3_column_int(st.stmt, 0) : 0;
}

}  // namespace kiosk
