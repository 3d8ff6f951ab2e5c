#include "kiosk/core/pass/journal.hpp"

#include <sqlite3.h>

#include "kiosk/core/sqlite_statement.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

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
    UNIQUE (issuer, pass_id)
);
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
    return r;
}

constexpr const char* kColumns = "id, issuer, pass_id, value_unit, value_amount, status, redeemed_at, kiosk";

std::string explain(sqlite3* db, int rc) {
    const int primary = rc & 0xFF;
    if (primary == SQLITE_FULL) return "the disk is full: the redemption was not recorded";
    if (primary == SQLITE_IOERR)
        return std::string("the disk cannot be written: the redemption was not recorded (") +
               sqlite3_errmsg(db) + ")";
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return "the journal is busy: the redemption was not recorded";
    if (primary == SQLITE_READONLY) return "the journal is read-only: the redemption was not recorded";
    return std::string("the redemption was not recorded: ") + sqlite3_errmsg(db);
}

}  // namespace

std::string Journal::message_key(const std::string& issuer, const std::string& pass_id) {
    return std::string(kMessageKind) + ":" + issuer + ":" + pass_id;
}

std::string Journal::message_payload(const Redemption& r) {
    nlohmann::json j = {{"id", r.id},         {"issuer", r.issuer},           {"pass_id", r.pass_id},
                        {"status", r.status}, {"redeemed_at", r.redeemed_at}, {"kiosk", r.kiosk}};
    if (r.value) {
        j["value_unit"] = r.value->unit == Unit::Hours ? "hours" : "euros";
        j["value_amount"] = r.value->amount;  // cents or minutes
    }
    return j.dump();
}

Journal::Journal(const std::filesystem::path& file, const WallClock& clock, Options options,
                 outbox::Outbox* outbox)
    : outbox_(outbox), clock_(clock) {
    db_ = sql::open_durable(file, kSchema, options.max_pages, problem_);
    if (!db_) {
        log::error("pass journal: cannot use ", problem_, "; passes will be recorded as to be confirmed");
        return;
    }
    hand_over_to_outbox();
}

Journal::~Journal() {
    sqlite3_close(db_);
}

void Journal::hand_over_to_outbox() {
    if (!outbox_ || !outbox_->ok()) return;
    bool legacy = false;  // the older shape: an `outbox` column (1 = to sync, 0 = synced)
    {
        Statement st(db_, "SELECT 1 FROM pragma_table_info('pass_redemption') WHERE name = 'outbox'");
        legacy = st.step() == SQLITE_ROW;
    }
    std::vector<outbox::NewMessage> messages;
    std::vector<std::string> synced;
    {
        const std::string sql = std::string("SELECT ") + kColumns + (legacy ? ", outbox" : ", 1") +
                                " FROM pass_redemption ORDER BY id";
        Statement st(db_, sql.c_str());
        while (st.step() == SQLITE_ROW) {
            const Redemption r = row(st);
            messages.push_back({kMessageKind, message_key(r.issuer, r.pass_id), message_payload(r)});
            if (sqlite3_column_int(st.stmt, 8) == 0) synced.push_back(messages.back().key);
        }
    }
    if (messages.empty() && !legacy) return;
    const std::optional<std::size_t> added = outbox_->enqueue_all(messages, outbox::TimePoint{});
    if (!added) {
        log::warn("pass journal: the outbox cannot take the redemptions yet; tried again at the next start");
        return;
    }
    if (*added) log::info("pass journal: ", *added, " redemption(s) handed to the outbox");
    if (!legacy) return;
    for (const std::string& key : synced)
        if (auto m = outbox_->find(key); m && m->state == outbox::State::Pending)
            outbox_->mark_sent(m->id, outbox::TimePoint{});
    std::string error;
    if (!exec("BEGIN IMMEDIATE; DROP INDEX IF EXISTS pass_redemption_outbox; "
              "ALTER TABLE pass_redemption DROP COLUMN outbox; ALTER TABLE pass_redemption DROP COLUMN "
              "synced_at; COMMIT;",
              &error)) {
        exec("ROLLBACK");
        log::warn("pass journal: cannot drop the old outbox column (", error,
                  "); tried again at the next start");
    }
}

void Journal::mark_outbox_state(Redemption& r) const {
    if (!outbox_) return;
    auto m = outbox_->find(message_key(r.issuer, r.pass_id));
    r.outbox = m && m->state == outbox::State::Pending;
}

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
    const std::lock_guard<std::recursive_mutex> lock(mutex_);  // one connection, tasks on several workers
    if (!db_) return std::nullopt;
    const std::string sql =
        std::string("SELECT ") + kColumns + " FROM pass_redemption WHERE issuer = ? AND pass_id = ?";
    Statement st(db_, sql.c_str());
    st.bind(1, issuer).bind(2, pass_id);
    if (st.step() != SQLITE_ROW) return std::nullopt;
    Redemption r = row(st);
    mark_outbox_state(r);
    return r;
}

RedeemResult Journal::redeem(Redemption r, outbox::TimePoint now) {
    const std::lock_guard<std::recursive_mutex> lock(mutex_);  // one connection, tasks on several workers
    RedeemResult result;
    if (!db_) {
        result.error = "the journal cannot be opened: " + problem_;
        return result;
    }
    if (r.redeemed_at.empty()) r.redeemed_at = local_iso(now == outbox::TimePoint{} ? clock_.now() : now);
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
        Statement st(db_,
                     "INSERT INTO pass_redemption(issuer, pass_id, value_unit, value_amount, status, "
                     "redeemed_at, kiosk) "
                     "VALUES(?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, r.issuer).bind(2, r.pass_id).bind(5, r.status).bind(6, r.redeemed_at).bind(7, r.kiosk);
        if (r.value)
            st.bind(3, std::string(r.value->unit == Unit::Hours ? "hours" : "euros"))
                .bind(4, r.value->amount);
        else
            st.bind_null(3).bind_null(4);
        rc = st.step();
        if (rc != SQLITE_DONE) return rollback(sqlite3_extended_errcode(db_));
        result.id = sqlite3_last_insert_rowid(db_);
    }
    {
        Statement st(db_,
                     "INSERT INTO pass_daily(day, issuer, count) VALUES(?, ?, 1) "
                     "ON CONFLICT(day, issuer) DO UPDATE SET count = count + 1");
        st.bind(1, r.redeemed_at.substr(0, 10)).bind(2, r.issuer);
        rc = st.step();
        if (rc != SQLITE_DONE) return rollback(sqlite3_extended_errcode(db_));
    }
    rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return rollback(sqlite3_extended_errcode(db_));
    result.status = RedeemStatus::Recorded;
    if (outbox_) {
        r.id = result.id;
        // Recorded either way: a message that cannot be queued now is queued when the journal is next opened.
        const outbox::EnqueueResult q =
            outbox_->enqueue(kMessageKind, message_key(r.issuer, r.pass_id), message_payload(r), now);
        if (q.status == outbox::Enqueued::Failed)
            log::warn("pass journal: redemption kept, its message waits: ", q.error);
    }
    return result;
}

std::size_t Journal::count() const {
    const std::lock_guard<std::recursive_mutex> lock(mutex_);  // one connection, tasks on several workers
    if (!db_) return 0;
    Statement st(db_, "SELECT count(*) FROM pass_redemption");
    return st.step() == SQLITE_ROW ? static_cast<std::size_t>(sqlite3_column_int64(st.stmt, 0)) : 0;
}

std::vector<Redemption> Journal::unsynced(std::size_t limit) const {
    const std::lock_guard<std::recursive_mutex> lock(mutex_);  // one connection, tasks on several workers
    std::vector<Redemption> out;
    if (!db_ || !outbox_) return out;
    for (const outbox::Message& m : outbox_->pending(kMessageKind, limit)) {
        const nlohmann::json j = nlohmann::json::parse(m.payload, nullptr, false);
        if (!j.is_object() || !j.contains("issuer") || !j["issuer"].is_string() || !j.contains("pass_id") ||
            !j["pass_id"].is_string())
            continue;
        if (auto r = find(j["issuer"].get<std::string>(), j["pass_id"].get<std::string>()))
            out.push_back(std::move(*r));
    }
    return out;
}

bool Journal::mark_synced(const std::vector<std::int64_t>& ids, outbox::TimePoint now) {
    const std::lock_guard<std::recursive_mutex> lock(mutex_);  // one connection, tasks on several workers
    if (!db_ || !outbox_) return false;
    for (std::int64_t id : ids) {
        Statement st(db_, "SELECT issuer, pass_id FROM pass_redemption WHERE id = ?");
        st.bind(1, id);
        if (st.step() != SQLITE_ROW) return false;
        auto m = outbox_->find(message_key(st.text(0), st.text(1)));
        if (!m || !outbox_->mark_sent(m->id, now)) {
            log::warn("pass journal: cannot mark redemption ", id, " synced");
            return false;
        }
    }
    return true;
}

}  // namespace kiosk::pass
