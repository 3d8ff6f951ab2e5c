#include "citizen_store.hpp"

#include <sqlite3.h>

#include "kiosk/core/sqlite_statement.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <vector>

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

CitizenStore::CitizenStore(const std::filesystem::path& file, const WallClock& clock)
    : file_(file), clock_(clock) {
    open();
}

CitizenStore::~CitizenStore() {
    sqlite3_close(db_);
}

namespace {
// Overwrites a file with zeros before deleting it: what it held is not left in its freed blocks for the
// next reader of the disk (as far as the file system lets us).
bool overwrite_and_remove(const std::filesystem::path& p) {
    const int fd = ::open(p.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd >= 0) {
        struct stat st {};
        if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
            const std::vector<char> zeros(64 * 1024, 0);
            for (off_t done = 0; done < st.st_size;) {
                const auto n =
                    ::pwrite(fd, zeros.data(), std::min<off_t>(st.st_size - done, off_t(zeros.size())), done);
                if (n <= 0) break;
                done += n;
            }
            ::fsync(fd);
        }
        ::close(fd);
    }
    return ::unlink(p.c_str()) == 0 || errno == ENOENT;
}
}  // namespace

void CitizenStore::open() {
    std::error_code ec;
    if (file_.has_parent_path()) std::filesystem::create_directories(file_.parent_path(), ec);
    if (open_on_disk()) {
        if (intact()) return;
        log::error("database: ", file_.string(), " is damaged; it is deleted and made again");
        if (!rebuild()) open_in_memory();
        return;
    }
    // A file that exists but is not a readable database may still hold a citizen's session: it goes.
    if (status_ != StoreStatus::ReadOnly && std::filesystem::exists(file_, ec)) {
        log::error("database: ", problem_, "; it is deleted and made again");
        if (rebuild()) return;
    }
    open_in_memory();
}

bool CitizenStore::open_on_disk() {
    int rc = sqlite3_open_v2(file_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc == SQLITE_OK && sqlite3_db_readonly(db_, "main") == 1) rc = SQLITE_READONLY;
    // secure_delete overwrites what is deleted, so a wiped session cannot be read back from the file.
    if (rc == SQLITE_OK &&
        exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; "
             "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=2000;",
             true) &&
        exec(kSchema, true)) {
        log::info("database: ", file_.string());
        return true;
    }
    const int code = rc != SQLITE_OK ? rc : sqlite3_errcode(db_);
    problem_ = file_.string() + ": " +
               (code == SQLITE_READONLY ? "read-only"
                : db_                   ? sqlite3_errmsg(db_)
                                        : "cannot open");
    std::error_code ec;
    const bool exists = std::filesystem::exists(file_, ec);
    if (code == SQLITE_READONLY || code == SQLITE_PERM ||
        (exists && (::access(file_.c_str(), W_OK) != 0 ||
                    ::access(file_.parent_path().empty() ? "." : file_.parent_path().c_str(), W_OK) != 0)))
        status_ = StoreStatus::ReadOnly;
    sqlite3_close(db_);
    db_ = nullptr;
    return false;
}

void CitizenStore::open_in_memory() {
    sqlite3_close(db_);
    db_ = nullptr;
    if (status_ != StoreStatus::ReadOnly) status_ = StoreStatus::Memory;
    log::error("database: cannot use ", problem_, "; keeping the citizen session in memory only",
               status_ == StoreStatus::ReadOnly ? " (a session left on it cannot be wiped)" : "");
    sqlite3_open(":memory:", &db_);
    exec("PRAGMA foreign_keys=ON;");
    exec(kSchema);
}

bool CitizenStore::rebuild() {
    sqlite3_close(db_);
    db_ = nullptr;
    session_id_ = 0;
    bool removed = true;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        removed = overwrite_and_remove(file_.string() + suffix) && removed;
    if (!removed) {
        problem_ = file_.string() + ": cannot be deleted (" + std::strerror(errno) + ")";
        status_ = StoreStatus::ReadOnly;
        return false;
    }
    if (!open_on_disk()) return false;
    if (!intact()) {
        problem_ = file_.string() + ": damaged again once made";
        sqlite3_close(db_);
        db_ = nullptr;
        return false;
    }
    status_ = StoreStatus::Rebuilt;
    return true;
}

bool CitizenStore::intact() const {
    Statement st(db_, "PRAGMA quick_check");
    return st.step() == SQLITE_ROW && st.text(0) == "ok";
}

bool CitizenStore::exec(const char* sql, bool quiet) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        if (!quiet) log::error("database: ", err ? err : "error");
        sqlite3_free(err);
        return false;
    }
    return true;
}

void CitizenStore::begin_session(const std::string& language) {
    Statement st(db_, "INSERT INTO citizen_session(started_at, language) VALUES(?, ?)");
    st.bind(1, local_iso(clock_.now())).bind(2, language);
    if (st.step() == SQLITE_DONE)
        session_id_ = sqlite3_last_insert_rowid(db_);
    else
        log::error("database: cannot start a session: ", sqlite3_errmsg(db_));
}

bool CitizenStore::has_session() const {
    return session_id_ != 0;
}

void CitizenStore::record(const std::string& kind, const std::string& detail) {
    if (!session_id_) return;
    Statement st(db_, "INSERT INTO citizen_event(session_id, at, kind, detail) VALUES(?, ?, ?, ?)");
    st.bind(1, session_id_).bind(2, local_iso(clock_.now())).bind(3, kind).bind(4, detail);
    if (st.step() != SQLITE_DONE) log::warn("database: cannot record ", kind, ": ", sqlite3_errmsg(db_));
}

void CitizenStore::set_value(const std::string& key, const std::string& value) {
    if (!session_id_) return;
    Statement st(db_,
                 "INSERT INTO citizen_value(session_id, key, value) VALUES(?, ?, ?) "
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

std::optional<std::size_t> CitizenStore::citizen_rows() const {
    Statement st(db_,
                 "SELECT (SELECT count(*) FROM citizen_session) + (SELECT count(*) FROM citizen_event) + "
                 "(SELECT count(*) FROM citizen_value)");
    if (st.step() != SQLITE_ROW) return std::nullopt;
    return static_cast<std::size_t>(sqlite3_column_int64(st.stmt, 0));
}

void CitizenStore::wipe() {
    session_id_ = 0;
    bool ok = exec(
        "BEGIN IMMEDIATE; DELETE FROM citizen_value; DELETE FROM citizen_event; "
        "DELETE FROM citizen_session; COMMIT;");
    if (!ok) {
        exec("ROLLBACK;");
        log::error("database: the citizen session could not be wiped; retrying row by row");
        ok = exec("DELETE FROM citizen_value; DELETE FROM citizen_event; DELETE FROM citizen_session;");
    }
    // The write-ahead log still holds the old pages until it is checkpointed and truncated.
    ok = exec("PRAGMA wal_checkpoint(TRUNCATE);") && ok;
    if (ok && citizen_rows() == std::size_t{0}) return;
    if (status_ != StoreStatus::Ok && status_ != StoreStatus::Rebuilt) return;  // in memory: nothing on disk
    log::error("database: the citizen session cannot be wiped from ", file_.string(),
               "; it is deleted and made again");
    if (!rebuild()) open_in_memory();
}

bool CitizenStore::wipe_left_over() {
    const std::optional<std::size_t> rows = citizen_rows();
    if (rows == std::size_t{0}) return false;
    if (rows) {
        log::info("session: wiping a citizen session left by the last run");
        wipe();
    } else {
        log::error("database: the citizen tables of ", file_.string(),
                   " cannot be read; it is deleted and made again");
        if (!rebuild()) open_in_memory();
    }
    return true;
}

void CitizenStore::count(const std::string& day, const std::string& metric, int by) {
    Statement st(db_,
                 "INSERT INTO usage_daily(day, metric, count) VALUES(?, ?, ?) "
                 "ON CONFLICT(day, metric) DO UPDATE SET count = count + excluded.count");
    st.bind(1, day).bind(2, metric).bind(3, static_cast<std::int64_t>(by));
    if (st.step() != SQLITE_DONE) log::warn("database: cannot count ", metric, ": ", sqlite3_errmsg(db_));
}

void CitizenStore::count_person(const std::string& metric, const std::string& day) {
    Waiting& w = waiting_[metric];
    if (w.people == 0 || day < w.first_day) w.first_day = day;
    if (w.people == 0 || day > w.last_day) w.last_day = day;
    if (++w.people < kMinPeople) return;
    count(w.first_day + "/" + w.last_day, metric, w.people);
    waiting_.erase(metric);
}

namespace {

CitizenStore::Grouped read_one(sqlite3* db, const std::string& metric) {
    Statement st(db,
                 "SELECT coalesce(sum(count), 0), coalesce(min(day), '') FROM usage_daily "
                 "WHERE metric = ? AND instr(day, '/') > 0");
    st.bind(1, metric);
    CitizenStore::Grouped g;
    if (st.step() != SQLITE_ROW) return g;
    g.count = sqlite3_column_int(st.stmt, 0);
    g.since = st.text(1).substr(0, 10);
    return g;
}

}  // namespace

std::optional<std::map<std::string, CitizenStore::Grouped>> CitizenStore::read_grouped(
    const std::filesystem::path& file, const std::vector<std::string>& metrics) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return std::nullopt;
    }
    sqlite3_busy_timeout(db, 500);
    std::map<std::string, Grouped> out;
    for (const std::string& m : metrics) out[m] = read_one(db, m);
    sqlite3_close(db);
    return out;
}

CitizenStore::Grouped CitizenStore::grouped(const std::string& metric) const {
    return read_one(db_, metric);
}

std::map<std::string, CitizenStore::Grouped> CitizenStore::grouped(
    const std::vector<std::string>& metrics) const {
    std::map<std::string, Grouped> out;
    for (const std::string& m : metrics) out[m] = read_one(db_, m);
    return out;
}

int CitizenStore::waiting(const std::string& metric) const {
    auto it = waiting_.find(metric);
    return it == waiting_.end() ? 0 : it->second.people;
}

int CitizenStore::counter(const std::string& day, const std::string& metric) const {
    Statement st(db_, "SELECT count FROM usage_daily WHERE day = ? AND metric = ?");
    st.bind(1, day).bind(2, metric);
    return st.step() == SQLITE_ROW ? sqlite3_column_int(st.stmt, 0) : 0;
}

}  // namespace kiosk
