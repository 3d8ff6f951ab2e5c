#include "audit_journal.hpp"

#include <sodium.h>

#include "log.hpp"
#include "sqlite_statement.hpp"

namespace kiosk {

namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS journal ("
    "  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, agent TEXT NOT NULL, action TEXT NOT NULL,"
    "  target TEXT NOT NULL, detail TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL);"
    "CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON journal"
    "  BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS journal_no_delete BEFORE DELETE ON journal"
    "  BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only'); END;";

const std::string kZeroHash(64, '0');

std::string to_hex(const unsigned char* bytes, std::size_t n) {
    std::string hex(n * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, n);
    hex.pop_back();
    return hex;
}

void feed(crypto_hash_sha256_state& state, const std::string& field) {
    const std::string length = std::to_string(field.size()) + ":";
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(length.data()), length.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(field.data()), field.size());
}

AuditJournal::Entry read_entry(sql::Statement& st) {
    AuditJournal::Entry e;
    e.id = sqlite3_column_int64(st.stmt, 0);
    e.at = sqlite3_column_int64(st.stmt, 1);
    e.agent = st.text(2);
    e.action = st.text(3);
    e.target = st.text(4);
    e.detail = st.text(5);
    e.prev = st.text(6);
    e.hash = st.text(7);
    return e;
}

constexpr const char* kColumns = "SELECT id, at, agent, action, target, detail, prev, hash FROM journal ";

}  // namespace

std::string AuditJournal::entry_hash(const Entry& e) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    feed(state, e.prev);
    feed(state, std::to_string(e.id));
    feed(state, std::to_string(e.at));
    feed(state, e.agent);
    feed(state, e.action);
    feed(state, e.target);
    feed(state, e.detail);
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, out);
    return to_hex(out, sizeof out);
}

AuditJournal::AuditJournal(const std::filesystem::path& file) {
    if (file.empty()) {
        if (sqlite3_open(":memory:", &db_) != SQLITE_OK ||
            sqlite3_exec(db_, kSchema, nullptr, nullptr, nullptr) != SQLITE_OK) {
            sqlite3_close(db_);
            db_ = nullptr;
            problem_ = "memory: cannot open";
        }
        return;
    }
    db_ = sql::open_durable(file, kSchema, 0, problem_);
    if (!db_) log::error("audit journal: ", problem_);
}

AuditJournal::~AuditJournal() {
    sqlite3_close(db_);
}

std::optional<AuditJournal::Entry> AuditJournal::append(std::int64_t at, const std::string& agent,
                                                        const std::string& action, const std::string& target,
                                                        const std::string& detail) {
    std::lock_guard lock(mutex_);
    if (!db_) return std::nullopt;
    // One transaction reads the head and appends after it: two writers never chain to the same entry.
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
        log::error("audit journal: cannot begin: ", sqlite3_errmsg(db_));
        return std::nullopt;
    }
    Entry e;
    e.at = at;
    e.agent = agent;
    e.action = action;
    e.target = target;
    e.detail = detail;
    {
        sql::Statement last(db_, "SELECT id, hash FROM journal ORDER BY id DESC LIMIT 1");
        if (last.step() == SQLITE_ROW) {
            e.id = sqlite3_column_int64(last.stmt, 0) + 1;
            e.prev = last.text(1);
        } else {
            e.id = 1;
            e.prev = kZeroHash;
        }
    }
    e.hash = entry_hash(e);
    sql::Statement insert(db_,
                          "INSERT INTO journal (id, at, agent, action, target, detail, prev, hash) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, e.id).bind(2, e.at).bind(3, e.agent).bind(4, e.action).bind(5, e.target).bind(6, e.detail);
    insert.bind(7, e.prev).bind(8, e.hash);
    if (insert.step() != SQLITE_DONE || sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        log::error("audit journal: cannot append ", action, ": ", sqlite3_errmsg(db_));
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return std::nullopt;
    }
    return e;
}

AuditJournal::Head AuditJournal::head() const {
    std::lock_guard lock(mutex_);
    Head h{0, kZeroHash};
    if (!db_) return h;
    sql::Statement last(db_, "SELECT id, hash FROM journal ORDER BY id DESC LIMIT 1");
    if (last.step() == SQLITE_ROW) h = {sqlite3_column_int64(last.stmt, 0), last.text(1)};
    return h;
}

std::vector<AuditJournal::Entry> AuditJournal::last(int n) const {
    std::lock_guard lock(mutex_);
    std::vector<Entry> out;
    if (!db_) return out;
    sql::Statement st(db_, (std::string(kColumns) + "ORDER BY id DESC LIMIT ?").c_str());
    st.bind(1, static_cast<std::int64_t>(n));
    while (st.step() == SQLITE_ROW) out.push_back(read_entry(st));
    return out;
}

AuditJournal::Verdict AuditJournal::verify(const std::filesystem::path& file,
                                           const std::optional<Head>& expected) {
    Verdict v;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        v.reason = file.string() + ": cannot open (" + (db ? sqlite3_errmsg(db) : "error") + ")";
        sqlite3_close(db);
        return v;
    }
    std::string prev = kZeroHash;
    std::int64_t expected_id = 1;
    bool ok = true;
    {
        // In rowid order, as written: an entry moved elsewhere is out of place.
        sql::Statement st(db, (std::string(kColumns) + "ORDER BY rowid").c_str());
        if (!st.stmt) {
            v.reason = file.string() + ": not an audit journal (" + sqlite3_errmsg(db) + ")";
            sqlite3_close(db);
            return v;
        }
        int rc = SQLITE_ROW;
        while ((rc = st.step()) == SQLITE_ROW) {
            const Entry e = read_entry(st);
            ++v.entries;
            auto broken = [&](const std::string& why) {
                v.first_broken = e.id;
                v.reason = "entry " + std::to_string(e.id) + ": " + why;
                ok = false;
            };
            if (e.id != expected_id)
                broken(e.id > expected_id
                           ? "entries before it are missing (expected " + std::to_string(expected_id) + ")"
                           : "out of order (expected " + std::to_string(expected_id) + ")");
            else if (e.prev != prev)
                broken("does not follow the entry before it (an entry was deleted, moved or changed)");
            else if (entry_hash(e) != e.hash)
                broken("its content was changed after it was written");
            if (!ok) break;
            prev = e.hash;
            ++expected_id;
        }
        if (ok && rc != SQLITE_DONE) {
            v.reason = file.string() + ": cannot be read to the end (" + sqlite3_errmsg(db) + ")";
            ok = false;
        }
    }
    sqlite3_close(db);
    if (ok && expected) {
        if (v.entries < expected->entries) {
            v.first_broken = v.entries + 1;
            v.reason = "cut back: " + std::to_string(expected->entries) + " entries were reported, " +
                       std::to_string(v.entries) + " are left";
            ok = false;
        } else {
            // The reported head must be in the chain at its place.
            sqlite3* again = nullptr;
            std::string at;
            if (sqlite3_open_v2(file.c_str(), &again, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
                sql::Statement st(again, "SELECT hash FROM journal WHERE id = ?");
                st.bind(1, expected->entries);
                if (st.step() == SQLITE_ROW) at = st.text(0);
            }
            sqlite3_close(again);
            if (expected->entries > 0 && at != expected->hash) {
                v.first_broken = expected->entries;
                v.reason = "entry " + std::to_string(expected->entries) + " is not the one reported earlier";
                ok = false;
            }
        }
    }
    v.ok = ok;
    if (ok) v.reason = std::to_string(v.entries) + " entries, chain intact";
    return v;
}

}  // namespace kiosk
