#include "kiosk/core/pass/journal.hpp"

#include <sqlite3.h>

#include "kiosk/core/sqlite_statement.hpp"

#include "kiosk/core/log.hpp"

namespace kiosk::pass {
namespace {

using sql::Statement;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS pass_redemption (
    id INTEGER PRIMARY KEY,
    issuer TEXT NOT NULL,
    pass_id TEXT NOT NULL,
    value_unit TEXT,               -- 'euros' | 'hours' | NULL
    value_amount INTEGER,          -- cents | minutes
    status TEXT NOT NULL CHECK (status IN ('accepted', 'to_confirm')),
    redeemed_at TEXT NOT NULL,
    kiosk TEXT NOT NULL,
    outbox INTEGER NOT NULL DEFAULT 1,   -- 1 = to be synced through the fleet outbox, 0 = synced
    synced_at TEXT,
    UNIQUE (issuer, pass_id)
);
CREATE INDEX IF NOT EXISTS pass_redemption_outbox ON pass_redemption(outbox, id);
CREATE TABLE IF NOT EXISTS pass_daily (
    day TEXT NOT NULL,
    issuer TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, issuer)
);
)sql";



Redemption row(const Statement& st) {
    Redemption r;
    r.id = sqlite3_column_int64(st.stmt, 0);
    r.issuer = st.text(1);
    r.pass_id = st.text(2);
    if (sqlite3_column_type(st.stmt, 3) != SQLITE_NULL)
        r.value = Value{st.text(3) == "hours" ? Unit::Hours : Unit::Euros, sqlite3_column_int64(st.stmt, 4)};
    r.status = st.text(5);
    r.redeemed_at = st.text(6);
    r.kiosk = st.text(7);
    r.outbox = sqlite3_column_int(st.stmt, 8) != 0;
    return r;
}

constexpr const char* kColumns = "id, issuer, pass_id, value_unit, value_amount, status, redeemed_at, kiosk, outbox";

std::string explain(sqlite3* db, int rc) {
    const int primary = rc & 0xFF;
    if (primary == SQLITE_FULL) return "the disk is full: the redemption was not recorded";
    if (primary == SQLITE_IOERR) return std::string("the disk cannot be written: the redemption was not recorded (") + sqlite3_errmsg(db) + ")";
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return "the journal is busy: the redemption was not recorded";
    if (primary == SQLITE_READONLY) return "the journal is read-only: the redemption was not recorded";
    return std::string("the redemption was not recorded: ") + sqlite3_errmsg(db);
}

}  // namespace

Journal::Journal(const std::filesystem::path& file, const WallClock& clock, Options options) : clock_(clock) {
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    int rc = sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    std::string error;
    if (rc == SQLITE_OK && exec("PRAGMA busy_timeout=2000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", &error) &&
        exec(kSchema, &error)) {
        if (options.max_pages > 0) {
            const std::string pragma = "PRAGMA max_page_count=" + std::to_string(options.max_pages) + ";";
            exec(pragma.c_str());
        }
        return;
    }
    problem_ = file.string() + ": " + (error.empty() ? (db_ ? sqlite3_errmsg(db_) : "cannot open") : error);
    log::error("pass journal: cannot use ", problem_, "; passes will be recorded as to be confirmed");
    sqlite3_close(db_);
    db_ = nullptr;
}

Journal::~Journal() { sqlite3_close(db_); }

bool Journal::exec(const char* sql, std::string* error) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        if (error) *error = err ? err : "error";
        sqlite3_free(err);
        return false;
    }
    return true;
}

std::optional<Redemption> Journal::find(const std::string& issuer, const std::string& pass_id) const {
    if (!db_) return std::nullopt;
    const std::string sql = std::string("SELECT ") + kColumns + " FROM pass_redemption WHERE issuer = ? AND pass_id = ?";
    Statement st(db_, sql.c_str());
    st.bind(1, issuer).bind(2, pass_id);
    if (st.step() != SQLITE_ROW) return std::nullopt;
    return row(st);
}

RedeemResult Journal::redeem(Redemption r) {
    RedeemResult result;
    if (!db_) {
        result.error = "the journal cannot be opened: " + problem_;
        return result;
    }
    if (r.redeemed_at.empty()) r.redeemed_at = local_iso(clock_.now());
    int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        result.error = explain(db_, rc);
        return result;
    }
    auto rollback = [&](int code) {
        const bool unique = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
        result.status = unique ? RedeemStatus::AlreadyUsed : RedeemStatus::Failed;
        if (!unique) result.error = explain(db_, code);
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        if (!unique) log::error("pass journal: ", result.error);
        return result;
    };
    {
        Statement st(db_, "INSERT INTO pass_redemption(issuer, pass_id, value_unit, value_amount, status, redeemed_at, kiosk, outbox) "
                          "VALUES(?, ?, ?, ?, ?, ?, ?, 1)");
        st.bind(1, r.issuer).bind(2, r.pass_id).bind(5, r.status).bind(6, r.redeemed_at).bind(7, r.kiosk);
        if (r.value) st.bind(3, std::string(r.value->unit == Unit::Hours ? "hours" : "euros")).bind(4, r.value->amount);
        else st.bind_null(3).bind_null(4);
        rc = st.step();
        if (rc != SQLITE_DONE) return rollback(sqlite3_extended_errcode(db_));
        result.id = sqlite3_last_insert_rowid(db_);
    }
    {
        Statement st(db_, "INSERT INTO pass_daily(day, issuer, count) VALUES(?, ?, 1) "
                          "ON CONFLICT(day, issuer) DO UPDATE SET count = count + 1");
        st.bind(1, r.redeemed_at.substr(0, 10)).bind(2, r.issuer);
        rc = st.step();
        if (rc != SQLITE_DONE) return rollback(sqlite3_extended_errcode(db_));
    }
    rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return rollback(sqlite3_extended_errcode(db_));
    result.status = RedeemStatus::Recorded;
    return result;
}

std::size_t Journal::count() const {
    if (!db_) return 0;
    Statement st(db_, "SELECT count(*) FROM pass_redemption");
    return st.step() == SQLITE_ROW ? static_cast<std::size_t>(sqlite3_column_int64(st.stmt, 0)) : 0;
}

std::vector<Redemption> Journal::unsynced(std::size_t limit) const {
    std::vector<Redemption> out;
    if (!db_) return out;
    const std::string sql = std::string("SELECT ") + kColumns + " FROM pass_redemption WHERE outbox = 1 ORDER BY id LIMIT ?";
    Statement st(db_, sql.c_str());
    st.bind(1, static_cast<std::int64_t>(limit));
    while (st.step() == SQLITE_ROW) out.push_back(row(st));
    return out;
}

bool Journal::mark_synced(const std::vector<std::int64_t>& ids) {
    if (!db_) return false;
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return false;
    const std::string at = local_iso(clock_.now());
    for (std::int64_t id : ids) {
        Statement st(db_, "UPDATE pass_redemption SET outbox = 0, synced_at = ? WHERE id = ?");
        st.bind(1, at).bind(2, id);
        if (st.step() != SQLITE_DONE) {
            log::warn("pass journal: cannot mark synced: ", sqlite3_errmsg(db_));
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            return false;
        }
    }
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return false;
    }
    return true;
}

}  // namespace kiosk::pass
