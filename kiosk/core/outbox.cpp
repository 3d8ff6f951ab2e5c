#include "kiosk/core/outbox.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>

#include "kiosk/core/log.hpp"
#include "kiosk/core/sqlite_statement.hpp"

namespace kiosk::outbox {
namespace {

using sql::Statement;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS outbox_message (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,         -- ms since the Unix epoch, from the caller's clock
    next_attempt_ms INTEGER NOT NULL,
    sent_ms INTEGER,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS outbox_message_due ON outbox_message(state, next_attempt_ms);
)sql";

constexpr const char* kColumns =
    "id, kind, key, payload, state, attempts, created_ms, next_attempt_ms, sent_ms, last_error";

std::int64_t to_ms(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
TimePoint from_ms(std::int64_t ms) {
    return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::milliseconds(ms)));
}

State state_of(const std::string& s) {
    if (s == "sent") return State::Sent;
    if (s == "dead") return State::Dead;
    return State::Pending;
}
const char* name_of(State s) {
    switch (s) {
        case State::Sent:
            return "sent";
        case State::Dead:
            return "dead";
        case State::Pending:
            break;
    }
    return "pending";
}

Message row(const Statement& st) {
    Message m;
    m.id = sqlite3_column_int64(st.stmt, 0);
    m.kind = st.text(1);
    m.key = st.text(2);
    m.payload = st.text(3);
    m.state = state_of(st.text(4));
    m.attempts = sqlite3_column_int(st.stmt, 5);
    m.created_at = from_ms(sqlite3_column_int64(st.stmt, 6));
    m.next_attempt_at = from_ms(sqlite3_column_int64(st.stmt, 7));
    if (sqlite3_column_type(st.stmt, 8) != SQLITE_NULL) m.sent_at = from_ms(sqlite3_column_int64(st.stmt, 8));
    m.last_error = st.text(9);
    return m;
}

std::string explain(sqlite3* db, int rc) {
    const int primary = rc & 0xFF;
    if (primary == SQLITE_FULL) return "the disk is full: the message was not queued";
    if (primary == SQLITE_READONLY) return "the outbox is read-only: the message was not queued";
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return "the outbox is busy: the message was not queued";
    return std::string("the message was not queued: ") + sqlite3_errmsg(db);
}

}  // namespace

std::chrono::milliseconds backoff_ceiling(int attempts, const Backoff& backoff) {
    if (attempts < 1) attempts = 1;
    // Doubling in floating point, compared with the cap before converting: no overflow at any attempt count.
    const double ms = static_cast<double>(backoff.base.count()) * std::pow(2.0, std::min(attempts - 1, 62));
    if (ms >= static_cast<double>(backoff.cap.count())) return backoff.cap;
    return std::chrono::milliseconds(static_cast<std::int64_t>(ms));
}

SenderByKind& SenderByKind::add(std::string kind, Sender& sender) {
    senders_[std::move(kind)] = &sender;
    return *this;
}

Delivery SenderByKind::deliver(const Message& message) {
    auto it = senders_.find(message.kind);
    if (it == senders_.end()) return {Outcome::Retry, "no sender for the kind \"" + message.kind + "\""};
    return it->second->deliver(message);
}

Outbox::Outbox(const std::filesystem::path& file, Options options) : options_(options) {
    rng_.seed(options.seed ? options.seed
                           : (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}());
    // synchronous=FULL: an enqueue that returned is on disk, power cut or not.
    db_ = sql::open_durable(file, kSchema, options.max_pages, problem_, SQLITE_OPEN_FULLMUTEX);
    if (!db_) log::error("outbox: cannot use ", problem_, "; messages cannot be queued");
}

Outbox::~Outbox() {
    sqlite3_close(db_);
}

bool Outbox::exec(const char* sql, std::string* error) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        if (error) *error = err ? err : "error";
        sqlite3_free(err);
        return false;
    }
    return true;
}

EnqueueResult Outbox::enqueue(std::string_view kind, std::string_view key, std::string_view payload,
                              TimePoint now) {
    EnqueueResult result;
    std::lock_guard lock(mutex_);
    if (!db_) {
        result.error = "the outbox cannot be opened: " + problem_;
        return result;
    }
    if (kind.empty() || key.empty()) {
        result.error = "a message needs a kind and a key";
        return result;
    }
    Statement st(
        db_,
        "INSERT INTO outbox_message(kind, key, payload, created_ms, next_attempt_ms) VALUES(?, ?, ?, ?, ?) "
        "ON CONFLICT(key) DO NOTHING");
    st.bind(1, std::string(kind)).bind(2, std::string(key)).bind(3, std::string(payload));
    st.bind(4, to_ms(now)).bind(5, to_ms(now));
    const int rc = st.step();
    if (rc != SQLITE_DONE) {
        result.error = explain(db_, sqlite3_extended_errcode(db_));
        log::error("outbox: ", result.error);
        return result;
    }
    const bool added = sqlite3_changes(db_) > 0;
    Statement id(db_, "SELECT id FROM outbox_message WHERE key = ?");
    id.bind(1, std::string(key));
    if (id.step() == SQLITE_ROW) result.id = sqlite3_column_int64(id.stmt, 0);
    result.status = added ? Enqueued::Added : Enqueued::AlreadyThere;
    if (added && on_added_) on_added_();
    return result;
}

std::optional<std::size_t> Outbox::enqueue_all(const std::vector<NewMessage>& messages, TimePoint now) {
    std::lock_guard lock(mutex_);
    if (!db_) return std::nullopt;
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return std::nullopt;
    std::size_t added = 0;
    {
        Statement st(db_,
                     "INSERT INTO outbox_message(kind, key, payload, created_ms, next_attempt_ms) "
                     "VALUES(?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING");
        for (const NewMessage& m : messages) {
            st.bind(1, m.kind).bind(2, m.key).bind(3, m.payload).bind(4, to_ms(now)).bind(5, to_ms(now));
            if (m.kind.empty() || m.key.empty() || st.step() != SQLITE_DONE) {
                log::error("outbox: ", explain(db_, sqlite3_extended_errcode(db_)));
                sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
                return std::nullopt;
            }
            added += static_cast<std::size_t>(sqlite3_changes(db_));
            sqlite3_reset(st.stmt);
        }
    }
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return std::nullopt;
    }
    if (added > 0 && on_added_) on_added_();
    return added;
}

std::vector<Message> Outbox::select(const std::string& where, const std::vector<std::int64_t>& numbers,
                                    const std::string& text) const {
    std::vector<Message> out;
    if (!db_) return out;
    const std::string sql = std::string("SELECT ") + kColumns + " FROM outbox_message WHERE " + where;
    Statement st(db_, sql.c_str());
    int i = 1;
    if (!text.empty()) st.bind(i++, text);
    for (std::int64_t n : numbers) st.bind(i++, n);
    while (st.step() == SQLITE_ROW) out.push_back(row(st));
    return out;
}

std::vector<Message> Outbox::due(TimePoint now, std::size_t limit) const {
    std::lock_guard lock(mutex_);
    return select("state = 'pending' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, id LIMIT ?",
                  {to_ms(now), static_cast<std::int64_t>(limit)});
}

std::vector<Message> Outbox::claim(TimePoint now, std::size_t limit) {
    std::lock_guard lock(mutex_);
    if (!db_ || sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return {};
    std::vector<Message> out =
        select("state = 'pending' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, id LIMIT ?",
               {to_ms(now), static_cast<std::int64_t>(limit)});
    const std::int64_t until = to_ms(now + options_.lease);
    for (Message& m : out) {
        Statement st(db_, "UPDATE outbox_message SET next_attempt_ms = ? WHERE id = ?");
        st.bind(1, until).bind(2, m.id);
        if (st.step() != SQLITE_DONE) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            return {};
        }
        m.next_attempt_at = from_ms(until);
    }
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return {};
    }
    return out;
}

bool Outbox::mark_sent(std::int64_t id, TimePoint now) {
    std::lock_guard lock(mutex_);
    if (!db_) return false;
    Statement st(db_, "UPDATE outbox_message SET state = 'sent', sent_ms = ?, last_error = '' WHERE id = ?");
    st.bind(1, to_ms(now)).bind(2, id);
    return st.step() == SQLITE_DONE && sqlite3_changes(db_) == 1;
}

bool Outbox::mark_failed(std::int64_t id, TimePoint now, const std::string& error, bool permanent) {
    std::lock_guard lock(mutex_);
    if (!db_) return false;
    Statement get(db_, "SELECT attempts FROM outbox_message WHERE id = ? AND state = 'pending'");
    get.bind(1, id);
    if (get.step() != SQLITE_ROW) return false;
    const int attempts = sqlite3_column_int(get.stmt, 0) + 1;
    const Backoff& b = options_.backoff;
    const bool dead = permanent || (b.max_attempts > 0 && attempts >= b.max_attempts);
    const auto ceiling = backoff_ceiling(attempts, b);
    const double jitter = std::clamp(b.jitter, 0.0, 1.0);
    std::uniform_real_distribution<double> fraction(1.0 - jitter, 1.0);
    const auto delay = std::chrono::milliseconds(
        static_cast<std::int64_t>(std::floor(static_cast<double>(ceiling.count()) * fraction(rng_))));
    Statement st(db_,
                 "UPDATE outbox_message SET attempts = ?, next_attempt_ms = ?, last_error = ?, state = ? "
                 "WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(attempts)).bind(2, to_ms(now + delay)).bind(3, error);
    st.bind(4, std::string(dead ? "dead" : "pending")).bind(5, id);
    const bool ok = st.step() == SQLITE_DONE;
    if (dead) log::warn("outbox: message ", id, " given up after ", attempts, " attempt(s): ", error);
    return ok;
}

DrainReport Outbox::drain(Sender& sender, TimePoint now, std::size_t limit) {
    DrainReport report;
    for (const Message& m : claim(now, limit)) {  // the connection is free while the sender works
        Delivery d;
        try {
            d = sender.deliver(m);
        } catch (const std::exception& e) {
            d = {Outcome::Retry, std::string("sender failed: ") + e.what()};
        }
        switch (d.outcome) {
            case Outcome::Sent:
                if (mark_sent(m.id, now)) ++report.sent;
                break;
            case Outcome::Retry:
                mark_failed(m.id, now, d.detail);
                ++report.retried;
                break;
            case Outcome::Permanent:
                mark_failed(m.id, now, d.detail, true);
                ++report.dead;
                break;
        }
    }
    if (report.retried) log::info("outbox: ", report.sent, " sent, ", report.retried, " to retry");
    report.next_due = next_due();
    return report;
}

std::optional<Message> Outbox::find(std::string_view key) const {
    std::lock_guard lock(mutex_);
    auto found = select("key = ?", {}, std::string(key));
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Message> Outbox::pending(std::string_view kind, std::size_t limit) const {
    std::lock_guard lock(mutex_);
    if (kind.empty())
        return select("state = 'pending' ORDER BY id LIMIT ?", {static_cast<std::int64_t>(limit)});
    return select("kind = ? AND state = 'pending' ORDER BY id LIMIT ?", {static_cast<std::int64_t>(limit)},
                  std::string(kind));
}

std::size_t Outbox::count(State state) const {
    std::lock_guard lock(mutex_);
    if (!db_) return 0;
    Statement st(db_, "SELECT count(*) FROM outbox_message WHERE state = ?");
    st.bind(1, std::string(name_of(state)));
    return st.step() == SQLITE_ROW ? static_cast<std::size_t>(sqlite3_column_int64(st.stmt, 0)) : 0;
}

std::size_t Outbox::prune_sent(TimePoint before) {
    std::lock_guard lock(mutex_);
    if (!db_) return 0;
    Statement st(db_, "DELETE FROM outbox_message WHERE state = 'sent' AND sent_ms < ?");
    st.bind(1, to_ms(before));
    if (st.step() != SQLITE_DONE) return 0;
    return static_cast<std::size_t>(sqlite3_changes(db_));
}

std::optional<TimePoint> Outbox::next_due() const {
    std::lock_guard lock(mutex_);
    return next_due_locked();
}

std::size_t Outbox::hurry(TimePoint now) {
    std::lock_guard lock(mutex_);
    if (!db_) return 0;
    Statement st(
        db_, "UPDATE outbox_message SET next_attempt_ms = ? WHERE state = 'pending' AND next_attempt_ms > ?");
    st.bind(1, to_ms(now)).bind(2, to_ms(now));
    if (st.step() != SQLITE_DONE) return 0;
    return static_cast<std::size_t>(sqlite3_changes(db_));
}

std::optional<TimePoint> Outbox::next_due_locked() const {
    if (!db_) return std::nullopt;
    Statement st(db_, "SELECT min(next_attempt_ms) FROM outbox_message WHERE state = 'pending'");
    if (st.step() != SQLITE_ROW || sqlite3_column_type(st.stmt, 0) == SQLITE_NULL) return std::nullopt;
    return from_ms(sqlite3_column_int64(st.stmt, 0));
}

}  // namespace kiosk::outbox
